#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A link reference definition: destination and title as ranges of `BlockParser.referenceBytes`
/// (already unescaped). They live apart from the arena because a paragraph whose definitions
/// are resolved early (a setext underline) may still receive lines.
struct ReferenceDefinition: Sendable {
    var destination: (Int32, Int32)
    var title: (Int32, Int32)
}

/// The block phase (CommonMark 0.31.2 §4-§5, after cmark's blocks.c): line by line, continue
/// the open containers, try block starts, then add the rest of the line as text. Leaf
/// contents go to the arena with container prefixes removed; the inline phase reads them later.
struct BlockParser {
    var store = NodeStore()
    let options: MarkdownOptions
    var references: [[UInt8]: ReferenceDefinition] = [:]
    var referenceBytes: [UInt8] = []
    /// Pairs (arena offset, input offset), one per line added to a leaf, in arena order.
    var lineMap: [Int32] = []

    let p: UnsafeBufferPointer<UInt8>
    var lineStart = 0
    var lineEnd = 0
    var lineNumber = 0
    var offset = 0
    var column = 0
    var nextNonspace = 0
    var nextNonspaceColumn = 0
    var indent = 0
    var blank = false
    var partiallyConsumedTab = false
    var thematicBreakKillPosition = 0
    /// The column alignments of the table that `alignmentsTable` names.
    var alignments: [Int32] = []
    var alignmentsTable: Int32 = -1
    var tip: Int32 = 0
    var oldTip: Int32 = 0
    var lastMatched: Int32 = 0
    var allClosed = true

    init(input: UnsafeBufferPointer<UInt8>, options: MarkdownOptions) {
        self.p = input
        self.options = options
        store.nodes.reserveCapacity(input.count / 16 + 16)
        store.bytes.reserveCapacity(input.count + input.count / 8 + 64)
        let root = store.make(.document, source: 0)
        store.nodes[Int(root)].flags = NodeFlag.open
    }

    /// Runs the block phase over the whole input.
    mutating func run() {
        let n = p.count
        var i = 0
        // A byte order mark is not content.
        if n >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { i = 3 }
        // Lines end at LF, CRLF or a lone CR (§2.1). Most inputs have no CR at all: then the
        // line ends are found with memchr.
        let hasCR = n > 0 && memchr(p.baseAddress!, 0x0D, n) != nil
        while i < n {
            var j = i
            if hasCR {
                while j < n, p[j] != 0x0A, p[j] != 0x0D { j += 1 }
            } else if let found = memchr(p.baseAddress! + i, 0x0A, n - i) {
                j = p.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
            } else {
                j = n
            }
            lineStart = i
            lineEnd = j
            lineNumber += 1
            processLine()
            if j < n, p[j] == 0x0D, j + 1 < n, p[j + 1] == 0x0A { j += 1 }
            i = j + 1
        }
        while tip >= 0 {
            tip = finalize(tip)
        }
    }

    // MARK: - Line state

    @inline(__always) mutating func findNextNonspace() {
        // The last scan still holds while the offset has not passed it (as cmark caches it):
        // deep containers would otherwise rescan the same indentation once per level.
        if nextNonspace > offset {
            indent = nextNonspaceColumn - column
            return
        }
        var i = offset
        var cols = column
        while i < lineEnd {
            let c = p[i]
            if c == 0x20 {
                i += 1
                cols += 1
            } else if c == 0x09 {
                i += 1
                cols += 4 - cols % 4
            } else {
                break
            }
        }
        blank = i >= lineEnd
        nextNonspace = i
        nextNonspaceColumn = cols
        indent = cols - column
    }

    /// Advances `count` bytes, or `count` columns when `columns` is true (a tab may be
    /// consumed in part, §2.2).
    mutating func advanceOffset(_ count: Int, columns: Bool) {
        var count = count
        while count > 0, offset < lineEnd {
            if p[offset] == 0x09 {
                let charsToTab = 4 - column % 4
                if columns {
                    partiallyConsumedTab = charsToTab > count
                    let advance = min(count, charsToTab)
                    column += advance
                    if !partiallyConsumedTab { offset += 1 }
                    count -= advance
                } else {
                    partiallyConsumedTab = false
                    column += charsToTab
                    offset += 1
                    count -= 1
                }
            } else {
                partiallyConsumedTab = false
                offset += 1
                column += 1
                count -= 1
            }
        }
    }

