/// Renders a `MarkdownDocument` as HTML, in cmark's conventions (`<br />`, `<hr />`, a newline
/// after each block), walking the flat tree with enter and exit events and no recursion.
public struct HTMLRenderer: Sendable {
    public var options: HTMLRenderOptions
    public init(options: HTMLRenderOptions = .standard) { self.options = options }

    public func render(_ document: MarkdownDocument) -> String {
        String(decoding: renderBytes(document), as: UTF8.self)
    }

    /// The HTML as UTF-8 bytes.
    public func renderBytes(_ document: MarkdownDocument) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(document.store.bytes.count + document.store.bytes.count / 4 + 64)
        document.store.bytes.withUnsafeBufferPointer { arena in
            document.store.nodes.withUnsafeBufferPointer { nodes in
                var context = Context(options: options, tagFilter: document.tagFilter, arena: arena, nodes: nodes,
                                      headingIDs: options.headingIDs ? document.headingIDs() : [])
                context.render(into: &out)
            }
        }
        return out
    }

    private struct Context {
        let options: HTMLRenderOptions
        let tagFilter: Bool
        let arena: UnsafeBufferPointer<UInt8>
        let nodes: UnsafeBufferPointer<Node>
        /// Heading ids in document order, the order the walk meets headings in.
        let headingIDs: [String]
        var headingCount = 0
        var inTableHeader = false
        var needsTableBodyClose = false

        init(options: HTMLRenderOptions, tagFilter: Bool, arena: UnsafeBufferPointer<UInt8>, nodes: UnsafeBufferPointer<Node>,
             headingIDs: [String]) {
            self.options = options
            self.tagFilter = tagFilter
            self.arena = arena
            self.nodes = nodes
            self.headingIDs = headingIDs
        }

        @inline(__always) func cr(_ out: inout [UInt8]) {
            if let last = out.last, last != 0x0A { out.append(0x0A) }
        }

        @inline(__always) func put(_ s: StaticString, _ out: inout [UInt8]) {
            out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
        }

        @inline(__always) func escaped(_ n: Node, _ out: inout [UInt8]) {
            HTMLWriter.escape(arena, Int(n.start), Int(n.end), into: &out)
        }

        mutating func render(into out: inout [UInt8]) {
            var current = nodes[0].firstChild
            while current >= 0 {
                let descend = enter(current, &out)
                let n = nodes[Int(current)]
                if descend, n.firstChild >= 0 {
                    current = n.firstChild
                    continue
                }
                if descend { exit(current, &out) }
                var c = current
                while c > 0, nodes[Int(c)].next < 0 {
                    c = nodes[Int(c)].parent
                    if c > 0 { exit(c, &out) }
                }
                if c <= 0 { break }
                current = nodes[Int(c)].next
            }
        }

        private func isTightParagraph(_ n: Node) -> Bool {
            guard n.parent >= 0 else { return false }
            let parent = nodes[Int(n.parent)]
            guard parent.kind == .item, parent.parent >= 0 else { return false }
            let list = nodes[Int(parent.parent)]
            return list.kind == .list && list.flags & NodeFlag.tight != 0
        }

        /// Writes the start of `index`; returns whether its children are to be visited (and
        /// `exit` called after them).
        mutating func enter(_ index: Int32, _ out: inout [UInt8]) -> Bool {
            let n = nodes[Int(index)]
            switch n.kind {
            case .document:
                return true
            case .text:
                escaped(n, &out)
                return false
            case .softBreak:
                out.append(0x0A)
                return false
            case .lineBreak:
                put("<br />\n", &out)
                return false
            case .code:
                put("<code>", &out)
                escaped(n, &out)
                put("</code>", &out)
                return false
            case .html:
                if !options.safe { raw(n, &out) }
                return false
            case .emphasis:
                put("<em>", &out)
            case .strong:
                put("<strong>", &out)
            case .strikethrough:
                put("<del>", &out)
            case .link:
                put("<a href=\"", &out)
                destination(n, image: false, &out)
                if n.end2 > n.start2 {
                    put("\" title=\"", &out)
                    HTMLWriter.escape(arena, Int(n.start2), Int(n.end2), into: &out)
                }
                put("\">", &out)
            case .image:
                put("<img src=\"", &out)
                destination(n, image: true, &out)
                put("\" alt=\"", &out)
                altText(index, &out)
                if n.end2 > n.start2 {
                    put("\" title=\"", &out)
                    HTMLWriter.escape(arena, Int(n.start2), Int(n.end2), into: &out)
                }
                put("\" />", &out)
                return false
            case .paragraph:
                if !isTightParagraph(n) {
                    cr(&out)
                    put("<p>", &out)
                }
            case .heading:
                cr(&out)
                put("<h", &out)
                out.append(UInt8(ascii: "0") + UInt8(n.a))
                if options.headingIDs, headingCount < headingIDs.count {
                    put(" id=\"", &out)
                    let id = headingIDs[headingCount]
                    headingCount += 1
                    var idBytes = Array(id.utf8)
                    idBytes.withUnsafeMutableBufferPointer { p in
                        HTMLWriter.escape(UnsafeBufferPointer(p), 0, p.count, into: &out)
                    }
                    put("\"", &out)
                }
                out.append(UInt8(ascii: ">"))
            case .blockQuote:
                cr(&out)
                put("<blockquote>\n", &out)
            case .list:
                cr(&out)
                if n.flags & NodeFlag.ordered != 0 {
                    if n.a == 1 {
                        put("<ol>\n", &out)
                    } else {
                        put("<ol start=\"", &out)
                        out.append(contentsOf: String(n.a).utf8)
                        put("\">\n", &out)
                    }
                } else {
                    put("<ul>\n", &out)
                }
            case .item:
                cr(&out)
                if n.flags & NodeFlag.task != 0 {
                    if n.flags & NodeFlag.checked != 0 {
                        put("<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> ", &out)
                    } else {
                        put("<li><input type=\"checkbox\" disabled=\"\" /> ", &out)
                    }
                } else {
                    put("<li>", &out)
                }
            case .codeBlock:
                cr(&out)
                if n.end2 > n.start2 {
                    var wordEnd = Int(n.start2)
                    while wordEnd < Int(n.end2), !ByteClass.isWhitespace(arena[wordEnd]) { wordEnd += 1 }
                    put("<pre><code class=\"language-", &out)
                    HTMLWriter.escape(arena, Int(n.start2), wordEnd, into: &out)
                    put("\">", &out)
                } else {
                    put("<pre><code>", &out)
                }
                escaped(n, &out)
                put("</code></pre>\n", &out)
                return false
            case .htmlBlock:
                if !options.safe {
                    cr(&out)
                    raw(n, &out)
                    cr(&out)
                }
                return false
            case .thematicBreak:
                cr(&out)
                put("<hr />\n", &out)
                return false
            case .table:
                cr(&out)
                put("<table>", &out)
                needsTableBodyClose = false
            case .tableRow:
                cr(&out)
                if n.flags & NodeFlag.header != 0 {
                    inTableHeader = true
                    put("<thead>", &out)
                    cr(&out)
                } else if !needsTableBodyClose {
                    put("<tbody>", &out)
                    cr(&out)
                    needsTableBodyClose = true
                }
                put("<tr>", &out)
            case .tableCell:
                cr(&out)
                put(inTableHeader ? "<th" : "<td", &out)
                let asStyle = options.tableAlignmentAsStyle
                switch n.a {
                case CellAlignment.left: put(asStyle ? " style=\"text-align: left\"" : " align=\"left\"", &out)
                case CellAlignment.center: put(asStyle ? " style=\"text-align: center\"" : " align=\"center\"", &out)
                case CellAlignment.right: put(asStyle ? " style=\"text-align: right\"" : " align=\"right\"", &out)
                default: break
                }
                out.append(UInt8(ascii: ">"))
            }
            return true
        }

        mutating func exit(_ index: Int32, _ out: inout [UInt8]) {
            let n = nodes[Int(index)]
            switch n.kind {
            case .emphasis: put("</em>", &out)
            case .strong: put("</strong>", &out)
            case .strikethrough: put("</del>", &out)
            case .link: put("</a>", &out)
            case .paragraph:
                if !isTightParagraph(n) { put("</p>\n", &out) }
            case .heading:
                put("</h", &out)
                out.append(UInt8(ascii: "0") + UInt8(n.a))
                put(">\n", &out)
            case .blockQuote:
                cr(&out)
                put("</blockquote>\n", &out)
            case .list:
                cr(&out)
                put(n.flags & NodeFlag.ordered != 0 ? "</ol>\n" : "</ul>\n", &out)
            case .item:
                put("</li>\n", &out)
            case .table:
                if needsTableBodyClose {
                    cr(&out)
                    put("</tbody>", &out)
                    cr(&out)
                }
                needsTableBodyClose = false
                cr(&out)
                put("</table>", &out)
                cr(&out)
            case .tableRow:
                cr(&out)
                put("</tr>", &out)
                if n.flags & NodeFlag.header != 0 {
                    cr(&out)
                    put("</thead>", &out)
                    inTableHeader = false
                }
            case .tableCell:
                put(inTableHeader ? "</th>" : "</td>", &out)
                cr(&out)
            default:
                break
            }
        }

        private func raw(_ n: Node, _ out: inout [UInt8]) {
            if tagFilter {
                HTMLWriter.appendFiltered(arena, Int(n.start), Int(n.end), into: &out)
            } else {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: arena[Int(n.start)..<Int(n.end)]))
            }
        }

        /// A link or image destination, with the site options: unsafe schemes neutralised in
        /// safe mode, the root path prefix before site-relative paths.
        private func destination(_ n: Node, image: Bool, _ out: inout [UInt8]) {
            let start = Int(n.start)
            let end = Int(n.end)
            if options.safe, URLSafety.isUnsafe(arena, start, end) {
                if !image { out.append(UInt8(ascii: "#")) }
                return
            }
            if !options.rootPathPrefix.isEmpty, end > start, arena[start] == UInt8(ascii: "/"),
               end == start + 1 || arena[start + 1] != UInt8(ascii: "/") {
                var prefix = Array(options.rootPathPrefix.utf8)
                while prefix.last == UInt8(ascii: "/") { prefix.removeLast() }
                prefix.withUnsafeBufferPointer { p in HTMLWriter.escapeHref(p, 0, p.count, into: &out) }
            }
            HTMLWriter.escapeHref(arena, start, end, into: &out)
        }

        /// The plain text of an image's description, for `alt` (nested markup dropped).
        private func altText(_ image: Int32, _ out: inout [UInt8]) {
            var current = nodes[Int(image)].firstChild
            while current >= 0 {
                let n = nodes[Int(current)]
                switch n.kind {
                case .text, .code, .html: escaped(n, &out)
                case .softBreak, .lineBreak: out.append(0x20)
                default: break
                }
                if n.firstChild >= 0 {
                    current = n.firstChild
                    continue
                }
                var c = current
                while c != image, nodes[Int(c)].next < 0 { c = nodes[Int(c)].parent }
                if c == image { break }
                current = nodes[Int(c)].next
            }
        }
    }
}
