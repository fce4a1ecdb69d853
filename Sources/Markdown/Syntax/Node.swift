/// The kinds of node in a document tree (CommonMark 0.31.2 §4-§6, GFM tables and strikethrough).
enum NodeKind: UInt8, Sendable {
    case document, blockQuote, list, item, codeBlock, htmlBlock, paragraph, heading, thematicBreak
    case table, tableRow, tableCell
    case text, softBreak, lineBreak, code, html, emphasis, strong, strikethrough, link, image
}

/// One node of the flat tree. Links are indices into `NodeStore.nodes` (-1 for none), so a
/// tree of any depth is built, walked and freed without recursion.
///
/// The meaning of the payload fields depends on the kind:
/// - `start..<end`: arena range of a leaf block's content, a literal, or a link's destination.
/// - `start2..<end2`: a link's title or a code block's info string.
/// - `a`: heading level, list start, HTML block type, fence length, cell alignment,
///   heading index; `b`: fence offset or list marker offset; `c`: list item padding.
/// - `char`: bullet or ordered delimiter, fence character.
struct Node: Sendable {
    var kind: NodeKind
    var flags: UInt8 = 0
    var char: UInt8 = 0
    var parent: Int32 = -1
    var firstChild: Int32 = -1
    var lastChild: Int32 = -1
    var next: Int32 = -1
    var prev: Int32 = -1
    /// Byte offset in the input where the node starts.
    var source: Int32 = 0
    var start: Int32 = 0
    var end: Int32 = 0
    var start2: Int32 = 0
    var end2: Int32 = 0
    var a: Int32 = 0
    var b: Int32 = 0
    var c: Int32 = 0

    init(kind: NodeKind, source: Int32) {
        self.kind = kind
        self.source = source
    }
}

/// Node flag bits.
enum NodeFlag {
    static let open: UInt8 = 1
    static let lastLineBlank: UInt8 = 2
    static let tight: UInt8 = 4
    static let ordered: UInt8 = 8
    static let fenced: UInt8 = 16
    static let task: UInt8 = 32
    static let checked: UInt8 = 64
    static let header: UInt8 = 128
}

/// Table cell alignment values kept in `Node.a` of a cell.
enum CellAlignment {
    static let none: Int32 = 0
    static let left: Int32 = 1
    static let center: Int32 = 2
    static let right: Int32 = 3
}

/// The nodes of a document and the byte arena their text lives in.
struct NodeStore: Sendable {
    var nodes: [Node] = []
    /// Block contents (container prefixes removed) and decoded literals.
    var bytes: [UInt8] = []

    @inline(__always)
    mutating func make(_ kind: NodeKind, source: Int) -> Int32 {
        nodes.append(Node(kind: kind, source: Int32(truncatingIfNeeded: source)))
        return Int32(nodes.count - 1)
    }

    /// Appends `child` (not linked anywhere) as the last child of `parent`.
    @inline(__always)
    mutating func appendChild(_ parent: Int32, _ child: Int32) {
        let last = nodes[Int(parent)].lastChild
        nodes[Int(child)].parent = parent
        nodes[Int(child)].prev = last
        nodes[Int(child)].next = -1
        if last >= 0 { nodes[Int(last)].next = child } else { nodes[Int(parent)].firstChild = child }
        nodes[Int(parent)].lastChild = child
    }

    /// Removes `node` from its parent and siblings (its own children stay with it).
    mutating func unlink(_ node: Int32) {
        let n = nodes[Int(node)]
        if n.prev >= 0 { nodes[Int(n.prev)].next = n.next } else if n.parent >= 0 { nodes[Int(n.parent)].firstChild = n.next }
        if n.next >= 0 { nodes[Int(n.next)].prev = n.prev } else if n.parent >= 0 { nodes[Int(n.parent)].lastChild = n.prev }
        nodes[Int(node)].parent = -1
        nodes[Int(node)].prev = -1
        nodes[Int(node)].next = -1
    }

    /// Links the unlinked `node` right after `sibling`.
    mutating func insertAfter(_ sibling: Int32, _ node: Int32) {
        let s = nodes[Int(sibling)]
        nodes[Int(node)].parent = s.parent
        nodes[Int(node)].prev = sibling
        nodes[Int(node)].next = s.next
        if s.next >= 0 { nodes[Int(s.next)].prev = node } else if s.parent >= 0 { nodes[Int(s.parent)].lastChild = node }
        nodes[Int(sibling)].next = node
    }

    /// Links the unlinked `node` right before `sibling`.
    mutating func insertBefore(_ sibling: Int32, _ node: Int32) {
        let s = nodes[Int(sibling)]
        nodes[Int(node)].parent = s.parent
        nodes[Int(node)].next = sibling
        nodes[Int(node)].prev = s.prev
        if s.prev >= 0 { nodes[Int(s.prev)].next = node } else if s.parent >= 0 { nodes[Int(s.parent)].firstChild = node }
        nodes[Int(sibling)].prev = node
    }

    /// Appends bytes to the arena and returns their range.
    @inline(__always)
    mutating func store<C: Collection>(_ content: C) -> (Int32, Int32) where C.Element == UInt8 {
        let s = Int32(bytes.count)
        bytes.append(contentsOf: content)
        return (s, Int32(bytes.count))
    }

    /// The plain text of a node's inline content (text and code literals; breaks as spaces),
    /// walked without recursion. At most `limit` nodes are visited, so that the texts of
    /// 100,000 nested images cost linear time, not quadratic.
    func plainText(of node: Int32, limit: Int = .max) -> [UInt8] {
        var out: [UInt8] = []
        var current = nodes[Int(node)].firstChild
        guard current >= 0 else { return out }
        var visited = 0
        while current >= 0 {
            visited += 1
            if visited > limit { break }
            let n = nodes[Int(current)]
            switch n.kind {
            case .text, .code:
                out.append(contentsOf: bytes[Int(n.start)..<Int(n.end)])
            case .softBreak, .lineBreak:
                out.append(0x20)
            default: break
            }
            if n.firstChild >= 0 {
                current = n.firstChild
                continue
            }
            var c = current
            while c >= 0, c != node, nodes[Int(c)].next < 0 { c = nodes[Int(c)].parent }
            if c < 0 || c == node { break }
            current = nodes[Int(c)].next
        }
        return out
    }
}
