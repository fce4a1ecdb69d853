import SourceText

/// A filter supplied by the host (SiteCore supplies `markdown`): input, positional
/// arguments, keyword arguments. A thrown `TemplateFilterError` becomes a template
/// error at the filter's position.
public typealias TemplateFilter = @Sendable (TemplateValue, [TemplateValue], [String: TemplateValue]) throws(TemplateFilterError) -> TemplateValue

/// What a host filter throws: a message; the engine adds template, line and column.
public struct TemplateFilterError: Error, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// Settings that the built-in filters need.
public struct TemplateOptions: Sendable {
    /// `nl` or `en`: month and day names of `date`.
    public var language: String
    /// The site's `base_url`, for `abs_url`.
    public var baseURL: String
    /// Extra filters by name; they may not replace built-in ones.
    public var filters: [String: TemplateFilter]

    public init(language: String = "nl", baseURL: String = "", filters: [String: TemplateFilter] = [:]) {
        self.language = language
        self.baseURL = baseURL
        self.filters = filters
    }
}

/// A template that cannot be parsed or rendered, at its template, line and column.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    /// The template's name as loaded, e.g. `partials/card.html`.
    public var templateName: String
    public var location: SourceLocation
    /// e.g. "unknown filter 'dat'"
    public var message: String
    /// e.g. "did you mean 'date'?"
    public var suggestion: String?
    /// The quoted source line, when known.
    public var lineText: String?

    public init(templateName: String, location: SourceLocation, message: String, suggestion: String? = nil, lineText: String? = nil) {
        self.templateName = templateName
        self.location = location
        self.message = message
        self.suggestion = suggestion
        self.lineText = lineText
    }

    public var description: String {
        var text = "\(templateName):\(location.line):\(location.column): error: \(message)"
        if let suggestion { text += " (\(suggestion))" }
        if let lineText { text += "\n" + SourceExcerpt.render(lineText: lineText, line: location.line, column: location.column) }
        return text
    }
}

/// Every error found while loading a set of templates (all of them, not only the first).
public struct TemplateErrors: Error, Sendable {
    public var errors: [TemplateError]
    public init(_ errors: [TemplateError]) { self.errors = errors }
}

/// A set of parsed templates: immutable once built, safe to render from many threads.
public struct TemplateEnvironment: Sendable {
    public let options: TemplateOptions
    public let templateNames: [String]

    /// Parses every template (name → source). Throws every error found in any of them.
    public init(templates: [String: String], options: TemplateOptions) throws(TemplateErrors) {
        // The engine is being written under issue #6; until then templates are refused.
        self.options = options
        self.templateNames = templates.keys.sorted()
        throw TemplateErrors(templateNames.map {
            TemplateError(templateName: $0, location: .start, message: "the template engine is not available in this build")
        })
    }

    /// Renders the template `name` with the given global variables.
    public func render(_ name: String, context: [String: TemplateValue]) throws(TemplateError) -> String {
        throw TemplateError(templateName: name, location: .start, message: "the template engine is not available in this build")
    }
}
