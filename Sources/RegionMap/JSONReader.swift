/// A small JSON reader over UTF-8 bytes (RFC 8259), written for GeoJSON files that editors drop
/// into `content/kaart/`: every value keeps its byte range, so a diagnostic can point at the
/// line and column of a bad coordinate, not only name the file.
///
/// Nesting is capped (`maximumDepth`): GeoJSON needs about ten levels, and the cap keeps both the
/// recursive descent and the freeing of the tree far from the stack's limit on hostile input.
struct JSONNode {
    enum Value {
        case object([JSONMember])
        case array([JSONNode])
        case string(String)
        case number(Double)
        case bool(Bool)
        case null
    }
    var value: Value
    /// Byte offsets of the value's first byte and one past its last.
    var start: Int
    var end: Int

    /// The member `key` of an object (the last one, if a key repeats, as most readers do).
    subscript(key: String) -> JSONNode? {
        guard case .object(let members) = value else { return nil }
        return members.last(where: { $0.key == key })?.value
    }

    var stringValue: String? {
        if case .string(let s) = value { return s }
        return nil
    }

    var arrayValue: [JSONNode]? {
        if case .array(let a) = value { return a }
        return nil
    }

    var numberValue: Double? {
        if case .number(let d) = value { return d }
        return nil
    }

    /// A short name of the value's kind, for messages ("expected an array, found a string").
    var kindName: String {
        switch value {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        }
    }
}

struct JSONMember {
    var key: String
    var value: JSONNode
}

struct JSONSyntaxError: Error, Equatable {
    var offset: Int
    var message: String
}

struct JSONReader {
    static let maximumDepth = 256

    private let bytes: [UInt8]
    private var position = 0
    private var depth = 0

    /// Parses one JSON text (a leading byte order mark is skipped; trailing white space is allowed).
    static func parse(_ bytes: [UInt8]) -> Result<JSONNode, JSONSyntaxError> {
        var reader = JSONReader(bytes: bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.position = 3 }
        do {
            reader.skipWhitespace()
            let node = try reader.parseValue()
            reader.skipWhitespace()
            if reader.position < bytes.count {
                throw JSONSyntaxError(offset: reader.position, message: "unexpected \(reader.describeByte()) after the end of the JSON value")
            }
            return .success(node)
        } catch let error as JSONSyntaxError {
            return .failure(error)
        } catch {
            return .failure(JSONSyntaxError(offset: reader.position, message: "unreadable JSON"))
        }
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private func describeByte() -> String {
        guard position < bytes.count else { return "end of file" }
        let b = bytes[position]
        if b >= 0x21 && b < 0x7F { return "'\(String(UnicodeScalar(b)))'" }
        let hex: [Character] = Array("0123456789ABCDEF")
        return "byte 0x" + String(hex[Int(b >> 4)]) + String(hex[Int(b & 15)])
    }

    private func fail(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: position, message: message)
    }

