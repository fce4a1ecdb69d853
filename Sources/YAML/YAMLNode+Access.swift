import SourceText

/// Accessors for a content model decoder. None of them converts between types: a
/// `stringValue` of `2024` is nil (use `scalarText` to read any scalar as text).
extension YAMLNode {
    /// In a mapping, the value of the key `key` (a string key: `title:` or `"title":`);
    /// nil when absent or when this node is not a mapping.
    public subscript(key: String) -> YAMLNode? {
        pair(forKey: key)?.value
    }

    /// In a list, the item at `index`; nil when out of range or when this node is not a list.
    public subscript(index: Int) -> YAMLNode? {
        guard case .sequence(let items) = value, items.indices.contains(index) else { return nil }
        return items[index]
    }

    /// In a mapping, the pair whose key is the string `key`, with the key's own location.
    public func pair(forKey key: String) -> YAMLPair? {
        guard case .mapping(let pairs) = value else { return nil }
        for pair in pairs {
            if case .string(let s) = pair.key.value, s == key { return pair }
        }
        return nil
    }

    /// The string keys of a mapping in document order (empty for anything else).
    public var keys: [String] {
        guard case .mapping(let pairs) = value else { return [] }
        return pairs.compactMap { if case .string(let s) = $0.key.value { s } else { nil } }
    }

    /// The text of a string scalar (quoted or plain); nil for every other kind.
    public var stringValue: String? {
        if case .string(let s) = value { return s }
        return nil
    }

    public var intValue: Int? {
        if case .int(let i) = value { return i }
        return nil
    }

    /// A float, or an integer as a Double (`lat: 52` is a number too).
    public var doubleValue: Double? {
        switch value {
        case .float(let d): return d
        case .int(let i): return Double(i)
        default: return nil
        }
    }

    public var boolValue: Bool? {
        if case .bool(let b) = value { return b }
        return nil
    }

    /// True for an empty value, `~` and `null`.
    public var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    /// The items of a list; nil for every other kind.
    public var sequenceValue: [YAMLNode]? {
        if case .sequence(let items) = value { return items }
        return nil
    }

    /// The pairs of a mapping in document order; nil for every other kind.
    public var mappingValue: [YAMLPair]? {
        if case .mapping(let pairs) = value { return pairs }
        return nil
    }

    public var isScalar: Bool {
        switch value {
        case .sequence, .mapping: return false
        default: return true
        }
    }

    /// Any scalar as text: a string as it is, `true`/`false`, an integer in decimal, a
    /// float in its shortest form (`1.50` reads as `1.5`); nil for null, a list or a mapping.
    public var scalarText: String? {
        switch value {
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .float(let d): return String(d)
        case .null, .sequence, .mapping: return nil
        }
    }

    /// What this node is, for messages such as "expected a list, found a string".
    public var kindDescription: String {
        switch value {
        case .null: return "an empty value"
        case .bool: return "true or false"
        case .int: return "an integer"
        case .float: return "a number"
        case .string: return "a string"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }
}
