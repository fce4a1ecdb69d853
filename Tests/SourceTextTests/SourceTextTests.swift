import Testing
@testable import SourceText

@Suite struct SlugifierTests {
    @Test(arguments: [
        ("Súdwest-Fryslân", "sudwest-fryslan"),
        ("  Jeugd & Gezin: 2026! ", "jeugd-gezin-2026"),
        ("Regio's en thema's", "regios-en-themas"),
        ("Midden IJssel / Oost Veluwe", "midden-ijssel-oost-veluwe"),
        ("'s-Hertogenbosch", "s-hertogenbosch"),
        ("Friesland (Fryslân)", "friesland-fryslan"),
        ("Straße", "strasse"),
        ("---", ""),
        ("", ""),
        ("Één café", "een-cafe"),
    ])
    func slugify(input: String, expected: String) {
        #expect(Slugifier.slugify(input) == expected)
    }
}

@Suite struct LineIndexTests {
    @Test func locationsCountScalarsAndSkipTheBOM() {
        let index = LineIndex("\u{FEFF}ab\ncé\r\nx\ry")
        #expect(index.lineCount == 4)
        #expect(index.location(ofByte: 3) == SourceLocation(line: 1, column: 1))
        #expect(index.location(ofByte: 4) == SourceLocation(line: 1, column: 2))
        // "cé": c at byte 6, é at 7-8, CRLF at 9-10.
        #expect(index.location(ofByte: 9) == SourceLocation(line: 2, column: 3))
        #expect(index.location(ofByte: 11) == SourceLocation(line: 3, column: 1))
        #expect(index.location(ofByte: 13) == SourceLocation(line: 4, column: 1))
        #expect(index.text(ofLine: 1) == "ab")
        #expect(index.text(ofLine: 2) == "cé")
    }

    @Test func excerptPointsAtTheColumn() {
        let excerpt = SourceExcerpt.render(lineText: "region: twnte", line: 4, column: 9)
        #expect(excerpt == " 4 | region: twnte\n   |         ^")
    }
}

@Suite struct SuggestionTests {
    @Test func nearestFindsTyposButNotStrangers() {
        let slugs = ["twente", "ijsselland", "amsterdam-amstelland", "drenthe"]
        #expect(Suggestion.nearest(to: "twnte", in: slugs) == "twente")
        #expect(Suggestion.nearest(to: "ijselland", in: slugs) == "ijsselland")
        #expect(Suggestion.nearest(to: "tewnte", in: slugs) == "twente")
        #expect(Suggestion.nearest(to: "zeeland", in: slugs) == nil)
    }
}

@Suite struct SlugifierScaleTests {
    @Test func longTextsStayLinearAndAgree() {
        let ascii = String(repeating: "Agenda item 12: Besluiten & acties! ", count: 20_000)
        let slug = Slugifier.slugify(ascii)
        #expect(slug.hasPrefix("agenda-item-12-besluiten-acties-agenda"))
        #expect(!slug.hasSuffix("-"))
        let accented = String(repeating: "Súdwest-Fryslân ", count: 20_000)
        #expect(Slugifier.slugify(accented).hasPrefix("sudwest-fryslan-sudwest-fryslan"))
    }
}

@Suite struct MarkupEscapingTests {
    @Test func escapesTheFiveAndDropsWhatXMLCannotHold() {
        #expect(MarkupEscaping.escape("a<b>&\"c\" 'd' é\u{1}\t\u{FFFE}z") == "a&lt;b&gt;&amp;&quot;c&quot; &#39;d&#39; é\tz")
        #expect(MarkupEscaping.escape("") == "")
        #expect(MarkupEscaping.escape("\u{FFFD}") == "\u{FFFD}")
    }
}
