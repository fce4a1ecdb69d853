import Markdown
import SourceText

/// A body turned into HTML, with what templates and link checks need from it.
struct RenderedBody: Sendable {
    var html: String
    var toc: [MarkdownHeading]
    var links: [MarkdownLink]
    var headingIDs: Set<String>

    static let empty = RenderedBody(html: "", toc: [], links: [], headingIDs: [])

    /// The site's Markdown: GFM, raw HTML dropped, unsafe URLs neutralised, heading ids,
    /// the base path added to site-relative links.
    static func render(_ markdown: String, basePath: String) -> RenderedBody {
        let document = MarkdownParser(options: .gfm).parse(markdown)
        let html = HTMLRenderer(options: HTMLRenderOptions(headingIDs: true, safe: true, rootPathPrefix: basePath)).render(document)
        return RenderedBody(html: html, toc: document.headings, links: document.links, headingIDs: Set(document.headings.map(\.id)))
    }
}
