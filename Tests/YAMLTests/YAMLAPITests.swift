import Testing
import SourceText
import YAML

@Suite struct YAMLAPITests {
    let site = """
    title: Bestuurlijk netwerk J42
    base_url: https://bj42.example.nl/     # absolute URLs in feeds, sitemap, ICS
    language: nl
    theme: bj42
    weight: 3
    lat: 52.1
    draft: false
    menu:
      - {title: Regio's, url: /regios/}
      - {title: Thema's, url: /themas/}
    """

    @Test func accessors() throws {
        let node = try YAMLParser.parse(site)
        #expect(node["title"]?.stringValue == "Bestuurlijk netwerk J42")
        #expect(node["weight"]?.intValue == 3)
        #expect(node["weight"]?.doubleValue == 3)
        #expect(node["lat"]?.doubleValue == 52.1)
        #expect(node["draft"]?.boolValue == false)
        #expect(node["missing"] == nil)
        #expect(node["menu"]?[1]?["url"]?.stringValue == "/themas/")
        #expect(node["menu"]?[2] == nil)
        #expect(node["menu"]?.sequenceValue?.count == 2)
        #expect(node.keys == ["title", "base_url", "language", "theme", "weight", "lat", "draft", "menu"])
        #expect(node.pair(forKey: "theme")?.key.location == SourceLocation(line: 4, column: 1))
        #expect(node.pair(forKey: "theme")?.value.location == SourceLocation(line: 4, column: 8))
        #expect(node["title"]?.intValue == nil)
        #expect(node["weight"]?.stringValue == nil)
        #expect(node["weight"]?.scalarText == "3")
        #expect(node["menu"]?.kindDescription == "a list")
        #expect(node["menu"]?.isScalar == false)
        #expect(node["title"]?["x"] == nil)
    }

    @Test func nullAccessors() throws {
        let node = try YAMLParser.parse("a:\nb: ~\nc: x")
        #expect(node["a"]?.isNull == true)
        #expect(node["b"]?.isNull == true)
        #expect(node["c"]?.isNull == false)
        #expect(node["a"]?.scalarText == nil)
        #expect(node["a"]?.kindDescription == "an empty value")
    }

    @Test func infinityAndNaNAreValuesButNotJSON() throws {
        let node = try YAMLParser.parse("a: [.inf, -.Inf, +.INF, .nan, .NaN, .NAN]")
        let items = try #require(node["a"]?.sequenceValue)
        #expect(items.map(\.doubleValue) .prefix(3) == [.infinity, -.infinity, .infinity])
        #expect(items.suffix(3).allSatisfy { $0.doubleValue?.isNaN == true })
        #expect(throws: YAMLError("JSON cannot hold the value .inf (infinity)", at: SourceLocation(line: 1, column: 5))) {
            try node.jsonText()
        }
        #expect(throws: YAMLError("JSON cannot hold the value .nan (not a number)", at: SourceLocation(line: 2, column: 4))) {
            try YAMLParser.parse("a: 1\nb: .nan").jsonText()
        }
        #expect(throws: YAMLError("JSON cannot hold the value -.inf (infinity)", at: SourceLocation(line: 1, column: 4))) {
            try YAMLParser.parse("a: -.inf").jsonText()
        }
    }

    @Test func indentedJSON() throws {
        let node = try YAMLParser.parse("a: 1\nb: [x, {c: \"d\\n\"}]\ne: []\nf: {}\ng: 1.5\nh: ~\ni: true")
        #expect(try node.jsonText() == """
        {
          "a": 1,
          "b": [
            "x",
            {
              "c": "d\\n"
            }
          ],
          "e": [],
          "f": {},
          "g": 1.5,
          "h": null,
          "i": true
        }
        """)
    }

    @Test func jsonOfAStream() throws {
        let documents = try YAMLParser.parseStream("--- 1\n--- [a]\n")
        #expect(try jsonText(of: documents) == "1\n[\n  \"a\"\n]\n")
        #expect(try jsonText(of: documents, indented: false) == "1\n[\"a\"]\n")
        #expect(try jsonText(of: []) == "")
    }

    @Test func jsonEscapes() throws {
        let node = try YAMLParser.parse(#"a: "q\" b\\ \t \r \b \f \0 \x1f é 😀 </script>""#)
        #expect(try node.jsonText(indented: false) == #"{"a":"q\" b\\ \t \r \b \f \u0000 \u001f é 😀 </script>"}"#)
    }

    @Test func jsonKeysThatAreNotStrings() throws {
        #expect(try YAMLParser.parse("1: a\ntrue: b\n~: c\n1.5: d").jsonText(indented: false) == #"{"1":"a","true":"b","null":"c","1.5":"d"}"#)
        #expect(throws: YAMLError("this key and the one at line 1 both become the JSON key \"1\"", at: SourceLocation(line: 2, column: 1))) {
            try YAMLParser.parse("1: a\n\"1\": b").jsonText()
        }
    }

    @Test func errorDescription() {
        #expect(render("title: x\ntitle: y").hasSuffix("duplicate key 'title' (first at line 1)"))
        do {
            _ = try YAMLParser.parse("title: x\ntitle: y")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "2:1: error: duplicate key 'title' (first at line 1)")
        }
    }

    @Test func meetingFrontMatter() throws {
        let text = """
        title: "Overleg: wachttijden"
        date: 2024-03-14
        start: "13:30"
        end: 16:00
        location: Stadhuis, Enschede
        host_region: twente
        themes: [wachttijden, jeugdbescherming]
        regions:
          - twente
          - achterhoek
        attachments:
          - title: Verslag
            file: docs/verslag.pdf
          - title: Presentatie
            file: docs/presentatie.pdf
        """
        let node = try YAMLParser.parse(text)
        #expect(node["date"]?.stringValue == "2024-03-14")
        #expect(node["start"]?.stringValue == "13:30")
        #expect(node["end"]?.stringValue == "16:00")
        #expect(node["themes"]?.sequenceValue?.compactMap(\.stringValue) == ["wachttijden", "jeugdbescherming"])
        let attachments = try #require(node["attachments"]?.sequenceValue)
        #expect(attachments.map { $0["file"]?.stringValue } == ["docs/verslag.pdf", "docs/presentatie.pdf"])
        #expect(attachments[1].location == SourceLocation(line: 14, column: 5))
        #expect(attachments[1]["file"]?.location == SourceLocation(line: 15, column: 11))
        #expect(node["regions"]?[1]?.location == SourceLocation(line: 10, column: 5))
    }
}