    private mutating func parseValue() throws -> JSONNode {
        guard position < bytes.count else { throw fail("unexpected end of file: expected a value") }
        let start = position
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""):
            let s = try parseString()
            return JSONNode(value: .string(s), start: start, end: position)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        case UInt8(ascii: "t"):
            try expectWord("true")
            return JSONNode(value: .bool(true), start: start, end: position)
        case UInt8(ascii: "f"):
            try expectWord("false")
            return JSONNode(value: .bool(false), start: start, end: position)
        case UInt8(ascii: "n"):
            try expectWord("null")
            return JSONNode(value: .null, start: start, end: position)
        default:
            throw fail("unexpected \(describeByte()): expected a value")
        }
    }

    private mutating func expectWord(_ word: String) throws {
        let w = Array(word.utf8)
        let n = w.count
        guard position + n <= bytes.count, bytes[position..<position + n].elementsEqual(w) else {
            throw fail("unexpected \(describeByte()): expected a value")
        }
        position += n
    }

    private mutating func enter() throws {
        depth += 1
        if depth > JSONReader.maximumDepth {
            throw fail("nested deeper than \(JSONReader.maximumDepth) levels")
        }
    }

    private mutating func parseObject() throws -> JSONNode {
        let start = position
        try enter()
        position += 1
        var members: [JSONMember] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return JSONNode(value: .object(members), start: start, end: position)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw fail(position < bytes.count ? "unexpected \(describeByte()): expected a member name in quotes"
                                                  : "unexpected end of file: the object is not closed")
            }
            let key = try parseString()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw fail("unexpected \(describeByte()): expected ':' after the member name")
            }
            position += 1
            skipWhitespace()
            let value = try parseValue()
            members.append(JSONMember(key: key, value: value))
            skipWhitespace()
            guard position < bytes.count else { throw fail("unexpected end of file: the object is not closed") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            if bytes[position] == UInt8(ascii: "}") {
                position += 1
                depth -= 1
                return JSONNode(value: .object(members), start: start, end: position)
            }
            throw fail("unexpected \(describeByte()): expected ',' or '}'")
        }
    }

    private mutating func parseArray() throws -> JSONNode {
        let start = position
        try enter()
        position += 1
        var items: [JSONNode] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return JSONNode(value: .array(items), start: start, end: position)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue())
            skipWhitespace()
            guard position < bytes.count else { throw fail("unexpected end of file: the array is not closed") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            if bytes[position] == UInt8(ascii: "]") {
                position += 1
                depth -= 1
                return JSONNode(value: .array(items), start: start, end: position)
            }
            throw fail("unexpected \(describeByte()): expected ',' or ']'")
        }
    }

    private mutating func parseString() throws -> String {
        let open = position
        position += 1
        var out: [UInt8] = []
        while true {
            guard position < bytes.count else {
                throw JSONSyntaxError(offset: open, message: "the string is never closed")
            }
            let b = bytes[position]
            switch b {
            case UInt8(ascii: "\""):
                position += 1
                // Invalid UTF-8 is repaired (U+FFFD) rather than refused: a name is only shown.
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                position += 1
                guard position < bytes.count else { throw JSONSyntaxError(offset: open, message: "the string is never closed") }
                let e = bytes[position]
                position += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try parseHex4()
                    if (0xD800...0xDBFF).contains(scalar), position + 1 < bytes.count,
                       bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
                        let save = position
                        position += 2
                        let low = try parseHex4()
                        if (0xDC00...0xDFFF).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            position = save
                        }
                    }
                    let u = UnicodeScalar(scalar) ?? "\u{FFFD}"
                    out.append(contentsOf: Array(String(u).utf8))
                default:
                    position -= 1
                    throw fail("unknown escape '\\\(String(UnicodeScalar(e)))' in a string")
                }
            default:
                if b < 0x20 { throw fail("a control character in a string must be escaped") }
                out.append(b)
                position += 1
            }
        }
    }

    private mutating func parseHex4() throws -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard position < bytes.count else { throw fail("unexpected end of file in a \\u escape") }
            let b = bytes[position]
            let d: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw fail("expected four hexadecimal digits after \\u")
            }
            v = v * 16 + d
            position += 1
        }
        return v
    }

    /// JSON's number grammar, checked byte by byte; the value comes from Swift's own
    /// conversion, which does not depend on the machine's locale.
    private mutating func parseNumber() throws -> JSONNode {
        let start = position
        func isDigit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard isDigit(position) else { throw fail("expected a digit in a number") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if isDigit(position) { throw fail("a number must not start with 0") }
        } else {
            while isDigit(position) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard isDigit(position) else { throw fail("expected a digit after the decimal point") }
            while isDigit(position) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard isDigit(position) else { throw fail("expected a digit in the exponent") }
            while isDigit(position) { position += 1 }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw JSONSyntaxError(offset: start, message: "the number \(text) is out of range")
        }
        return JSONNode(value: .number(value), start: start, end: position)
    }
}