    @inline(__always) mutating func advanceToNextNonspace() {
        offset = nextNonspace
        column = nextNonspaceColumn
        partiallyConsumedTab = false
    }

    @inline(__always) func peek(_ i: Int) -> UInt8 { i < lineEnd ? p[i] : 0x0A }

    // MARK: - Tree

    @inline(__always) func kind(_ n: Int32) -> NodeKind { store.nodes[Int(n)].kind }

    func canContain(_ parent: NodeKind, _ child: NodeKind) -> Bool {
        switch parent {
        case .document, .blockQuote, .item: return child != .item && child != .tableRow
        case .list: return child == .item
        case .table: return child == .tableRow
        default: return false
        }
    }

    mutating func addChild(_ parent: Int32, _ kind: NodeKind, source: Int) -> Int32 {
        var parent = parent
        while !canContain(self.kind(parent), kind) { parent = finalize(parent) }
        let node = store.make(kind, source: source)
        store.nodes[Int(node)].flags = NodeFlag.open
        let arena = Int32(store.bytes.count)
        store.nodes[Int(node)].start = arena
        store.nodes[Int(node)].end = arena
        store.appendChild(parent, node)
        tip = node
        return node
    }

    mutating func closeUnmatchedBlocks() {
        guard !allClosed else { return }
        while oldTip != lastMatched {
            let parent = store.nodes[Int(oldTip)].parent
            _ = finalize(oldTip)
            oldTip = parent
        }
        tip = lastMatched
        allClosed = true
    }

