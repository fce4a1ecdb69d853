import Testing
import SourceText
@testable import YAML

/// Messages for the slips editors make most, found by writing a guide against the real tool.
@Suite struct EditorHintTests {
    @Test func aColonWithoutASpaceSaysSo() throws {
        #expect(throws: YAMLError("a key needs a space after its colon: write 'location: Zwolle'", at: SourceLocation(line: 2, column: 10))) {
            try YAMLParser.parse("title: X\nlocation:Zwolle\n")
        }
    }

    @Test func aNameThatStartsWithAQuoteSuggestsDoubleQuotes() throws {
        #expect(throws: YAMLError("unterminated string that starts at line 2: a value that starts with ' must also end with '; to write a name such as 's-Hertogenbosch, put it in double quotes", at: SourceLocation(line: 2, column: 5))) {
            try YAMLParser.parse("gemeenten:\n  - 's-Hertogenbosch\n  - Oss\n")
        }
        #expect(try YAMLParser.parse("gemeenten:\n  - \"'s-Hertogenbosch\"\n") == YAMLNode(.mapping([
            YAMLPair(key: YAMLNode(.string("gemeenten"), at: SourceLocation(line: 1, column: 1)),
                     value: YAMLNode(.sequence([YAMLNode(.string("'s-Hertogenbosch"), at: SourceLocation(line: 2, column: 5))]), at: SourceLocation(line: 2, column: 3))),
        ]), at: SourceLocation(line: 1, column: 1)))
    }
}
