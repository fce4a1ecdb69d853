import Testing
import SourceText
@testable import Markdown

/// The site's options beyond the spec: heading ids, the outline (headings and links),
/// safe mode and the root path prefix.
@Suite struct HTMLRendererTests {
    private let site = HTMLRenderOptions(headingIDs: true, safe: true, rootPathPrefix: "/bj42")

    @Test func headingIDsAreSlugsWithSuffixesForRepeats() {
        let document = MarkdownParser().parse("# Besluiten\n\n## Besluiten\n\nBesluiten\n---------\n")
        #expect(document.headings.map(\.id) == ["besluiten", "besluiten-1", "besluiten-2"])
        let html = document.html(options: HTMLRenderOptions(headingIDs: true))
        #expect(html == "<h1 id=\"besluiten\">Besluiten</h1>\n<h2 id=\"besluiten-1\">Besluiten</h2>\n<h2 id=\"besluiten-2\">Besluiten</h2>\n")
    }

    @Test func headingIDsAreOffByDefault() {
        #expect(MarkdownParser().parse("## Besluiten\n").html() == "<h2>Besluiten</h2>\n")
    }

    @Test func suffixesSkipIDsThatAlreadyExist() {
        let document = MarkdownParser().parse("# a\n# a-1\n# a\n")
        #expect(document.headings.map(\.id) == ["a", "a-1", "a-2"])
    }

    @Test func headingWithoutLettersGetsAFallbackID() {
        let document = MarkdownParser().parse("# !!!\n\n# ???\n\n#\n")
        #expect(document.headings.map(\.id) == ["section", "section-1", "section-2"])
    }

    @Test func headingTextIsPlainTextOfTheInlines() {
        let document = MarkdownParser().parse("## *Regio's* en `code` &amp; [link](/x)\n")
        let heading = try! #require(document.headings.first)
        #expect(heading.text == "Regio's en code & link")
        #expect(heading.id == Slugifier.slugify("Regio's en code & link"))
        #expect(heading.level == 2)
    }

