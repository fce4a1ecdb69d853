/// Splits a content file into its YAML front matter and its Markdown body.
///
/// The front matter sits between a first line `---` and the next line that is `---`
/// (or `...`); trailing spaces on those lines are allowed.
struct FrontMatter: Sendable, Equatable {
    /// The YAML between the two `---` lines.
    var yaml: String
    /// Lines before the YAML's first line (1: the opening `---`).
    var yamlLineOffset: Int
    var body: String
    /// Lines before the body's first line.
    var bodyLineOffset: Int

    enum Problem: Error, Equatable {
        /// The file does not start with `---`.
        case missing
        /// No closing `---` line.
        case unterminated
    }

    /// Expects `text` with `\n` line ends and no BOM (see `SourceFile`).
    static func split(_ text: String) -> Result<FrontMatter, Problem> {
        let bytes = Array(text.utf8)
        guard let firstEnd = lineEnd(bytes, from: 0), isDelimiter(bytes[0..<firstEnd], dashes: true) else {
            return .failure(.missing)
        }
        var lineStart = firstEnd + 1
        var line = 1
        while lineStart <= bytes.count {
            let end = lineEnd(bytes, from: lineStart) ?? bytes.count
            line += 1
            let content = bytes[lineStart..<end]
            if isDelimiter(content, dashes: true) || isDelimiter(content, dashes: false) {
                let yaml = String(decoding: bytes[(firstEnd + 1)..<lineStart], as: UTF8.self)
                let bodyStart = min(end + 1, bytes.count)
                let body = String(decoding: bytes[bodyStart...], as: UTF8.self)
                return .success(FrontMatter(yaml: yaml, yamlLineOffset: 1, body: body, bodyLineOffset: line))
            }
            if end >= bytes.count { break }
            lineStart = end + 1
        }
        return .failure(.unterminated)
    }

    private static func lineEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        guard start < bytes.count || start == 0 else { return nil }
        var i = start
        while i < bytes.count, bytes[i] != 0x0A { i += 1 }
        return i
    }

    private static func isDelimiter(_ line: ArraySlice<UInt8>, dashes: Bool) -> Bool {
        var content = line
        while let last = content.last, last == 0x20 || last == 0x09 { content.removeLast() }
        let mark = dashes ? UInt8(ascii: "-") : UInt8(ascii: ".")
        return content.count == 3 && content.allSatisfy { $0 == mark }
    }
}
