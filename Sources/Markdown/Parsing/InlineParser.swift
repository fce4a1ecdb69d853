#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The inline phase (CommonMark 0.31.2 §6, after cmark's inlines.c): one leaf block's content
/// at a time, text runs between special bytes, a delimiter stack for emphasis and a bracket
/// stack for links and images. GFM strikethrough and extended autolinks when enabled.
struct InlineParser {
    let options: MarkdownOptions
    let references: [[UInt8]: ReferenceDefinition]
    let referenceBytes: [UInt8]
    let lineMap: [Int32]
    let strikethrough: Bool
    let autolinks: Bool
    /// Bytes that end a text run.
    var special = [Bool](repeating: false, count: 256)

    // Per-block state, reused.
    var delimiters = DelimiterStack()
    var brackets: [Bracket] = []
    var subject: [UInt8] = []
    /// Arena offset of subject offset 0.
    var base = 0
    var block: Int32 = 0
    /// Code span closers seen by length (§6.1): position of the last run of each length,
    /// valid when its generation matches, so nothing is cleared between blocks.
    var backtickPosition = [Int](repeating: 0, count: 1001)
    var backtickGeneration = [Int](repeating: 0, count: 1001)
    var generation = 0
    var openersBottom = [Int32](repeating: -1, count: 18)
    var scannedForBackticks = false
    // Raw HTML constructs known to have no terminator ahead (linear time on runs of `<`).
    var noCommentEnd = false
    var noProcessingEnd = false
    var noDeclarationEnd = false
    var noCDATAEnd = false

    init(options: MarkdownOptions, references: [[UInt8]: ReferenceDefinition], referenceBytes: [UInt8], lineMap: [Int32]) {
        self.options = options
        self.references = references
        self.referenceBytes = referenceBytes
        self.lineMap = lineMap
        strikethrough = options.extensions.contains(.strikethrough)
        autolinks = options.extensions.contains(.autolinks)
        for c in "\n\\`&<*_[]!".utf8 { special[Int(c)] = true }
        if strikethrough { special[Int(UInt8(ascii: "~"))] = true }
        if autolinks {
            special[Int(UInt8(ascii: ":"))] = true
            special[Int(UInt8(ascii: "w"))] = true
        }
    }

    /// The input offset that the arena offset `arena` of block content came from.
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

    // MARK: - Entry

