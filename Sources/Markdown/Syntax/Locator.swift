import SourceText

/// Byte offsets to locations for offsets that mostly come in increasing order: each one
/// counts on from the previous (lines and scalars), so the whole walk scans the input once;
/// an earlier offset is looked up in a `LineIndex` built the first time one comes.
struct Locator {
    let bytes: [UInt8]
    private var lineIndex: LineIndex?
    private var offset = 0
    private var line = 1
    private var column = 1

    init(bytes: [UInt8]) {
        self.bytes = bytes
        // A byte order mark is not counted (as in `LineIndex`).
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { offset = 3 }
    }

    mutating func location(ofByte target: Int) -> SourceLocation {
        let target = max(0, min(target, bytes.count))
        if target < offset {
            if lineIndex == nil { lineIndex = LineIndex(bytes: bytes) }
            return lineIndex!.location(ofByte: target)
        }
        bytes.withUnsafeBufferPointer { p in
            var i = offset
            var line = self.line
            var column = self.column
            while i < target {
                let b = p[i]
                if b == 0x0A {
                    line += 1
                    column = 1
                } else if b == 0x0D {
                    if i + 1 >= p.count || p[i + 1] != 0x0A {
                        line += 1
                        column = 1
                    }
                } else if b & 0xC0 != 0x80 {
                    column += 1
                }
                i += 1
            }
            offset = i
            self.line = line
            self.column = column
        }
        return SourceLocation(line: line, column: column)
    }
}