    mutating func addLine(_ node: Int32) {
        if partiallyConsumedTab {
            offset += 1
            let charsToTab = 4 - column % 4
            for _ in 0..<charsToTab { store.bytes.append(0x20) }
        }
        lineMap.append(Int32(store.bytes.count))
        lineMap.append(Int32(offset))
        if offset < lineEnd {
            store.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[offset..<lineEnd]))
        }
        store.bytes.append(0x0A)
        store.nodes[Int(node)].end = Int32(store.bytes.count)
    }

    // MARK: - One line (§5 "Phase 1")

    mutating func processLine() {
        offset = lineStart
        column = 0
        nextNonspace = lineStart
        thematicBreakKillPosition = lineStart
        blank = false
        partiallyConsumedTab = false
        var container: Int32 = 0
        var allMatched = true

        // 1. Continue the open blocks.
        while true {
            let last = store.nodes[Int(container)].lastChild
            guard last >= 0, store.nodes[Int(last)].flags & NodeFlag.open != 0 else { break }
            container = last
            findNextNonspace()
            var matched = true
            switch kind(container) {
            case .blockQuote:
                if indent <= 3, peek(nextNonspace) == UInt8(ascii: ">") {
                    advanceToNextNonspace()
                    advanceOffset(1, columns: true)
                    if ByteClass.isSpaceOrTab(peek(offset)) { advanceOffset(1, columns: true) }
                } else {
                    matched = false
                }
            case .item:
                let n = store.nodes[Int(container)]
                let width = Int(n.b + n.c)
                if indent >= width {
                    advanceOffset(width, columns: true)
                } else if blank, n.firstChild >= 0 {
                    advanceToNextNonspace()
                } else {
                    matched = false
                }
            case .heading:
                matched = false
            case .codeBlock:
                let n = store.nodes[Int(container)]
                if n.flags & NodeFlag.fenced != 0 {
                    if indent <= 3, isClosingFence(n) {
                        // The closing fence ends the block and the line.
                        tip = finalize(container)
                        return
                    }
                    var i = n.b
                    while i > 0, ByteClass.isSpaceOrTab(peek(offset)) {
                        advanceOffset(1, columns: true)
                        i -= 1
                    }
                } else {
                    if indent >= 4 {
                        advanceOffset(4, columns: true)
                    } else if blank {
                        advanceToNextNonspace()
                    } else {
                        matched = false
                    }
                }
            case .htmlBlock:
                if blank, store.nodes[Int(container)].a >= 6 { matched = false }
            case .paragraph, .table:
                if blank { matched = false }
            default:
                break
            }
            if !matched {
                container = store.nodes[Int(container)].parent
                allMatched = false
                break
            }
        }
        allClosed = container == tip
        lastMatched = container
        oldTip = tip

        // 2. Look for new block starts.
        var maybeLazy = kind(tip) == .paragraph
        // The rest of an opening fence line is its info string, not content.
        var openedFence = false
        while true {
            let ck = kind(container)
            if ck == .codeBlock || ck == .htmlBlock { break }
            findNextNonspace()
            let indented = indent >= 4
            let c = peek(nextNonspace)
            if !indented, c == UInt8(ascii: ">") {
                advanceToNextNonspace()
                advanceOffset(1, columns: true)
                if ByteClass.isSpaceOrTab(peek(offset)) { advanceOffset(1, columns: true) }
                closeUnmatchedBlocks()
                container = addChild(container, .blockQuote, source: nextNonspace)
            } else if !indented, c == UInt8(ascii: "#"), let level = atxHeadingStart() {
                advanceToNextNonspace()
                advanceOffset(level, columns: false)
                closeUnmatchedBlocks()
                container = addChild(container, .heading, source: nextNonspace)
                store.nodes[Int(container)].a = Int32(level)
            } else if !indented, c == UInt8(ascii: "`") || c == UInt8(ascii: "~"), let length = fenceStart(c) {
                closeUnmatchedBlocks()
                let source = nextNonspace
                container = addChild(container, .codeBlock, source: source)
                var info = nextNonspace + length
                while info < lineEnd, ByteClass.isSpaceOrTab(p[info]) { info += 1 }
                var infoEnd = lineEnd
                while infoEnd > info, ByteClass.isSpaceOrTab(p[infoEnd - 1]) { infoEnd -= 1 }
                let s = Int32(store.bytes.count)
                if info < infoEnd { Entities.appendUnescaped(p, info, infoEnd, into: &store.bytes) }
                let e = Int32(store.bytes.count)
                store.nodes[Int(container)].flags |= NodeFlag.fenced
                openedFence = true
                store.nodes[Int(container)].a = Int32(length)
                store.nodes[Int(container)].b = Int32(indent)
                store.nodes[Int(container)].char = c
                store.nodes[Int(container)].start2 = s
                store.nodes[Int(container)].end2 = e
                store.nodes[Int(container)].start = e
                store.nodes[Int(container)].end = e
                advanceToNextNonspace()
                advanceOffset(lineEnd - offset, columns: false)
            } else if !indented, c == UInt8(ascii: "<"),
                      case let type = HTMLScanner.blockStart(p, nextNonspace, lineEnd, inParagraph: ck == .paragraph || maybeLazy), type > 0 {
                closeUnmatchedBlocks()
                container = addChild(container, .htmlBlock, source: nextNonspace)
                store.nodes[Int(container)].a = type
                // The line itself is the block's first content: no offset change.
            } else if !indented, ck == .paragraph, c == UInt8(ascii: "=") || c == UInt8(ascii: "-"),
                      let level = setextUnderline(c) {
                if resolveReferenceDefinitions(container) {
                    store.nodes[Int(container)].kind = .heading
                    store.nodes[Int(container)].a = Int32(level)
                    advanceOffset(lineEnd - offset, columns: false)
                }
            } else if !indented, !(ck == .paragraph && !allMatched),
                      c == UInt8(ascii: "*") || c == UInt8(ascii: "-") || c == UInt8(ascii: "_"), isThematicBreak(c) {
                closeUnmatchedBlocks()
                container = addChild(container, .thematicBreak, source: nextNonspace)
                advanceOffset(lineEnd - offset, columns: false)
            } else if (!indented || ck == .list), indent < 4, let marker = listMarker(interruptsParagraph: ck == .paragraph) {
                // §5.2: padding is the marker width plus the spaces after it (1 when there are 5+ or none).
                advanceToNextNonspace()
                advanceOffset(marker.width, columns: false)
                let savedTab = partiallyConsumedTab
                let savedOffset = offset
                let savedColumn = column
                while column - savedColumn <= 5, ByteClass.isSpaceOrTab(peek(offset)) {
                    advanceOffset(1, columns: true)
                }
                let spaces = column - savedColumn
                var padding: Int
                if spaces >= 5 || spaces < 1 || offset >= lineEnd {
                    padding = marker.width + 1
                    offset = savedOffset
                    column = savedColumn
                    partiallyConsumedTab = savedTab
                    if spaces > 0 { advanceOffset(1, columns: true) }
                } else {
                    padding = marker.width + spaces
                }
                closeUnmatchedBlocks()
                let markerOffset = Int32(indent)
                let sameList: Bool = {
                    guard ck == .list else { return false }
                    let l = store.nodes[Int(container)]
                    return (l.flags & NodeFlag.ordered != 0) == marker.ordered && l.char == marker.char
                }()
                if !sameList {
                    container = addChild(container, .list, source: nextNonspace)
                    store.nodes[Int(container)].flags |= marker.ordered ? NodeFlag.ordered : 0
                    store.nodes[Int(container)].char = marker.char
                    store.nodes[Int(container)].a = marker.start
                }
                container = addChild(container, .item, source: nextNonspace)
                store.nodes[Int(container)].b = markerOffset
                store.nodes[Int(container)].c = Int32(padding)
                store.nodes[Int(container)].end2 = Int32(lineNumber)
                store.nodes[Int(container)].char = marker.char
            } else if indented, !maybeLazy, !blank {
                advanceOffset(4, columns: true)
                closeUnmatchedBlocks()
                container = addChild(container, .codeBlock, source: offset)
            } else if !indented, !blank, ck == .paragraph, options.extensions.contains(.tables),
                      let alignments = delimiterRow() {
                if let table = openTable(container, alignments) {
                    container = table
                    advanceOffset(lineEnd - offset, columns: false)
                } else {
                    break
                }
            } else if !indented, !blank, ck == .table {
                closeUnmatchedBlocks()
                addTableRow(container)
                advanceOffset(lineEnd - offset, columns: false)
            } else if ck == .item, options.extensions.contains(.taskLists), store.nodes[Int(container)].firstChild < 0,
                      store.nodes[Int(container)].flags & NodeFlag.task == 0, let checked = taskMarker() {
                store.nodes[Int(container)].flags |= NodeFlag.task | (checked ? NodeFlag.checked : 0)
                advanceToNextNonspace()
                advanceOffset(3, columns: false)
                break
            } else {
                break
            }
            let nk = kind(container)
            if nk == .paragraph || nk == .heading || nk == .codeBlock { break }
            maybeLazy = false
        }

        // 3. Add the rest of the line as text.
        findNextNonspace()
        let containerNode = store.nodes[Int(container)]
        if blank, containerNode.lastChild >= 0 {
            store.nodes[Int(containerNode.lastChild)].flags |= NodeFlag.lastLineBlank
        }
        let ck = containerNode.kind
        let lastLineBlank = blank && ck != .blockQuote && ck != .heading && ck != .thematicBreak
            && !(ck == .codeBlock && containerNode.flags & NodeFlag.fenced != 0)
            && !(ck == .item && containerNode.firstChild < 0 && containerNode.end2 == Int32(lineNumber))
        if lastLineBlank {
            store.nodes[Int(container)].flags |= NodeFlag.lastLineBlank
        } else {
            store.nodes[Int(container)].flags &= ~NodeFlag.lastLineBlank
        }
        var up = containerNode.parent
        while up >= 0 {
            store.nodes[Int(up)].flags &= ~NodeFlag.lastLineBlank
            up = store.nodes[Int(up)].parent
        }

        if tip != lastMatched, container == lastMatched, !blank, kind(tip) == .paragraph {
            // A lazy continuation line (§5.1).
            addLine(tip)
            return
        }
        closeUnmatchedBlocks()
        switch ck {
        case .codeBlock:
            if !openedFence { addLine(container) }
        case .htmlBlock:
            addLine(container)
            let type = store.nodes[Int(container)].a
            if type <= 5, HTMLScanner.blockEnds(type, p, nextNonspace, lineEnd) {
                tip = finalize(container)
            }
        default:
            if blank { break }
            if ck == .heading {
                lineEnd = atxContentEnd()
                advanceToNextNonspace()
                if offset < lineEnd { addLine(container) }
            } else if ck == .paragraph {
                // Continuation lines lose their indentation (as in cmark), so a definition
                // on a later line starts with its `[` (§4.7).
                advanceToNextNonspace()
                addLine(container)
            } else {
                advanceToNextNonspace()
                let para = addChild(container, .paragraph, source: offset)
                addLine(para)
            }
        }
    }

    // MARK: - Block starts

    /// `#` to `######` followed by a space, a tab or the line end (§4.2): the level.
    func atxHeadingStart() -> Int? {
        var i = nextNonspace
        while i < lineEnd, p[i] == UInt8(ascii: "#"), i - nextNonspace < 7 { i += 1 }
        let level = i - nextNonspace
        guard level >= 1, level <= 6 else { return nil }
        guard i >= lineEnd || ByteClass.isSpaceOrTab(p[i]) else { return nil }
        return level
    }

    /// The end of an ATX heading's content: trailing spaces and a closing `#` run removed.
    func atxContentEnd() -> Int {
        var end = lineEnd
        while end > lineStart, ByteClass.isWhitespace(p[end - 1]) { end -= 1 }
        var n = end
        while n > lineStart, p[n - 1] == UInt8(ascii: "#") { n -= 1 }
        if n != end, n > lineStart, ByteClass.isSpaceOrTab(p[n - 1]) {
            end = n
            while end > lineStart, ByteClass.isWhitespace(p[end - 1]) { end -= 1 }
        }
        return end
    }

    /// An opening code fence (§4.5): its length.
    func fenceStart(_ c: UInt8) -> Int? {
        var i = nextNonspace
        while i < lineEnd, p[i] == c { i += 1 }
        let length = i - nextNonspace
        guard length >= 3 else { return nil }
        if c == UInt8(ascii: "`") {
            while i < lineEnd {
                if p[i] == UInt8(ascii: "`") { return nil }
                i += 1
            }
        }
        return length
    }

    func isClosingFence(_ n: Node) -> Bool {
        var i = nextNonspace
        while i < lineEnd, p[i] == n.char { i += 1 }
        guard i - nextNonspace >= Int(n.a) else { return false }
        while i < lineEnd, ByteClass.isSpaceOrTab(p[i]) { i += 1 }
        return i == lineEnd
    }

    /// A setext heading underline (§4.3): its level.
    func setextUnderline(_ c: UInt8) -> Int? {
        var i = nextNonspace
        while i < lineEnd, p[i] == c { i += 1 }
        while i < lineEnd, ByteClass.isSpaceOrTab(p[i]) { i += 1 }
        guard i == lineEnd else { return nil }
        return c == UInt8(ascii: "=") ? 1 : 2
    }

    /// Three or more `*`, `-` or `_` with only spaces and tabs between (§4.1).
    mutating func isThematicBreak(_ c: UInt8) -> Bool {
        // A failed scan leaves the offending byte ahead of every later start on this line
        // (`- - - - a` would otherwise be scanned once per list level).
        if nextNonspace < thematicBreakKillPosition { return false }
        var count = 0
        var i = nextNonspace
        while i < lineEnd {
            let d = p[i]
            if d == c {
                count += 1
            } else if !ByteClass.isSpaceOrTab(d) {
                thematicBreakKillPosition = i
                return false
            }
            i += 1
        }
        return count >= 3
    }

    struct ListMarker {
        var width: Int
        var ordered: Bool
        var char: UInt8
        var start: Int32
    }

    /// A list marker at the next non-space (§5.2). A marker that interrupts a paragraph must
    /// not be followed by a blank rest of line, and an ordered one must start at 1.
    func listMarker(interruptsParagraph: Bool) -> ListMarker? {
        let i = nextNonspace
        let c = peek(i)
        var marker: ListMarker
        var j: Int
        if c == UInt8(ascii: "*") || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
            j = i + 1
            marker = ListMarker(width: 1, ordered: false, char: c, start: 0)
        } else if ByteClass.isDigit(c) {
            j = i
            var start: Int32 = 0
            while j < lineEnd, ByteClass.isDigit(p[j]), j - i < 9 {
                start = start * 10 + Int32(p[j] - 0x30)
                j += 1
            }
            let d = peek(j)
            guard d == UInt8(ascii: ".") || d == UInt8(ascii: ")") else { return nil }
            if interruptsParagraph, start != 1 { return nil }
            j += 1
            marker = ListMarker(width: j - i, ordered: true, char: d, start: start)
        } else {
            return nil
        }
        guard ByteClass.isWhitespace(peek(j)) else { return nil }
        if interruptsParagraph {
            var k = j
            while k < lineEnd, ByteClass.isSpaceOrTab(p[k]) { k += 1 }
            if k >= lineEnd { return nil }
        }
        return marker
    }

    // MARK: - Finalize

    /// Closes `node` and returns its parent.
    mutating func finalize(_ node: Int32) -> Int32 {
        store.nodes[Int(node)].flags &= ~NodeFlag.open
        let parent = store.nodes[Int(node)].parent
        switch kind(node) {
        case .paragraph:
            if !resolveReferenceDefinitions(node) { store.unlink(node) }
        case .codeBlock:
            if store.nodes[Int(node)].flags & NodeFlag.fenced == 0 { trimTrailingBlankLines(node) }
        case .list:
            finalizeList(node)
        default:
            break
        }
        return parent
    }

    /// An indented code block loses its trailing blank lines (§4.4).
    mutating func trimTrailingBlankLines(_ node: Int32) {
        let start = Int(store.nodes[Int(node)].start)
        var end = Int(store.nodes[Int(node)].end)
        var lastNewline = end
        var i = end
        while i > start {
            let c = store.bytes[i - 1]
            if c == 0x0A {
                lastNewline = i - 1
            } else if c != 0x20, c != 0x09, c != 0x0D {
                break
            }
            i -= 1
        }
        if i > start { end = lastNewline + 1 }
        store.nodes[Int(node)].end = Int32(end)
    }

    /// A list is loose when items are separated by blank lines, or an item's blocks are (§5.3).
    mutating func finalizeList(_ list: Int32) {
        var tight = true
        var item = store.nodes[Int(list)].firstChild
        outer: while item >= 0 {
            let it = store.nodes[Int(item)]
            if it.flags & NodeFlag.lastLineBlank != 0, it.next >= 0 {
                tight = false
                break
            }
            var sub = it.firstChild
            while sub >= 0 {
                let s = store.nodes[Int(sub)]
                if it.next >= 0 || s.next >= 0, endsWithBlankLine(sub) {
                    tight = false
                    break outer
                }
                sub = s.next
            }
            item = it.next
        }
        if tight { store.nodes[Int(list)].flags |= NodeFlag.tight }
    }

    func endsWithBlankLine(_ node: Int32) -> Bool {
        var current = node
        while current >= 0 {
            let n = store.nodes[Int(current)]
            if n.flags & NodeFlag.lastLineBlank != 0 { return true }
            if n.kind == .list || n.kind == .item { current = n.lastChild } else { break }
        }
        return false
    }

    /// Takes link reference definitions off the start of a paragraph (§4.7). Returns whether
    /// any content is left.
    mutating func resolveReferenceDefinitions(_ node: Int32) -> Bool {
        var start = Int(store.nodes[Int(node)].start)
        let end = Int(store.nodes[Int(node)].end)
        if start < end, store.bytes[start] == UInt8(ascii: "[") {
            let content = Array(store.bytes[start..<end])
            var found: [(label: (Int, Int), destination: (Int, Int), title: (Int, Int)?)] = []
            var consumed = 0
            content.withUnsafeBufferPointer { q in
                var i = 0
                while i < q.count, q[i] == UInt8(ascii: "["), let def = LinkScanner.referenceDefinition(q, i, q.count) {
                    found.append((def.label, def.destination, def.title))
                    i = def.next
                }
                consumed = i
            }
            if !found.isEmpty {
                content.withUnsafeBufferPointer { q in
                    for def in found {
                        let key = LinkLabel.normalize(q, def.label.0, def.label.1)
                        if references[key] != nil { continue }
                        let ds = Int32(referenceBytes.count)
                        Entities.appendUnescaped(q, def.destination.0, def.destination.1, into: &referenceBytes)
                        let de = Int32(referenceBytes.count)
                        var title = (de, de)
                        if let t = def.title {
                            Entities.appendUnescaped(q, t.0, t.1, into: &referenceBytes)
                            title = (de, Int32(referenceBytes.count))
                        }
                        references[key] = ReferenceDefinition(destination: (ds, de), title: title)
                    }
                }
                start += consumed
                store.nodes[Int(node)].start = Int32(start)
            }
        }
        var i = start
        while i < end {
            if !ByteClass.isWhitespace(store.bytes[i]) { return true }
            i += 1
        }
        return false
    }
}
