import Testing
@testable import Markdown

@Suite struct MarkdownOptionsTests {
    @Test func gfmHasTheFiveExtensions() {
        #expect(MarkdownOptions.gfm.extensions == [.tables, .strikethrough, .autolinks, .taskLists, .tagFilter])
        #expect(MarkdownOptions.commonMark.extensions.isEmpty)
    }
}
