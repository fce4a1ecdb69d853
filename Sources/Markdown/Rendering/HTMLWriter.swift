/// Escaping for HTML output, writing into one byte buffer.
enum HTMLWriter {
    /// `&`, `<`, `>` and `"` as character references; everything else as is.
    static func escape(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, into out: inout [UInt8]) {
        var run = start
        var i = start
        while i < end {
            let c = p[i]
            // `"` `&` `<` `>` are 0x22 + 0, 4, 26, 28: one subtraction, one comparison and a
            // bit test tell them from every other byte.
            let d = c &- 0x22
            if d <= 28, (0x1400_0011 as UInt32) >> UInt32(d) & 1 != 0 {
                if i > run { out.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<i])) }
                switch c {
                case UInt8(ascii: "&"): out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])
                case UInt8(ascii: "<"): out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])
                case UInt8(ascii: ">"): out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])
                default: out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])
                }
                run = i + 1
            }
            i += 1
        }
        if end > run { out.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<end])) }
    }

    /// Bytes that stay as they are in an `href` or `src` (as cmark writes URLs): letters,
    /// digits and `-_.+!*(),%#@?=;:/$~`; `&` and `'` become references, the rest `%XX`.
    private static let hrefSafe: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for c in "-_.+!*(),%#@?=;:/$~&'".utf8 { table[Int(c)] = true }
        for c in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(c)] = true }
        for c in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(c)] = true }
        for c in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(c)] = true }
        return table
    }()

    private static let hex: [UInt8] = Array("0123456789ABCDEF".utf8)

    static func escapeHref(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, into out: inout [UInt8]) {
        hrefSafe.withUnsafeBufferPointer { safe in
            var run = start
            var i = start
            while i < end {
                let c = p[i]
                if safe[Int(c)], c != UInt8(ascii: "&"), c != UInt8(ascii: "'") {
                    i += 1
                    continue
                }
                if i > run { out.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<i])) }
                if c == UInt8(ascii: "&") {
                    out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])
                } else if c == UInt8(ascii: "'") {
                    out.append(contentsOf: [0x26, 0x23, 0x78, 0x32, 0x37, 0x3B])
                } else {
                    out.append(UInt8(ascii: "%"))
                    out.append(hex[Int(c >> 4)])
                    out.append(hex[Int(c & 15)])
                }
                i += 1
                run = i
            }
            if end > run { out.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<end])) }
        }
    }

    /// Raw HTML with the GFM tag filter (GFM spec §6.11): `<` of the nine filtered tag
    /// names, open or closing, becomes `&lt;`.
    static func appendFiltered(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, into out: inout [UInt8]) {
        var run = start
        var i = start
        while i < end {
            if p[i] == UInt8(ascii: "<"), isFilteredTag(p, i, end) {
                if i > run { out.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<i])) }
                out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])
                run = i + 1
            }
            i += 1
        }
        if end > run { out.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<end])) }
    }

    private static let filteredTags: [StaticString] = [
        "title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext",
    ]

    private static func isFilteredTag(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Bool {
        var j = i + 1
        if j < end, p[j] == UInt8(ascii: "/") { j += 1 }
        for name in filteredTags where HTMLScanner.matchesLower(name, p, j, end) {
            let k = j + name.utf8CodeUnitCount
            guard k < end else { return false }
            let c = p[k]
            if ByteClass.isWhitespace(c) || c == UInt8(ascii: ">") { return true }
            if c == UInt8(ascii: "/"), k + 1 < end, p[k + 1] == UInt8(ascii: ">") { return true }
            return false
        }
        return false
    }
}
