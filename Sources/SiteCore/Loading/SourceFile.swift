import Foundation
import SourceText

/// A content file's text as the loader sees it: decoded, BOM removed, line ends normalised.
struct SourceFile: Sendable {
    /// Site-relative path, e.g. `content/regios/twente.md`.
    var path: String
    /// The text with `\r\n` and lone `\r` turned into `\n` (line numbers are unchanged, and a
    /// column never counts a CR, so positions stay those of the original file).
    var text: String

    /// Reads and decodes a file; a file that cannot be read or is not UTF-8 is a diagnostic.
    static func read(_ url: URL, path: String) -> Result<SourceFile, Diagnostic> {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return .failure(.error(path, .start, "cannot read this file"))
        }
        return decode([UInt8](data), path: path)
    }

    static func decode(_ bytes: [UInt8], path: String) -> Result<SourceFile, Diagnostic> {
        var bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let bad = firstInvalidUTF8(bytes) {
            let index = LineIndex(bytes: Array(bytes[..<bad]))
            let loc = index.location(ofByte: bad)
            return .failure(.error(path, loc, "this file is not valid UTF-8 text (byte 0x\(String(bytes[bad], radix: 16, uppercase: true)) at byte \(bad))",
                                   notes: ["save the file as UTF-8 in your editor"]))
        }
        if bytes.contains(0x0D) { bytes = normalizeLineEnds(bytes) }
        return .success(SourceFile(path: path, text: String(decoding: bytes, as: UTF8.self)))
    }

    /// The offset of the first byte that is not part of a valid UTF-8 sequence, or nil.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var minimum: UInt32
            var scalar: UInt32
            switch b {
            case 0xC2...0xDF: length = 2; scalar = UInt32(b & 0x1F); minimum = 0x80
            case 0xE0...0xEF: length = 3; scalar = UInt32(b & 0x0F); minimum = 0x800
            case 0xF0...0xF4: length = 4; scalar = UInt32(b & 0x07); minimum = 0x10000
            default: return i
            }
            guard i + length <= n else { return i }
            for k in 1..<length {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return i }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
            i += length
        }
        return nil
    }

    private static func normalizeLineEnds(_ bytes: [UInt8]) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0D {
                out.append(0x0A)
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
            } else {
                out.append(b)
            }
            i += 1
        }
        return out
    }
}
