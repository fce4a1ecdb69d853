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
        let options = HTMLRenderOptions(headingIDs: true, safe: true, rootPathPrefix: basePath, tableAlignmentAsStyle: true)
        let html = HTMLRenderer(options: options).render(document)
        let (headings, links) = document.outline()
        return RenderedBody(html: html, toc: headings, links: links, headingIDs: Set(headings.map(\.id)))
    }
}
