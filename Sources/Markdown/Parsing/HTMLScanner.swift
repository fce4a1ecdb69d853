/// Scanners for raw HTML: tags for inline raw HTML (CommonMark 0.31.2 §6.6) and the seven
/// kinds of HTML block start and end (§4.6). All work on a byte range and return the end
/// offset of a match, or 0 when there is none.
enum HTMLScanner {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    @inline(__always) private static func isTagNameChar(_ c: UInt8) -> Bool {
        ByteClass.isAlnum(c) || c == UInt8(ascii: "-")
    }

    /// An open tag starting at `p[i] == "<"` (§6.6), up to and including `>`.
    static func openTag(_ p: Bytes, _ i: Int, _ end: Int) -> Int {
        var j = i + 1
        guard j < end, ByteClass.isAlpha(p[j]) else { return 0 }
        j += 1
        while j < end, isTagNameChar(p[j]) { j += 1 }
        while true {
            // Attributes need whitespace before them.
            let beforeSpace = j
            while j < end, ByteClass.isWhitespace(p[j]) { j += 1 }
            guard j < end else { return 0 }
            let c = p[j]
            if c == UInt8(ascii: ">") { return j + 1 }
            if c == UInt8(ascii: "/") { return j + 1 < end && p[j + 1] == UInt8(ascii: ">") ? j + 2 : 0 }
            guard j > beforeSpace, ByteClass.isAlpha(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: ":") else { return 0 }
            j += 1
            while j < end {
                let d = p[j]
                if ByteClass.isAlnum(d) || d == UInt8(ascii: "_") || d == UInt8(ascii: ".") || d == UInt8(ascii: ":") || d == UInt8(ascii: "-") {
                    j += 1
                } else { break }
            }
            // Optional value specification.
            var k = j
            while k < end, ByteClass.isWhitespace(p[k]) { k += 1 }
            guard k < end else { return 0 }
            if p[k] == UInt8(ascii: "=") {
                k += 1
                while k < end, ByteClass.isWhitespace(p[k]) { k += 1 }
                guard k < end else { return 0 }
                let q = p[k]
                if q == UInt8(ascii: "\"") || q == UInt8(ascii: "'") {
                    k += 1
                    while k < end, p[k] != q { k += 1 }
                    guard k < end else { return 0 }
                    j = k + 1
                } else {
                    let valueStart = k
                    while k < end {
                        let d = p[k]
                        if ByteClass.isWhitespace(d) || d == UInt8(ascii: "\"") || d == UInt8(ascii: "'") || d == UInt8(ascii: "=")
                            || d == UInt8(ascii: "<") || d == UInt8(ascii: ">") || d == UInt8(ascii: "`") { break }
                        k += 1
                    }
                    guard k > valueStart else { return 0 }
                    j = k
                }
            }
        }
    }

    /// A closing tag starting at `p[i] == "<"`, `p[i+1] == "/"`.
    static func closingTag(_ p: Bytes, _ i: Int, _ end: Int) -> Int {
        var j = i + 2
        guard j < end, ByteClass.isAlpha(p[j]) else { return 0 }
        j += 1
        while j < end, isTagNameChar(p[j]) { j += 1 }
        while j < end, ByteClass.isWhitespace(p[j]) { j += 1 }
        return j < end && p[j] == UInt8(ascii: ">") ? j + 1 : 0
    }

    /// The first occurrence of `needle` in `p[from..<end]`: the offset just past it, or 0.
    static func find(_ needle: StaticString, _ p: Bytes, _ from: Int, _ end: Int) -> Int {
        let n = needle.utf8CodeUnitCount
        let first = needle.utf8Start[0]
        var j = from
        while j + n <= end {
            if p[j] == first {
                var k = 1
                while k < n, p[j + k] == needle.utf8Start[k] { k += 1 }
                if k == n { return j + n }
            }
            j += 1
        }
        return 0
    }

