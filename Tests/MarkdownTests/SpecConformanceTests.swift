import Testing
@testable import Markdown

/// Every example of the CommonMark 0.31.2 spec, with `.commonMark` options and standard
/// rendering, compared after the spec runner's normalization.
@Suite struct SpecConformanceTests {
    @Test func specExamplesAreLoaded() {
        #expect(TestData.commonMarkExamples.count == 652)
    }

    @Test(arguments: TestData.commonMarkExamples)
    func example(_ example: TestData.SpecExample) {
        let html = MarkdownParser(options: .commonMark).parse(example.markdown).html()
        if html == example.html { return }
        let normalized = HTMLNormalizer.normalize(html)
        let expected = HTMLNormalizer.normalize(example.html)
        #expect(normalized == expected, "Example \(example.example) (\(example.section)): \(example.markdown.debugDescription)")
    }
}
