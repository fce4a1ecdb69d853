/// Byte and scalar classes used by both parsing phases (CommonMark 0.31.2 §2.1).
enum ByteClass {
    @inline(__always) static func isSpaceOrTab(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }
    @inline(__always) static func isLineEnd(_ c: UInt8) -> Bool { c == 0x0A || c == 0x0D }
    /// Space, tab, newline, line tabulation, form feed, carriage return.
    @inline(__always) static func isWhitespace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }
    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
    @inline(__always) static func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isAlnum(_ c: UInt8) -> Bool { isDigit(c) || isAlpha(c) }
    @inline(__always) static func isHexDigit(_ c: UInt8) -> Bool { isDigit(c) || (c | 0x20) &- 0x61 < 6 }
    @inline(__always) static func lower(_ c: UInt8) -> UInt8 { c &- 0x41 < 26 ? c | 0x20 : c }

    /// ASCII punctuation (§2.1): `!"#$%&'()*+,-./:;<=>?@[\]^_\`{|}~`.
    @inline(__always) static func isASCIIPunctuation(_ c: UInt8) -> Bool {
        (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E)
    }

    /// Unicode whitespace (§2.1): Zs, tab, line feed, form feed, carriage return.
    static func isUnicodeWhitespace(_ s: UInt32) -> Bool {
        if s < 0x80 { return s == 0x20 || s == 0x09 || s == 0x0A || s == 0x0C || s == 0x0D }
        guard let scalar = Unicode.Scalar(s) else { return false }
        return scalar.properties.generalCategory == .spaceSeparator
    }

    /// Unicode punctuation (§2.1): general categories P and S, ASCII punctuation included.
    static func isUnicodePunctuation(_ s: UInt32) -> Bool {
        if s < 0x80 { return isASCIIPunctuation(UInt8(s)) }
        guard let scalar = Unicode.Scalar(s) else { return false }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    /// The scalar that ends right before `i` in `p` (at least `lowerBound`), or a newline at the start.
    static func scalar(before i: Int, in p: UnsafeBufferPointer<UInt8>, lowerBound: Int) -> UInt32 {
        if i <= lowerBound { return 0x0A }
        let c = p[i - 1]
        if c < 0x80 { return UInt32(c) }
        var j = i - 1
        while j > lowerBound, p[j] & 0xC0 == 0x80, i - j < 4 { j -= 1 }
        return decodeScalar(at: j, in: p, end: i).0
    }

    /// The scalar starting at `i` (before `end`), or a newline past the end.
    static func scalar(at i: Int, in p: UnsafeBufferPointer<UInt8>, end: Int) -> UInt32 {
        if i >= end { return 0x0A }
        return decodeScalar(at: i, in: p, end: end).0
    }

    /// Decodes one UTF-8 scalar; invalid bytes decode as U+FFFD of length 1.
    static func decodeScalar(at i: Int, in p: UnsafeBufferPointer<UInt8>, end: Int) -> (UInt32, Int) {
        let c0 = UInt32(p[i])
        if c0 < 0x80 { return (c0, 1) }
        func cont(_ k: Int) -> UInt32? {
            guard i + k < end, p[i + k] & 0xC0 == 0x80 else { return nil }
            return UInt32(p[i + k] & 0x3F)
        }
        if c0 & 0xE0 == 0xC0, let c1 = cont(1) { return (((c0 & 0x1F) << 6) | c1, 2) }
        if c0 & 0xF0 == 0xE0, let c1 = cont(1), let c2 = cont(2) { return (((c0 & 0x0F) << 12) | (c1 << 6) | c2, 3) }
        if c0 & 0xF8 == 0xF0, let c1 = cont(1), let c2 = cont(2), let c3 = cont(3) {
            return (((c0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3, 4)
        }
        return (0xFFFD, 1)
    }

    /// Appends the UTF-8 form of `s` (U+FFFD for invalid scalars).
    @inline(__always) static func appendUTF8(_ s: UInt32, to out: inout [UInt8]) {
        var v = s
        if v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) { v = 0xFFFD }
        if v < 0x80 {
            out.append(UInt8(v))
        } else if v < 0x800 {
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }
}
