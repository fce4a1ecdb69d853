import Testing
import SourceText
import YAML

/// Every node with its position: `value@line:column`, keys too.
func located(_ node: YAMLNode) -> String {
    let at = "@\(node.location.line):\(node.location.column)"
    switch node.value {
    case .sequence(let items):
        return "[" + items.map(located).joined(separator: ", ") + "]" + at
    case .mapping(let pairs):
        return "{" + pairs.map { located($0.key) + ": " + located($0.value) }.joined(separator: ", ") + "}" + at
    default:
        return ((try? node.jsonText(indented: false)) ?? "?") + at
    }
}

struct LocationCase: Sendable, CustomTestStringConvertible {
    let yaml: String
    let expected: String
    init(_ yaml: String, _ expected: String) {
        self.yaml = yaml
        self.expected = expected
    }
    var testDescription: String { String(reflecting: yaml) }
}

let locationCases: [LocationCase] = [
    LocationCase("title: x\n", #"{"title"@1:1: "x"@1:8}@1:1"#),
    LocationCase("a:\n  - x\n  - y", #"{"a"@1:1: ["x"@2:5, "y"@3:5]@2:3}@1:1"#),
    LocationCase("a:\n- x\n- y", #"{"a"@1:1: ["x"@2:3, "y"@3:3]@2:1}@1:1"#),
    LocationCase("- a: 1\n  b: 2", #"[{"a"@1:3: 1@1:6, "b"@2:3: 2@2:6}@1:3]@1:1"#),
    LocationCase("a: \"q\"\nb: 'r'", #"{"a"@1:1: "q"@1:4, "b"@2:1: "r"@2:4}@1:1"#),
    LocationCase("a: |\n  x\nb: >\n  y\n", #"{"a"@1:1: "x\n"@1:4, "b"@3:1: "y\n"@3:4}@1:1"#),
    LocationCase("a:\nb: \nc: # note\n", #"{"a"@1:1: null@1:3, "b"@2:1: null@2:4, "c"@3:1: null@3:4}@1:1"#),
    LocationCase("ünï: cödé\nnext: 😀 x", #"{"ünï"@1:1: "cödé"@1:6, "next"@2:1: "😀 x"@2:7}@1:1"#),
    LocationCase("\u{FEFF}a: 1\nb: 2", #"{"a"@1:1: 1@1:4, "b"@2:1: 2@2:4}@1:1"#),
    LocationCase("a: 1\r\nb:\r\n  - 2\r\n", #"{"a"@1:1: 1@1:4, "b"@2:1: [2@3:5]@3:3}@1:1"#),
    LocationCase("[a, {b: c}, [d]]", #"["a"@1:2, {"b"@1:6: "c"@1:9}@1:5, ["d"@1:14]@1:13]@1:1"#),
    LocationCase("m: [x,\n   y]", #"{"m"@1:1: ["x"@1:5, "y"@2:4]@1:4}@1:1"#),
    LocationCase("a: &x 1\nb: *x", #"{"a"@1:1: 1@1:7, "b"@2:1: 1@2:4}@1:1"#),
    LocationCase("a:\tb", #"{"a"@1:1: "b"@1:4}@1:1"#),
    LocationCase("- - x\n  - y", #"[["x"@1:5, "y"@2:5]@1:3]@1:1"#),
    LocationCase("- 😀: x", #"[{"😀"@1:3: "x"@1:6}@1:3]@1:1"#),
    LocationCase("a: one\n  two", #"{"a"@1:1: "one two"@1:4}@1:1"#),
    LocationCase("[1, 2, 3]", #"[1@1:2, 2@1:5, 3@1:8]@1:1"#),
    LocationCase("[a: b]", #"[{"a"@1:2: "b"@1:5}@1:2]@1:1"#),
    LocationCase("{a, b: }", #"{"a"@1:2: null@1:3, "b"@1:5: null@1:8}@1:1"#),
    LocationCase("b: &b {x: 1}\nc:\n  <<: *b\n  y: 2", #"{"b"@1:1: {"x"@1:8: 1@1:11}@1:7, "c"@2:1: {"x"@1:8: 1@1:11, "y"@4:3: 2@4:6}@3:3}@1:1"#),
    LocationCase("key:\n  # comment\n\n  value", #"{"key"@1:1: "value"@4:3}@1:1"#),
    LocationCase("a: !!str 1", #"{"a"@1:1: "1"@1:10}@1:1"#),
    LocationCase("&m\na: 1", #"{"a"@2:1: 1@2:4}@2:1"#),
]

@Suite struct YAMLLocationTests {
    @Test(arguments: locationCases)
    func locations(_ c: LocationCase) throws {
        let node = try YAMLParser.parse(c.yaml)
        #expect(located(node) == c.expected)
    }

    @Test func documentsOfAStream() throws {
        let documents = try YAMLParser.parseStream("---\na: 1\n---\nb: 2\n--- c\n")
        #expect(documents.map(located) == [#"{"a"@2:1: 1@2:4}@2:1"#, #"{"b"@4:1: 2@4:4}@4:1"#, #""c"@5:5"#])
    }

    @Test func emptyTextIsNullAtStart() throws {
        #expect(try YAMLParser.parse("") == YAMLNode(.null, at: .start))
        #expect(try YAMLParser.parseStream("").isEmpty)
        #expect(try YAMLParser.parseStream("# nothing\n").isEmpty)
    }

    @Test func parseRefusesTwoDocuments() {
        #expect(throws: YAMLError("expected one document, found 2", at: SourceLocation(line: 4, column: 1))) {
            try YAMLParser.parse("---\na\n---\nb\n")
        }
    }

    @Test func errorAtColumnCountsScalars() {
        // 'é' is two bytes but one column.
        #expect(render("é: \"abc") == "ERR 1:4: unterminated string that starts at line 1")
        #expect(render("\u{FEFF}a: [1") == "ERR 1:4: unterminated list that starts at line 1 ('[' without ']')")
        #expect(render("a: 1\r\nb: \"x") == "ERR 2:4: unterminated string that starts at line 2")
        #expect(render("a: 1\r\na: 2") == "ERR 2:1: duplicate key 'a' (first at line 1)")
    }
}
