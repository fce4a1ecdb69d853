/// GFM tables (GFM spec §4.10) and task list items (§5.3), as cmark-gfm's extensions do them:
/// a table starts when a paragraph's line is followed by a delimiter row with as many cells as
/// that line; each later non-blank line that starts no other block is a row.
extension BlockParser {
    /// A delimiter row at the next non-space: one alignment per cell.
    func delimiterRow() -> [Int32]? {
        var i = nextNonspace
        var alignments: [Int32] = []
        if i < lineEnd, p[i] == UInt8(ascii: "|") { i += 1 }
        while true {
            while i < lineEnd, ByteClass.isSpaceOrTab(p[i]) { i += 1 }
            var left = false
            var right = false
            if i < lineEnd, p[i] == UInt8(ascii: ":") {
                left = true
                i += 1
            }
            let dashes = i
            while i < lineEnd, p[i] == UInt8(ascii: "-") { i += 1 }
            guard i > dashes else { return nil }
            if i < lineEnd, p[i] == UInt8(ascii: ":") {
                right = true
                i += 1
            }
            while i < lineEnd, ByteClass.isSpaceOrTab(p[i]) { i += 1 }
            alignments.append(left && right ? CellAlignment.center : left ? CellAlignment.left : right ? CellAlignment.right : CellAlignment.none)
            if i >= lineEnd { break }
            guard p[i] == UInt8(ascii: "|") else { return nil }
            i += 1
            while i < lineEnd, ByteClass.isSpaceOrTab(p[i]) { i += 1 }
            if i >= lineEnd { break }
        }
        return alignments
    }

    /// The cells of a row in `q[start..<end]`, trimmed: cells are separated by unescaped
    /// pipes; a leading and a trailing pipe are optional.
    static func rowCells(_ q: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> [(Int, Int)] {
        var cells: [(Int, Int)] = []
        var i = start
        if i < end, q[i] == UInt8(ascii: "|") { i += 1 }
        while i < end {
            let cellStart = i
            while i < end, q[i] != UInt8(ascii: "|") {
                i += q[i] == UInt8(ascii: "\\") && i + 1 < end ? 2 : 1
            }
            let cellEnd = min(i, end)
            let pipe = i < end
            var s = cellStart
            var e = cellEnd
            while s < e, ByteClass.isWhitespace(q[s]) { s += 1 }
            while e > s, ByteClass.isWhitespace(q[e - 1]) { e -= 1 }
            if pipe {
                cells.append((s, e))
                i += 1
                // What follows a final pipe is only white space: no more cells.
                var k = i
                while k < end, ByteClass.isWhitespace(q[k]) { k += 1 }
                if k >= end { break }
            } else {
                if cellEnd > cellStart { cells.append((s, e)) }
                break
            }
        }
        return cells
    }

    /// The input offset a given arena offset of block content came from.
    func sourceOffset(arena: Int) -> Int {
        var lo = 0
        var hi = lineMap.count / 2 - 1
        guard hi >= 0 else { return 0 }
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if Int(lineMap[2 * mid]) <= arena { lo = mid } else { hi = mid - 1 }
        }
        return Int(lineMap[2 * lo + 1]) + max(0, arena - Int(lineMap[2 * lo]))
    }

    /// Turns the last line of `paragraph` into a table's header row, when its cell count
    /// matches the delimiter row's; earlier lines stay a paragraph. Returns the table.
    mutating func openTable(_ paragraph: Int32, _ alignments: [Int32]) -> Int32? {
        let start = Int(store.nodes[Int(paragraph)].start)
        let end = Int(store.nodes[Int(paragraph)].end)
        guard end > start else { return nil }
        var lastLine = end - 1
        while lastLine > start, store.bytes[lastLine - 1] != 0x0A { lastLine -= 1 }
        let line = Array(store.bytes[lastLine..<(end - 1)])
        let cells = line.withUnsafeBufferPointer { BlockParser.rowCells($0, 0, $0.count) }
        guard cells.count == alignments.count else { return nil }
        let source = sourceOffset(arena: lastLine)
        store.nodes[Int(paragraph)].end = Int32(lastLine)
        let parent = store.nodes[Int(paragraph)].parent
        tip = finalize(paragraph)
        let table = addChild(parent, .table, source: source)
        store.nodes[Int(table)].a = Int32(alignments.count)
        self.alignments = alignments
        alignmentsTable = table
        line.withUnsafeBufferPointer { q in
            appendRow(table, q, cells, sourceBase: source, alignments: alignments, header: true)
        }
        return table
    }

