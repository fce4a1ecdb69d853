import SourceText

/// A parsed Markdown document: the syntax tree (in one flat array, so any depth is safe to
/// build, walk and free). Its headings and links are read from the tree when asked for, so a
/// caller that only renders pays nothing for them.
public struct MarkdownDocument: Sendable {
    var store: NodeStore
    /// The input bytes, for source locations.
    var source: [UInt8]
    /// Whether the GFM tag filter applies to raw HTML (an extension chosen at parse time).
    var tagFilter: Bool

    init(store: NodeStore, source: [UInt8], tagFilter: Bool) {
        self.store = store
        self.source = source
        self.tagFilter = tagFilter
    }

    /// Every heading in document order, with the id the renderer writes when `headingIDs` is
    /// on. Computed on each access (one walk of the tree).
    public var headings: [MarkdownHeading] { outline(headings: true, links: false).headings }

    /// Every link and image in document order (autolinks included), destinations as written
    /// after backslash escapes and entities are resolved, before any URL encoding. A link's
    /// `text` is the plain text of its first 256 inline nodes. Computed on each access.
    public var links: [MarkdownLink] { outline(headings: false, links: true).links }

    /// Headings and links in one walk of the tree (what a site build wants).
    public func outline() -> (headings: [MarkdownHeading], links: [MarkdownLink]) {
        outline(headings: true, links: true)
    }

    /// The document as HTML: `HTMLRenderer(options: options).render(self)`.
    public func html(options: HTMLRenderOptions = .standard) -> String {
        HTMLRenderer(options: options).render(self)
    }

    /// The number of nodes in the tree (blocks and inlines), for tests and diagnostics.
    public var nodeCount: Int { store.nodes.count }

    /// The ids of the headings in document order (no locations needed).
    func headingIDs() -> [String] {
        var ids = HeadingIDs()
        var result: [String] = []
        walk { index, node in
            if node.kind == .heading {
                result.append(ids.next(for: String(decoding: store.plainText(of: index), as: UTF8.self)))
            }
        }
        return result
    }

    /// Visits every node reachable from the root in document order, without recursion.
    func walk(_ visit: (Int32, Node) -> Void) {
        var current = store.nodes[0].firstChild
        while current >= 0 {
            let n = store.nodes[Int(current)]
            visit(current, n)
            if n.firstChild >= 0 {
                current = n.firstChild
                continue
            }
            var c = current
            while c > 0, store.nodes[Int(c)].next < 0 { c = store.nodes[Int(c)].parent }
            if c <= 0 { break }
            current = store.nodes[Int(c)].next
        }
    }

    private func outline(headings wantHeadings: Bool, links wantLinks: Bool)
        -> (headings: [MarkdownHeading], links: [MarkdownLink])
    {
        var headings: [MarkdownHeading] = []
        var links: [MarkdownLink] = []
        var locator = Locator(bytes: source)
        var ids = HeadingIDs()
        walk { index, n in
            switch n.kind {
            case .heading where wantHeadings:
                let text = String(decoding: store.plainText(of: index), as: UTF8.self)
                headings.append(MarkdownHeading(level: Int(n.a), text: text, id: ids.next(for: text),
                                                location: locator.location(ofByte: Int(n.source))))
            case .link where wantLinks, .image where wantLinks:
                let destination = store.bytes.withUnsafeBufferPointer {
                    String(decoding: UnsafeBufferPointer(rebasing: $0[Int(n.start)..<Int(n.end)]), as: UTF8.self)
                }
                let text = String(decoding: store.plainText(of: index, limit: 256), as: UTF8.self)
                links.append(MarkdownLink(destination: destination, isImage: n.kind == .image, text: text,
                                          location: locator.location(ofByte: Int(n.source))))
            default:
                break
            }
        }
        return (headings, links)
    }
}
