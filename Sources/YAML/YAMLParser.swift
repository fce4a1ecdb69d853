import Foundation
import SourceText

/// Parses YAML 1.2 (core schema) into `YAMLNode`s.
///
/// What is read (YAML 1.2.2 chapters in brackets): block mappings and sequences, also
/// compact ones inside a list item and a list at the indentation of its key [8.2];
/// flow collections over several lines [7.4]; plain, single- and double-quoted scalars
/// with line folding and every escape [7.3, 5.7]; literal and folded block scalars with
/// chomping and indentation indicators [8.1]; comments [6.6]; `---` and `...` [9];
/// anchors, aliases (with a cap on expansion) and the merge key `<<`; the core schema
/// [10.3]; the tags `!!str !!int !!float !!bool !!null !!seq !!map` and `!`.
/// Refused with an error that says so: other tags, complex `?` keys, directives other
/// than `%YAML 1.2`, collections as keys. Nesting deeper than `maxDepth` is an error.
public enum YAMLParser {
    /// Collections nested deeper than this are refused ("nested too deeply"): the parser
    /// and the release of a tree recurse once per level, so the cap keeps the stack safe.
    public static let maxDepth = 1000

    /// Values that aliases may add to one document, in total: a "billion laughs" document
    /// (aliases of aliases of aliases) is refused long before it would fill memory.
    public static let maxAliasExpansion = 1_000_000

    /// Parses a text that holds one document. An empty text is a null node at 1:1.
    public static func parse(_ text: String) throws(YAMLError) -> YAMLNode {
        let documents = try parseStream(text)
        if documents.count > 1 {
            throw YAMLError("expected one document, found \(documents.count)", at: documents[1].location)
        }
        return documents.first ?? YAMLNode(.null, at: .start)
    }

    /// Parses a stream of documents separated by `---`. A text with no document at all
    /// (empty, or only comments) is an empty list.
    public static func parseStream(_ text: String) throws(YAMLError) -> [YAMLNode] {
        // Documents nested deeper than `callerThreadDepth` are parsed again on a thread of
        // its own with a large stack: the caller's thread may have a small one, and the
        // parser recurses once per level of nesting. Front matter never gets near that.
        let (result, needsLargeStack) = parseBytes(text, depthLimit: callerThreadDepth)
        if !needsLargeStack { return try result.get() }
        return try onLargeStack { parseBytes(text, depthLimit: maxDepth).0 }.get()
    }

    static let callerThreadDepth = 40

    private static func parseBytes(_ text: String, depthLimit: Int) -> (Result<[YAMLNode], YAMLError>, Bool) {
        var bytes = Array(text.utf8)
        let count = bytes.count
        // Zero bytes after the text: the scanner looks ahead up to four bytes without
        // bounds checks, and a 0 means "end of text" (a 0 inside the text is refused first).
        bytes.append(contentsOf: [0, 0, 0, 0, 0])
        return bytes.withUnsafeBufferPointer { buffer in
            var parser = Parser(buffer.baseAddress!, count: count, depthLimit: depthLimit)
            do throws(YAMLError) {
                return (.success(try parser.parseStream()), false)
            } catch {
                return (.failure(error), parser.needsLargeStack)
            }
        }
    }

    private final class ResultBox: @unchecked Sendable {
        // Written by the worker thread before it signals, read by the caller after waiting.
        var result: Result<[YAMLNode], YAMLError>?
    }

    private static func onLargeStack(_ body: @escaping @Sendable () -> Result<[YAMLNode], YAMLError>) -> Result<[YAMLNode], YAMLError> {
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.result = body()
            done.signal()
        }
        // About 10 KB a level in a debug build, far less in release: 1,000 levels fit easily.
        thread.stackSize = 256 << 20
        thread.start()
        done.wait()
        return box.result!
    }
}

// MARK: - Bytes

private let SP: UInt8 = 0x20
private let TAB: UInt8 = 0x09
private let LF: UInt8 = 0x0A
private let CR: UInt8 = 0x0D
private let HASH: UInt8 = 0x23       // #
private let COLON: UInt8 = 0x3A      // :
private let DASH: UInt8 = 0x2D       // -
private let DOT: UInt8 = 0x2E        // .
private let QUESTION: UInt8 = 0x3F   // ?
private let COMMA: UInt8 = 0x2C      // ,
private let LBRACKET: UInt8 = 0x5B   // [
private let RBRACKET: UInt8 = 0x5D   // ]
private let LBRACE: UInt8 = 0x7B     // {
private let RBRACE: UInt8 = 0x7D     // }
private let AMP: UInt8 = 0x26        // &
private let STAR: UInt8 = 0x2A       // *
private let BANG: UInt8 = 0x21       // !
private let PIPE: UInt8 = 0x7C       // |
private let GT: UInt8 = 0x3E         // >
private let LT: UInt8 = 0x3C         // <
private let SQUOTE: UInt8 = 0x27     // '
private let DQUOTE: UInt8 = 0x22     // "
private let BACKSLASH: UInt8 = 0x5C  // \
private let PERCENT: UInt8 = 0x25    // %
private let AT: UInt8 = 0x40         // @
private let BACKTICK: UInt8 = 0x60   // `
private let PLUS: UInt8 = 0x2B       // +

@inline(__always) private func isBreak(_ b: UInt8) -> Bool { b == LF || b == CR }
@inline(__always) private func isBreakOrEnd(_ b: UInt8) -> Bool { b == LF || b == CR || b == 0 }
@inline(__always) private func isWhite(_ b: UInt8) -> Bool { b == SP || b == TAB }
/// Space, tab, line break or the end of the text [6.1 s-white, b-char].
@inline(__always) private func isBlankOrEnd(_ b: UInt8) -> Bool {
    b == SP || b == TAB || b == LF || b == CR || b == 0
}
@inline(__always) private func isFlowIndicator(_ b: UInt8) -> Bool {
    b == COMMA || b == LBRACKET || b == RBRACKET || b == LBRACE || b == RBRACE
}

// MARK: - The parser

/// Where a node is being read: this decides what may start on the same line.
private enum Context {
    case document       // after `---` (or a bare document)
    case mappingValue   // after `key:`
    case sequenceItem   // after `- `
}

private enum Tag {
    case str, int, float, bool, null, seq, map, nonSpecific

    var name: String {
        switch self {
        case .str: "!!str"
        case .int: "!!int"
        case .float: "!!float"
        case .bool: "!!bool"
        case .null: "!!null"
        case .seq: "!!seq"
        case .map: "!!map"
        case .nonSpecific: "!"
        }
    }
}

/// The anchor and tag written before a node [6.9].
private struct Props {
    var anchor: String?
    var anchorOffset = 0
    /// The parser's node count when the anchor was read: the anchored value's size is
    /// the count when it is complete minus this.
    var anchorCountStart = 0
    var tag: Tag?
    var tagOffset = 0

    var isEmpty: Bool { anchor == nil && tag == nil }
}

/// A mapping key's identity for the duplicate check (YAML compares keys by value).
private enum KeyID: Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case float(UInt64)
    case string(String)

    init?(_ value: YAMLNode.Value) {
        switch value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .float(let d): self = .float(d == 0 ? 0 : d.bitPattern)
        case .string(let s): self = .string(s)
        case .sequence, .mapping: return nil
        }
    }
}

/// What the start of a line (or the rest of an indicator's line) turned out to hold.
private enum Inline {
    /// An implicit key; `pos` is just after its `:`.
    case key(YAMLNode, isMerge: Bool)
    /// A complete value; the rest of its line is checked.
    case value(YAMLNode)
}

private enum NextLine {
    case content(indent: Int)   // `pos` at the first character that is not a space
    case documentMarker         // `pos` at a `---` or `...` in column 1
    case end
}

/// How a plain scalar's line-start position relates to its parent, for the message when
/// a following line cannot continue it.
private enum PlainPlace {
    case afterKey, afterItem, ownLine, flow
}

private struct Anchor {
    var node: YAMLNode
    var size: Int
}

private struct Parser {
    let p: UnsafePointer<UInt8>
    let count: Int
    var lineStarts: [Int] = []
    var pos = 0

    var anchors: [String: Anchor] = [:]
    /// Anchors whose collection is still being read: an alias to one would be a cycle.
    var openAnchors: [String] = []
    var nodeCount = 0
    var aliasExpansion = 0
    /// Set by every scalar that is made: whether it was the plain, untagged `<<`.
    var lastWasMergeKey = false

    // Location cache: positions are asked for mostly in increasing order on one line.
    var cacheLine = 0
    var cacheOffset = 0
    var cacheColumn = 1

    /// Nesting allowed in this run; deeper is an error, or a request to run again with a
    /// larger stack when `depthLimit` is below `YAMLParser.maxDepth`.
    let depthLimit: Int
    var needsLargeStack = false

    init(_ p: UnsafePointer<UInt8>, count: Int, depthLimit: Int) {
        self.p = p
        self.count = count
        self.depthLimit = depthLimit
    }

    // MARK: Positions and errors

