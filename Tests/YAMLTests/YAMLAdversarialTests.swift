import Foundation
import Testing
import SourceText
import YAML

/// Inputs built to hurt: each must give a value or an error quickly, never crash or hang.
/// The time bounds are generous hang guards for a debug build, not performance figures.
@Suite struct YAMLAdversarialTests {
    func timed<T>(_ limit: Double = 10, _ body: () throws -> T) rethrows -> T {
        let start = Date()
        let result = try body()
        let elapsed = Date().timeIntervalSince(start)
        #expect(elapsed < limit, "took \(elapsed) s")
        return result
    }

    @Test func deepFlowSequence() {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let out = timed { render(text) }
        #expect(out == "ERR 1:1001: nested too deeply (more than 1000 levels of lists and mappings)")
    }

    @Test func deepFlowMapping() {
        let text = String(repeating: "{a: ", count: 10_000) + "1" + String(repeating: "}", count: 10_000)
        let out = timed { render(text) }
        #expect(out.hasPrefix("ERR 1:4001: nested too deeply"))
    }

    @Test func deepCompactBlockSequence() {
        let text = String(repeating: "- ", count: 10_000) + "x\n"
        let out = timed { render(text) }
        #expect(out.hasPrefix("ERR 1:2001: nested too deeply"))
    }

    @Test func deepIndentedMapping() {
        var text = ""
        for i in 0..<1_500 { text += String(repeating: " ", count: i) + "a:\n" }
        let out = timed { render(text) }
        #expect(out.hasPrefix("ERR 1001:1001: nested too deeply"))
    }

    @Test func nestingAtTheCapIsFine() throws {
        let text = String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000)
        var node = try timed { try YAMLParser.parse(text) }
        var depth = 0
        while case .sequence(let items) = node.value, let first = items.first ?? Optional(node), depth < 2000 {
            depth += 1
            if items.isEmpty { break }
            node = first
        }
        #expect(depth == 1000)
        #expect(try node.jsonText(indented: false) == "[]")
    }

    @Test func billionLaughs() {
        var text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        let names = ["b", "c", "d", "e", "f", "g", "h", "i"]
        var previous = "a"
        for name in names {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
            previous = name
        }
        let out = timed { render(text) }
        #expect(out.hasPrefix("ERR "))
        #expect(out.contains("billion laughs"))
    }

    @Test func wideAliasBomb() {
        var text = "a: &a [" + Array(repeating: "x", count: 1000).joined(separator: ", ") + "]\nb:\n"
        for _ in 0..<2000 { text += "  - *a\n" }
        let out = timed { render(text) }
        #expect(out.contains("billion laughs"))
    }

    @Test func tenMegabyteDocument() throws {
        var one = """
        - title: "Overleg jeugdhulp: stand van zaken"
          date: 2024-03-14
          start: "13:30"
          themes: [wachttijden, jeugdbescherming]
          summary: >
            Een korte terugblik op het overleg, met de
            besluiten op een rij.
          attachments:
            - {title: Verslag, file: docs/verslag.pdf}

        """
        one += ""
        var text = ""
        text.reserveCapacity(10_500_000)
        while text.utf8.count < 10_000_000 { text += one }
        let node = try timed(20) { try YAMLParser.parse(text) }
        #expect(node.sequenceValue?.count == text.utf8.count / one.utf8.count)
        #expect(node[0]?["attachments"]?[0]?["file"]?.stringValue == "docs/verslag.pdf")
    }

    @Test func unterminatedQuoteAtStartOfLargeFile() {
        let body = String(repeating: "lorem ipsum dolor sit amet\n", count: 400_000)
        #expect(timed { render("\"" + body) } == "ERR 1:1: unterminated string that starts at line 1")
        #expect(timed { render("title: 'x\n" + body) }.hasPrefix("ERR 1:8: unterminated string that starts at line 1"))
        #expect(timed { render("[" + body) } == "ERR 1:1: unterminated list that starts at line 1 ('[' without ']')")
    }

    @Test func longSingleLineFlow() throws {
        let text = "[" + Array(repeating: "1", count: 500_000).joined(separator: ",") + "]"
        let node = try timed { try YAMLParser.parse(text) }
        #expect(node.sequenceValue?.count == 500_000)
        #expect(node[499_999]?.location == SourceLocation(line: 1, column: 1_000_000))
    }

    @Test func longLineOfSmallCollections() throws {
        // Collections and aliases on one long line: positions must not be counted from the line start each time.
        let lists = "[" + Array(repeating: "[1]", count: 50_000).joined(separator: ",") + "]"
        let node = try timed { try YAMLParser.parse(lists) }
        #expect(node[49_999]?.location == SourceLocation(line: 1, column: 2 + 4 * 49_999))
        let maps = "[" + Array(repeating: "{a: 1}", count: 50_000).joined(separator: ",") + "]"
        #expect(try timed { try YAMLParser.parse(maps) }.sequenceValue?.count == 50_000)
        let aliases = "- &a x\n- [" + Array(repeating: "*a", count: 50_000).joined(separator: ",") + "]"
        let node2 = try timed { try YAMLParser.parse(aliases) }
        #expect(node2[1]?[49_999]?.location == SourceLocation(line: 2, column: 4 + 3 * 49_999))
    }

    @Test func manyKeys() throws {
        var text = ""
        for i in 0..<100_000 { text += "key\(i): \(i)\n" }
        let node = try timed { try YAMLParser.parse(text) }
        #expect(node.mappingValue?.count == 100_000)
        #expect(timed { render(text + "key5: again\n") } == "ERR 100001:1: duplicate key 'key5' (first at line 6)")
    }

    @Test func nulByteIsRefused() {
        #expect(render("a: \u{0}") == "ERR 1:4: the control character U+0000 is not allowed in YAML; write it as an escape in a double-quoted string")
    }
}
