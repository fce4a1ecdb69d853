import Testing
@testable import Markdown

/// One GFM example: Markdown in, the HTML cmark-gfm writes with the five extensions out.
struct GFMCase: Sendable, CustomTestStringConvertible {
    var name: String
    var markdown: String
    var html: String
    init(_ name: String, _ markdown: String, _ html: String) {
        self.name = name
        self.markdown = markdown
        self.html = html
    }
    var testDescription: String { name }
}

/// The GFM extensions (tables §4.10, task list items §5.3, strikethrough §6.5, extended
/// autolinks §6.9, the tag filter §6.11) with `.gfm` options, as cmark-gfm renders them.
@Suite struct GFMExtensionTests {
    static let cases: [GFMCase] = [
        GFMCase("table basic",
                "| foo | bar |\n| --- | --- |\n| baz | bim |",
                "<table>\n<thead>\n<tr>\n<th>foo</th>\n<th>bar</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>baz</td>\n<td>bim</td>\n</tr>\n</tbody>\n</table>\n"),
        GFMCase("table alignment",
                "| abc | defghi |\n:-: | -----------:\nbar | baz",
                "<table>\n<thead>\n<tr>\n<th align=\"center\">abc</th>\n<th align=\"right\">defghi</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td align=\"center\">bar</td>\n<td align=\"right\">baz</td>\n</tr>\n</tbody>\n</table>\n"),
        GFMCase("table escaped pipes",
                "| f\\|oo  |\n| ------ |\n| b `\\|` az |\n| b **\\|** im |",
                "<table>\n<thead>\n<tr>\n<th>f|oo</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b <code>|</code> az</td>\n</tr>\n<tr>\n<td>b <strong>|</strong> im</td>\n</tr>\n</tbody>\n</table>\n"),
        GFMCase("table ends at block quote",
                "| abc | def |\n| --- | --- |\n| bar | baz |\n> bar",
                "<table>\n<thead>\n<tr>\n<th>abc</th>\n<th>def</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>bar</td>\n<td>baz</td>\n</tr>\n</tbody>\n</table>\n<blockquote>\n<p>bar</p>\n</blockquote>\n"),
        GFMCase("table ends at blank line, short row",
                "| abc | def |\n| --- | --- |\n| bar | baz |\nbar\n\nbar",
                "<table>\n<thead>\n<tr>\n<th>abc</th>\n<th>def</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>bar</td>\n<td>baz</td>\n</tr>\n<tr>\n<td>bar</td>\n<td></td>\n</tr>\n</tbody>\n</table>\n<p>bar</p>\n"),
        GFMCase("header and delimiter counts differ",
                "| abc | def |\n| --- |\n| bar |",
                "<p>| abc | def |\n| --- |\n| bar |</p>\n"),
        GFMCase("rows padded and cut",
                "| abc | def |\n| --- | --- |\n| bar |\n| bar | baz | boo |",
                "<table>\n<thead>\n<tr>\n<th>abc</th>\n<th>def</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>bar</td>\n<td></td>\n</tr>\n<tr>\n<td>bar</td>\n<td>baz</td>\n</tr>\n</tbody>\n</table>\n"),
        GFMCase("header only",
                "| abc | def |\n| --- | --- |",
                "<table>\n<thead>\n<tr>\n<th>abc</th>\n<th>def</th>\n</tr>\n</thead>\n</table>\n"),
        GFMCase("paragraph line before table",
                "para\n| a | b |\n|---|---|\n| c | d |",
                "<p>para</p>\n<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>c</td>\n<td>d</td>\n</tr>\n</tbody>\n</table>\n"),
        GFMCase("table in list item",
                "- | a | b |\n  |---|---|\n  | c | d |",
                "<ul>\n<li>\n<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>c</td>\n<td>d</td>\n</tr>\n</tbody>\n</table>\n</li>\n</ul>\n"),
        GFMCase("indented code ends table",
                "| a |\n|---|\n    code",
                "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n</table>\n<pre><code>code\n</code></pre>\n"),
        GFMCase("list ends table",
                "| a |\n|---|\n- item",
                "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n</table>\n<ul>\n<li>item</li>\n</ul>\n"),
        GFMCase("no outer pipes",
                "a | b\n--|--",
                "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n</table>\n"),
        GFMCase("empty cells",
                "|a|\n|-|\n|b|\n||\n| |",
                "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b</td>\n</tr>\n<tr>\n<td></td>\n</tr>\n<tr>\n<td></td>\n</tr>\n</tbody>\n</table>\n"),
        GFMCase("inline content in cells",
                "*foo* | `x|y` | [l](/u)\n-|-|-\n1|2|3",
                "<p><em>foo</em> | <code>x|y</code> | <a href=\"/u\">l</a>\n-|-|-\n1|2|3</p>\n"),
        GFMCase("strikethrough one and two tildes",
                "~~Hi~~ Hello, ~there~ world!",
                "<p><del>Hi</del> Hello, <del>there</del> world!</p>\n"),
        GFMCase("strikethrough does not span paragraphs",
                "This ~~has a\n\nnew paragraph~~.",
                "<p>This ~~has a</p>\n<p>new paragraph~~.</p>\n"),
        GFMCase("three tildes are text",
                "This will ~~~not~~~ strike.",
                "<p>This will ~~~not~~~ strike.</p>\n"),
        GFMCase("tilde runs of different lengths",
                "~~a~ ~b~~ ~~~c~~~ a~~b~~c",
                "<p><del>a~ ~b~~ ~~~c~~~ a</del>b~~c</p>\n"),
        GFMCase("www autolink",
                "www.commonmark.org",
                "<p><a href=\"http://www.commonmark.org\">www.commonmark.org</a></p>\n"),
        GFMCase("www autolink with path",
                "Visit www.commonmark.org/help for more information.",
                "<p>Visit <a href=\"http://www.commonmark.org/help\">www.commonmark.org/help</a> for more information.</p>\n"),
        GFMCase("trailing period",
                "Visit www.commonmark.org.\n\nVisit www.commonmark.org/a.b.",
                "<p>Visit <a href=\"http://www.commonmark.org\">www.commonmark.org</a>.</p>\n<p>Visit <a href=\"http://www.commonmark.org/a.b\">www.commonmark.org/a.b</a>.</p>\n"),
        GFMCase("balanced parentheses",
                "www.google.com/search?q=Markup+(business)\n\nwww.google.com/search?q=Markup+(business)))\n\n(www.google.com/search?q=Markup+(business))\n\n(www.google.com/search?q=Markup+(business)",
                "<p><a href=\"http://www.google.com/search?q=Markup+(business)\">www.google.com/search?q=Markup+(business)</a></p>\n<p><a href=\"http://www.google.com/search?q=Markup+(business)\">www.google.com/search?q=Markup+(business)</a>))</p>\n<p>(<a href=\"http://www.google.com/search?q=Markup+(business)\">www.google.com/search?q=Markup+(business)</a>)</p>\n<p>(<a href=\"http://www.google.com/search?q=Markup+(business)\">www.google.com/search?q=Markup+(business)</a></p>\n"),
        GFMCase("parentheses inside",
                "www.google.com/search?q=(business))+ok",
                "<p><a href=\"http://www.google.com/search?q=(business))+ok\">www.google.com/search?q=(business))+ok</a></p>\n"),
        GFMCase("entity-like suffix",
                "www.google.com/search?q=commonmark&hl=en\n\nwww.google.com/search?q=commonmark&hl;",
                "<p><a href=\"http://www.google.com/search?q=commonmark&amp;hl=en\">www.google.com/search?q=commonmark&amp;hl=en</a></p>\n<p><a href=\"http://www.google.com/search?q=commonmark\">www.google.com/search?q=commonmark</a>&amp;hl;</p>\n"),
        GFMCase("less-than ends autolink",
                "www.commonmark.org/he<lp",
                "<p><a href=\"http://www.commonmark.org/he\">www.commonmark.org/he</a>&lt;lp</p>\n"),
        GFMCase("http autolinks",
                "http://commonmark.org\n\n(Visit https://encrypted.google.com/search?q=Markup+(business))",
                "<p><a href=\"http://commonmark.org\">http://commonmark.org</a></p>\n<p>(Visit <a href=\"https://encrypted.google.com/search?q=Markup+(business)\">https://encrypted.google.com/search?q=Markup+(business)</a>)</p>\n"),
        GFMCase("email autolink",
                "foo@bar.baz",
                "<p><a href=\"mailto:foo@bar.baz\">foo@bar.baz</a></p>\n"),
        GFMCase("plus in local part",
                "hello@mail+xyz.example isn't valid, but hello+xyz@mail.example is.",
                "<p>hello@mail+xyz.example isn't valid, but <a href=\"mailto:hello+xyz@mail.example\">hello+xyz@mail.example</a> is.</p>\n"),
        GFMCase("email trailing characters",
                "a.b-c_d@a.b\n\na.b-c_d@a.b.\n\na.b-c_d@a.b-\n\na.b-c_d@a.b_",
                "<p><a href=\"mailto:a.b-c_d@a.b\">a.b-c_d@a.b</a></p>\n<p><a href=\"mailto:a.b-c_d@a.b\">a.b-c_d@a.b</a>.</p>\n<p>a.b-c_d@a.b-</p>\n<p>a.b-c_d@a.b_</p>\n"),
        GFMCase("mailto and xmpp",
                "mailto:foo@bar.baz\n\nmailto:a.b-c_d@a.b\n\nmailto:a.b-c_d@a.b.\n\nmailto:a.b-c_d@a.b/\n\nmailto:a.b-c_d@a.b-\n\nmailto:a.b-c_d@a.b_\n\nxmpp:foo@bar.baz\n\nxmpp:foo@bar.baz.",
                "<p><a href=\"mailto:foo@bar.baz\">mailto:foo@bar.baz</a></p>\n<p><a href=\"mailto:a.b-c_d@a.b\">mailto:a.b-c_d@a.b</a></p>\n<p><a href=\"mailto:a.b-c_d@a.b\">mailto:a.b-c_d@a.b</a>.</p>\n<p><a href=\"mailto:a.b-c_d@a.b\">mailto:a.b-c_d@a.b</a>/</p>\n<p>mailto:a.b-c_d@a.b-</p>\n<p>mailto:a.b-c_d@a.b_</p>\n<p><a href=\"xmpp:foo@bar.baz\">xmpp:foo@bar.baz</a></p>\n<p><a href=\"xmpp:foo@bar.baz\">xmpp:foo@bar.baz</a>.</p>\n"),
        GFMCase("xmpp resource",
                "xmpp:foo@bar.baz/txt\n\nxmpp:foo@bar.baz/txt@bin\n\nxmpp:foo@bar.baz/txt@bin.com",
                "<p><a href=\"xmpp:foo@bar.baz/txt\">xmpp:foo@bar.baz/txt</a></p>\n<p>xmpp:foo@bar.baz/txt@bin</p>\n<p>xmpp:foo@bar.baz/<a href=\"mailto:txt@bin.com\">txt@bin.com</a></p>\n"),
        GFMCase("email next to emphasis, links",
                "foo_bar@example.com and *x@y.com* and [a@b.com](/x) and <c@d.com>",
                "<p><a href=\"mailto:foo_bar@example.com\">foo_bar@example.com</a> and <em><a href=\"mailto:x@y.com\">x@y.com</a></em> and <a href=\"/x\">a@b.com</a> and <a href=\"mailto:c@d.com\">c@d.com</a></p>\n"),
        GFMCase("underscores in domain",
                "www.x_y.com www.a._b.c www._a.b.c http://a_b.c http://x",
                "<p>www.x_y.com www.a._b.c <a href=\"http://www._a.b.c\">www._a.b.c</a> http://a_b.c <a href=\"http://x\">http://x</a></p>\n"),
        GFMCase("schemes",
                "xhttp://a.b HTTP://A.B ftp://x.y https://x.y/(a)b) w www. www.a",
                "<p>xhttp://a.b <a href=\"HTTP://A.B\">HTTP://A.B</a> <a href=\"ftp://x.y\">ftp://x.y</a> <a href=\"https://x.y/(a)b\">https://x.y/(a)b</a>) w <a href=\"http://www\">www</a>. <a href=\"http://www.a\">www.a</a></p>\n"),
        GFMCase("no autolinks in link text",
                "[www.a.com](/x) [see http://a.b]",
                "<p><a href=\"/x\">www.a.com</a> [see http://a.b]</p>\n"),
        GFMCase("tag filter",
                "<strong> <title> <style> <em>\n\n<blockquote>\n  <xmp> is disallowed.  <XMP> is also disallowed.\n</blockquote>",
                "<p><strong> &lt;title> &lt;style> <em></p>\n<blockquote>\n  &lt;xmp> is disallowed.  &lt;XMP> is also disallowed.\n</blockquote>\n"),
        GFMCase("tag filter variants",
                "<iframe src=\"x\"></iframe> <script/> <noembed > <plaintext> <textareax>",
                "&lt;iframe src=\"x\">&lt;/iframe> &lt;script/> &lt;noembed > &lt;plaintext> <textareax>\n"),
        GFMCase("task items",
                "- [ ] foo\n- [x] bar",
                "<ul>\n<li><input type=\"checkbox\" disabled=\"\" /> foo</li>\n<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> bar</li>\n</ul>\n"),
        GFMCase("nested task items",
                "- [x] foo\n  - [ ] bar\n  - [x] baz\n- [ ] bim",
                "<ul>\n<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> foo\n<ul>\n<li><input type=\"checkbox\" disabled=\"\" /> bar</li>\n<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> baz</li>\n</ul>\n</li>\n<li><input type=\"checkbox\" disabled=\"\" /> bim</li>\n</ul>\n"),
        GFMCase("task marker edge cases",
                "- [ ]\n- [x]bar\n- [ ]\ttab\n* [X] up\n\n- [ ] loose\n\n- [x] two",
                "<ul>\n<li>[ ]</li>\n<li>[x]bar</li>\n<li><input type=\"checkbox\" disabled=\"\" /> tab</li>\n</ul>\n<ul>\n<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> up</li>\n</ul>\n<ul>\n<li><input type=\"checkbox\" disabled=\"\" /> \n<p>loose</p>\n</li>\n<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> \n<p>two</p>\n</li>\n</ul>\n"),
        GFMCase("ordered task items",
                "1. [ ] one\n2) [x] two",
                "<ol>\n<li><input type=\"checkbox\" disabled=\"\" /> one</li>\n</ol>\n<ol start=\"2\">\n<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> two</li>\n</ol>\n"),
        GFMCase("checked anywhere on line",
                "- [ ] foo [x]\n",
                "<ul>\n<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> foo [x]</li>\n</ul>\n"),
    ]

