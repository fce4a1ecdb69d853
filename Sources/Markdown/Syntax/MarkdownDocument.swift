import SourceText

/// A parsed Markdown document: the syntax tree (in one flat array, so any depth is safe to
/// build, walk and free), plus its headings and links for tables of contents and link checks.
public struct MarkdownDocument: Sendable {
    /// Every heading in document order, with the id the renderer writes when `headingIDs` is on.
    public var headings: [MarkdownHeading]
    /// Every link and image in document order (autolinks included), destinations as written
    /// after backslash escapes and entities are resolved, before any URL encoding. A link's
    /// `text` is the plain text of its first 1,000 inline nodes.
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

    /// `Slugifier.slugify(text)`, computed on pieces split at spaces for long texts. Both
    /// give the same result (a space only ever separates), but `slugify` grows its output
    /// in a way that takes quadratic time on a heading of 100,000 words.
    static func slug(_ text: String) -> String {
        let utf8 = Array(text.utf8)
        guard utf8.count > 512 else { return Slugifier.slugify(text) }
        var parts: [String] = []
        var start = 0
        while start < utf8.count {
            var end = min(utf8.count, start + 256)
            while end < utf8.count, utf8[end] != 0x20 { end += 1 }
            let part = Slugifier.slugify(String(decoding: utf8[start..<end], as: UTF8.self))
            if !part.isEmpty { parts.append(part) }
            start = end
        }
        return parts.joined(separator: "-")
    }

    /// Collects headings (giving each a unique id) and links, in document order.
    private static func outline(_ store: inout NodeStore, bytes: [UInt8]) -> ([MarkdownHeading], [MarkdownLink]) {
        var headings: [MarkdownHeading] = []
        var links: [MarkdownLink] = []
        var locator = Locator(bytes: bytes)
        var used: Set<String> = []
        var nextSuffix: [String: Int] = [:]
        var current = store.nodes[0].firstChild
        while current >= 0 {
            let n = store.nodes[Int(current)]
            switch n.kind {
            case .heading:
                let text = String(decoding: store.plainText(of: current), as: UTF8.self)
                var base = MarkdownParser.slug(text)
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
                                                location: locator.location(ofByte: Int(n.source))))
            case .link, .image:
                let destination = String(decoding: store.bytes[Int(n.start)..<Int(n.end)], as: UTF8.self)
                let text = String(decoding: store.plainText(of: current, limit: 1000), as: UTF8.self)
                links.append(MarkdownLink(destination: destination, isImage: n.kind == .image, text: text,
                                          location: locator.location(ofByte: Int(n.source))))
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

/// Byte offsets to locations for offsets that mostly come in increasing order: a later
/// offset on the same line counts on from the previous one, so a long line with many links
/// is scanned once, not once per link.
struct Locator {
    let bytes: [UInt8]
    private var lineIndex: LineIndex?
    private var lastOffset = -1
    private var lastLocation = SourceLocation.start
    private var lastLineEnd = -1

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func location(ofByte offset: Int) -> SourceLocation {
        if lineIndex == nil { lineIndex = LineIndex(bytes: bytes) }
        if lastOffset >= 0, offset >= lastOffset, offset < lastLineEnd {
            var column = lastLocation.column
            for i in lastOffset..<offset where bytes[i] & 0xC0 != 0x80 { column += 1 }
            lastLocation = SourceLocation(line: lastLocation.line, column: column)
            lastOffset = offset
            return lastLocation
        }
        let location = lineIndex!.location(ofByte: offset)
        let starts = lineIndex!.lineStarts
        lastLineEnd = location.line < starts.count ? starts[location.line] - 1 : bytes.count
        lastOffset = offset
        lastLocation = location
        return location
    }
}
