/// Entity and numeric character references (CommonMark 0.31.2 §2.5) and backslash escapes (§2.4).
enum Entities {
    /// Named references (without `&` and `;`) to their UTF-8 bytes, built once from the generated table.
    static let named: [String: [UInt8]] = {
        var map: [String: [UInt8]] = [:]
        map.reserveCapacity(2200)
        for line in EntityTable.source.split(separator: "\n") {
            guard let space = line.firstIndex(of: " ") else { continue }
            var bytes: [UInt8] = []
            for hex in line[line.index(after: space)...].split(separator: ",") {
                ByteClass.appendUTF8(UInt32(hex, radix: 16) ?? 0xFFFD, to: &bytes)
            }
            map[String(line[..<space])] = bytes
        }
        return map
    }()

    /// Matches a reference starting at `p[i] == "&"`; appends its decoded bytes to `out` and
    /// returns its length, or returns 0 when there is none.
    static func decode(_ p: UnsafeBufferPointer<UInt8>, at i: Int, end: Int, into out: inout [UInt8]) -> Int {
        var j = i + 1
        guard j < end else { return 0 }
        if p[j] == UInt8(ascii: "#") {
            j += 1
            guard j < end else { return 0 }
            var value: UInt32 = 0
            var digits = 0
            if p[j] | 0x20 == UInt8(ascii: "x") {
                j += 1
                while j < end, ByteClass.isHexDigit(p[j]), digits < 6 {
                    let c = p[j]
                    value = value * 16 + UInt32(ByteClass.isDigit(c) ? c - 0x30 : (c | 0x20) - 0x61 + 10)
                    j += 1
                    digits += 1
                }
            } else {
                while j < end, ByteClass.isDigit(p[j]), digits < 7 {
                    value = value * 10 + UInt32(p[j] - 0x30)
                    j += 1
                    digits += 1
                }
            }
            guard digits > 0, j < end, p[j] == UInt8(ascii: ";") else { return 0 }
            ByteClass.appendUTF8(value, to: &out)
            return j + 1 - i
        }
        let nameStart = j
        while j < end, ByteClass.isAlnum(p[j]), j - nameStart < 32 { j += 1 }
        guard j > nameStart, j < end, p[j] == UInt8(ascii: ";") else { return 0 }
        let name = String(decoding: UnsafeBufferPointer(rebasing: p[nameStart..<j]), as: UTF8.self)
        guard let bytes = named[name] else { return 0 }
        out.append(contentsOf: bytes)
        return j + 1 - i
    }

    /// Appends `p[start..<end]` with backslash escapes and references resolved (for link
    /// destinations, titles and info strings, §4.7, §6.3).
    static func appendUnescaped(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, into out: inout [UInt8]) {
        var i = start
        var run = start
        while i < end {
            let c = p[i]
            if c == UInt8(ascii: "\\"), i + 1 < end, ByteClass.isASCIIPunctuation(p[i + 1]) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<i]))
                out.append(p[i + 1])
                i += 2
                run = i
            } else if c == UInt8(ascii: "&") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<i]))
                let n = decode(p, at: i, end: end, into: &out)
                if n == 0 {
                    out.append(c)
                    i += 1
                } else {
                    i += n
                }
                run = i
            } else {
                i += 1
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<end]))
    }
}