    /// Adds the current line as a body row of `table`.
    mutating func addTableRow(_ table: Int32) {
        if table != alignmentsTable {
            // Read the alignments back from the header row (a table reopened elsewhere).
            alignments.removeAll(keepingCapacity: true)
            var cell = store.nodes[Int(store.nodes[Int(table)].firstChild)].firstChild
            while cell >= 0 {
                alignments.append(store.nodes[Int(cell)].a)
                cell = store.nodes[Int(cell)].next
            }
            alignmentsTable = table
        }
        let alignments = self.alignments
        let cells = BlockParser.rowCells(p, nextNonspace, lineEnd)
        appendRow(table, p, cells, sourceBase: 0, alignments: alignments, header: false)
    }

    private mutating func appendRow(_ table: Int32, _ q: UnsafeBufferPointer<UInt8>, _ cells: [(Int, Int)],
                                    sourceBase: Int, alignments: [Int32], header: Bool) {
        let row = store.make(.tableRow, source: sourceBase + (cells.first?.0 ?? 0))
        if header { store.nodes[Int(row)].flags |= NodeFlag.header }
        store.appendChild(table, row)
        for column in 0..<alignments.count {
            let source = column < cells.count ? sourceBase + cells[column].0 : sourceBase
            let node = store.make(.tableCell, source: source)
            store.nodes[Int(node)].a = alignments[column]
            let s = Int32(store.bytes.count)
            if column < cells.count {
                lineMap.append(s)
                lineMap.append(Int32(source))
                // `\|` in a cell is a pipe of the content (GFM §4.10).
                var i = cells[column].0
                let e = cells[column].1
                while i < e {
                    if q[i] == UInt8(ascii: "\\"), i + 1 < e, q[i + 1] == UInt8(ascii: "|") { i += 1 }
                    store.bytes.append(q[i])
                    i += 1
                }
            }
            store.nodes[Int(node)].start = s
            store.nodes[Int(node)].end = Int32(store.bytes.count)
            store.appendChild(row, node)
        }
    }

    /// `[ ]`, `[x]` or `[X]` then white space right after a list marker at the line start,
    /// as cmark-gfm matches it; returns whether the task is checked.
    func taskMarker() -> Bool? {
        var i = lineStart
        while i < lineEnd, ByteClass.isSpaceOrTab(p[i]) { i += 1 }
        guard i < lineEnd else { return nil }
        if p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "*") {
            i += 1
        } else if ByteClass.isDigit(p[i]) {
            while i < lineEnd, ByteClass.isDigit(p[i]) { i += 1 }
            i += 1
        } else {
            return nil
        }
        let spaces = i
        while i < lineEnd, ByteClass.isWhitespace(p[i]) { i += 1 }
        guard i > spaces, i == nextNonspace, i + 3 <= lineEnd, p[i] == UInt8(ascii: "["), p[i + 2] == UInt8(ascii: "]") else { return nil }
        let mark = p[i + 1]
        guard mark == 0x20 || mark == UInt8(ascii: "x") || mark == UInt8(ascii: "X") else { return nil }
        // cmark-gfm wants white space after the brackets, not the line end.
        guard i + 3 < lineEnd, ByteClass.isSpaceOrTab(p[i + 3]) else { return nil }
        // cmark-gfm calls a task done when "[x]" or "[X]" appears anywhere on the line.
        var j = lineStart
        while j + 3 <= lineEnd {
            if p[j] == UInt8(ascii: "["), p[j + 2] == UInt8(ascii: "]"), p[j + 1] | 0x20 == UInt8(ascii: "x") { return true }
            j += 1
        }
        return false
    }
}
