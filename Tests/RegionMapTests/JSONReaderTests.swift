import Testing
import SourceText
@testable import RegionMap

@Suite struct JSONReaderTests {
    @Test func readsValuesWithTheirOffsets() throws {
        let text = #"{"a": [1, -2.5e1, true, false, null], "s": "x\u00e9\ud83d\ude00\n"}"#
        let node = try JSONReader.parse(Array(text.utf8)).get()
        #expect(node["a"]?.arrayValue?.map(\.kindName) == ["a number", "a number", "a boolean", "a boolean", "null"])
        #expect(node["a"]?.arrayValue?[1].numberValue == -25)
        #expect(node["s"]?.stringValue == "xé😀\n")
        #expect(node["a"]?.start == 6)
    }

    @Test(arguments: [
        ("{\"a\": }", 6, "expected a value"),
        ("[1, 2", 5, "not closed"),
        ("{\"a\" 1}", 5, "expected ':'"),
        ("[01]", 2, "must not start with 0"),
        ("\"abc", 0, "never closed"),
        ("[1] x", 4, "after the end"),
        ("[1.]", 3, "after the decimal point"),
        ("", 0, "end of file"),
        ("[1e999]", 1, "out of range"),
    ])
    func reportsWhereItFails(text: String, offset: Int, fragment: String) {
        switch JSONReader.parse(Array(text.utf8)) {
        case .success: Issue.record("\(text) parsed")
        case .failure(let e):
            #expect(e.offset == offset, "\(text): \(e)")
            #expect(e.message.contains(fragment), "\(text): \(e.message)")
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        guard case .failure(let e) = JSONReader.parse(Array(text.utf8)) else { Issue.record("parsed"); return }
        #expect(e.message.contains("nested deeper"))
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let node = try JSONReader.parse([0xEF, 0xBB, 0xBF] + Array("{}".utf8)).get()
        #expect(node.kindName == "an object")
    }
}
