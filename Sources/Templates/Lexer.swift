// Splits a template's UTF-8 bytes into text, `{{ output }}` and `{% tag %}` segments, each
// tag already cut into expression tokens, with white-space control (`{%-`, `-%}`, ...)
// applied to the text around it. One pass over the bytes, no backtracking.

enum TokenKind: UInt8 {
    case name, string, integer, number, punct
}

struct Token {
    var kind: TokenKind
    /// Byte range in the template source (for a string: including its quotes).
    var start: Int
    var end: Int
}

enum Segment {
    case text(start: Int, end: Int)
    /// `{{ ... }}`: the position of `{{` and the tokens inside.
    case output(open: Int, tokens: [Token], close: Int)
    /// `{% ... %}`.
    case tag(open: Int, tokens: [Token], close: Int)
}

struct LexError {
    var offset: Int
    var message: String
}

@inline(__always) func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C || b == 0x0B }
@inline(__always) func isNameStart(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b == 0x5F }
@inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

struct Lexer {
    let b: [UInt8]
    var segments: [Segment] = []
    var errors: [LexError] = []
    private var trimNext = false

    init(bytes: [UInt8]) { b = bytes }

    mutating func run() {
        let n = b.count
        var i = 0
        // A byte order mark is not text of the template.
        if n >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
        var textStart = i
        while i < n {
            guard b[i] == 0x7B, i + 1 < n, b[i + 1] == 0x7B || b[i + 1] == 0x25 || b[i + 1] == 0x23 else {
                i += 1
                continue
            }
            let open = i
            let kind = b[i + 1]
            let trimLeft = i + 2 < n && b[i + 2] == 0x2D
            emitText(textStart, open, trimRight: trimLeft)
            var k = open + 2
            if i + 2 < n, b[i + 2] == 0x2D || b[i + 2] == 0x2B { k += 1 }
            if kind == 0x23 {
                // A comment: up to the first `#}`.
                var j = k
                var closed = false
                while j + 1 < n {
                    if b[j] == 0x23 && b[j + 1] == 0x7D { closed = true; break }
                    j += 1
                }
                if !closed {
                    errors.append(LexError(offset: open, message: "unclosed comment: expected '#}'"))
                    i = n
                    textStart = n
                    break
                }
                trimNext = j > k && b[j - 1] == 0x2D
                i = j + 2
                textStart = i
                continue
            }
            let isTag = kind == 0x25
            var tokens: [Token] = []
            let (next, closeAt, closedProperly) = tokenize(from: k, isTag: isTag, open: open, into: &tokens)
            if isTag {
                // `{% raw %}`: everything up to `{% endraw %}` is text.
                if closedProperly, tokens.count == 1, tokens[0].kind == .name, name(tokens[0]) == "raw" {
                    if let (rawEnd, endOpen, after, dashLeft, dashRight) = findEndRaw(from: next) {
                        _ = endOpen
                        emitText(next, rawEnd, trimRight: dashLeft)
                        trimNext = dashRight
                        i = after
                        textStart = i
                        continue
                    } else {
                        errors.append(LexError(offset: open, message: "unclosed {% raw %}: expected '{% endraw %}'"))
                        i = n
                        textStart = n
                        break
                    }
                }
                segments.append(.tag(open: open, tokens: tokens, close: closeAt))
            } else {
                segments.append(.output(open: open, tokens: tokens, close: closeAt))
            }
            i = next
            textStart = i
        }
        emitText(textStart, n, trimRight: false)
    }

    func name(_ t: Token) -> String { String(decoding: b[t.start..<t.end], as: UTF8.self) }

    private mutating func emitText(_ start: Int, _ end: Int, trimRight: Bool) {
        var s = start, e = end
        if trimNext { while s < e && isSpace(b[s]) { s += 1 } }
        trimNext = false
        if trimRight { while e > s && isSpace(b[e - 1]) { e -= 1 } }
        if s < e { segments.append(.text(start: s, end: e)) }
    }

