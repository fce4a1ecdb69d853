import SourceText

/// One error or warning about the site, printed in the contract's form:
/// `path:line:column: error: message`, then indented continuation lines.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable { case error, warning }

    public var severity: Severity
    /// Path relative to the site root: `content/trekkers/jong.md`.
    public var file: String
    public var location: SourceLocation
    public var message: String
    /// Printed as `(did you mean 'twente'?)` after the message.
    public var suggestion: String?
    /// Further lines (a quoted source line and caret); each is printed indented by one space.
    public var notes: [String]

    public init(_ severity: Severity, file: String, at location: SourceLocation = .start,
                _ message: String, suggestion: String? = nil, notes: [String] = []) {
        self.severity = severity
        self.file = file
        self.location = location
        self.message = message
        self.suggestion = suggestion
        self.notes = notes
    }

    public static func error(_ file: String, _ location: SourceLocation = .start, _ message: String,
                             suggestion: String? = nil, notes: [String] = []) -> Diagnostic {
        Diagnostic(.error, file: file, at: location, message, suggestion: suggestion, notes: notes)
    }

    public static func warning(_ file: String, _ location: SourceLocation = .start, _ message: String,
                               suggestion: String? = nil, notes: [String] = []) -> Diagnostic {
        Diagnostic(.warning, file: file, at: location, message, suggestion: suggestion, notes: notes)
    }

    /// The first line only: `path:line:column: severity: message (suggestion)`.
    public var headline: String {
        var text = "\(file):\(location.line):\(location.column): \(severity.rawValue): \(message)"
        if let suggestion { text += " (\(suggestion))" }
        return text
    }

    public var description: String {
        ([headline] + notes.map { $0.hasPrefix(" ") ? $0 : " " + $0 }).joined(separator: "\n")
    }

    /// Sort order of a report: by file, then line, then column, errors before warnings.
    public static func reportOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        if a.file != b.file { return a.file < b.file }
        if a.location != b.location { return a.location < b.location }
        if a.severity != b.severity { return a.severity == .error }
        return a.message < b.message
    }
}
