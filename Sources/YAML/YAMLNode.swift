import SourceText

/// A parsed YAML node with the position where it starts in the source.
///
/// Mappings keep their keys in document order. Every node carries a location so
/// that the content model can point at the exact key or value in its own errors.
public struct YAMLNode: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case null
        case bool(Bool)
        case int(Int)
        case float(Double)
        case string(String)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public var value: Value
    /// Where the node starts: the first character of a scalar (its opening quote for a
    /// quoted one), the `-` or first key of a block collection, the `[` or `{` of a flow one.
    /// An empty value (null) is at the position where the value would have started.
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

/// One key-value pair of a mapping.
public struct YAMLPair: Sendable, Equatable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}
