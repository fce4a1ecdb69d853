import Testing
import SourceText
@testable import Markdown

/// Heading ids must be exactly `Slugifier.slugify` of the heading text (content-model.md):
/// the engine's fast paths must agree with it.
@Suite struct SlugTests {
    static let texts: [String] = [
        "Besluiten", "Regio's en thema's", "  Hello,  World!  ", "a--b__c", "`code` and 'quotes'", "", "!!!",
        "Agenda 2026: punt 3.1 (vervolg)", "x'y", "-lead and trail-", "Tab\tand\nnewline", "ÀÉÎõü Súdwest-Fryslân",
        "ß Æ Ø Đ Ł Þ ı", "日本語 テスト", "emoji 🎉 here", "Regio’s", "MiXeD CaSe 42",
    ]

    @Test(arguments: texts)
    func slugMatchesSlugifier(_ text: String) {
        #expect(MarkdownParser.slug(text) == Slugifier.slugify(text))
    }

    @Test func longTextsAreSlugifiedInPiecesWithTheSameResult() {
        let text = (0..<300).map { "Woord\($0) één, twee; drie's" }.joined(separator: " ")
        #expect(MarkdownParser.slug(text) == Slugifier.slugify(text))
        let ascii = String(repeating: "Punt 1. ", count: 200)
        #expect(MarkdownParser.slug(ascii) == Slugifier.slugify(ascii))
    }
}
