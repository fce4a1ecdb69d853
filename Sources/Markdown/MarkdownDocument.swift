import SourceText

/// A parsed Markdown document. (Being written under issue #5.)
public struct MarkdownDocument: Sendable {
    public var headings: [MarkdownHeading]
    public var links: [MarkdownLink]
}

/// Parses Markdown into a `MarkdownDocument`. Never fails: every input is Markdown.
public struct MarkdownParser: Sendable {
    public var options: MarkdownOptions
    public init(options: MarkdownOptions = .gfm) { self.options = options }

    public func parse(_ text: String) -> MarkdownDocument {
        MarkdownDocument(headings: [], links: [])
    }
}

/// Renders a `MarkdownDocument` as HTML.
public struct HTMLRenderer: Sendable {
    public var options: HTMLRenderOptions
    public init(options: HTMLRenderOptions = .standard) { self.options = options }

    public func render(_ document: MarkdownDocument) -> String { "" }
}