    @Test func headingLocationsAreWhereTheHeadingStarts() {
        let document = MarkdownParser().parse("Intro\n\n  ### Drie\n\nTitel\n=====\n\n> # In quote\n")
        #expect(document.headings.map(\.location) == [
            SourceLocation(line: 3, column: 3), SourceLocation(line: 5, column: 1), SourceLocation(line: 8, column: 3),
        ])
    }

    @Test func rendererWritesTheIDsOfTheOutline() {
        let document = MarkdownParser().parse("# Één\n\n# Een\n\n# Súdwest-Fryslân\n")
        let html = document.html(options: HTMLRenderOptions(headingIDs: true))
        for heading in document.headings {
            #expect(html.contains("id=\"\(heading.id)\""))
        }
        #expect(document.headings.map(\.id) == ["een", "een-1", "sudwest-fryslan"])
    }

    @Test func linksListEveryLinkAndImageWithLocation() {
        let text = """
        Zie [Twente](/regios/twente/) en ![kaart](/img/kaart.png "Kaart").

        > - [ref][t] en <https://vng.nl> en [anker](#samenwerking)

        [t]: /regios/twente/#samenwerking
        """
        let document = MarkdownParser().parse(text)
        #expect(document.links.map(\.destination) == [
            "/regios/twente/", "/img/kaart.png", "/regios/twente/#samenwerking", "https://vng.nl", "#samenwerking",
        ])
        #expect(document.links.map(\.isImage) == [false, true, false, false, false])
        #expect(document.links[1].text == "kaart")
        #expect(document.links.map(\.location) == [
            SourceLocation(line: 1, column: 5), SourceLocation(line: 1, column: 34), SourceLocation(line: 3, column: 5),
            SourceLocation(line: 3, column: 17), SourceLocation(line: 3, column: 37),
        ])
    }

    @Test func linkDestinationsAreUnescapedButNotURLEncoded() {
        let document = MarkdownParser().parse("[a](</x\\)y%20&amp;z é>)\n")
        #expect(document.links.first?.destination == "/x)y%20&z é")
    }

    @Test func imageWithoutAltTextHasEmptyText() {
        let document = MarkdownParser().parse("![](/a.png)\n")
        #expect(document.links.first?.text == "")
    }

    @Test func locationsCountScalarsAndSkipTheByteOrderMark() {
        let document = MarkdownParser().parse("\u{FEFF}één [a](/b)\r\nx [c](/d)\n")
        #expect(document.links.map(\.location) == [SourceLocation(line: 1, column: 5), SourceLocation(line: 2, column: 3)])
    }

    @Test func safeModeDropsRawHTML() {
        let html = MarkdownParser().parse("<div>\nblock\n</div>\n\nText <b>inline</b> <!-- c -->.\n").html(options: site)
        #expect(html == "<p>Text inline .</p>\n")
    }

    @Test func safeModeNeutralisesScriptURLs() {
        let text = "[a](javascript:alert(1)) [b](  VBScript:x) [c](data:text/html;base64,x) <javascript:alert(2)>\n\n![i](data:image/png;base64,AAA) ![j](DATA:image/svg+xml,x)\n"
        let html = MarkdownParser().parse(text).html(options: HTMLRenderOptions(safe: true))
        #expect(html == """
        <p><a href="#">a</a> <a href="#">b</a> <a href="#">c</a> <a href="#">javascript:alert(2)</a></p>
        <p><img src="data:image/png;base64,AAA" alt="i" /> <img src="" alt="j" /></p>

        """)
    }

    @Test func unsafeModeKeepsEverything() {
        let html = MarkdownParser().parse("[a](javascript:x) <b>c</b>\n").html()
        #expect(html == "<p><a href=\"javascript:x\">a</a> <b>c</b></p>\n")
    }

    @Test func rootPathPrefixGoesBeforeSiteRelativePaths() {
        let text = "[a](/regios/) [b](//cdn.example/x) [c](#x) [d](https://x.nl/) [e](rel/) ![f](/img/f.png) <http://a.b/c>\n"
        let html = MarkdownParser().parse(text).html(options: HTMLRenderOptions(rootPathPrefix: "/bj42"))
        #expect(html == "<p><a href=\"/bj42/regios/\">a</a> <a href=\"//cdn.example/x\">b</a> <a href=\"#x\">c</a> <a href=\"https://x.nl/\">d</a> <a href=\"rel/\">e</a> <img src=\"/bj42/img/f.png\" alt=\"f\" /> <a href=\"http://a.b/c\">http://a.b/c</a></p>\n")
        let withSlash = MarkdownParser().parse("[a](/x)\n").html(options: HTMLRenderOptions(rootPathPrefix: "/bj42/"))
        #expect(withSlash == "<p><a href=\"/bj42/x\">a</a></p>\n")
    }

    @Test func linksKeepTheDestinationAsWrittenWhateverTheRenderOptions() {
        let document = MarkdownParser().parse("[a](/regios/)\n")
        _ = document.html(options: site)
        #expect(document.links.first?.destination == "/regios/")
    }

    @Test func convenienceEqualsRenderer() {
        let document = MarkdownParser().parse("# T\n\n*x* | y\n--|--\n1 | 2\n")
        #expect(document.html(options: site) == HTMLRenderer(options: site).render(document))
    }

    @Test func tagFilterAppliesInGFMModeOnly() {
        #expect(MarkdownParser(options: .gfm).parse("<script>x</script>\n").html() == "&lt;script>x&lt;/script>\n")
        #expect(MarkdownParser(options: .commonMark).parse("<script>x</script>\n").html() == "<script>x</script>\n")
    }

    @Test func nulBecomesReplacementCharacter() {
        #expect(MarkdownParser().parse("a\u{0}b &#0;\n").html() == "<p>a\u{FFFD}b \u{FFFD}</p>\n")
        #expect(MarkdownParser().parse(bytes: [0x61, 0x00, 0x0A]).html() == "<p>a\u{FFFD}</p>\n")
    }

    @Test func definitionsOnIndentedContinuationLines() {
        // As cmark: a paragraph's continuation lines lose their indentation before the
        // definitions at its start are taken off.
        #expect(MarkdownParser().parse("[l]: /u\n  [m]: /v\n  foo\n\n[m]\n").html() == "<p>foo</p>\n<p><a href=\"/v\">m</a></p>\n")
    }

    @Test func bytesAndStringGiveTheSameDocument() {
        let text = "# Kop\n\n*a* [b](/c)\n"
        let fromString = MarkdownParser().parse(text)
        let fromBytes = MarkdownParser().parse(bytes: Array(text.utf8))
        #expect(fromString.html() == fromBytes.html())
        #expect(HTMLRenderer().renderBytes(fromBytes) == Array(fromString.html().utf8))
        #expect(fromString.links == fromBytes.links)
        #expect(fromString.headings == fromBytes.headings)
    }
}

/// The test's own normalizer compares as the spec runner does.
@Suite struct HTMLNormalizerTests {
    @Test func harmlessDifferencesCompareEqual() {
        #expect(HTMLNormalizer.normalize("<p>a  b</p>\n<ul>\n<li>x</li>\n</ul>") == HTMLNormalizer.normalize("<p>a b</p><ul><li>x</li></ul>\n"))
        #expect(HTMLNormalizer.normalize("<img src=\"a\" alt=\"b\" />") == HTMLNormalizer.normalize("<IMG alt='b' src=a>"))
        #expect(HTMLNormalizer.normalize("<p>&copy; &#169;</p>") == HTMLNormalizer.normalize("<p>© ©</p>"))
    }

    @Test func realDifferencesStayDifferent() {
        #expect(HTMLNormalizer.normalize("<p><em>a</em></p>") != HTMLNormalizer.normalize("<p><strong>a</strong></p>"))
        #expect(HTMLNormalizer.normalize("<a href=\"%20\">x</a>") != HTMLNormalizer.normalize("<a href=\" \">x</a>"))
        #expect(HTMLNormalizer.normalize("<p>a &amp; b</p>") != HTMLNormalizer.normalize("<p>a & b</p>"))
        #expect(HTMLNormalizer.normalize("<pre><code>a  b\n</code></pre>") != HTMLNormalizer.normalize("<pre><code>a b\n</code></pre>"))
    }
}
