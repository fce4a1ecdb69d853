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
