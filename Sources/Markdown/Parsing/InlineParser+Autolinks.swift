/// GFM extended autolinks (GFM spec §6.9), as cmark-gfm's autolink extension finds them:
/// `www.` and `http(s)://` / `ftp://` links while parsing inlines (outside brackets), e-mail
/// addresses afterwards in the text that is not inside a link.
extension InlineParser {
    /// Whether the host character at `j` is allowed: not white space, not punctuation.
    private func isValidHostChar(_ s: UnsafeBufferPointer<UInt8>, _ j: Int, _ end: Int) -> Bool {
        let c = s[j]
        if c < 0x80 { return !ByteClass.isWhitespace(c) && !ByteClass.isASCIIPunctuation(c) }
        if c & 0xC0 == 0x80 { return true }
        let (scalar, _) = ByteClass.decodeScalar(at: j, in: s, end: end)
        return !ByteClass.isUnicodeWhitespace(scalar) && !ByteClass.isUnicodePunctuation(scalar)
    }

    /// The length of a domain at `start` (0 when there is none). A valid domain has no
    /// underscore in its last two segments, and (unless `allowShort`) at least one dot.
    func domainLength(_ s: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, allowShort: Bool) -> Int {
        let size = end - start
        var i = 1
        var dots = 0
        var underscoresBefore = 0
        var underscores = 0
        while i < size - 1 {
            if s[start + i] == UInt8(ascii: "\\"), i < size - 2 { i += 1 }
            let c = s[start + i]
            if c == UInt8(ascii: "_") {
                underscores += 1
            } else if c == UInt8(ascii: ".") {
                underscoresBefore = underscores
                underscores = 0
                dots += 1
            } else if !isValidHostChar(s, start + i, end), c != UInt8(ascii: "-") {
                break
            }
            i += 1
        }
        if underscoresBefore > 0 || underscores > 0 { return 0 }
        return allowShort || dots > 0 ? i : 0
    }