    mutating func location(_ offset: Int) -> SourceLocation {
        let offset = max(min(offset, count), lineStarts[0])
        var line = cacheLine
        let inCachedLine = offset >= lineStarts[line] && (line + 1 == lineStarts.count || offset < lineStarts[line + 1])
        if !inCachedLine, offset > lineStarts[line] {
            // Positions mostly move forward by a line or two: step before searching.
            var steps = 0
            while line + 1 < lineStarts.count, lineStarts[line + 1] <= offset, steps < 4 {
                line += 1
                steps += 1
            }
        }
        if !(offset >= lineStarts[line] && (line + 1 == lineStarts.count || offset < lineStarts[line + 1])) {
            var lo = 0
            var hi = lineStarts.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
            }
            line = lo
        }
        if line == cacheLine, offset < cacheOffset {
            // Back on the same line: count back from the cached position, not from the line
            // start, so that a long line costs no more than its length.
            var column = cacheColumn
            var i = cacheOffset
            while i > offset {
                i -= 1
                if p[i] & 0xC0 != 0x80 { column -= 1 }
            }
            cacheOffset = offset
            cacheColumn = column
            return SourceLocation(line: line + 1, column: column)
        }
        if line != cacheLine {
            cacheLine = line
            cacheOffset = lineStarts[line]
            cacheColumn = 1
        }
        var column = cacheColumn
        var i = cacheOffset
        while i < offset {
            // Columns count Unicode scalars: every byte that is not a continuation byte starts one.
            if p[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        cacheOffset = offset
        cacheColumn = column
        return SourceLocation(line: line + 1, column: column)
    }

    mutating func line(_ offset: Int) -> Int { location(offset).line }

    mutating func fail(_ message: String, at offset: Int) -> YAMLError {
        YAMLError(message, at: location(offset))
    }

    /// The offset of the first byte of the line that holds `offset`.
    func lineStart(of offset: Int) -> Int {
        var i = offset
        while i > lineStarts[0], !isBreak(p[i - 1]) { i -= 1 }
        return i
    }

    func atLineStart() -> Bool {
        pos == lineStarts[0] || isBreak(p[pos - 1])
    }

    /// Whether only spaces come before `pos` on its line: a nested block that ended at a
    /// line with less indentation leaves `pos` there. Returns that line's start, or nil.
    func indentStart() -> Int? {
        var i = pos
        while i > lineStarts[0], p[i - 1] == SP { i -= 1 }
        return i == lineStarts[0] || isBreak(p[i - 1]) ? i : nil
    }

    func isDocumentMarker(at i: Int) -> Bool {
        let b = p[i]
        guard b == DASH || b == DOT else { return false }
        return p[i + 1] == b && p[i + 2] == b && isBlankOrEnd(p[i + 3]) && (i == lineStarts[0] || isBreak(p[i - 1]))
    }

    func isIndicatorFollowedByBlank(_ b: UInt8) -> Bool {
        p[pos] == b && isBlankOrEnd(p[pos + 1])
    }

    @inline(__always) mutating func skipWhite() {
        while isWhite(p[pos]) { pos += 1 }
    }

    @inline(__always) mutating func skipToLineEnd() {
        while !isBreakOrEnd(p[pos]) { pos += 1 }
    }

    @inline(__always) mutating func consumeBreak() {
        if p[pos] == CR {
            pos += 1
            if p[pos] == LF { pos += 1 }
        } else if p[pos] == LF {
            pos += 1
        }
    }

    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: p + start, count: end - start), as: UTF8.self)
    }

    /// A short quotation of a key or value for a message.
    /// A plain line where a key belongs but no `: ` follows it. When the line holds a colon
    /// without a space (`location:Zwolle`), the space is what is missing: say so.
    mutating func missingColon(_ start: Int, _ end: Int) -> YAMLError {
        var i = start
        while i < end, p[i] != COLON { i += 1 }
        if i > start, i < end - 1 {
            let key = String(decoding: UnsafeBufferPointer(start: p + start, count: i - start), as: UTF8.self)
            let rest = String(decoding: UnsafeBufferPointer(start: p + i + 1, count: min(end - i - 1, 40)), as: UTF8.self)
            return fail("a key needs a space after its colon: write '\(key): \(rest)'", at: i + 1)
        }
        return fail("expected ':' after the key '\(quoted(start, end))'", at: end)
    }

    func quoted(_ start: Int, _ end: Int) -> String {
        var e = end
        var n = 0
        var i = start
        while i < end {
            if p[i] & 0xC0 != 0x80 {
                n += 1
                if n > 40 { e = i; break }
            }
            i += 1
        }
        return text(start, e) + (e < end ? "..." : "")
    }

    // MARK: The text as a whole

    /// One pass over the bytes: line starts (for positions) and characters YAML does not allow [5.1].
    mutating func indexLines() throws(YAMLError) {
        var starts = [Int]()
        starts.reserveCapacity(count / 24 + 1)
        let bom = count >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF
        starts.append(bom ? 3 : 0)
        var i = starts[0]
        var bad = -1
        while i < count {
            let b = p[i]
            if b < 0x20 {
                if b == LF {
                    starts.append(i + 1)
                } else if b == CR {
                    if p[i + 1] == LF { i += 1 }
                    starts.append(i + 1)
                } else if b != TAB, bad < 0 {
                    bad = i
                }
            } else if b == 0x7F, bad < 0 {
                bad = i
            }
            i += 1
        }
        lineStarts = starts
        pos = starts[0]
        cacheOffset = starts[0]
        if bad >= 0 {
            let hex = String(p[bad], radix: 16, uppercase: true)
            throw fail("the control character U+\(String(repeating: "0", count: 4 - hex.count))\(hex) is not allowed in YAML; write it as an escape in a double-quoted string", at: bad)
        }
    }

    // MARK: Stream and documents [9]

    mutating func parseStream() throws(YAMLError) -> [YAMLNode] {
        try indexLines()
        var documents: [YAMLNode] = []
        while true {
            anchors = [:]
            var sawDirective = false
            var sawYAMLDirective = false
            var next = try nextContentLine()
            // Directives [6.8]: only `%YAML 1.2` is understood.
            while case .content(let indent) = next, indent == 0, p[pos] == PERCENT {
                let start = pos
                skipToLineEnd()
                var end = pos
                while end > start, isWhite(p[end - 1]) { end -= 1 }
                var line = text(start, end)
                if let hashRange = line.range(of: " #") { line = String(line[..<hashRange.lowerBound]) }
                let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
                if words.first == "%YAML" {
                    if sawYAMLDirective { throw fail("the %YAML directive is given twice", at: start) }
                    guard words.count == 2, words[1] == "1.2" || words[1] == "1.1" else {
                        throw fail("only YAML 1.2 is supported ('%YAML 1.2'), not '\(line)'", at: start)
                    }
                    if words[1] == "1.1" { throw fail("YAML 1.1 is not supported; this parser reads YAML 1.2 ('%YAML 1.2')", at: start) }
                    sawYAMLDirective = true
                } else {
                    throw fail("the directive '\(words.first ?? "%")' is not supported (only '%YAML 1.2' is)", at: start)
                }
                sawDirective = true
                next = try nextContentLine()
            }
            switch next {
            case .end:
                if sawDirective { throw fail("a directive must be followed by '---' and a document", at: pos) }
                return documents
            case .documentMarker:
                if p[pos] == DOT {
                    // `...` with no document before it ends nothing.
                    if sawDirective { throw fail("a directive must be followed by '---' and a document", at: pos) }
                    pos += 3
                    try finishLine("unexpected text after '...'")
                    continue
                }
                pos += 3
                documents.append(try parseBlockNode(parentIndent: -1, context: .document, depth: 0))
            case .content:
                if sawDirective { throw fail("a directive must be followed by '---' and a document", at: pos) }
                let indent = pos - lineStart(of: pos)
                documents.append(try parseNodeOnLine(indent: indent, parentIndent: -1, context: .document, pending: Props(), depth: 0))
            }
            // After the document's value: the end of the text, `---` or `...`.
            switch try nextContentLine() {
            case .end:
                return documents
            case .documentMarker:
                if p[pos] == DOT {
                    pos += 3
                    try finishLine("unexpected text after '...'")
                }
            case .content:
                throw fail("unexpected text after the end of the document's value (a document has one value at its top level)", at: pos)
            }
        }
    }

    /// Skips the rest of the current line (spaces and a comment only) and then blank and
    /// comment lines, up to the next line with content.
    mutating func nextContentLine() throws(YAMLError) -> NextLine {
        if let start = indentStart() {
            pos = start
        } else {
            try finishLine("unexpected text after the value")
            if pos >= count { return .end }
            consumeBreak()
        }
        while true {
            if pos >= count { return .end }
            let start = pos
            if isDocumentMarker(at: pos) { return .documentMarker }
            while p[pos] == SP { pos += 1 }
            let b = p[pos]
            if isBreak(b) { consumeBreak(); continue }
            if b == HASH { skipToLineEnd(); continue }
            if b == 0 { return .end }
            if b == TAB {
                // A line of white space (or a comment after it) may hold tabs; indentation may not.
                var q = pos
                while isWhite(p[q]) { q += 1 }
                if isBreakOrEnd(p[q]) || p[q] == HASH {
                    pos = q
                    skipToLineEnd()
                    continue
                }
                throw fail("a tab cannot be used for indentation; use spaces", at: pos)
            }
            return .content(indent: pos - start)
        }
    }

    /// The rest of a line after a value: white space and a comment, then the line break.
    mutating func finishLine(_ message: @autoclosure () -> String) throws(YAMLError) {
        let before = pos
        skipWhite()
        if p[pos] == HASH {
            if pos == before, pos > lineStarts[0], !isWhite(p[pos - 1]), !isBreak(p[pos - 1]) {
                throw fail("a comment needs a space before '#'", at: pos)
            }
            skipToLineEnd()
        }
        if !isBreakOrEnd(p[pos]) || (p[pos] == 0 && pos < count) {
            throw fail(message(), at: pos)
        }
    }

    // MARK: Block nodes [8]

    /// A node that starts after an indicator (`key:`, `- `, `---`): on the same line, on
    /// the lines below (indented more than `parentIndent`), or empty.
    mutating func parseBlockNode(parentIndent n: Int, context: Context, depth: Int) throws(YAMLError) -> YAMLNode {
        skipWhite()
        let contentStart = pos
        var props = Props()
        try parseProperties(&props, flow: false)
        let b = p[pos]
        if !isBreakOrEnd(b), b != HASH {
            return try parseInlineContent(parentIndent: n, context: context, props: props, contentStart: contentStart, depth: depth)
        }
        return try parseNodeBelow(parentIndent: n, context: context, props: props, depth: depth)
    }

    /// The node on the lines below an indicator line, or an empty node.
    mutating func parseNodeBelow(parentIndent n: Int, context: Context, props: Props, depth: Int) throws(YAMLError) -> YAMLNode {
        let emptyOffset = pos
        let save = pos
        let saveCache = (cacheLine, cacheOffset, cacheColumn)
        if case .content(let indent) = try nextContentLine() {
            if indent > n || (context == .mappingValue && indent == n && isIndicatorFollowedByBlank(DASH)) {
                return try parseNodeOnLine(indent: indent, parentIndent: n, context: context, pending: props, depth: depth)
            }
        }
        // Empty: the caller reads the following lines itself.
        pos = save
        (cacheLine, cacheOffset, cacheColumn) = saveCache
        return try makeEmpty(props, at: emptyOffset)
    }

    /// Content after an indicator on its own line.
    mutating func parseInlineContent(parentIndent n: Int, context: Context, props: Props, contentStart: Int, depth: Int) throws(YAMLError) -> YAMLNode {
        let b = p[pos]
        if b == DASH, isBlankOrEnd(p[pos + 1]) {
            switch context {
            case .sequenceItem:
                if !props.isEmpty { throw fail("a list cannot start on the same line as an anchor or tag; start it on the next line", at: pos) }
                let column = pos - lineStart(of: pos)
                return try parseBlockSequence(indent: column, props: Props(), sameIndentAsKey: false, depth: depth + 1)
            case .mappingValue:
                throw fail("a list cannot start on the same line as its key; start it on the next line", at: pos)
            case .document:
                throw fail("a list cannot start on the '---' line; start it on the next line", at: pos)
            }
        }
        if b == QUESTION, isBlankOrEnd(p[pos + 1]) {
            throw fail("complex keys ('? ') are not supported", at: pos)
        }
        if b == PIPE || b == GT {
            return try parseBlockScalar(parentIndent: n, props: props)
        }
        let place: PlainPlace = context == .mappingValue ? .afterKey : (context == .sequenceItem ? .afterItem : .ownLine)
        let result = try scanInline(parentIndent: n, own: props, pending: Props(), mode: context == .sequenceItem ? .keyOrValue : .valueOnly, place: place, depth: depth)
        switch result {
        case .value(let node):
            return node
        case .key(let key, let isMerge):
            // A compact mapping in a list item: its keys line up with this first one [8.2.1].
            let column = contentStart - lineStart(of: contentStart)
            return try parseBlockMapping(indent: column, firstKey: key, firstIsMerge: isMerge, props: Props(), depth: depth + 1)
        }
    }

    /// A node whose first line starts at `pos` (column `indent`, the first non-space).
    mutating func parseNodeOnLine(indent m: Int, parentIndent n: Int, context: Context, pending: Props, depth: Int) throws(YAMLError) -> YAMLNode {
        if isIndicatorFollowedByBlank(DASH) {
            return try parseBlockSequence(indent: m, props: pending, sameIndentAsKey: m == n, depth: depth + 1)
        }
        if isIndicatorFollowedByBlank(QUESTION) {
            throw fail("complex keys ('? ') are not supported", at: pos)
        }
        if p[pos] == PIPE || p[pos] == GT {
            return try parseBlockScalar(parentIndent: n, props: pending)
        }
        var own = Props()
        try parseProperties(&own, flow: false)
        if !own.isEmpty {
            if isBreakOrEnd(p[pos]) || p[pos] == HASH {
                // Properties alone on their line belong to the node below them.
                let merged = try mergeProps(pending, own)
                return try parseNodeBelow(parentIndent: n, context: context, props: merged, depth: depth)
            }
            if isIndicatorFollowedByBlank(DASH) {
                throw fail("a list cannot start on the same line as an anchor or tag; start it on the next line", at: pos)
            }
            if p[pos] == PIPE || p[pos] == GT {
                return try parseBlockScalar(parentIndent: n, props: try mergeProps(pending, own))
            }
        }
        let result = try scanInline(parentIndent: n, own: own, pending: pending, mode: .keyOrValue, place: .ownLine, depth: depth)
        switch result {
        case .value(let node):
            return node
        case .key(let key, let isMerge):
            return try parseBlockMapping(indent: m, firstKey: key, firstIsMerge: isMerge, props: pending, depth: depth + 1)
        }
    }

    enum InlineMode { case keyOnly, keyOrValue, valueOnly }

    /// Reads a scalar, flow collection or alias that starts at `pos` on a block line, and
    /// whether it is an implicit key (followed by `:` and a space) [8.2.2].
    /// `own` are the properties written just before it on this line, `pending` those
    /// from the line above (they belong to the mapping when this is a key).
    mutating func scanInline(parentIndent n: Int, own: Props, pending: Props, mode: InlineMode, place: PlainPlace, depth: Int) throws(YAMLError) -> Inline {
        let start = pos
        let b = p[pos]
        switch b {
        case DQUOTE, SQUOTE:
            let text = try scanQuoted(parentIndent: n, flow: false, singleLine: mode == .keyOnly)
            let end = pos
            skipWhite()
            if p[pos] == COLON, isBlankOrEnd(p[pos + 1]) {
                if mode == .valueOnly { throw nestedMappingError(at: pos, place: place) }
                if !sameLine(start, pos) { throw fail("a key must be on a single line", at: start) }
                let key = try makeScalar(text, plain: false, props: own, at: start)
                pos += 1
                return .key(key, isMerge: false)
            }
            if p[pos] == COLON, mode != .valueOnly {
                throw fail("expected a space after ':'", at: pos + 1)
            }
            if mode == .keyOnly {
                // `location:Zwolle`: the colon is there, the space after it is not.
                if let colon = text.firstIndex(of: ":"), colon != text.startIndex {
                    let key = text[..<colon], rest = text[text.index(after: colon)...]
                    throw fail("a key needs a space after its colon: write '\(key): \(rest.prefix(40))'", at: start + key.utf8.count + 1)
                }
                throw fail("expected ':' after the key '\(text.count > 40 ? String(text.prefix(40)) + "..." : text)'", at: end)
            }
            let node = try makeScalar(text, plain: false, props: try mergeProps(pending, own), at: start)
            try finishLine(b == SQUOTE
                ? "unexpected text after the closing quote; inside single quotes write '' for a quote, or put the whole value in double quotes"
                : "unexpected text after the closing quote; to include it, put the whole value in quotes")
            return .value(node)
        case LBRACKET, LBRACE:
            let props = try mergeProps(pending, own)
            let node = b == LBRACKET
                ? try parseFlowSequence(parentIndent: n, props: props, depth: depth + 1)
                : try parseFlowMapping(parentIndent: n, props: props, depth: depth + 1)
            skipWhite()
            if p[pos] == COLON, isBlankOrEnd(p[pos + 1]) || mode == .keyOnly {
                throw fail("a list or mapping cannot be used as a key (not supported)", at: start)
            }
            if mode == .keyOnly { throw fail("expected a key at this indentation, found a \(b == LBRACKET ? "list" : "mapping")", at: start) }
            try finishLine("unexpected text after '\(b == LBRACKET ? "]" : "}")'")
            return .value(node)
        case STAR:
            func propsOffset(_ props: Props) -> Int { props.anchor != nil ? props.anchorOffset : props.tagOffset }
            if !own.isEmpty { throw fail("an alias cannot have an anchor or a tag", at: propsOffset(own)) }
            let node = try parseAlias(flow: false)
            skipWhite()
            if p[pos] == COLON, isBlankOrEnd(p[pos + 1]) {
                // An alias as a key: properties from the line above belong to the mapping.
                if mode == .valueOnly { throw nestedMappingError(at: pos, place: place) }
                if KeyID(node.value) == nil { throw fail("a list or mapping cannot be used as a key (not supported)", at: start) }
                pos += 1
                return .key(node, isMerge: false)
            }
            if mode == .keyOnly { throw fail("expected ':' after the key '\(quoted(start, pos))'", at: pos) }
            if !pending.isEmpty { throw fail("an alias cannot have an anchor or a tag", at: propsOffset(pending)) }
            try finishLine("unexpected text after the alias")
            return .value(node)
        default:
            try checkPlainStart(flow: false)
            let (firstEnd, stop) = scanPlainLine(flow: false)
            if stop == .colon {
                if mode == .valueOnly { throw nestedMappingError(at: pos, place: place) }
                let key = try makePlainScalar(start, firstEnd, props: own)
                let isMerge = lastWasMergeKey
                pos += 1
                return .key(key, isMerge: isMerge)
            }
            if mode == .keyOnly { throw missingColon(start, firstEnd) }
            let node = try continuePlain(start: start, firstEnd: firstEnd, parentIndent: n, flow: false, place: place, props: try mergeProps(pending, own))
            return .value(node)
        }
    }

    /// Whether no line break lies between the two offsets.
    func sameLine(_ a: Int, _ b: Int) -> Bool {
        var i = min(a, b)
        let end = max(a, b)
        while i < end {
            if isBreak(p[i]) { return false }
            i += 1
        }
        return true
    }

    mutating func nestedMappingError(at offset: Int, place: PlainPlace) -> YAMLError {
        if place == .ownLine { return fail("a mapping cannot start on the '---' line; start it on the next line", at: offset) }
        return fail("a ':' followed by a space inside a value starts a mapping, which cannot start here; put the value in quotes", at: offset)
    }

    /// Block mapping entries at indentation `m` [8.2.2]; `pos` is just after the first key's `:`.
    mutating func parseBlockMapping(indent m: Int, firstKey: YAMLNode, firstIsMerge: Bool, props: Props, depth: Int) throws(YAMLError) -> YAMLNode {
        if depth > depthLimit { throw tooDeep(at: firstKey.location) }
        if let anchor = props.anchor { openAnchors.append(anchor) }
        var pairs: [YAMLPair] = []
        var keys = KeySet()
        var mergeIndices: [Int] = []
        var key = firstKey
        var isMerge = firstIsMerge
        while true {
            try keys.insert(key, among: pairs)
            let value = try parseBlockNode(parentIndent: m, context: .mappingValue, depth: depth)
            if isMerge { mergeIndices.append(pairs.count) }
            pairs.append(YAMLPair(key: key, value: value))
            let valueEndedBelow = indentStart() != nil
            guard case .content(let indent) = try nextContentLine() else { break }
            if indent < m { break }
            if indent > m {
                throw fail(valueEndedBelow ? "the indentation of this line matches no key above it" : "this line is indented more than the key above it", at: pos)
            }
            if isIndicatorFollowedByBlank(DASH) {
                throw fail("expected a key at this indentation, found a list item ('- ')", at: pos)
            }
            if isIndicatorFollowedByBlank(QUESTION) {
                throw fail("complex keys ('? ') are not supported", at: pos)
            }
            if p[pos] == PIPE || p[pos] == GT {
                throw fail("expected a key at this indentation, found a block scalar ('\(p[pos] == PIPE ? "|" : ">")')", at: pos)
            }
            var own = Props()
            try parseProperties(&own, flow: false)
            if !own.isEmpty, isBreakOrEnd(p[pos]) || p[pos] == HASH {
                throw fail("an anchor or tag for a key must be followed by the key on the same line", at: pos)
            }
            guard case .key(let next, let nextIsMerge) = try scanInline(parentIndent: m, own: own, pending: Props(), mode: .keyOnly, place: .ownLine, depth: depth) else {
                throw fail("expected a key", at: pos)
            }
            key = next
            isMerge = nextIsMerge
        }
        if props.anchor != nil { openAnchors.removeLast() }
        if !mergeIndices.isEmpty { pairs = try applyMerges(pairs, mergeIndices: mergeIndices) }
        return try makeCollection(.mapping(pairs), props: props, at: firstKey.location)
    }

    /// Block sequence entries at indentation `m` [8.2.1]; `pos` is at the first `-`.
    mutating func parseBlockSequence(indent m: Int, props: Props, sameIndentAsKey: Bool, depth: Int) throws(YAMLError) -> YAMLNode {
        let start = pos
        let startLocation = location(start)
        if depth > depthLimit { throw tooDeep(at: startLocation) }
        if let anchor = props.anchor { openAnchors.append(anchor) }
        var items: [YAMLNode] = []
        while true {
            pos += 1
            items.append(try parseBlockNode(parentIndent: m, context: .sequenceItem, depth: depth))
            let itemEndedBelow = indentStart() != nil
            guard case .content(let indent) = try nextContentLine() else { break }
            if indent < m { break }
            if indent > m {
                throw fail(itemEndedBelow ? "the indentation of this line matches no key or list item above it" : "this line is indented more than the list item above it", at: pos)
            }
            if isIndicatorFollowedByBlank(DASH) { continue }
            if sameIndentAsKey { break }
            throw fail("expected a list item ('- ') at this indentation, like the lines above it", at: pos)
        }
        if props.anchor != nil { openAnchors.removeLast() }
        return try makeCollection(.sequence(items), props: props, at: startLocation)
    }

    mutating func tooDeep(at location: SourceLocation) -> YAMLError {
        if depthLimit < YAMLParser.maxDepth { needsLargeStack = true }
        return YAMLError("nested too deeply (more than \(YAMLParser.maxDepth) levels of lists and mappings)", at: location)
    }

    // MARK: Properties and aliases [6.9, 7.1]

    mutating func parseProperties(_ props: inout Props, flow: Bool) throws(YAMLError) {
        while true {
            let b = p[pos]
            let start = pos
            if b == AMP {
                if props.anchor != nil { throw fail("a value can have only one anchor", at: start) }
                pos += 1
                let name = scanAnchorName()
                if name.isEmpty { throw fail("an anchor '&' needs a name", at: start) }
                props.anchor = name
                props.anchorOffset = start
                props.anchorCountStart = nodeCount
            } else if b == BANG {
                if props.tag != nil { throw fail("a value can have only one tag", at: start) }
                props.tag = try scanTag(flow: flow)
                props.tagOffset = start
            } else {
                return
            }
            if !isBlankOrEnd(p[pos]), !(flow && isFlowIndicator(p[pos])) {
                throw fail("expected a space after the \(b == AMP ? "anchor" : "tag")", at: pos)
            }
            if flow { try skipFlowSpace(parentIndent: -1, open: -1) } else { skipWhite() }
        }
    }

    mutating func scanAnchorName() -> String {
        let start = pos
        while true {
            let b = p[pos]
            if isBlankOrEnd(b) || isFlowIndicator(b) { break }
            if b == COLON, isBlankOrEnd(p[pos + 1]) { break }
            pos += 1
        }
        return text(start, pos)
    }

    mutating func scanTag(flow: Bool) throws(YAMLError) -> Tag {
        let start = pos
        pos += 1
        if p[pos] == LT {
            while !isBreakOrEnd(p[pos]), p[pos] != GT { pos += 1 }
            if p[pos] != GT { throw fail("a verbatim tag '!<' needs its '>'", at: start) }
            pos += 1
        } else {
            while !isBlankOrEnd(p[pos]), !isFlowIndicator(p[pos]) { pos += 1 }
        }
        let name = text(start, pos)
        switch name {
        case "!": return .nonSpecific
        case "!!str", "!<tag:yaml.org,2002:str>": return .str
        case "!!int", "!<tag:yaml.org,2002:int>": return .int
        case "!!float", "!<tag:yaml.org,2002:float>": return .float
        case "!!bool", "!<tag:yaml.org,2002:bool>": return .bool
        case "!!null", "!<tag:yaml.org,2002:null>": return .null
        case "!!seq", "!<tag:yaml.org,2002:seq>": return .seq
        case "!!map", "!<tag:yaml.org,2002:map>": return .map
        default:
            throw fail("the tag '\(name)' is not supported (only !!str, !!int, !!float, !!bool, !!null, !!seq and !!map are)", at: start)
        }
    }

    mutating func mergeProps(_ outer: Props, _ inner: Props) throws(YAMLError) -> Props {
        if outer.isEmpty { return inner }
        if inner.isEmpty { return outer }
        var merged = outer
        if let anchor = inner.anchor {
            if outer.anchor != nil { throw fail("a value can have only one anchor", at: inner.anchorOffset) }
            merged.anchor = anchor
            merged.anchorOffset = inner.anchorOffset
            merged.anchorCountStart = inner.anchorCountStart
        }
        if let tag = inner.tag {
            if outer.tag != nil { throw fail("a value can have only one tag", at: inner.tagOffset) }
            merged.tag = tag
            merged.tagOffset = inner.tagOffset
        }
        return merged
    }

    mutating func parseAlias(flow: Bool) throws(YAMLError) -> YAMLNode {
        let start = pos
        let startLocation = location(start)
        pos += 1
        let name = scanAnchorName()
        if name.isEmpty { throw fail("an alias '*' needs the name of an anchor", at: start) }
        guard let anchor = anchors[name] else {
            if openAnchors.contains(name) {
                throw fail("the alias '*\(name)' refers to the value that contains it (recursive aliases are not supported)", at: start)
            }
            throw fail("unknown alias '*\(name)' (no anchor '&\(name)' before it)", at: start)
        }
        aliasExpansion += anchor.size
        nodeCount += anchor.size
        if aliasExpansion > YAMLParser.maxAliasExpansion {
            throw fail("aliases expand this document to more than \(YAMLParser.maxAliasExpansion) values; refusing it (a 'billion laughs' document?)", at: start)
        }
        lastWasMergeKey = false
        var node = anchor.node
        node.location = startLocation
        return node
    }

    mutating func register(_ props: Props, _ node: YAMLNode) {
        if let anchor = props.anchor {
            anchors[anchor] = Anchor(node: node, size: nodeCount - props.anchorCountStart)
        }
    }

    // MARK: Node construction and the core schema [10.3]

    mutating func makeEmpty(_ props: Props, at offset: Int) throws(YAMLError) -> YAMLNode {
        try makeScalar("", plain: true, props: props, at: offset)
    }

    mutating func makeCollection(_ value: YAMLNode.Value, props: Props, at location: SourceLocation) throws(YAMLError) -> YAMLNode {
        nodeCount += 1
        if let tag = props.tag {
            let isSequence: Bool
            if case .sequence = value { isSequence = true } else { isSequence = false }
            switch tag {
            case .nonSpecific: break
            case .seq where isSequence: break
            case .map where !isSequence: break
            default:
                throw fail("the tag \(tag.name) cannot be used on a \(isSequence ? "list" : "mapping")", at: props.tagOffset)
            }
        }
        let node = YAMLNode(value, at: location)
        register(props, node)
        return node
    }

    mutating func makePlainScalar(_ start: Int, _ end: Int, props: Props) throws(YAMLError) -> YAMLNode {
        nodeCount += 1
        let value: YAMLNode.Value
        if let tag = props.tag {
            lastWasMergeKey = false
            value = try resolveTagged(UnsafeBufferPointer(start: p + start, count: end - start), tag: tag, props: props, at: start)
        } else {
            let bytes = UnsafeBufferPointer(start: p + start, count: end - start)
            lastWasMergeKey = end - start == 2 && p[start] == LT && p[start + 1] == LT
            value = try resolvePlain(bytes, at: start) ?? .string(text(start, end))
        }
        let node = YAMLNode(value, at: location(start))
        register(props, node)
        return node
    }

    mutating func makeScalar(_ text: String, plain: Bool, props: Props, at offset: Int) throws(YAMLError) -> YAMLNode {
        nodeCount += 1
        lastWasMergeKey = false
        var value: YAMLNode.Value = .string(text)
        if let tag = props.tag {
            let bytes = Array(text.utf8)
            let result: Result<YAMLNode.Value, YAMLError> = bytes.withUnsafeBufferPointer { buffer in
                do throws(YAMLError) { return .success(try resolveTagged(buffer, tag: tag, props: props, at: offset)) } catch { return .failure(error) }
            }
            value = try result.get()
        } else if plain {
            let bytes = Array(text.utf8)
            let result: Result<YAMLNode.Value?, YAMLError> = bytes.withUnsafeBufferPointer { buffer in
                do throws(YAMLError) { return .success(try resolvePlain(buffer, at: offset)) } catch { return .failure(error) }
            }
            value = try result.get() ?? .string(text)
        }
        let node = YAMLNode(value, at: location(offset))
        register(props, node)
        return node
    }

    /// The core schema for an untagged plain scalar: null, bool, int or float, or nil for a string.
    mutating func resolvePlain(_ s: UnsafeBufferPointer<UInt8>, at offset: Int) throws(YAMLError) -> YAMLNode.Value? {
        guard let first = s.first else { return .null }
        switch first {
        case 0x30...0x39, PLUS, DASH, DOT:
            if let i = try resolveInt(s, at: offset) { return .int(i) }
            if let d = resolveFloat(s) { return .float(d) }
            return nil
        case 0x7E:  // ~
            return s.count == 1 ? .null : nil
        case 0x6E, 0x4E:  // n N
            return isOneOf(s, "null", "Null", "NULL") ? .null : nil
        case 0x74, 0x54:  // t T
            return isOneOf(s, "true", "True", "TRUE") ? .bool(true) : nil
        case 0x66, 0x46:  // f F
            return isOneOf(s, "false", "False", "FALSE") ? .bool(false) : nil
        default:
            return nil
        }
    }

    func isOneOf(_ s: UnsafeBufferPointer<UInt8>, _ a: StaticString, _ b: StaticString, _ c: StaticString) -> Bool {
        func eq(_ w: StaticString) -> Bool {
            guard w.utf8CodeUnitCount == s.count else { return false }
            let q = w.utf8Start
            for i in 0..<s.count where s[i] != q[i] { return false }
            return true
        }
        return eq(a) || eq(b) || eq(c)
    }

    /// `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`; nil when `s` is not an integer,
    /// an error when it is one that does not fit.
    mutating func resolveInt(_ s: UnsafeBufferPointer<UInt8>, at offset: Int) throws(YAMLError) -> Int? {
        let n = s.count
        if n > 2, s[0] == 0x30, s[1] == 0x78 || s[1] == 0x6F {
            let radix = s[1] == 0x78 ? 16 : 8
            var value = 0
            for i in 2..<n {
                let b = s[i]
                let digit: Int
                switch b {
                case 0x30...0x39: digit = Int(b - 0x30)
                case 0x61...0x66: digit = Int(b - 0x61 + 10)
                case 0x41...0x46: digit = Int(b - 0x41 + 10)
                default: return nil
                }
                if digit >= radix { return nil }
                let (m, o1) = value.multipliedReportingOverflow(by: radix)
                let (a, o2) = m.addingReportingOverflow(digit)
                if o1 || o2 { throw overflow(s, at: offset) }
                value = a
            }
            return value
        }
        var i = 0
        var negative = false
        if n > 0, s[0] == PLUS || s[0] == DASH {
            negative = s[0] == DASH
            i = 1
        }
        if i == n { return nil }
        var value = 0
        var overflowed = false
        while i < n {
            let b = s[i]
            guard b >= 0x30, b <= 0x39 else { return nil }
            // Accumulate negatively so that Int.min fits.
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.subtractingReportingOverflow(Int(b - 0x30))
            if o1 || o2 { overflowed = true }
            value = a
            i += 1
        }
        if overflowed { throw overflow(s, at: offset) }
        if negative { return value }
        if value == Int.min { throw overflow(s, at: offset) }
        return -value
    }

    mutating func overflow(_ s: UnsafeBufferPointer<UInt8>, at offset: Int) -> YAMLError {
        let t = String(decoding: s, as: UTF8.self)
        return fail("the integer \(t) is too large (integers must lie between \(Int.min) and \(Int.max)); put it in quotes to keep it as text", at: offset)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?\.(inf|Inf|INF)`, `\.(nan|NaN|NAN)`.
    func resolveFloat(_ s: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = s.count
        var i = 0
        var negative = false
        if n > 0, s[0] == PLUS || s[0] == DASH {
            negative = s[0] == DASH
            i = 1
        }
        if i < n, s[i] == DOT, n - i == 4 {
            let rest = UnsafeBufferPointer(rebasing: s[(i + 1)...])
            if isOneOf(rest, "inf", "Inf", "INF") { return negative ? -.infinity : .infinity }
            if i == 0, isOneOf(rest, "nan", "NaN", "NAN") { return .nan }
        }
        var intDigits = 0
        while i < n, s[i] >= 0x30, s[i] <= 0x39 { i += 1; intDigits += 1 }
        var fracDigits = 0
        if i < n, s[i] == DOT {
            i += 1
            while i < n, s[i] >= 0x30, s[i] <= 0x39 { i += 1; fracDigits += 1 }
        }
        if intDigits == 0, fracDigits == 0 { return nil }
        if i < n, s[i] == 0x65 || s[i] == 0x45 {
            i += 1
            if i < n, s[i] == PLUS || s[i] == DASH { i += 1 }
            var expDigits = 0
            while i < n, s[i] >= 0x30, s[i] <= 0x39 { i += 1; expDigits += 1 }
            if expDigits == 0 { return nil }
        }
        if i != n { return nil }
        return Double(String(decoding: s, as: UTF8.self))
    }

    mutating func resolveTagged(_ s: UnsafeBufferPointer<UInt8>, tag: Tag, props: Props, at offset: Int) throws(YAMLError) -> YAMLNode.Value {
        let text = String(decoding: s, as: UTF8.self)
        func shown() -> String { text.count > 40 ? String(text.prefix(40)) + "..." : text }
        switch tag {
        case .str, .nonSpecific:
            return .string(text)
        case .int:
            if let i = try resolveInt(s, at: offset) { return .int(i) }
            throw fail("'\(shown())' is not an integer (tag !!int)", at: offset)
        case .float:
            if let d = resolveFloat(s) { return .float(d) }
            if let i = try resolveInt(s, at: offset) { return .float(Double(i)) }
            throw fail("'\(shown())' is not a number (tag !!float)", at: offset)
        case .bool:
            if isOneOf(s, "true", "True", "TRUE") { return .bool(true) }
            if isOneOf(s, "false", "False", "FALSE") { return .bool(false) }
            throw fail("'\(shown())' is not true or false (tag !!bool)", at: offset)
        case .null:
            if s.isEmpty || (s.count == 1 && s[0] == 0x7E) || isOneOf(s, "null", "Null", "NULL") { return .null }
            throw fail("'\(shown())' is not null (tag !!null)", at: offset)
        case .seq, .map:
            throw fail("the tag \(tag.name) needs a \(tag == .seq ? "list" : "mapping"), not a single value", at: props.tagOffset)
        }
    }

    // MARK: Merge keys

    mutating func applyMerges(_ pairs: [YAMLPair], mergeIndices: [Int]) throws(YAMLError) -> [YAMLPair] {
        // Explicit keys win over merged ones wherever they are written; among merged
        // mappings the first that has a key wins. Merged pairs take the place of `<<`.
        var taken = Set<KeyID>()
        for (i, pair) in pairs.enumerated() where !mergeIndices.contains(i) {
            if let id = KeyID(pair.key.value) { taken.insert(id) }
        }
        var result: [YAMLPair] = []
        for (i, pair) in pairs.enumerated() {
            guard mergeIndices.contains(i) else { result.append(pair); continue }
            var sources: [YAMLNode] = []
            switch pair.value.value {
            case .mapping: sources = [pair.value]
            case .sequence(let items): sources = items
            default:
                throw YAMLError("the merge key '<<' needs a mapping or a list of mappings", at: pair.value.location)
            }
            for source in sources {
                guard case .mapping(let merged) = source.value else {
                    throw YAMLError("the merge key '<<' needs a mapping or a list of mappings", at: source.location)
                }
                for m in merged {
                    guard let id = KeyID(m.key.value) else { continue }
                    if taken.insert(id).inserted { result.append(m) }
                }
            }
        }
        return result
    }

    // MARK: Plain scalars [7.3.3]

    enum PlainStop { case colon, comment, lineEnd, flowIndicator }

    /// A plain scalar may not start with an indicator, except `-`, `?` and `:` before a
    /// character that could follow them in the scalar.
    mutating func checkPlainStart(flow: Bool) throws(YAMLError) {
        let b = p[pos]
        switch b {
        case DASH, QUESTION, COLON:
            let c = p[pos + 1]
            if isBlankOrEnd(c) || (flow && isFlowIndicator(c)) {
                if b == COLON { throw fail("a key is missing before ':'", at: pos) }
                if b == QUESTION { throw fail("complex keys ('? ') are not supported", at: pos) }
                throw fail(flow ? "a '- ' list item cannot be used inside [ ] or { }; write the items separated by commas" : "unexpected '- '", at: pos)
            }
        case COMMA, RBRACKET, RBRACE, LBRACKET, LBRACE:
            throw fail("unexpected '\(Character(Unicode.Scalar(b)))'; to start a value with it, put the value in quotes", at: pos)
        case PERCENT, AT, BACKTICK:
            throw fail("a value cannot start with '\(Character(Unicode.Scalar(b)))'; put the value in quotes", at: pos)
        case PIPE, GT:
            throw fail("a block scalar ('\(Character(Unicode.Scalar(b)))') cannot be used inside [ ] or { }", at: pos)
        case HASH:
            throw fail("a comment needs a space before '#'", at: pos)
        default:
            break
        }
    }

    /// Scans one line of a plain scalar from `pos`; returns the end of its text (trailing
    /// white space excluded) and leaves `pos` at what stopped it.
    @inline(__always)
    mutating func scanPlainLine(flow: Bool) -> (end: Int, stop: PlainStop) {
        var i = pos
        var end = pos
        while true {
            let b = p[i]
            if b > COLON {
                if flow, b == LBRACKET || b == RBRACKET || b == LBRACE || b == RBRACE {
                    pos = i
                    return (end, .flowIndicator)
                }
                i += 1
                end = i
                continue
            }
            switch b {
            case SP, TAB:
                i += 1
            case LF, CR, 0:
                pos = i
                return (end, .lineEnd)
            case COLON:
                let c = p[i + 1]
                if isBlankOrEnd(c) || (flow && isFlowIndicator(c)) {
                    pos = i
                    return (end, .colon)
                }
                i += 1
                end = i
            case HASH:
                if isWhite(p[i - 1]) {
                    pos = i
                    return (end, .comment)
                }
                i += 1
                end = i
            case COMMA where flow:
                pos = i
                return (end, .flowIndicator)
            default:
                i += 1
                end = i
            }
        }
    }

    /// Continues a plain scalar over the following lines when they are indented more
    /// than `parentIndent` (line folding [6.5]); returns the finished node with `pos`
    /// just after its text.
    mutating func continuePlain(start: Int, firstEnd: Int, parentIndent n: Int, flow: Bool, place: PlainPlace, props: Props) throws(YAMLError) -> YAMLNode {
        var buffer: [UInt8] = []
        var lastEnd = firstEnd
        var multiLine = false
        while isBreak(p[pos]) {
            var q = pos
            var breaks = 0
            var lineBegin = q
            var indent = 0
            while true {
                if p[q] == CR { q += 1; if p[q] == LF { q += 1 } } else { q += 1 }
                breaks += 1
                lineBegin = q
                while p[q] == SP { q += 1 }
                indent = q - lineBegin
                while isWhite(p[q]) { q += 1 }
                if !isBreak(p[q]) { break }
            }
            let b = p[q]
            if b == 0 || isDocumentMarker(at: lineBegin) || b == HASH { break }
            // Not indented more than the block around it: the parent's line (in a flow
            // collection, the sign of a missing bracket, which the collection reports).
            if indent <= n { break }
            if flow {
                if isFlowIndicator(b) { break }
                if b == COLON, isBlankOrEnd(p[q + 1]) || isFlowIndicator(p[q + 1]) { break }
            }
            pos = q
            let (end, stop) = scanPlainLine(flow: flow)
            if stop == .colon || (end == q && !flow) {
                switch place {
                case .afterKey: throw fail("this line is indented more than the key above it", at: q)
                case .afterItem: throw fail("this line is indented more than the list item above it", at: q)
                case .ownLine: throw missingColon(start, firstEnd)
                case .flow: throw fail("a key must be on a single line", at: q)
                }
            }
            if !multiLine {
                buffer.append(contentsOf: UnsafeBufferPointer(start: p + start, count: firstEnd - start))
                multiLine = true
            }
            if breaks == 1 {
                buffer.append(SP)
            } else {
                for _ in 1..<breaks { buffer.append(LF) }
            }
            buffer.append(contentsOf: UnsafeBufferPointer(start: p + q, count: end - q))
            lastEnd = end
            if stop != .lineEnd { break }
        }
        pos = lastEnd
        if !multiLine {
            return try makePlainScalar(start, firstEnd, props: props)
        }
        // A plain scalar over several lines is never null, a bool or a number (it holds a
        // space or a line break), unless a tag says otherwise.
        return try makeScalar(String(decoding: buffer, as: UTF8.self), plain: props.tag != nil, props: props, at: start)
    }

    // MARK: Quoted scalars [7.3.1, 7.3.2]

    /// Reads a single- or double-quoted scalar starting at `pos` (the quote) and returns
    /// its value; `pos` ends just after the closing quote. Continuation lines must be
    /// indented more than `parentIndent`; a line that is not is taken as the sign of a
    /// missing closing quote. `singleLine`: a line break is a missing closing quote too.
    mutating func scanQuoted(parentIndent n: Int, flow: Bool, singleLine: Bool) throws(YAMLError) -> String {
        let open = pos
        let quote = p[pos]
        pos += 1
        // Fast path: no escapes and no line breaks.
        var i = pos
        while true {
            let b = p[i]
            if b == quote {
                if quote == SQUOTE, p[i + 1] == SQUOTE { break }
                let s = text(pos, i)
                pos = i + 1
                return s
            }
            if b == BACKSLASH && quote == DQUOTE { break }
            if isBreakOrEnd(b) { break }
            i += 1
        }
        var out: [UInt8] = []
        out.append(contentsOf: UnsafeBufferPointer(start: p + pos, count: i - pos))
        pos = i
        // Bytes of `out` before this index came from escapes (or are text) and are never
        // trimmed as trailing white space before a line break.
        var kept = out.count
        while kept > 0, isWhite(out[kept - 1]) { kept -= 1 }
        while true {
            let b = p[pos]
            if b == quote {
                if quote == SQUOTE, p[pos + 1] == SQUOTE {
                    out.append(SQUOTE)
                    pos += 2
                    kept = out.count
                    continue
                }
                pos += 1
                return String(decoding: out, as: UTF8.self)
            }
            if b == 0 {
                throw unterminated(open)
            }
            if isBreak(b) {
                if singleLine { throw unterminated(open) }
                while out.count > kept, isWhite(out[out.count - 1]) { out.removeLast() }
                let breaks = try skipQuotedBreaks(open: open, parentIndent: n)
                if breaks == 1 { out.append(SP) } else { for _ in 1..<breaks { out.append(LF) } }
                kept = out.count
                continue
            }
            if b == BACKSLASH, quote == DQUOTE {
                let escapeStart = pos
                let e = p[pos + 1]
                pos += 2
                switch e {
                case 0x30: out.append(0)
                case 0x61: out.append(0x07)
                case 0x62: out.append(0x08)
                case 0x74, TAB: out.append(TAB)
                case 0x6E: out.append(LF)
                case 0x76: out.append(0x0B)
                case 0x66: out.append(0x0C)
                case 0x72: out.append(CR)
                case 0x65: out.append(0x1B)
                case SP: out.append(SP)
                case DQUOTE: out.append(DQUOTE)
                case 0x2F: out.append(0x2F)
                case BACKSLASH: out.append(BACKSLASH)
                case 0x4E: appendScalar(0x85, to: &out)
                case 0x5F: appendScalar(0xA0, to: &out)
                case 0x4C: appendScalar(0x2028, to: &out)
                case 0x50: appendScalar(0x2029, to: &out)
                case 0x78, 0x75, 0x55:
                    let digits = e == 0x78 ? 2 : (e == 0x75 ? 4 : 8)
                    var value: UInt32 = try hexValue(digits: digits, escapeStart: escapeStart)
                    if e == 0x75, value >= 0xD800, value < 0xDC00 {
                        // A UTF-16 surrogate pair written as two \u escapes, as in JSON.
                        if p[pos] == BACKSLASH, p[pos + 1] == 0x75 {
                            let lowStart = pos
                            pos += 2
                            let low = try hexValue(digits: 4, escapeStart: lowStart)
                            guard low >= 0xDC00, low < 0xE000 else {
                                throw fail("'\\u\(hex4(value))' starts a surrogate pair but is not followed by its second half", at: escapeStart)
                            }
                            value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                        }
                    }
                    guard Unicode.Scalar(value) != nil else {
                        throw fail("the escape '\(text(escapeStart, pos))' is not a Unicode character", at: escapeStart)
                    }
                    appendScalar(value, to: &out)
                case LF, CR:
                    // An escaped line break: the lines are joined without a space.
                    pos -= 1
                    if singleLine { throw unterminated(open) }
                    let breaks = try skipQuotedBreaks(open: open, parentIndent: n)
                    for _ in 1..<breaks { out.append(LF) }
                default:
                    if e == 0 && pos - 1 >= count { throw unterminated(open) }
                    let shown = isBreakOrEnd(e) ? "" : String(decoding: [e], as: UTF8.self)
                    throw fail("unknown escape '\\\(e < 0x80 ? shown : "…")' in a double-quoted string (to write a backslash, use '\\\\')", at: escapeStart)
                }
                kept = out.count
                continue
            }
            // A run of ordinary bytes.
            let runStart = pos
            pos += 1
            while true {
                let c = p[pos]
                if c == quote || c == BACKSLASH || isBreakOrEnd(c) { break }
                pos += 1
            }
            out.append(contentsOf: UnsafeBufferPointer(start: p + runStart, count: pos - runStart))
            // White space at the end of the run stays only if no line break follows.
            var trailingWhite = 0
            while trailingWhite < pos - runStart, isWhite(p[pos - 1 - trailingWhite]) { trailingWhite += 1 }
            kept = out.count - trailingWhite
        }
    }

    func hex4(_ v: UInt32) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }

    mutating func hexValue(digits: Int, escapeStart: Int) throws(YAMLError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<digits {
            let b = p[pos]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            default:
                throw fail("the escape '\\\(String(decoding: [p[escapeStart + 1]], as: UTF8.self))' needs \(digits) hexadecimal digits", at: escapeStart)
            }
            value = value << 4 | d
            pos += 1
        }
        return value
    }

    func appendScalar(_ value: UInt32, to out: inout [UInt8]) {
        let scalar = Unicode.Scalar(value)!
        for unit in UTF8.encode(scalar)! { out.append(unit) }
    }

    mutating func unterminated(_ open: Int) -> YAMLError {
        let l = line(open)
        return fail("unterminated string that starts at line \(l)", at: open)
    }

    /// At a line break inside a quoted scalar: skips it, any empty lines after it and the
    /// next line's leading white space; returns the number of line breaks.
    mutating func skipQuotedBreaks(open: Int, parentIndent n: Int) throws(YAMLError) -> Int {
        var breaks = 0
        while true {
            consumeBreak()
            breaks += 1
            let lineBegin = pos
            while p[pos] == SP { pos += 1 }
            let indent = pos - lineBegin
            let tabAt = p[pos] == TAB ? pos : -1
            skipWhite()
            if isBreak(p[pos]) { continue }
            if p[pos] == 0 || isDocumentMarker(at: lineBegin) { throw unterminated(open) }
            if n >= 0, indent <= n {
                if tabAt >= 0 { throw fail("a tab cannot be used for indentation; use spaces", at: tabAt) }
                let l = line(open)
                if p[open] == SQUOTE {
                    // `- 's-Hertogenbosch`: a value that starts with ' is a quoted string to YAML.
                    throw fail("unterminated string that starts at line \(l): a value that starts with ' must also end with '; to write a name such as 's-Hertogenbosch, put it in double quotes", at: open)
                }
                throw fail("unterminated string that starts at line \(l) (the lines of a quoted value must be indented more than its key)", at: open)
            }
            return breaks
        }
    }

    // MARK: Block scalars [8.1]

    mutating func parseBlockScalar(parentIndent n: Int, props: Props) throws(YAMLError) -> YAMLNode {
        let start = pos
        let literal = p[pos] == PIPE
        pos += 1
        var explicitIndent = 0
        var chomp: UInt8 = 0  // 0 clip, '-' strip, '+' keep
        for _ in 0..<2 {
            let b = p[pos]
            if b >= 0x31, b <= 0x39, explicitIndent == 0 {
                explicitIndent = Int(b - 0x30)
                pos += 1
            } else if b == 0x30 {
                throw fail("the indentation indicator of a block scalar must be 1 to 9, not 0", at: pos)
            } else if (b == DASH || b == PLUS), chomp == 0 {
                chomp = b
                pos += 1
            }
        }
        let headerEnd = pos
        skipWhite()
        if p[pos] == HASH {
            if pos == headerEnd { throw fail("a comment needs a space before '#'", at: pos) }
            skipToLineEnd()
        }
        if !isBreakOrEnd(p[pos]) || (p[pos] == 0 && pos < count) {
            throw fail("unexpected text after '\(literal ? "|" : ">")': the text of a block scalar starts on the next line", at: pos)
        }
        consumeBreak()

        // Lines of the scalar: (start, end) of the text after the indentation; nil for an empty line.
        var indent = explicitIndent > 0 ? n + explicitIndent : -1
        if explicitIndent > 0, indent < 0 { indent = 0 }
        var lines: [(Int, Int)?] = []
        var leadingMax = 0
        var leadingMaxAt = 0
        while pos < count {
            let lineBegin = pos
            if isDocumentMarker(at: lineBegin) { break }
            while p[pos] == SP { pos += 1 }
            let spaces = pos - lineBegin
            if isBreakOrEnd(p[pos]) {
                if indent >= 0, spaces > indent {
                    lines.append((lineBegin + indent, pos))
                } else if p[pos] != 0 {
                    // (White space at the very end, without a line break, adds nothing.)
                    if indent < 0, spaces > leadingMax { leadingMax = spaces; leadingMaxAt = lineBegin }
                    lines.append(nil)
                }
                if p[pos] == 0 { break }
                consumeBreak()
                continue
            }
            if indent < 0 {
                // Auto-detected indentation: that of the first line with text [8.1.1.1].
                if spaces <= n { pos = lineBegin; break }
                if leadingMax > spaces {
                    throw fail("a blank line at the start of a block scalar has more spaces than its first line of text", at: leadingMaxAt + spaces)
                }
                indent = spaces
            }
            if spaces < indent { pos = lineBegin; break }
            skipToLineEnd()
            lines.append((lineBegin + indent, pos))
            if p[pos] == 0 { break }
            consumeBreak()
        }
        // Let the caller see the line that ended the scalar.
        if pos < count, !atLineStart() { pos = lineStart(of: pos) }

        var lastText = lines.count - 1
        while lastText >= 0, lines[lastText] == nil { lastText -= 1 }
        var out: [UInt8] = []
        if lastText >= 0 {
            var previousWasText = false
            var previousMoreIndented = false
            var pendingEmpty = 0
            for index in 0...lastText {
                guard let (s, e) = lines[index] else { pendingEmpty += 1; continue }
                let moreIndented = isWhite(p[s])
                if literal || !previousWasText {
                    // Literal: every line break kept. Leading empty lines are kept in both styles.
                    if previousWasText { out.append(LF) }
                    for _ in 0..<pendingEmpty { out.append(LF) }
                } else if previousMoreIndented || moreIndented {
                    out.append(LF)
                    for _ in 0..<pendingEmpty { out.append(LF) }
                } else if pendingEmpty == 0 {
                    out.append(SP)
                } else {
                    for _ in 0..<pendingEmpty { out.append(LF) }
                }
                pendingEmpty = 0
                out.append(contentsOf: UnsafeBufferPointer(start: p + s, count: e - s))
                previousWasText = true
                previousMoreIndented = moreIndented
            }
            // Clip and keep add the last line's break, when it has one.
            if chomp != DASH, let (_, e) = lines[lastText], p[e] != 0 || e < count { out.append(LF) }
        }
        if chomp == PLUS {
            for _ in (lastText + 1)..<lines.count { out.append(LF) }
        }
        return try makeScalar(String(decoding: out, as: UTF8.self), plain: false, props: props, at: start)
    }

    // MARK: Flow collections [7.4]

    /// Skips white space, line breaks and comments inside a flow collection. A line that
    /// is not indented more than the enclosing block (`parentIndent`) is taken as the sign
    /// of a missing closing bracket, except for a line that starts with the closing bracket.
    mutating func skipFlowSpace(parentIndent n: Int, open: Int) throws(YAMLError) {
        while true {
            let b = p[pos]
            if b == SP || b == TAB {
                pos += 1
            } else if b == HASH {
                if pos > lineStarts[0], !isBlankOrEnd(p[pos - 1]) { return }
                skipToLineEnd()
            } else if isBreak(b) {
                consumeBreak()
                let lineBegin = pos
                if open >= 0, isDocumentMarker(at: lineBegin) { throw unclosed(open) }
                while p[pos] == SP { pos += 1 }
                let c = p[pos]
                if open >= 0, n >= 0, pos - lineBegin <= n, !isBlankOrEnd(c), c != HASH, c != RBRACKET, c != RBRACE {
                    throw unclosed(open, lowIndent: true)
                }
            } else {
                return
            }
        }
    }

    mutating func unclosed(_ open: Int, lowIndent: Bool = false) -> YAMLError {
        let l = line(open)
        let list = p[open] == LBRACKET
        let hint = lowIndent ? "; the lines inside it must be indented more than its key" : ""
        return list
            ? fail("unterminated list that starts at line \(l) ('[' without ']'\(hint))", at: open)
            : fail("unterminated mapping that starts at line \(l) ('{' without '}'\(hint))", at: open)
    }

    /// A node inside a flow collection, at `pos`.
    mutating func parseFlowNode(parentIndent n: Int, open: Int, depth: Int) throws(YAMLError) -> YAMLNode {
        var props = Props()
        if p[pos] == AMP || p[pos] == BANG {
            try parseProperties(&props, flow: true)
            try skipFlowSpace(parentIndent: n, open: open)
        }
        let start = pos
        let b = p[pos]
        switch b {
        case LBRACKET:
            return try parseFlowSequence(parentIndent: n, props: props, depth: depth + 1)
        case LBRACE:
            return try parseFlowMapping(parentIndent: n, props: props, depth: depth + 1)
        case DQUOTE, SQUOTE:
            let text = try scanQuoted(parentIndent: n, flow: true, singleLine: false)
            return try makeScalar(text, plain: false, props: props, at: start)
        case STAR:
            if !props.isEmpty { throw fail("an alias cannot have an anchor or a tag", at: props.anchor != nil ? props.anchorOffset : props.tagOffset) }
            return try parseAlias(flow: true)
        case COMMA, RBRACKET, RBRACE:
            if !props.isEmpty { return try makeEmpty(props, at: start) }
            throw fail("unexpected '\(Character(Unicode.Scalar(b)))'", at: start)
        case 0:
            throw unclosed(open)
        default:
            if b == COLON, isBlankOrEnd(p[pos + 1]) || isFlowIndicator(p[pos + 1]), !props.isEmpty {
                return try makeEmpty(props, at: start)
            }
            try checkPlainStart(flow: true)
            let (firstEnd, _) = scanPlainLine(flow: true)
            return try continuePlain(start: start, firstEnd: firstEnd, parentIndent: n, flow: true, place: .flow, props: props)
        }
    }

    mutating func parseFlowSequence(parentIndent n: Int, props: Props, depth: Int) throws(YAMLError) -> YAMLNode {
        let open = pos
        let openLocation = location(open)
        if depth > depthLimit { throw tooDeep(at: openLocation) }
        if let anchor = props.anchor { openAnchors.append(anchor) }
        pos += 1
        var items: [YAMLNode] = []
        while true {
            try skipFlowSpace(parentIndent: n, open: open)
            let b = p[pos]
            if b == RBRACKET { pos += 1; break }
            if b == 0 { throw unclosed(open) }
            if b == COMMA { throw fail("unexpected ',' (an empty item in the list?)", at: pos) }
            if isIndicatorFollowedByBlank(QUESTION) { throw fail("complex keys ('? ') are not supported", at: pos) }
            let itemStart = pos
            var item: YAMLNode
            if b == COLON, isBlankOrEnd(p[pos + 1]) || isFlowIndicator(p[pos + 1]) {
                throw fail("a key is missing before ':'", at: pos)
            }
            item = try parseFlowNode(parentIndent: n, open: open, depth: depth)
            let jsonLike = b == DQUOTE || b == SQUOTE || b == LBRACKET || b == LBRACE
            let isMerge = lastWasMergeKey && !jsonLike && b != STAR
            try skipFlowSpace(parentIndent: n, open: open)
            if p[pos] == COLON, jsonLike || isBlankOrEnd(p[pos + 1]) || isFlowIndicator(p[pos + 1]) {
                // A single pair `key: value` as a list item is a mapping of one pair [7.4.1].
                if !sameLine(itemStart, pos) { throw fail("a key must be on a single line", at: itemStart) }
                if KeyID(item.value) == nil { throw fail("a list or mapping cannot be used as a key (not supported)", at: itemStart) }
                pos += 1
                try skipFlowSpace(parentIndent: n, open: open)
                let value: YAMLNode
                if p[pos] == COMMA || p[pos] == RBRACKET {
                    value = try makeEmpty(Props(), at: pos)
                } else {
                    value = try parseFlowNode(parentIndent: n, open: open, depth: depth + 1)
                }
                var pairs = [YAMLPair(key: item, value: value)]
                if isMerge { pairs = try applyMerges(pairs, mergeIndices: [0]) }
                nodeCount += 1
                item = YAMLNode(.mapping(pairs), at: item.location)
                try skipFlowSpace(parentIndent: n, open: open)
            }
            items.append(item)
            if p[pos] == COMMA { pos += 1; continue }
            if p[pos] == RBRACKET { pos += 1; break }
            if p[pos] == 0 { throw unclosed(open) }
            let l = line(open)
            throw fail("expected ',' or ']' after an item of the list that starts at line \(l)", at: pos)
        }
        if props.anchor != nil { openAnchors.removeLast() }
        return try makeCollection(.sequence(items), props: props, at: openLocation)
    }

    mutating func parseFlowMapping(parentIndent n: Int, props: Props, depth: Int) throws(YAMLError) -> YAMLNode {
        let open = pos
        let openLocation = location(open)
        if depth > depthLimit { throw tooDeep(at: openLocation) }
        if let anchor = props.anchor { openAnchors.append(anchor) }
        pos += 1
        var pairs: [YAMLPair] = []
        var keys = KeySet()
        var mergeIndices: [Int] = []
        while true {
            try skipFlowSpace(parentIndent: n, open: open)
            let b = p[pos]
            if b == RBRACE { pos += 1; break }
            if b == 0 { throw unclosed(open) }
            if b == COMMA { throw fail("unexpected ',' (an empty entry in the mapping?)", at: pos) }
            if isIndicatorFollowedByBlank(QUESTION) { throw fail("complex keys ('? ') are not supported", at: pos) }
            if b == COLON, isBlankOrEnd(p[pos + 1]) || isFlowIndicator(p[pos + 1]) {
                throw fail("a key is missing before ':'", at: pos)
            }
            let keyStart = pos
            let key = try parseFlowNode(parentIndent: n, open: open, depth: depth)
            let jsonLike = b == DQUOTE || b == SQUOTE || b == LBRACKET || b == LBRACE
            let isMerge = lastWasMergeKey && !jsonLike && b != STAR
            if KeyID(key.value) == nil { throw fail("a list or mapping cannot be used as a key (not supported)", at: keyStart) }
            try keys.insert(key, among: pairs)
            try skipFlowSpace(parentIndent: n, open: open)
            let value: YAMLNode
            if p[pos] == COLON, jsonLike || isBlankOrEnd(p[pos + 1]) || isFlowIndicator(p[pos + 1]) {
                if !sameLine(keyStart, pos) { throw fail("a key must be on a single line", at: keyStart) }
                pos += 1
                try skipFlowSpace(parentIndent: n, open: open)
                if p[pos] == COMMA || p[pos] == RBRACE {
                    value = try makeEmpty(Props(), at: pos)
                } else {
                    value = try parseFlowNode(parentIndent: n, open: open, depth: depth)
                }
                try skipFlowSpace(parentIndent: n, open: open)
            } else {
                // `{a, b}`: a key without a value has the value null.
                value = try makeEmpty(Props(), at: pos)
            }
            if isMerge { mergeIndices.append(pairs.count) }
            pairs.append(YAMLPair(key: key, value: value))
            if p[pos] == COMMA { pos += 1; continue }
            if p[pos] == RBRACE { pos += 1; break }
            if p[pos] == 0 { throw unclosed(open) }
            let l = line(open)
            throw fail("expected ',' or '}' after an entry of the mapping that starts at line \(l)", at: pos)
        }
        if props.anchor != nil { openAnchors.removeLast() }
        if !mergeIndices.isEmpty { pairs = try applyMerges(pairs, mergeIndices: mergeIndices) }
        return try makeCollection(.mapping(pairs), props: props, at: openLocation)
    }
}