    /// Case-insensitive comparison of `p[i...]` with the lower-case ASCII `word`.
    static func matchesLower(_ word: StaticString, _ p: Bytes, _ i: Int, _ end: Int) -> Bool {
        let n = word.utf8CodeUnitCount
        guard i + n <= end else { return false }
        for k in 0..<n where ByteClass.lower(p[i + k]) != word.utf8Start[k] { return false }
        return true
    }

    // MARK: - HTML blocks (§4.6)

    private static let type1Names: [StaticString] = ["pre", "script", "style", "textarea"]

    private static let type6Names: Set<String> = [
        "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center",
        "col", "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption",
        "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head",
        "header", "hr", "html", "iframe", "legend", "li", "link", "main", "menu", "menuitem", "nav",
        "noframes", "ol", "optgroup", "option", "p", "param", "search", "section", "summary", "table",
        "tbody", "td", "tfoot", "th", "thead", "title", "tr", "track", "ul",
    ]

    /// The HTML block type (1-7) that starts at `p[i] == "<"` on a line ending at `end`, or 0.
    static func blockStart(_ p: Bytes, _ i: Int, _ end: Int, inParagraph: Bool) -> Int32 {
        var j = i + 1
        guard j < end else { return 0 }
        let c = p[j]
        if c == UInt8(ascii: "!") {
            if matchesLower("<!--", p, i, end) { return 2 }
            if i + 9 <= end, matchesCDATA(p, i) { return 5 }
            if i + 2 < end, ByteClass.isAlpha(p[i + 2]) { return 4 }
            return 0
        }
        if c == UInt8(ascii: "?") { return 3 }
        let closing = c == UInt8(ascii: "/")
        if closing { j += 1 }
        let nameStart = j
        while j < end, ByteClass.isAlnum(p[j]) { j += 1 }
        let nameEnd = j
        if nameEnd > nameStart {
            let after: UInt8 = j < end ? p[j] : 0x0A
            if !closing {
                for name in type1Names where nameEnd - nameStart == name.utf8CodeUnitCount && matchesLower(name, p, nameStart, nameEnd) {
                    if ByteClass.isWhitespace(after) || after == UInt8(ascii: ">") { return 1 }
                }
            }
            if nameEnd - nameStart <= 10 {
                var name = ""
                for k in nameStart..<nameEnd { name.unicodeScalars.append(Unicode.Scalar(ByteClass.lower(p[k]))) }
                if type6Names.contains(name) {
                    if ByteClass.isWhitespace(after) || after == UInt8(ascii: ">")
                        || (after == UInt8(ascii: "/") && j + 1 < end && p[j + 1] == UInt8(ascii: ">")) {
                        return 6
                    }
                }
            }
        }
        if inParagraph { return 0 }
        let tagEnd = closing ? closingTag(p, i, end) : openTag(p, i, end)
        guard tagEnd > 0 else { return 0 }
        var k = tagEnd
        while k < end, ByteClass.isWhitespace(p[k]) { k += 1 }
        return k == end ? 7 : 0
    }

    private static func matchesCDATA(_ p: Bytes, _ i: Int) -> Bool {
        let word: StaticString = "<![CDATA["
        for k in 0..<9 where p[i + k] != word.utf8Start[k] { return false }
        return true
    }

    /// Whether the line `p[i..<end]` holds the end condition of an HTML block of type 1-5.
    static func blockEnds(_ type: Int32, _ p: Bytes, _ i: Int, _ end: Int) -> Bool {
        switch type {
        case 1:
            var j = i
            while j + 1 < end {
                if p[j] == UInt8(ascii: "<"), p[j + 1] == UInt8(ascii: "/") {
                    for name in type1Names where matchesLower(name, p, j + 2, end) {
                        let k = j + 2 + name.utf8CodeUnitCount
                        if k < end, p[k] == UInt8(ascii: ">") { return true }
                    }
                }
                j += 1
            }
            return false
        case 2: return find("-->", p, i, end) > 0
        case 3: return find("?>", p, i, end) > 0
        case 4: return find(">", p, i, end) > 0
        case 5: return find("]]>", p, i, end) > 0
        default: return false
        }
    }
}