    /// Trims trailing punctuation from a link of `length` bytes at `start`: `?!.,:*_~'"`, an
    /// entity-like `&name;`, and a `)` that has no `(` to match.
    func autolinkEnd(_ s: UnsafeBufferPointer<UInt8>, _ start: Int, _ length: Int) -> Int {
        var linkEnd = length
        for i in 0..<linkEnd where s[start + i] == UInt8(ascii: "<") {
            linkEnd = i
            break
        }
        var opening = 0
        var closing = 0
        for i in 0..<linkEnd {
            if s[start + i] == UInt8(ascii: "(") { opening += 1 } else if s[start + i] == UInt8(ascii: ")") { closing += 1 }
        }
        while linkEnd > 0 {
            let c = s[start + linkEnd - 1]
            switch c {
            case UInt8(ascii: "?"), UInt8(ascii: "!"), UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ":"),
                 UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "'"), UInt8(ascii: "\""):
                linkEnd -= 1
            case UInt8(ascii: ";"):
                guard linkEnd >= 2 else {
                    linkEnd -= 1
                    continue
                }
                var newEnd = linkEnd - 2
                while newEnd > 0, ByteClass.isAlpha(s[start + newEnd]) { newEnd -= 1 }
                if newEnd < linkEnd - 2, s[start + newEnd] == UInt8(ascii: "&") { linkEnd = newEnd } else { linkEnd -= 1 }
            case UInt8(ascii: ")"):
                if closing <= opening { return linkEnd }
                linkEnd -= 1
                closing -= 1
            default:
                return linkEnd
            }
        }
        return linkEnd
    }

    /// Takes `count` bytes off the end of the trailing text nodes (the scheme of a URL
    /// autolink was already emitted as text).
    private func unput(_ count: Int, _ store: inout NodeStore) {
        var count = count
        var node = store.nodes[Int(block)].lastChild
        while count > 0, node >= 0, store.nodes[Int(node)].kind == .text {
            let length = Int(store.nodes[Int(node)].end - store.nodes[Int(node)].start)
            let take = min(length, count)
            store.nodes[Int(node)].end -= Int32(take)
            count -= take
            let prev = store.nodes[Int(node)].prev
            if store.nodes[Int(node)].end == store.nodes[Int(node)].start { store.unlink(node) }
            node = prev
        }
    }

    private mutating func appendAutolink(urlPrefix: StaticString?, _ s: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
                                         _ store: inout NodeStore) {
        let link = store.make(.link, source: sourceOffset(arena: base + start))
        store.appendChild(block, link)
        let us = Int32(store.bytes.count)
        if let urlPrefix { store.bytes.append(contentsOf: UnsafeBufferPointer(start: urlPrefix.utf8Start, count: urlPrefix.utf8CodeUnitCount)) }
        store.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: s[start..<end]))
        let ue = Int32(store.bytes.count)
        store.nodes[Int(link)].start = us
        store.nodes[Int(link)].end = ue
        store.nodes[Int(link)].start2 = ue
        store.nodes[Int(link)].end2 = ue
        let text = store.make(.text, source: 0)
        store.nodes[Int(text)].start = Int32(base + start)
        store.nodes[Int(text)].end = Int32(base + end)
        store.appendChild(link, text)
    }

    /// `http://`, `https://` or `ftp://` at the `:` of `pos`, the scheme letters just before it.
    mutating func matchURLAutolink(_ s: UnsafeBufferPointer<UInt8>, _ pos: Int, _ store: inout NodeStore) -> Int? {
        let n = s.count
        guard n - pos >= 4, s[pos + 1] == UInt8(ascii: "/"), s[pos + 2] == UInt8(ascii: "/") else { return nil }
        var rewind = 0
        while rewind < pos, ByteClass.isAlpha(s[pos - rewind - 1]) { rewind += 1 }
        let schemeStart = pos - rewind
        let isSafe = (rewind == 4 && HTMLScanner.matchesLower("http", s, schemeStart, pos))
            || (rewind == 5 && HTMLScanner.matchesLower("https", s, schemeStart, pos))
            || (rewind == 3 && HTMLScanner.matchesLower("ftp", s, schemeStart, pos))
        // cmark-gfm wants the host to start with a letter or digit (or a non-ASCII letter).
        guard isSafe, pos + 3 < n, isValidHostChar(s, pos + 3, n) else { return nil }
        let domain = domainLength(s, pos + 3, n, allowShort: true)
        guard domain > 0 else { return nil }
        var linkEnd = 3 + domain
        while pos + linkEnd < n, !ByteClass.isWhitespace(s[pos + linkEnd]), s[pos + linkEnd] != UInt8(ascii: "<") { linkEnd += 1 }
        linkEnd = autolinkEnd(s, pos, linkEnd)
        guard linkEnd > 0 else { return nil }
        unput(rewind, &store)
        appendAutolink(urlPrefix: nil, s, schemeStart, pos + linkEnd, &store)
        return pos + linkEnd
    }

    /// `www.` at `pos`, after white space, `*`, `_`, `~` or `(` (or at the start).
    mutating func matchWWWAutolink(_ s: UnsafeBufferPointer<UInt8>, _ pos: Int, _ store: inout NodeStore) -> Int? {
        let n = s.count
        if pos > 0 {
            let c = s[pos - 1]
            guard ByteClass.isWhitespace(c) || c == UInt8(ascii: "*") || c == UInt8(ascii: "_") || c == UInt8(ascii: "~")
                || c == UInt8(ascii: "(") else { return nil }
        }
        guard n - pos >= 4, s[pos + 1] == UInt8(ascii: "w"), s[pos + 2] == UInt8(ascii: "w"), s[pos + 3] == UInt8(ascii: ".") else { return nil }
        var linkEnd = domainLength(s, pos, n, allowShort: false)
        guard linkEnd > 0 else { return nil }
        while pos + linkEnd < n, !ByteClass.isWhitespace(s[pos + linkEnd]), s[pos + linkEnd] != UInt8(ascii: "<") { linkEnd += 1 }
        linkEnd = autolinkEnd(s, pos, linkEnd)
        guard linkEnd > 0 else { return nil }
        appendAutolink(urlPrefix: "http://", s, pos, pos + linkEnd, &store)
        return pos + linkEnd
    }

    // MARK: - E-mail addresses

    /// Finds e-mail autolinks in the runs of adjacent text nodes under `root` that are not
    /// inside a link, as cmark-gfm's post-processing does.
    mutating func linkEmailAddresses(in root: Int32, _ store: inout NodeStore) {
        var parents: [Int32] = [root]
        while let parent = parents.popLast() {
            var child = store.nodes[Int(parent)].firstChild
            while child >= 0 {
                let kind = store.nodes[Int(child)].kind
                if kind == .text {
                    var last = child
                    var hasAt = false
                    var k = child
                    while k >= 0, store.nodes[Int(k)].kind == .text {
                        let node = store.nodes[Int(k)]
                        if !hasAt, store.bytes[Int(node.start)..<Int(node.end)].contains(UInt8(ascii: "@")) { hasAt = true }
                        last = k
                        k = node.next
                    }
                    let after = store.nodes[Int(last)].next
                    if hasAt { linkEmails(first: child, last: last, parent: parent, &store) }
                    child = after
                    continue
                }
                if kind != .link, store.nodes[Int(child)].firstChild >= 0 { parents.append(child) }
                child = store.nodes[Int(child)].next
            }
        }
    }

    private enum Piece {
        case text(Int, Int)
        case link(Int, Int, mailto: Bool)
    }

    private mutating func linkEmails(first: Int32, last: Int32, parent: Int32, _ store: inout NodeStore) {
        var buffer: [UInt8] = []
        var k = first
        while true {
            let node = store.nodes[Int(k)]
            buffer.append(contentsOf: store.bytes[Int(node.start)..<Int(node.end)])
            if k == last { break }
            k = node.next
        }
        var pieces: [Piece] = []
        buffer.withUnsafeBufferPointer { d in
            let size = d.count
            var textStart = 0
            var offset = 0
            while offset < size {
                var at = offset
                while at < size, d[at] != UInt8(ascii: "@") { at += 1 }
                guard at < size else { break }
                let maxRewind = at - offset
                var autoMailto = true
                var isXMPP = false
                var rewind = 0
                while rewind < maxRewind {
                    let c = d[at - rewind - 1]
                    if ByteClass.isAlnum(c) || c == UInt8(ascii: ".") || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") {
                        rewind += 1
                        continue
                    }
                    if c == UInt8(ascii: ":") {
                        if protocolPrecedes("mailto:", d, at, rewind, maxRewind) {
                            autoMailto = false
                            rewind += 1
                            continue
                        }
                        if protocolPrecedes("xmpp:", d, at, rewind, maxRewind) {
                            autoMailto = false
                            isXMPP = true
                            rewind += 1
                            continue
                        }
                    }
                    break
                }
                if rewind == 0 {
                    offset = at + 1
                    continue
                }
                var linkEnd = 0
                var ats = 0
                var dots = 0
                let rest = size - at
                while linkEnd < rest {
                    let c = d[at + linkEnd]
                    if ByteClass.isAlnum(c) {
                        linkEnd += 1
                        continue
                    }
                    if c == UInt8(ascii: "@") {
                        ats += 1
                    } else if c == UInt8(ascii: "."), linkEnd < rest - 1, ByteClass.isAlnum(d[at + linkEnd + 1]) {
                        dots += 1
                    } else if c == UInt8(ascii: "/"), isXMPP {
                        // xmpp: addresses may have a resource part.
                    } else if c != UInt8(ascii: "-"), c != UInt8(ascii: "_") {
                        break
                    }
                    linkEnd += 1
                }
                if linkEnd < 2 || ats != 1 || dots == 0
                    || (!ByteClass.isAlpha(d[at + linkEnd - 1]) && d[at + linkEnd - 1] != UInt8(ascii: ".")) {
                    offset = at + 1
                    continue
                }
                linkEnd = autolinkEnd(d, at, linkEnd)
                if linkEnd == 0 {
                    offset = at + 1
                    continue
                }
                if at - rewind > textStart { pieces.append(.text(textStart, at - rewind)) }
                pieces.append(.link(at - rewind, at + linkEnd, mailto: autoMailto))
                textStart = at + linkEnd
                offset = textStart
            }
            if !pieces.isEmpty, textStart < size { pieces.append(.text(textStart, size)) }
        }
        guard !pieces.isEmpty else { return }
        let firstArena = Int(store.nodes[Int(first)].start)
        let after = store.nodes[Int(last)].next
        var k2 = first
        while true {
            let next = store.nodes[Int(k2)].next
            store.unlink(k2)
            if k2 == last { break }
            k2 = next
        }
        for piece in pieces {
            let node: Int32
            switch piece {
            case let .text(a, b):
                node = store.make(.text, source: 0)
                let (s, e) = store.store(buffer[a..<b])
                store.nodes[Int(node)].start = s
                store.nodes[Int(node)].end = e
            case let .link(a, b, mailto):
                node = store.make(.link, source: sourceOffset(arena: firstArena + a))
                let us = Int32(store.bytes.count)
                if mailto { store.bytes.append(contentsOf: "mailto:".utf8) }
                store.bytes.append(contentsOf: buffer[a..<b])
                let ue = Int32(store.bytes.count)
                store.nodes[Int(node)].start = us
                store.nodes[Int(node)].end = ue
                store.nodes[Int(node)].start2 = ue
                store.nodes[Int(node)].end2 = ue
                let text = store.make(.text, source: 0)
                let (s, e) = store.store(buffer[a..<b])
                store.nodes[Int(text)].start = s
                store.nodes[Int(text)].end = e
                store.appendChild(node, text)
            }
            if after >= 0 { store.insertBefore(after, node) } else { store.appendChild(parent, node) }
        }
    }

    /// Whether `scheme` (ending in `:`) ends right before the rewound part, at a word start.
    private func protocolPrecedes(_ scheme: StaticString, _ d: UnsafeBufferPointer<UInt8>, _ at: Int, _ rewind: Int, _ maxRewind: Int) -> Bool {
        let length = scheme.utf8CodeUnitCount
        guard length <= maxRewind - rewind else { return false }
        let start = at - rewind - length
        for k in 0..<length where d[start + k] != scheme.utf8Start[k] { return false }
        if length == maxRewind - rewind { return true }
        return !ByteClass.isAlnum(d[start - 1])
    }
}
