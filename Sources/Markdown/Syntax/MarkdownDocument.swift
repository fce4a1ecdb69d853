#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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

/// Unique heading ids: the slug of the text, with `-1`, `-2`, ... for repeats (the first
/// free suffix, so ids stay unique next to a heading whose own text ends in such a suffix),
/// and `section` for a heading whose slug is empty.
struct HeadingIDs {
    private var used: Set<String> = []
    private var nextSuffix: [String: Int] = [:]

    mutating func next(for text: String) -> String {
        var base = MarkdownParser.slug(text)
        if base.isEmpty { base = "section" }
        var id = base
        if used.contains(base) {
            var k = nextSuffix[base] ?? 1
            while used.contains("\(base)-\(k)") { k += 1 }
            id = "\(base)-\(k)"
            nextSuffix[base] = k + 1
        }
        used.insert(id)
        return id
    }
}

/// Parses Markdown into a `MarkdownDocument`. Never fails: every input is Markdown.
public struct MarkdownParser: Sendable {
    public var options: MarkdownOptions
    public init(options: MarkdownOptions = .gfm) { self.options = options }

    public func parse(_ text: String) -> MarkdownDocument {
        var text = text
        var bytes = text.withUTF8 { Array($0) }
        // §2.3: U+0000 is replaced by U+FFFD.
        if bytes.withUnsafeBufferPointer({ $0.count > 0 && memchr($0.baseAddress!, 0, $0.count) != nil }) {
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
        return MarkdownDocument(store: store, source: bytes, tagFilter: options.extensions.contains(.tagFilter))
    }

    /// `Slugifier.slugify(text)`, computed on pieces split at spaces for long texts. Both
    /// give the same result (a space only ever separates), but `slugify` grows its output
    /// in a way that takes quadratic time on a heading of 100,000 words.
    static func slug(_ text: String) -> String {
        let utf8 = Array(text.utf8)
        if utf8.allSatisfy({ $0 < 0x80 }) { return asciiSlug(utf8) }
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

    /// `Slugifier.slugify` for ASCII text, by the same rules (letters and digits lower-cased,
    /// `'` and `` ` `` dropped, other runs one `-`, no `-` at the ends) without its per-scalar
    /// string work; `SlugTests` checks that the two agree.
    static func asciiSlug(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingDash = false
        for b in bytes {
            if b == UInt8(ascii: "'") || b == UInt8(ascii: "`") { continue }
            if ByteClass.isAlnum(b) {
                if pendingDash, !out.isEmpty { out.append(UInt8(ascii: "-")) }
                pendingDash = false
                out.append(ByteClass.lower(b))
            } else {
                pendingDash = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

}

/// Byte offsets to locations for offsets that mostly come in increasing order: each one
/// counts on from the previous (lines and scalars), so the whole walk scans the input once;
/// an earlier offset is looked up in a `LineIndex` built the first time one comes.
struct Locator {
    let bytes: [UInt8]
    private var lineIndex: LineIndex?
    private var offset = 0
    private var line = 1
    private var column = 1

    init(bytes: [UInt8]) {
        self.bytes = bytes
        // A byte order mark is not counted (as in `LineIndex`).
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { offset = 3 }
    }

    mutating func location(ofByte target: Int) -> SourceLocation {
        let target = max(0, min(target, bytes.count))
        if target < offset {
            if lineIndex == nil { lineIndex = LineIndex(bytes: bytes) }
            return lineIndex!.location(ofByte: target)
        }
        bytes.withUnsafeBufferPointer { p in
            var i = offset
            var line = self.line
            var column = self.column
            while i < target {
                let b = p[i]
                if b == 0x0A {
                    line += 1
                    column = 1
                } else if b == 0x0D {
                    if i + 1 >= p.count || p[i + 1] != 0x0A {
                        line += 1
                        column = 1
                    }
                } else if b & 0xC0 != 0x80 {
                    column += 1
                }
                i += 1
            }
            offset = i
            self.line = line
            self.column = column
        }
        return SourceLocation(line: line, column: column)
    }
}
