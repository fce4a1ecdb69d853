#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SourceText

/// Parses Markdown into a `MarkdownDocument`. Never fails: every input is Markdown.
public struct MarkdownParser: Sendable {
    public var options: MarkdownOptions
    public init(options: MarkdownOptions = .gfm) { self.options = options }

    /// Parses `text`. Source locations in the result are 1-based lines and columns of `text`.
    public func parse(_ text: String) -> MarkdownDocument {
        var text = text
        return parse(bytes: text.withUTF8 { Array($0) })
    }

    /// Parses UTF-8 bytes (the fast path for callers that already hold bytes; invalid UTF-8
    /// is passed through as it is).
    public func parse(bytes: [UInt8]) -> MarkdownDocument {
        var bytes = bytes
        // §2.3: U+0000 is replaced by U+FFFD.
        if bytes.withUnsafeBufferPointer({ $0.count > 0 && memchr($0.baseAddress!, 0, $0.count) != nil }) {
            var replaced: [UInt8] = []
            replaced.reserveCapacity(bytes.count + 16)
            for b in bytes {
                if b == 0 { replaced.append(contentsOf: [0xEF, 0xBF, 0xBD]) } else { replaced.append(b) }
            }
            bytes = replaced
        }
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
