import Testing
@testable import Markdown

/// Depth is data, not stack: 100,000 levels of nesting parse, render and free without
/// recursion (Swift Testing runs these on threads with small stacks).
@Suite struct DeepNestingTests {
    static let depth = 100_000

    private func count(_ needle: String, in haystack: String) -> Int {
        haystack.components(separatedBy: needle).count - 1
    }

    @Test func deeplyNestedBlockQuotes() {
        let html = MarkdownParser().parse(String(repeating: ">", count: Self.depth) + " a\n").html()
        #expect(count("<blockquote>", in: html) == Self.depth)
        #expect(html.hasSuffix("</blockquote>\n"))
    }

    @Test func deeplyNestedBulletLists() {
        let html = MarkdownParser().parse(String(repeating: "- ", count: Self.depth) + "a\n").html()
        #expect(count("<ul>", in: html) == Self.depth)
        #expect(count("<li>", in: html) == Self.depth)
    }

    @Test func deeplyNestedOrderedLists() {
        let html = MarkdownParser().parse(String(repeating: "1. ", count: Self.depth) + "a\n").html()
        #expect(count("<ol>", in: html) == Self.depth)
    }

    @Test func deeplyNestedQuotesAndLists() {
        let html = MarkdownParser().parse(String(repeating: "> - ", count: Self.depth / 2) + "a\n").html()
        #expect(count("<blockquote>", in: html) == Self.depth / 2)
    }

    @Test func indentedNestedLists() {
        // Each level is indented two more columns, so the input grows with the square of the depth.
        let levels = 3000
        let text = (0..<levels).map { String(repeating: "  ", count: $0) + "- a\n" }.joined()
        let html = MarkdownParser().parse(text).html()
        #expect(count("<ul>", in: html) == levels)
    }

    @Test func deeplyNestedLinks() {
        let text = String(repeating: "[", count: Self.depth) + "a" + String(repeating: "](/u)", count: Self.depth)
        let html = MarkdownParser().parse(text).html()
        // Links cannot contain links: only the innermost is one.
        #expect(count("<a href", in: html) == 1)
    }

    @Test func deeplyNestedImages() {
        let text = String(repeating: "![", count: Self.depth) + "a" + String(repeating: "](/u)", count: Self.depth)
        let document = MarkdownParser().parse(text)
        let html = document.html()
        #expect(count("<img", in: html) == 1)
        #expect(document.links.count == Self.depth)
    }

    @Test func deeplyNestedEmphasis() {
        let text = String(repeating: "*a ", count: Self.depth) + "b" + String(repeating: " a*", count: Self.depth)
        let html = MarkdownParser().parse(text).html()
        #expect(count("<em>", in: html) == Self.depth)
    }

    @Test func deeplyNestedStrikethroughAndStrong() {
        let text = String(repeating: "~~**a ", count: Self.depth / 2) + "b" + String(repeating: " a**~~", count: Self.depth / 2)
        let html = MarkdownParser().parse(text).html()
        #expect(count("<del>", in: html) == Self.depth / 2)
        #expect(count("<strong>", in: html) == Self.depth / 2)
    }

    @Test func deepTreeIsFreedWithoutRecursion() {
        // Building and dropping many deep documents in a row: freeing is one array each.
        for _ in 0..<3 {
            let document = MarkdownParser().parse(String(repeating: "> ", count: Self.depth) + "a\n")
            #expect(document.nodeCount > Self.depth)
        }
    }
}
