import Testing
@testable import Markdown

@Suite struct SiteOptionTests {
    @Test func tableAlignmentCanBeWrittenAsStyle() {
        let document = MarkdownParser(options: .gfm).parse("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n")
        let styled = HTMLRenderer(options: HTMLRenderOptions(tableAlignmentAsStyle: true)).render(document)
        #expect(styled.contains("<th style=\"text-align: left\">a</th>"))
        #expect(styled.contains("<td style=\"text-align: center\">2</td>"))
        #expect(styled.contains("<td style=\"text-align: right\">3</td>"))
        #expect(!styled.contains("align=\""))
        #expect(HTMLRenderer(options: .standard).render(document).contains("<th align=\"left\">a</th>"))
    }
}
