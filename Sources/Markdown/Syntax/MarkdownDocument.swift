import SourceText

/// A parsed Markdown document: the syntax tree (in one flat array, so any depth is safe to
/// build, walk and free), plus its headings and links for tables of contents and link checks.
public struct MarkdownDocument: Sendable {
    /// Every heading in document order, with the id the renderer writes when `headingIDs` is on.
    public var headings: [MarkdownHeading]
    /// Every link and image in document order (autolinks included), destinations as written
    /// after backslash escapes and entities are resolved, before any URL encoding.
    public var links: [MarkdownLink]

    var store: NodeStore
    /// Whether the GFM tag filter applies to raw HTML (an extension chosen at parse time).
    var tagFilter: Bool

    init(store: NodeStore, headings: [MarkdownHeading], links: [MarkdownLink], tagFilter: Bool) {
        self.store = store
        self.headings = headings
        self.links = links
        self.tagFilter = tagFilter
    }

    /// The document as HTML: `HTMLRenderer(options: options).render(self)`.
    public func html(options: HTMLRenderOptions = .standard) -> String {
        HTMLRenderer(options: options).render(self)
    }

    /// The number of nodes in the tree (blocks and inlines), for tests and diagnostics.
    public var nodeCount: Int { store.nodes.count }
}

/// Parses Markdown into a `MarkdownDocument`. Never fails: every input is Markdown.
public struct MarkdownParser: Sendable {
    public var options: MarkdownOptions
    public init(options: MarkdownOptions = .gfm) { self.options = options }

    public func parse(_ text: String) -> MarkdownDocument {
        var bytes = Array(text.utf8)
        // §2.3: U+0000 is replaced by U+FFFD.
        if bytes.contains(0) {
            var replaced: [UInt8] = []
            replaced.reserveCapacity(bytes.count + 16)
            for b in bytes {
                if b == 0 { replaced.append(contentsOf: [0xEF, 0xBF, 0xBD]) } else { replaced.append(b) }
            }
            bytes = replaced
        }
        return parse(bytes: bytes)
    }

    /// Parses UTF-8 bytes (the fast path for callers that already hold bytes).
    public func parse(bytes: [UInt8]) -> MarkdownDocument {
        // Phase 1: blocks.
        var blocks = bytes.withUnsafeBufferPointer { input -> BlockParser in
            var parser = BlockParser(input: input, options: options)
            parser.run()
            return parser
        }
        var store = blocks.store
        blocks.store = NodeStore()
        // Phase 2: inlines, once every reference definition is known.
        var inlines = InlineParser(options: options, references: blocks.references,
                                   referenceBytes: blocks.referenceBytes, lineMap: blocks.lineMap)
        let blockCount = store.nodes.count
        for i in 0..<blockCount {
            let node = store.nodes[i]
            guard node.parent >= 0 else { continue }
            switch node.kind {
            case .paragraph, .heading, .tableCell: inlines.parse(Int32(i), in: &store)
            default: break
            }
        }
        let (headings, links) = MarkdownParser.outline(&store, bytes: bytes)
        return MarkdownDocument(store: store, headings: headings, links: links,
                                tagFilter: options.extensions.contains(.tagFilter))
    }

    /// Collects headings (giving each a unique id) and links, in document order.
    private static func outline(_ store: inout NodeStore, bytes: [UInt8]) -> ([MarkdownHeading], [MarkdownLink]) {
        var headings: [MarkdownHeading] = []
        var links: [MarkdownLink] = []
        var lineIndex: LineIndex?
        var used: Set<String> = []
        var nextSuffix: [String: Int] = [:]
        var current = store.nodes[0].firstChild
        while current >= 0 {
            let n = store.nodes[Int(current)]
            switch n.kind {
            case .heading:
                if lineIndex == nil { lineIndex = LineIndex(bytes: bytes) }
                let text = String(decoding: store.plainText(of: current), as: UTF8.self)
                var base = Slugifier.slugify(text)
                if base.isEmpty { base = "section" }
                // Repeats get -1, -2, ...: the first free suffix, so ids stay unique even
                // next to a heading whose own text ends in such a suffix.
                var id = base
                if used.contains(base) {
                    var k = nextSuffix[base] ?? 1
                    while used.contains("\(base)-\(k)") { k += 1 }
                    id = "\(base)-\(k)"
                    nextSuffix[base] = k + 1
                }
                used.insert(id)
                store.nodes[Int(current)].b = Int32(headings.count)
                headings.append(MarkdownHeading(level: Int(n.a), text: text, id: id,
                                                location: lineIndex!.location(ofByte: Int(n.source))))
            case .link, .image:
                if lineIndex == nil { lineIndex = LineIndex(bytes: bytes) }
                let destination = String(decoding: store.bytes[Int(n.start)..<Int(n.end)], as: UTF8.self)
                let text = String(decoding: store.plainText(of: current), as: UTF8.self)
                links.append(MarkdownLink(destination: destination, isImage: n.kind == .image, text: text,
                                          location: lineIndex!.location(ofByte: Int(n.source))))
            default:
                break
            }
            if n.firstChild >= 0 {
                current = n.firstChild
                continue
            }
            var c = current
            while c > 0, store.nodes[Int(c)].next < 0 { c = store.nodes[Int(c)].parent }
            if c <= 0 { break }
            current = store.nodes[Int(c)].next
        }
        return (headings, links)
    }
}