    @Test(arguments: cases)
    func gfmExample(_ example: GFMCase) {
        let html = MarkdownParser(options: .gfm).parse(example.markdown).html()
        #expect(html == example.html, "\(example.name): \(example.markdown.debugDescription)")
    }

    @Test(arguments: [
        ("http://a!", "<p><a href=\"http://a\">http://a</a>!</p>\n"),
        ("http://-a", "<p>http://-a</p>\n"),
        ("http://!!", "<p>http://!!</p>\n"),
        ("http:// x", "<p>http:// x</p>\n"),
        ("http://é", "<p><a href=\"http://%C3%A9\">http://é</a></p>\n"),
        ("www.a", "<p><a href=\"http://www.a\">www.a</a></p>\n"),
    ])
    func urlAutolinksNeedAHostThatStartsWithALetterOrDigit(_ example: (String, String)) {
        #expect(MarkdownParser().parse(example.0).html() == example.1)
    }

    @Test func extensionsAreOffInCommonMarkMode() {
        let html = MarkdownParser(options: .commonMark).parse("~~a~~ www.x.com\n\n| a |\n| - |\n\n- [ ] b\n\n<title>\n").html()
        #expect(html == "<p>~~a~~ www.x.com</p>\n<p>| a |\n| - |</p>\n<ul>\n<li>[ ] b</li>\n</ul>\n<title>\n")
    }

    @Test func eachExtensionCanBeChosenAlone() {
        let strike = MarkdownParser(options: MarkdownOptions(extensions: [.strikethrough])).parse("~~a~~ www.x.com\n").html()
        #expect(strike == "<p><del>a</del> www.x.com</p>\n")
        let links = MarkdownParser(options: MarkdownOptions(extensions: [.autolinks])).parse("~~a~~ www.x.com\n").html()
        #expect(links == "<p>~~a~~ <a href=\"http://www.x.com\">www.x.com</a></p>\n")
    }
}
