/// Link label matching (CommonMark 0.31.2 §4.7): labels match after Unicode case folding,
/// with runs of whitespace collapsed to one space and the ends trimmed.
enum LinkLabel {
    /// Full case folding, built once from the generated table.
    static let folding: [UInt32: [UInt32]] = {
        var map: [UInt32: [UInt32]] = [:]
        map.reserveCapacity(1600)
        for line in CaseFoldingTable.source.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let from = UInt32(parts[0], radix: 16) else { continue }
            map[from] = parts[1].split(separator: ",").compactMap { UInt32($0, radix: 16) }
        }
        return map
    }()

    /// The normalized form of `p[start..<end]`, the key of the reference map.
    static func normalize(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var pendingSpace = false
        var i = start
        while i < end {
            let c = p[i]
            if c < 0x80 {
                if ByteClass.isWhitespace(c) {
                    pendingSpace = true
                    i += 1
                    continue
                }
                if pendingSpace, !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(ByteClass.lower(c))
                i += 1
                continue
            }
            let (s, n) = ByteClass.decodeScalar(at: i, in: p, end: end)
            i += n
            if ByteClass.isUnicodeWhitespace(s) {
                pendingSpace = true
                continue
            }
            if pendingSpace, !out.isEmpty { out.append(0x20) }
            pendingSpace = false
            if let folded = folding[s] {
                for f in folded { ByteClass.appendUTF8(f, to: &out) }
            } else {
                ByteClass.appendUTF8(s, to: &out)
            }
        }
        return out
    }
}