    /// Parses the content of leaf `node` into inline children.
    mutating func parse(_ node: Int32, in store: inout NodeStore) {
        let start = Int(store.nodes[Int(node)].start)
        var end = Int(store.nodes[Int(node)].end)
        // Trailing white space of the content is not part of the last inline (§4.8).
        while end > start, ByteClass.isWhitespace(store.bytes[end - 1]) { end -= 1 }
        guard end > start else { return }
        subject.removeAll(keepingCapacity: true)
        store.bytes.withUnsafeBufferPointer { subject.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start..<end])) }
        base = start
        block = node
        delimiters.reset()
        brackets.removeAll(keepingCapacity: true)
        generation += 1
        scannedForBackticks = false
        noCommentEnd = false
        noProcessingEnd = false
        noDeclarationEnd = false
        noCDATAEnd = false
        let subjectCopy = subject
        subjectCopy.withUnsafeBufferPointer { s in
            special.withUnsafeBufferPointer { table in
                run(s, table, &store)
            }
        }
        processEmphasis(stackBottom: -1, &store)
        if autolinks, subject.withUnsafeBufferPointer({ memchr($0.baseAddress!, 0x40, $0.count) != nil || memchr($0.baseAddress!, 0x26, $0.count) != nil }) {
            linkEmailAddresses(in: node, &store)
        }
    }

    // MARK: - Main loop

    mutating func run(_ s: UnsafeBufferPointer<UInt8>, _ table: UnsafeBufferPointer<Bool>, _ store: inout NodeStore) {
        let n = s.count
        var pos = 0
        while pos < n {
            let c = s[pos]
            switch c {
            case 0x0A:
                pos = handleNewline(s, pos, &store)
            case UInt8(ascii: "\\"):
                pos = handleBackslash(s, pos, &store)
            case UInt8(ascii: "`"):
                pos = handleBackticks(s, pos, &store)
            case UInt8(ascii: "&"):
                pos = handleEntity(s, pos, &store)
            case UInt8(ascii: "<"):
                pos = handleLessThan(s, pos, &store)
            case UInt8(ascii: "*"), UInt8(ascii: "_"):
                pos = handleDelimiters(s, pos, c, &store)
            case UInt8(ascii: "~") where strikethrough:
                pos = handleDelimiters(s, pos, c, &store)
            case UInt8(ascii: "["):
                let t = appendText(base + pos, base + pos + 1, &store)
                pushBracket(node: t, position: pos + 1, image: false)
                pos += 1
            case UInt8(ascii: "!"):
                if pos + 1 < n, s[pos + 1] == UInt8(ascii: "[") {
                    let t = appendText(base + pos, base + pos + 2, &store)
                    pushBracket(node: t, position: pos + 2, image: true)
                    pos += 2
                } else {
                    pos = handleText(s, pos, table, &store)
                }
            case UInt8(ascii: "]"):
                pos = handleCloseBracket(s, pos, &store)
            case UInt8(ascii: ":") where autolinks && brackets.isEmpty:
                if let next = matchURLAutolink(s, pos, &store) { pos = next } else { pos = handleText(s, pos, table, &store) }
            case UInt8(ascii: "w") where autolinks && brackets.isEmpty:
                if let next = matchWWWAutolink(s, pos, &store) { pos = next } else { pos = handleText(s, pos, table, &store) }
            default:
                pos = handleText(s, pos, table, &store)
            }
        }
    }

    // MARK: - Nodes

    @inline(__always)
    mutating func appendNode(_ kind: NodeKind, _ store: inout NodeStore) -> Int32 {
        let node = store.make(kind, source: 0)
        store.appendChild(block, node)
        return node
    }

    /// Appends a text node for the arena range `start..<end`.
    @inline(__always) @discardableResult
    mutating func appendText(_ start: Int, _ end: Int, _ store: inout NodeStore) -> Int32 {
        let node = appendNode(.text, &store)
        store.nodes[Int(node)].start = Int32(start)
        store.nodes[Int(node)].end = Int32(end)
        return node
    }

    /// A text run from `pos` to the next special byte. A run before a line break loses its
    /// trailing white space (§6.7).
    mutating func handleText(_ s: UnsafeBufferPointer<UInt8>, _ pos: Int, _ table: UnsafeBufferPointer<Bool>,
                                     _ store: inout NodeStore) -> Int {
        let n = s.count
        var j = pos + 1
        while j < n {
            let c = s[j]
            if table[Int(c)] {
                if c == UInt8(ascii: ":") {
                    if brackets.isEmpty, j + 3 < n, s[j + 1] == UInt8(ascii: "/"), s[j + 2] == UInt8(ascii: "/"),
                       ByteClass.isAlpha(s[j - 1]) { break }
                } else if c == UInt8(ascii: "w") {
                    if brackets.isEmpty, j + 3 < n, s[j + 1] == UInt8(ascii: "w"), s[j + 2] == UInt8(ascii: "w"),
                       s[j + 3] == UInt8(ascii: ".") { break }
                } else {
                    break
                }
            }
            j += 1
        }
        var end = j
        if j < n, s[j] == 0x0A {
            while end > pos, ByteClass.isWhitespace(s[end - 1]) { end -= 1 }
        }
        if end > pos { appendText(base + pos, base + end, &store) }
        return j
    }

    mutating func handleNewline(_ s: UnsafeBufferPointer<UInt8>, _ pos: Int, _ store: inout NodeStore) -> Int {
        let hard = pos >= 2 && s[pos - 1] == 0x20 && s[pos - 2] == 0x20
        _ = appendNode(hard ? .lineBreak : .softBreak, &store)
        var j = pos + 1
        while j < s.count, ByteClass.isSpaceOrTab(s[j]) { j += 1 }
        return j
    }

    /// §2.4: an escaped punctuation character is literal; a backslash at the line end is a hard break.
    mutating func handleBackslash(_ s: UnsafeBufferPointer<UInt8>, _ pos: Int, _ store: inout NodeStore) -> Int {
        let j = pos + 1
        if j < s.count, s[j] == 0x0A {
            _ = appendNode(.lineBreak, &store)
            var k = j + 1
            while k < s.count, ByteClass.isSpaceOrTab(s[k]) { k += 1 }
            return k
        }
        if j < s.count, ByteClass.isASCIIPunctuation(s[j]) {
            appendText(base + j, base + j + 1, &store)
            return j + 1
        }
        appendText(base + pos, base + pos + 1, &store)
        return j
    }

    /// §6.1 code spans. Closers already seen are remembered by length, so a run with no
    /// closer is found out without scanning the rest again.
    mutating func handleBackticks(_ s: UnsafeBufferPointer<UInt8>, _ pos: Int, _ store: inout NodeStore) -> Int {
        let n = s.count
        var j = pos
        while j < n, s[j] == UInt8(ascii: "`") { j += 1 }
        let length = j - pos
        let contentStart = j
        var closer = -1
        if length <= 1000 {
            if scannedForBackticks,
               backtickGeneration[length] != generation || backtickPosition[length] < contentStart {
                closer = -1
            } else {
                var k = contentStart
                while k < n {
                    if s[k] != UInt8(ascii: "`") {
                        k += 1
                        continue
                    }
                    let runStart = k
                    while k < n, s[k] == UInt8(ascii: "`") { k += 1 }
                    let runLength = k - runStart
                    if runLength <= 1000 {
                        backtickPosition[runLength] = runStart
                        backtickGeneration[runLength] = generation
                    }
                    if runLength == length {
                        closer = runStart
                        break
                    }
                }
                if closer < 0 { scannedForBackticks = true }
            }
        }
        guard closer >= 0 else {
            appendText(base + pos, base + j, &store)
            return j
        }
        // Line endings become spaces; one space is stripped from each side when both have one.
        var a = contentStart
        var b = closer
        var allSpace = true
        for k in a..<b where s[k] != 0x20 && s[k] != 0x0A {
            allSpace = false
            break
        }
        if !allSpace, b - a >= 2, s[a] == 0x20 || s[a] == 0x0A, s[b - 1] == 0x20 || s[b - 1] == 0x0A {
            a += 1
            b -= 1
        }
        let node = appendNode(.code, &store)
        let literalStart = Int32(store.bytes.count)
        for k in a..<b { store.bytes.append(s[k] == 0x0A ? 0x20 : s[k]) }
        store.nodes[Int(node)].start = literalStart
        store.nodes[Int(node)].end = Int32(store.bytes.count)
        return closer + length
    }

    mutating func handleEntity(_ s: UnsafeBufferPointer<UInt8>, _ pos: Int, _ store: inout NodeStore) -> Int {
        let literalStart = store.bytes.count
        let length = Entities.decode(s, at: pos, end: s.count, into: &store.bytes)
        if length == 0 {
            appendText(base + pos, base + pos + 1, &store)
            return pos + 1
        }
        appendText(literalStart, store.bytes.count, &store)
        return pos + length
    }

    // MARK: - `<`: autolinks (§6.5) and raw HTML (§6.6)

    mutating func handleLessThan(_ s: UnsafeBufferPointer<UInt8>, _ pos: Int, _ store: inout NodeStore) -> Int {
        let n = s.count
        if let end = scanURIAutolink(s, pos) {
            makeAutolink(s, pos + 1, end - 1, email: false, &store)
            return end
        }
        if let end = scanEmailAutolink(s, pos) {
            makeAutolink(s, pos + 1, end - 1, email: true, &store)
            return end
        }
        var end = 0
        if pos + 1 < n {
            let c = s[pos + 1]
            if ByteClass.isAlpha(c) {
                end = HTMLScanner.openTag(s, pos, n)
            } else if c == UInt8(ascii: "/") {
                end = HTMLScanner.closingTag(s, pos, n)
            } else if c == UInt8(ascii: "?") {
                if !noProcessingEnd {
                    end = HTMLScanner.find("?>", s, pos + 2, n)
                    if end == 0 { noProcessingEnd = true }
                }
            } else if c == UInt8(ascii: "!") {
                end = scanBang(s, pos)
            }
        }
        if end > 0 {
            let node = appendNode(.html, &store)
            store.nodes[Int(node)].start = Int32(base + pos)
            store.nodes[Int(node)].end = Int32(base + end)
            return end
        }
        appendText(base + pos, base + pos + 1, &store)
        return pos + 1
    }

    /// `<!--` comments, `<![CDATA[` sections and `<!X` declarations.
    mutating func scanBang(_ s: UnsafeBufferPointer<UInt8>, _ pos: Int) -> Int {
        let n = s.count
        if pos + 3 < n, s[pos + 2] == UInt8(ascii: "-"), s[pos + 3] == UInt8(ascii: "-") {
            // `<!-->` and `<!--->` are complete comments.
            if pos + 4 < n, s[pos + 4] == UInt8(ascii: ">") { return pos + 5 }
            if pos + 5 < n, s[pos + 4] == UInt8(ascii: "-"), s[pos + 5] == UInt8(ascii: ">") { return pos + 6 }
            if noCommentEnd { return 0 }
            let end = HTMLScanner.find("-->", s, pos + 4, n)
            if end == 0 { noCommentEnd = true }
            return end
        }
        if HTMLScanner.matchesLower("<![cdata[", s, pos, n) {
            // CDATA is upper case only.
            let word: StaticString = "CDATA["
            for k in 0..<6 where s[pos + 3 + k] != word.utf8Start[k] { return 0 }
            if noCDATAEnd { return 0 }
            let end = HTMLScanner.find("]]>", s, pos + 9, n)
            if end == 0 { noCDATAEnd = true }
            return end
        }
        if pos + 2 < n, ByteClass.isAlpha(s[pos + 2]) {
            if noDeclarationEnd { return 0 }
            let end = HTMLScanner.find(">", s, pos + 3, n)
            if end == 0 { noDeclarationEnd = true }
            return end
        }
        return 0
    }

    /// `<scheme:...>`: the offset after `>`.
    func scanURIAutolink(_ s: UnsafeBufferPointer<UInt8>, _ pos: Int) -> Int? {
        let n = s.count
        var j = pos + 1
        guard j < n, ByteClass.isAlpha(s[j]) else { return nil }
        j += 1
        while j < n, j - pos - 1 < 33 {
            let c = s[j]
            if ByteClass.isAlnum(c) || c == UInt8(ascii: "+") || c == UInt8(ascii: ".") || c == UInt8(ascii: "-") { j += 1 } else { break }
        }
        let schemeLength = j - pos - 1
        guard schemeLength >= 2, schemeLength <= 32, j < n, s[j] == UInt8(ascii: ":") else { return nil }
        j += 1
        while j < n {
            let c = s[j]
            if c == UInt8(ascii: ">") { return j + 1 }
            if c <= 0x20 || c == UInt8(ascii: "<") { return nil }
            j += 1
        }
        return nil
    }

    /// `<local@domain>`: the offset after `>`.
    func scanEmailAutolink(_ s: UnsafeBufferPointer<UInt8>, _ pos: Int) -> Int? {
        let n = s.count
        var j = pos + 1
        let localStart = j
        while j < n {
            let c = s[j]
            if ByteClass.isAlnum(c) || (c < 0x80 && ".!#$%&'*+/=?^_`{|}~-".utf8.contains(c)) { j += 1 } else { break }
        }
        guard j > localStart, j < n, s[j] == UInt8(ascii: "@") else { return nil }
        j += 1
        var labels = 0
        while true {
            let labelStart = j
            while j < n, ByteClass.isAlnum(s[j]) || s[j] == UInt8(ascii: "-"), j - labelStart < 63 { j += 1 }
            let length = j - labelStart
            guard length >= 1, s[labelStart] != UInt8(ascii: "-"), s[j - 1] != UInt8(ascii: "-") else { return nil }
            labels += 1
            guard j < n else { return nil }
            if s[j] == UInt8(ascii: ">") { return j + 1 }
            guard s[j] == UInt8(ascii: "."), labels < 1000 else { return nil }
            j += 1
        }
    }

    mutating func makeAutolink(_ s: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, email: Bool, _ store: inout NodeStore) {
        let link = appendNode(.link, &store)
        store.nodes[Int(link)].source = Int32(sourceOffset(arena: base + start - 1))
        let urlStart = Int32(store.bytes.count)
        if email { store.bytes.append(contentsOf: "mailto:".utf8) }
        appendDecodingEntities(s, start, end, &store)
        store.nodes[Int(link)].start = urlStart
        store.nodes[Int(link)].end = Int32(store.bytes.count)
        store.nodes[Int(link)].start2 = store.nodes[Int(link)].end
        store.nodes[Int(link)].end2 = store.nodes[Int(link)].end
        let textStart = store.bytes.count
        appendDecodingEntities(s, start, end, &store)
        let text = store.make(.text, source: 0)
        store.nodes[Int(text)].start = Int32(textStart)
        store.nodes[Int(text)].end = Int32(store.bytes.count)
        store.appendChild(link, text)
    }

    func appendDecodingEntities(_ s: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ store: inout NodeStore) {
        var i = start
        while i < end {
            if s[i] == UInt8(ascii: "&") {
                let length = Entities.decode(s, at: i, end: end, into: &store.bytes)
                if length > 0 {
                    i += length
                    continue
                }
            }
            store.bytes.append(s[i])
            i += 1
        }
    }

    // MARK: - Emphasis (§6.2)

    mutating func handleDelimiters(_ s: UnsafeBufferPointer<UInt8>, _ pos: Int, _ c: UInt8, _ store: inout NodeStore) -> Int {
        let n = s.count
        var j = pos
        while j < n, s[j] == c { j += 1 }
        let length = j - pos
        let before = ByteClass.scalar(before: pos, in: s, lowerBound: 0)
        let after = ByteClass.scalar(at: j, in: s, end: n)
        let beforeSpace = ByteClass.isUnicodeWhitespace(before)
        let afterSpace = ByteClass.isUnicodeWhitespace(after)
        let beforePunct = ByteClass.isUnicodePunctuation(before)
        let afterPunct = ByteClass.isUnicodePunctuation(after)
        let leftFlanking = !afterSpace && (!afterPunct || beforeSpace || beforePunct)
        let rightFlanking = !beforeSpace && (!beforePunct || afterSpace || afterPunct)
        var canOpen: Bool
        var canClose: Bool
        if c == UInt8(ascii: "_") {
            canOpen = leftFlanking && (!rightFlanking || beforePunct)
            canClose = rightFlanking && (!leftFlanking || afterPunct)
        } else {
            canOpen = leftFlanking
            canClose = rightFlanking
        }
        let node = appendText(base + pos, base + j, &store)
        if c == UInt8(ascii: "~"), length > 2 {
            // GFM strikethrough uses one or two tildes; longer runs are text.
            canOpen = false
            canClose = false
        }
        if canOpen || canClose {
            delimiters.push(node: node, char: c, canOpen: canOpen, canClose: canClose, length: length)
        }
        return j
    }

    /// The "process emphasis" procedure of §6.2 over the delimiters above `stackBottom`.
    mutating func processEmphasis(stackBottom: Int32, _ store: inout NodeStore) {
        guard delimiters.top != stackBottom else { return }
        // Lower bounds for opener searches, by character, closer-can-open and length mod 3.
        for k in 0..<18 { openersBottom[k] = stackBottom }
        var closer = delimiters.top
        while closer >= 0, delimiters.items[Int(closer)].prev != stackBottom {
            closer = delimiters.items[Int(closer)].prev
        }
        while closer >= 0 {
            let d = delimiters.items[Int(closer)]
            guard d.canClose else {
                closer = d.next
                continue
            }
            let charIndex = d.char == UInt8(ascii: "*") ? 0 : d.char == UInt8(ascii: "_") ? 1 : 2
            let bottomIndex = charIndex * 6 + (d.canOpen ? 3 : 0) + Int(d.originalLength % 3)
            var opener = d.prev
            var found = false
            while opener >= 0, opener != stackBottom, opener != openersBottom[bottomIndex] {
                let o = delimiters.items[Int(opener)]
                if o.canOpen, o.char == d.char {
                    if !(d.canOpen || o.canClose) || d.originalLength % 3 == 0 || (o.originalLength + d.originalLength) % 3 != 0 {
                        found = true
                        break
                    }
                }
                opener = o.prev
            }
            let oldCloser = closer
            if found {
                closer = d.char == UInt8(ascii: "~")
                    ? insertStrikethrough(opener, closer, &store)
                    : insertEmphasis(opener, closer, &store)
            } else {
                closer = d.next
                openersBottom[bottomIndex] = d.prev
                if !d.canOpen { delimiters.remove(oldCloser) }
            }
        }
        while delimiters.top >= 0, delimiters.top != stackBottom {
            delimiters.remove(delimiters.top)
        }
    }

    /// Moves the siblings strictly between `from` and `to` into `container`.
    func moveNodes(after from: Int32, before to: Int32, into container: Int32, _ store: inout NodeStore) {
        var current = store.nodes[Int(from)].next
        while current >= 0, current != to {
            let next = store.nodes[Int(current)].next
            store.unlink(current)
            store.appendChild(container, current)
            current = next
        }
    }

    mutating func insertEmphasis(_ opener: Int32, _ closer: Int32, _ store: inout NodeStore) -> Int32 {
        let openerNode = delimiters.items[Int(opener)].node
        let closerNode = delimiters.items[Int(closer)].node
        let openerLength = store.nodes[Int(openerNode)].end - store.nodes[Int(openerNode)].start
        let closerLength = store.nodes[Int(closerNode)].end - store.nodes[Int(closerNode)].start
        let use: Int32 = openerLength >= 2 && closerLength >= 2 ? 2 : 1
        store.nodes[Int(openerNode)].end -= use
        store.nodes[Int(closerNode)].end -= use
        var d = delimiters.items[Int(closer)].prev
        while d >= 0, d != opener {
            let prev = delimiters.items[Int(d)].prev
            delimiters.remove(d)
            d = prev
        }
        let emphasis = store.make(use == 1 ? .emphasis : .strong, source: 0)
        moveNodes(after: openerNode, before: closerNode, into: emphasis, &store)
        store.insertAfter(openerNode, emphasis)
        if openerLength == use {
            store.unlink(openerNode)
            delimiters.remove(opener)
        }
        if closerLength == use {
            store.unlink(closerNode)
            let next = delimiters.items[Int(closer)].next
            delimiters.remove(closer)
            return next
        }
        return closer
    }

    /// GFM strikethrough: an opener and closer of the same length make a `del`.
    mutating func insertStrikethrough(_ opener: Int32, _ closer: Int32, _ store: inout NodeStore) -> Int32 {
        let openerNode = delimiters.items[Int(opener)].node
        let closerNode = delimiters.items[Int(closer)].node
        let next = delimiters.items[Int(closer)].next
        let openerLength = store.nodes[Int(openerNode)].end - store.nodes[Int(openerNode)].start
        let closerLength = store.nodes[Int(closerNode)].end - store.nodes[Int(closerNode)].start
        let matched = openerLength == closerLength
        if matched {
            store.nodes[Int(openerNode)].kind = .strikethrough
            moveNodes(after: openerNode, before: closerNode, into: openerNode, &store)
            store.unlink(closerNode)
        }
        // As cmark-gfm: a closer of another length is dropped, and the opener waits for another.
        var d = closer
        while d >= 0, d != opener {
            let prev = delimiters.items[Int(d)].prev
            delimiters.remove(d)
            d = prev
        }
        if matched { delimiters.remove(opener) }
        return next
    }

    // MARK: - Links and images (§6.3, §6.4)

    mutating func pushBracket(node: Int32, position: Int, image: Bool) {
        if !brackets.isEmpty { brackets[brackets.count - 1].bracketAfter = true }
        brackets.append(Bracket(node: node, position: position, isImage: image, active: true,
                                bracketAfter: false, previousDelimiter: delimiters.top))
    }

    mutating func handleCloseBracket(_ s: UnsafeBufferPointer<UInt8>, _ pos: Int, _ store: inout NodeStore) -> Int {
        let n = s.count
        let afterBracket = pos + 1
        guard let opener = brackets.last else {
            appendText(base + pos, base + pos + 1, &store)
            return afterBracket
        }
        guard opener.active else {
            brackets.removeLast()
            appendText(base + pos, base + pos + 1, &store)
            return afterBracket
        }
        // Inline link: `(destination "title")`.
        if afterBracket < n, s[afterBracket] == UInt8(ascii: "(") {
            let j = LinkScanner.skipWhitespace(s, afterBracket + 1, n)
            if let dest = LinkScanner.destination(s, j, n) {
                let endURL = dest.next
                let startTitle = LinkScanner.skipWhitespace(s, endURL, n)
                var title: (Int, Int)? = nil
                var endTitle = startTitle
                if startTitle != endURL, let t = LinkScanner.title(s, startTitle, n) {
                    title = (t.start, t.end)
                    endTitle = t.next
                } else {
                    endTitle = startTitle
                }
                let endAll = LinkScanner.skipWhitespace(s, endTitle, n)
                if endAll < n, s[endAll] == UInt8(ascii: ")") {
                    let link = makeLink(opener, &store)
                    let us = Int32(store.bytes.count)
                    Entities.appendUnescaped(s, dest.start, dest.end, into: &store.bytes)
                    let ue = Int32(store.bytes.count)
                    if let title { Entities.appendUnescaped(s, title.0, title.1, into: &store.bytes) }
                    store.nodes[Int(link)].start = us
                    store.nodes[Int(link)].end = ue
                    store.nodes[Int(link)].start2 = ue
                    store.nodes[Int(link)].end2 = Int32(store.bytes.count)
                    finishLink(opener, &store)
                    return endAll + 1
                }
            }
        }
        // Reference link: full `[label]`, collapsed `[]` or shortcut.
        var next = afterBracket
        var label: (Int, Int)? = nil
        if afterBracket < n, s[afterBracket] == UInt8(ascii: "["), let lab = LinkScanner.label(s, afterBracket, n) {
            var a = lab.start
            var b = lab.end
            while a < b, ByteClass.isWhitespace(s[a]) { a += 1 }
            while b > a, ByteClass.isWhitespace(s[b - 1]) { b -= 1 }
            if b > a { label = (lab.start, lab.end) }
            next = lab.next
        }
        if label == nil, !opener.bracketAfter {
            label = (opener.position, pos)
        } else if label == nil {
            next = afterBracket
        }
        if let label, !references.isEmpty, label.1 - label.0 <= LinkScanner.maxLabelLength,
           let definition = references[LinkLabel.normalize(s, label.0, label.1)] {
            let link = makeLink(opener, &store)
            let us = Int32(store.bytes.count)
            store.bytes.append(contentsOf: referenceBytes[Int(definition.destination.0)..<Int(definition.destination.1)])
            let ue = Int32(store.bytes.count)
            store.bytes.append(contentsOf: referenceBytes[Int(definition.title.0)..<Int(definition.title.1)])
            store.nodes[Int(link)].start = us
            store.nodes[Int(link)].end = ue
            store.nodes[Int(link)].start2 = ue
            store.nodes[Int(link)].end2 = Int32(store.bytes.count)
            finishLink(opener, &store)
            return next
        }
        brackets.removeLast()
        appendText(base + pos, base + pos + 1, &store)
        return afterBracket
    }

    /// Creates the link or image node before the opener's bracket text and moves what
    /// follows the bracket into it.
    mutating func makeLink(_ opener: Bracket, _ store: inout NodeStore) -> Int32 {
        let link = store.make(opener.isImage ? .image : .link, source: 0)
        let bracketArena = Int(store.nodes[Int(opener.node)].start)
        store.nodes[Int(link)].source = Int32(sourceOffset(arena: bracketArena))
        store.insertBefore(opener.node, link)
        var current = store.nodes[Int(opener.node)].next
        while current >= 0 {
            let next = store.nodes[Int(current)].next
            store.unlink(current)
            store.appendChild(link, current)
            current = next
        }
        store.unlink(opener.node)
        return link
    }

    mutating func finishLink(_ opener: Bracket, _ store: inout NodeStore) {
        processEmphasis(stackBottom: opener.previousDelimiter, &store)
        brackets.removeLast()
        // No links in links: earlier link openers become inactive (§6.3).
        if !opener.isImage {
            var k = brackets.count - 1
            while k >= 0 {
                if !brackets[k].isImage {
                    if !brackets[k].active { break }
                    brackets[k].active = false
                }
                k -= 1
            }
        }
    }
}
