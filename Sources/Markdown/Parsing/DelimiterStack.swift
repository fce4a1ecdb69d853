/// A run of `*`, `_` or `~` that may open or close emphasis (CommonMark 0.31.2 §6.2).
struct Delimiter {
    /// The text node holding the run's remaining characters.
    var node: Int32
    var char: UInt8
    var canOpen: Bool
    var canClose: Bool
    /// The length of the run as written (for the "multiple of 3" rule).
    var originalLength: Int32
    var prev: Int32
    var next: Int32
}

/// An opening `[` or `![` waiting for its `]` (§6.3, "look for link or image").
struct Bracket {
    /// The text node `[` or `![`.
    var node: Int32
    /// Subject offset just after the bracket.
    var position: Int
    var isImage: Bool
    var active: Bool
    /// Whether another bracket was opened after this one (its text then cannot be a label).
    var bracketAfter: Bool
    /// The top of the delimiter stack when this bracket was pushed.
    var previousDelimiter: Int32
}

/// The delimiter stack: a doubly linked list over an array, so removal is O(1) and the
/// whole stack is reused between blocks without freeing.
struct DelimiterStack {
    var items: [Delimiter] = []
    var top: Int32 = -1

    mutating func reset() {
        items.removeAll(keepingCapacity: true)
        top = -1
    }

    mutating func push(node: Int32, char: UInt8, canOpen: Bool, canClose: Bool, length: Int) {
        let index = Int32(items.count)
        items.append(Delimiter(node: node, char: char, canOpen: canOpen, canClose: canClose,
                               originalLength: Int32(length), prev: top, next: -1))
        if top >= 0 { items[Int(top)].next = index }
        top = index
    }

    mutating func remove(_ d: Int32) {
        let item = items[Int(d)]
        if item.prev >= 0 { items[Int(item.prev)].next = item.next }
        if item.next >= 0 {
            items[Int(item.next)].prev = item.prev
        } else {
            top = item.prev
        }
    }
}