    /// Tokens up to the closing `%}` / `}}`. Returns where scanning resumes, where the close
    /// is, and whether it was the right close.
    private mutating func tokenize(from start: Int, isTag: Bool, open: Int, into tokens: inout [Token]) -> (Int, Int, Bool) {
        let n = b.count
        var k = start
        var braces = 0
        let closeText = isTag ? "'%}'" : "'}}'"
        while true {
            while k < n && isSpace(b[k]) { k += 1 }
            if k >= n {
                errors.append(LexError(offset: open, message: "unclosed tag: expected \(closeText)"))
                return (n, n, false)
            }
            let c = b[k]
            let c1: UInt8 = k + 1 < n ? b[k + 1] : 0
            let c2: UInt8 = k + 2 < n ? b[k + 2] : 0
            // Closings (a `-` before them trims the following text).
            if c == 0x2D, (c1 == 0x25 && c2 == 0x7D) || (c1 == 0x7D && c2 == 0x7D && braces == 0) {
                if (c1 == 0x25) == isTag {
                    trimNext = true
                    return (k + 3, k, true)
                }
            }
            if c == 0x25 && c1 == 0x7D {
                if !isTag { errors.append(LexError(offset: k, message: "expected '}}'")) }
                return (k + 2, k, isTag)
            }
            if c == 0x7D && c1 == 0x7D && braces == 0 {
                if isTag { errors.append(LexError(offset: k, message: "expected '%}'")) }
                return (k + 2, k, !isTag)
            }
            if c == 0x7B && (c1 == 0x7B || c1 == 0x25) {
                // Another tag opens before this one closed.
                errors.append(LexError(offset: k, message: "expected \(closeText)"))
                return (k, k, false)
            }
            if isNameStart(c) {
                var j = k + 1
                while j < n && (isNameStart(b[j]) || isDigit(b[j])) { j += 1 }
                tokens.append(Token(kind: .name, start: k, end: j))
                k = j
                continue
            }
            if isDigit(c) {
                var j = k + 1
                while j < n && (isDigit(b[j]) || b[j] == 0x5F) { j += 1 }
                var kind = TokenKind.integer
                if j + 1 < n, b[j] == 0x2E, isDigit(b[j + 1]) {
                    kind = .number
                    j += 1
                    while j < n && isDigit(b[j]) { j += 1 }
                }
                if j < n, b[j] | 0x20 == 0x65 {
                    var e = j + 1
                    if e < n, b[e] == 0x2B || b[e] == 0x2D { e += 1 }
                    if e < n, isDigit(b[e]) {
                        kind = .number
                        j = e
                        while j < n && isDigit(b[j]) { j += 1 }
                    }
                }
                tokens.append(Token(kind: kind, start: k, end: j))
                k = j
                continue
            }
            if c == 0x22 || c == 0x27 {
                var j = k + 1
                while j < n && b[j] != c {
                    if b[j] == 0x5C { j += 1 }
                    j += 1
                }
                if j >= n {
                    errors.append(LexError(offset: k, message: "unclosed string"))
                    return (n, n, false)
                }
                tokens.append(Token(kind: .string, start: k, end: j + 1))
                k = j + 1
                continue
            }
            // Punctuation: two-byte operators first.
            var len = 0
            switch (c, c1) {
            case (0x3D, 0x3D), (0x21, 0x3D), (0x3C, 0x3D), (0x3E, 0x3D), (0x2F, 0x2F), (0x2A, 0x2A): len = 2
            default:
                switch c {
                case 0x28, 0x29, 0x5B, 0x5D, 0x2E, 0x2C, 0x3A, 0x7C, 0x2B, 0x2D, 0x2A, 0x2F, 0x25, 0x7E, 0x3C, 0x3E, 0x3D: len = 1
                case 0x7B: len = 1; braces += 1
                case 0x7D: len = 1; braces = max(0, braces - 1)
                default: len = 0
                }
            }
            if len == 0 {
                var j = k + 1
                while j < n && b[j] & 0xC0 == 0x80 { j += 1 }
                errors.append(LexError(offset: k, message: "unexpected character '\(String(decoding: b[k..<j], as: UTF8.self))'"))
                k = j
                continue
            }
            tokens.append(Token(kind: .punct, start: k, end: k + len))
            k += len
        }
    }

    /// The next `{% endraw %}` (with optional `-`): (end of raw text, tag start, after tag, dashes).
    private func findEndRaw(from start: Int) -> (Int, Int, Int, Bool, Bool)? {
        let n = b.count
        var i = start
        while i + 1 < n {
            if b[i] == 0x7B && b[i + 1] == 0x25 {
                var k = i + 2
                var dashLeft = false
                if k < n, b[k] == 0x2D { dashLeft = true; k += 1 }
                while k < n && isSpace(b[k]) { k += 1 }
                let word: [UInt8] = Array("endraw".utf8)
                if k + word.count <= n, Array(b[k..<(k + word.count)]) == word {
                    k += word.count
                    while k < n && isSpace(b[k]) { k += 1 }
                    var dashRight = false
                    if k < n, b[k] == 0x2D { dashRight = true; k += 1 }
                    if k + 1 < n, b[k] == 0x25, b[k + 1] == 0x7D {
                        return (i, i, k + 2, dashLeft, dashRight)
                    }
                }
            }
            i += 1
        }
        return nil
    }
}
