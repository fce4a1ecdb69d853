import SourceText

/// Which syntax the parser accepts.
public struct MarkdownOptions: Sendable, Equatable {
    public struct Extensions: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public static let tables = Extensions(rawValue: 1 << 0)
        public static let strikethrough = Extensions(rawValue: 1 << 1)
        public static let autolinks = Extensions(rawValue: 1 << 2)
        public static let taskLists = Extensions(rawValue: 1 << 3)
        public static let tagFilter = Extensions(rawValue: 1 << 4)
        /// The five GitHub Flavored Markdown extensions.
        public static let gfm: Extensions = [.tables, .strikethrough, .autolinks, .taskLists, .tagFilter]
    }

    public var extensions: Extensions

    public init(extensions: Extensions) { self.extensions = extensions }

    /// CommonMark 0.31.2 alone (`bj42 markdown --commonmark`).
    public static let commonMark = MarkdownOptions(extensions: [])
    /// CommonMark plus the GFM extensions (`bj42 markdown`, the site).
    public static let gfm = MarkdownOptions(extensions: .gfm)
}

/// How the HTML renderer writes a document.
public struct HTMLRenderOptions: Sendable, Equatable {
    /// `id` attributes on headings (the heading's text slugified, `-1`, `-2` for repeats).
    public var headingIDs: Bool
    /// Drop raw HTML and neutralise `javascript:`, `vbscript:` and non-image `data:` URLs.
    public var safe: Bool
    /// Prepended to link and image destinations that start with a single `/`
    /// (a site published under `/bj42/` passes `/bj42`); empty for none.
    public var rootPathPrefix: String
    /// Table cell alignment as `style="text-align: …"` instead of the `align` attribute, which
    /// HTML5 no longer allows (cmark-gfm's `--table-prefer-style-attributes`).
    public var tableAlignmentAsStyle: Bool

    public init(headingIDs: Bool = false, safe: Bool = false, rootPathPrefix: String = "", tableAlignmentAsStyle: Bool = false) {
        self.tableAlignmentAsStyle = tableAlignmentAsStyle
        self.headingIDs = headingIDs
        self.safe = safe
        self.rootPathPrefix = rootPathPrefix
    }

    /// As `cmark --unsafe`: raw HTML passed through, no ids.
    public static let standard = HTMLRenderOptions()
}

/// A heading of a document, for tables of contents and anchor checks.
public struct MarkdownHeading: Sendable, Equatable {
    public var level: Int
    /// The heading's plain text (inline markup removed, entities decoded).
    public var text: String
    /// The id the renderer gives it when `headingIDs` is on: unique within the document.
    public var id: String
    public var location: SourceLocation
}

/// A link or image destination as written in the source, for link checks.
public struct MarkdownLink: Sendable, Equatable {
    public var destination: String
    public var isImage: Bool
    /// The image description as plain text (empty when the image has no alt text).
    public var text: String
    /// Where the link starts (its `[` or `!` or `<`; for a reference link, the reference use).
    public var location: SourceLocation
}