/// The keys of one mapping so far, for the duplicate check: the pairs themselves are
/// searched while there are few (no allocation), a dictionary is built once there are many.
private struct KeySet {
    var index: [KeyID: Int]?

    mutating func insert(_ key: YAMLNode, among pairs: [YAMLPair]) throws(YAMLError) {
        guard let id = KeyID(key.value) else {
            throw YAMLError("a list or mapping cannot be used as a key (not supported)", at: key.location)
        }
        var first: Int?
        if let index {
            first = index[id]
        } else {
            for i in 0..<pairs.count where Self.same(pairs[i].key.value, key.value) { first = i; break }
        }
        if let first {
            throw YAMLError("duplicate key '\(Self.describe(key.value))' (first at line \(pairs[first].key.location.line))", at: key.location)
        }
        if index != nil {
            index![id] = pairs.count
        } else if pairs.count >= 16 {
            var d = [KeyID: Int](minimumCapacity: 64)
            for (i, pair) in pairs.enumerated() {
                if let k = KeyID(pair.key.value) { d[k] = i }
            }
            d[id] = pairs.count
            index = d
        }
    }

    static func same(_ a: YAMLNode.Value, _ b: YAMLNode.Value) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.null, .null): return true
        case (.float(let x), .float(let y)): return x == y || (x.isNaN && y.isNaN)
        default: return false
        }
    }

    static func describe(_ value: YAMLNode.Value) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .float(let d): return String(d)
        case .string(let s): return s.count > 40 ? String(s.prefix(40)) + "..." : s
        case .sequence, .mapping: return "..."
        }
    }
}
