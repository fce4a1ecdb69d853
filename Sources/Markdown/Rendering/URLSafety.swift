/// Safe mode's URL check: `javascript:`, `vbscript:`, `file:` and `data:` (except the four
/// common image types) are unsafe, case-insensitively, after leading white space.
enum URLSafety {
    static func isUnsafe(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end, ByteClass.isWhitespace(p[i]) { i += 1 }
        if HTMLScanner.matchesLower("javascript:", p, i, end) || HTMLScanner.matchesLower("vbscript:", p, i, end)
            || HTMLScanner.matchesLower("file:", p, i, end) {
            return true
        }
        if HTMLScanner.matchesLower("data:", p, i, end) {
            let j = i + 5
            for type: StaticString in ["image/png", "image/gif", "image/jpeg", "image/webp"]
            where HTMLScanner.matchesLower(type, p, j, end) {
                return false
            }
            return true
        }
        return false
    }
}
