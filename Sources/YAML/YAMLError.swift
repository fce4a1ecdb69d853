import SourceText

/// A YAML document that cannot be parsed, with the position of the problem.
///
/// The engine knows no file paths: the caller prefixes the path
/// (`path:line:column: error: message`) and may quote the line with `SourceExcerpt`.
public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One sentence addressed to an editor, e.g. "expected ':' after the key 'title'".
    public var message: String
    public var location: SourceLocation

    public init(_ message: String, at location: SourceLocation) {
        self.message = message
        self.location = location
    }

    public var description: String { "\(location.line):\(location.column): error: \(message)" }
}
