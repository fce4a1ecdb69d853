/// Turns UTF-8 byte offsets into 1-based line and column numbers.
///
/// Built once per text (one pass over its bytes); each lookup is a binary search
/// for the line plus a scalar count within that line. Parsers track byte offsets
/// in their hot loops and ask for a `SourceLocation` only when they need one.
public struct LineIndex: Sendable {
    /// The text's UTF-8 bytes.
    public let bytes: [UInt8]
    /// Byte offset of the first byte of each line. Lines end at `\n`, `\r\n` or a lone `\r`.
    public let lineStarts: [Int]

    public init(_ text: String) {
        self.init(bytes: Array(text.utf8))
    }

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0x0A {
                starts.append(i + 1)
            } else if b == 0x0D {
                if i + 1 < n, bytes[i + 1] == 0x0A { i += 1 }
                starts.append(i + 1)
            }
            i += 1
        }
        self.lineStarts = starts
    }

    /// The number of lines (a final line without a line break counts; an empty text has one line).
    public var lineCount: Int { lineStarts.count }

    /// The location of the byte at `offset` (clamped to the text). A continuation byte of a
    /// multi-byte character maps to that character's column.
    public func location(ofByte offset: Int) -> SourceLocation {
        let offset = max(0, min(offset, bytes.count))
        var lo = 0
        var hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        var column = 1
        var i = lineStarts[lo]
        while i < offset {
            // Count scalars: every byte that is not a UTF-8 continuation byte starts one.
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        if lo == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]), offset >= 3 { column -= 1 }
        return SourceLocation(line: lo + 1, column: column)
    }

    /// The text of line `line` (1-based) without its line break, for quoting in a diagnostic.
    public func text(ofLine line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] : bytes.count
        while end > start, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        var slice = bytes[start..<end]
        if line == 1, slice.starts(with: [0xEF, 0xBB, 0xBF]) { slice = slice.dropFirst(3) }
        return String(decoding: slice, as: UTF8.self)
    }
}
