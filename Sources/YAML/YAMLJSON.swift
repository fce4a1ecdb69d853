import SourceText

/// JSON for `bj42 yaml`: a stream of documents as one JSON value per document, each
/// followed by a line break (no documents: an empty text).
///
/// Format: 2-space indentation, `"key": value`, keys in document order, an empty list
/// `[]` and mapping `{}` on one line; strings escaped as JSON requires (`\"`, `\\`,
/// `\n`, `\t`, `\r`, `\b`, `\f`, other control characters as `\u00XX`), everything else
/// written as UTF-8. Integers in decimal; floats in Swift's shortest round-trip form
/// (`1.5`, `1000.0`, `1e+20`). Keys that are not strings are written as their JSON text
/// (`1: x` → `"1"`, `true` → `"true"`, `~` → `"null"`).
///
/// Errors: `.inf`, `-.inf` and `.nan` (JSON has no such numbers), at the node's location;
/// two keys of one mapping that become the same JSON key (`1:` and `"1":`), at the second.
public func jsonText(of documents: [YAMLNode], indented: Bool = true) throws(YAMLError) -> String {
    var writer = JSONWriter(indented: indented)
    for document in documents {
        try writer.write(document, level: 0)
        writer.out.append(0x0A)
    }
    return String(decoding: writer.out, as: UTF8.self)
}

extension YAMLNode {
    /// This node as JSON (see `jsonText(of:indented:)` for the format), without a final line break.
    /// `indented: false` writes it on one line with no spaces (`{"a":[1,2]}`).
    public func jsonText(indented: Bool = true) throws(YAMLError) -> String {
        var writer = JSONWriter(indented: indented)
        try writer.write(self, level: 0)
        return String(decoding: writer.out, as: UTF8.self)
    }
}

private struct JSONWriter {
    let indented: Bool
    var out: [UInt8] = []

    init(indented: Bool) {
        self.indented = indented
        out.reserveCapacity(4096)
    }

    // The depth of a parsed tree is capped (`YAMLParser.maxDepth`), so recursion is bounded.
    mutating func write(_ node: YAMLNode, level: Int) throws(YAMLError) {
        switch node.value {
        case .null: append("null")
        case .bool(let b): append(b ? "true" : "false")
        case .int(let i): append(String(i))
        case .float(let d): append(try Self.number(d, at: node.location))
        case .string(let s): writeString(s)
        case .sequence(let items):
            if items.isEmpty { append("[]"); return }
            out.append(0x5B)
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(0x2C) }
                newline(level + 1)
                try write(item, level: level + 1)
            }
            newline(level)
            out.append(0x5D)
        case .mapping(let pairs):
            if pairs.isEmpty { append("{}"); return }
            var seen: [String: SourceLocation]?
            if pairs.contains(where: { if case .string = $0.key.value { false } else { true } }) {
                seen = [:]
            }
            out.append(0x7B)
            for (i, pair) in pairs.enumerated() {
                if i > 0 { out.append(0x2C) }
                newline(level + 1)
                let key = try Self.keyText(pair.key)
                if seen != nil {
                    if let first = seen![key] {
                        throw YAMLError("this key and the one at line \(first.line) both become the JSON key \"\(key)\"", at: pair.key.location)
                    }
                    seen![key] = pair.key.location
                }
                writeString(key)
                out.append(0x3A)
                if indented { out.append(0x20) }
                try write(pair.value, level: level + 1)
            }
            newline(level)
            out.append(0x7D)
        }
    }

    static func number(_ d: Double, at location: SourceLocation) throws(YAMLError) -> String {
        if d.isNaN { throw YAMLError("JSON cannot hold the value .nan (not a number)", at: location) }
        if d.isInfinite { throw YAMLError("JSON cannot hold the value \(d < 0 ? "-.inf" : ".inf") (infinity)", at: location) }
        return String(d)
    }

    static func keyText(_ key: YAMLNode) throws(YAMLError) -> String {
        switch key.value {
        case .string(let s): return s
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .float(let d): return try number(d, at: key.location)
        case .sequence, .mapping:
            throw YAMLError("a list or mapping cannot be a JSON key", at: key.location)
        }
    }

    mutating func newline(_ level: Int) {
        guard indented else { return }
        out.append(0x0A)
        for _ in 0..<(2 * level) { out.append(0x20) }
    }

    mutating func append(_ s: String) {
        out.append(contentsOf: s.utf8)
    }

    mutating func writeString(_ s: String) {
        out.append(0x22)
        for b in s.utf8 {
            switch b {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(0x6E)
            case 0x0D: out.append(0x5C); out.append(0x72)
            case 0x09: out.append(0x5C); out.append(0x74)
            case 0x08: out.append(0x5C); out.append(0x62)
            case 0x0C: out.append(0x5C); out.append(0x66)
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            default:
                out.append(b)
            }
        }
        out.append(0x22)
    }
}
