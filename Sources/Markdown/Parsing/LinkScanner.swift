/// Scanners for the parts of links and link reference definitions (CommonMark 0.31.2 §4.7, §6.3):
/// labels, destinations and titles. Each returns nil when there is no match.
enum LinkScanner {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// Labels longer than this are not labels (§4.7).
    static let maxLabelLength = 999

    /// A link label starting at `p[i] == "["`: the range inside the brackets and the offset after `]`.
    static func label(_ p: Bytes, _ i: Int, _ end: Int) -> (start: Int, end: Int, next: Int)? {
        var j = i + 1
        let start = j
        while j < end {
            let c = p[j]
            if c == UInt8(ascii: "]") {
                return (start, j, j + 1)
            }
            if c == UInt8(ascii: "[") { return nil }
            if c == UInt8(ascii: "\\"), j + 1 < end, ByteClass.isASCIIPunctuation(p[j + 1]) {
                j += 2
            } else {
                j += 1
            }
            if j - start > maxLabelLength { return nil }
        }
        return nil
    }

    /// A link destination at `i`: the raw range (without `<` `>`) and the offset after it.
    /// Parentheses nest at most 32 deep, which keeps chains of `[a](` linear.
    static func destination(_ p: Bytes, _ i: Int, _ end: Int) -> (start: Int, end: Int, next: Int)? {
        guard i < end else { return nil }
        if p[i] == UInt8(ascii: "<") {
            var j = i + 1
            while j < end {
                let c = p[j]
                if c == UInt8(ascii: ">") { return (i + 1, j, j + 1) }
                if c == UInt8(ascii: "<") || ByteClass.isLineEnd(c) { return nil }
                if c == UInt8(ascii: "\\"), j + 1 < end, ByteClass.isASCIIPunctuation(p[j + 1]) {
                    j += 2
                } else {
                    j += 1
                }
            }
            return nil
        }
        var j = i
        var depth = 0
        while j < end {
            let c = p[j]
            if c == UInt8(ascii: "\\"), j + 1 < end, ByteClass.isASCIIPunctuation(p[j + 1]) {
                j += 2
                continue
            }
            if c == UInt8(ascii: "(") {
                depth += 1
                if depth > 32 { return nil }
            } else if c == UInt8(ascii: ")") {
                if depth == 0 { break }
                depth -= 1
            } else if c <= 0x20 || c == 0x7F {
                break
            }
            j += 1
        }
        guard depth == 0 else { return nil }
        return (i, j, j)
    }

    /// A link title at `i` in one of its three forms: the range inside the delimiters and the offset after it.
    static func title(_ p: Bytes, _ i: Int, _ end: Int) -> (start: Int, end: Int, next: Int)? {
        guard i < end else { return nil }
        let open = p[i]
        let close: UInt8
        switch open {
        case UInt8(ascii: "\""): close = open
        case UInt8(ascii: "'"): close = open
        case UInt8(ascii: "("): close = UInt8(ascii: ")")
        default: return nil
        }
        var j = i + 1
        while j < end {
            let c = p[j]
            if c == close { return (i + 1, j, j + 1) }
            if open == UInt8(ascii: "("), c == UInt8(ascii: "(") { return nil }
            if c == UInt8(ascii: "\\"), j + 1 < end, ByteClass.isASCIIPunctuation(p[j + 1]) {
                j += 2
            } else {
                j += 1
            }
        }
        return nil
    }

    /// Skips spaces, tabs and line endings.
    @inline(__always) static func skipWhitespace(_ p: Bytes, _ i: Int, _ end: Int) -> Int {
        var j = i
        while j < end, ByteClass.isWhitespace(p[j]) { j += 1 }
        return j
    }

    /// Skips spaces and tabs, at most one line ending, then spaces and tabs again.
    static func skipSpacesAndOneNewline(_ p: Bytes, _ i: Int, _ end: Int) -> Int {
        var j = i
        while j < end, ByteClass.isSpaceOrTab(p[j]) { j += 1 }
        if j < end, p[j] == 0x0A { j += 1 }
        while j < end, ByteClass.isSpaceOrTab(p[j]) { j += 1 }
        return j
    }

    /// A link reference definition at `p[i] == "["` (§4.7): its parts and the offset after its line.
    static func referenceDefinition(_ p: Bytes, _ i: Int, _ end: Int)
        -> (label: (Int, Int), destination: (Int, Int), title: (Int, Int)?, next: Int)?
    {
        guard let lab = label(p, i, end) else { return nil }
        var hasContent = false
        for k in lab.start..<lab.end where !ByteClass.isWhitespace(p[k]) {
            hasContent = true
            break
        }
        guard hasContent, lab.next < end, p[lab.next] == UInt8(ascii: ":") else { return nil }
        var j = skipSpacesAndOneNewline(p, lab.next + 1, end)
        guard let dest = destination(p, j, end) else { return nil }
        // A destination that is not in pointy brackets cannot be empty here.
        if dest.start == dest.end, p[j] != UInt8(ascii: "<") { return nil }
        j = dest.next
        let beforeTitle = j
        let afterSpace = skipSpacesAndOneNewline(p, j, end)
        if afterSpace > beforeTitle, let t = title(p, afterSpace, end) {
            var k = t.next
            while k < end, ByteClass.isSpaceOrTab(p[k]) { k += 1 }
            if k >= end || p[k] == 0x0A {
                return ((lab.start, lab.end), (dest.start, dest.end), (t.start, t.end), min(k + 1, end))
            }
        }
        var k = beforeTitle
        while k < end, ByteClass.isSpaceOrTab(p[k]) { k += 1 }
        guard k >= end || p[k] == 0x0A else { return nil }
        return ((lab.start, lab.end), (dest.start, dest.end), nil, min(k + 1, end))
    }
}
