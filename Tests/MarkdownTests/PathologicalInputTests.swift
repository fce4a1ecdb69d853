import Foundation
import Testing
@testable import Markdown

/// One hostile input: the time bound is a generous hang guard for debug builds (release
/// parses each of these well under a second), not a benchmark.
struct HostileInput: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var testDescription: String { name }
}

/// Adversarial inputs in the spirit of cmark's pathological tests (written for this project):
/// each repeats its pattern 100,000 times and must parse and render in linear time.
@Suite(.serialized) struct PathologicalInputTests {
    static let n = 100_000

    static let inputs: [HostileInput] = [
        HostileInput(name: "nested strong emphasis", text: String(repeating: "*a **a ", count: n) + "b" + String(repeating: " a** a*", count: n)),
        HostileInput(name: "emphasis closers without openers", text: String(repeating: "a_ ", count: n)),
        HostileInput(name: "emphasis openers without closers", text: String(repeating: "_a ", count: n)),
        HostileInput(name: "star runs *a **a *a", text: String(repeating: "*a **a *a ", count: n)),
        HostileInput(name: "mismatched openers and closers", text: String(repeating: "*a_ ", count: n)),
        HostileInput(name: "openers and closers multiple of 3", text: "a**b" + String(repeating: "c* ", count: n)),
        HostileInput(name: "link closers without openers", text: String(repeating: "a]", count: n)),
        HostileInput(name: "link openers without closers", text: String(repeating: "[a", count: n)),
        HostileInput(name: "link openers and emphasis closers", text: String(repeating: "[ a_", count: n)),
        HostileInput(name: "[ (]( pattern", text: String(repeating: "[ (](", count: n)),
        HostileInput(name: "[a]( chains", text: String(repeating: "[a](", count: n)),
        HostileInput(name: "unclosed links with pointy destination", text: String(repeating: "[a](<b", count: n)),
        HostileInput(name: "unclosed links", text: String(repeating: "[a](b", count: n)),
        HostileInput(name: "nested brackets", text: String(repeating: "[", count: n) + "a" + String(repeating: "]", count: n)),
        HostileInput(name: "nested images", text: String(repeating: "![", count: n) + "a" + String(repeating: "]", count: n)),
        HostileInput(name: "backtick runs of growing length", text: (1..<3000).map { "e" + String(repeating: "`", count: $0) }.joined()),
        HostileInput(name: "unclosed code spans", text: String(repeating: "`a", count: n)),
        HostileInput(name: "runs of <", text: String(repeating: "<", count: n)),
        HostileInput(name: "unclosed tags", text: String(repeating: "<a ", count: n)),
        HostileInput(name: "unclosed comments", text: String(repeating: "<!--", count: n)),
        HostileInput(name: "unclosed processing instructions", text: String(repeating: "<?", count: n)),
        HostileInput(name: "unclosed declarations", text: String(repeating: "<!A", count: n)),
        HostileInput(name: "unclosed CDATA", text: String(repeating: "<![CDATA[", count: n)),
        HostileInput(name: "unclosed attribute values", text: String(repeating: "<a b=\"", count: n)),
        HostileInput(name: "many link reference definitions and uses",
                     text: (0..<n).map { "[l\($0)]: /u\($0)\n" }.joined() + (0..<n).map { "[l\($0)] " }.joined()),
        HostileInput(name: "reference lookups that miss", text: "[x]: /u\n" + String(repeating: "[a] ", count: n)),
        HostileInput(name: "entity-like runs", text: String(repeating: "&", count: n) + String(repeating: "&#", count: n)),
        HostileInput(name: "thematic break candidates in nested lists", text: String(repeating: "- ", count: n) + "a\n"),
        HostileInput(name: "a long setext heading", text: String(repeating: "a\n", count: n) + "===\n"),
        HostileInput(name: "a long ATX heading", text: "# " + String(repeating: "a ", count: n) + "\n"),
        HostileInput(name: "strikethrough openers", text: String(repeating: "~~a ", count: n)),
        HostileInput(name: "www autolinks on one line", text: String(repeating: "www.a.b ", count: n)),
        HostileInput(name: "closing parentheses after an autolink", text: "www.a.b/" + String(repeating: ")", count: n)),
        HostileInput(name: "e-mail addresses and bare @", text: String(repeating: "a@b.c ", count: n) + String(repeating: "@", count: n)),
        HostileInput(name: "table rows", text: "| a | b |\n|---|---|\n" + String(repeating: "| c | d |\n", count: n)),
        HostileInput(name: "lazy block quote continuation", text: "> a\n" + String(repeating: "b\n", count: n)),
        HostileInput(name: "list items", text: String(repeating: "- a\n", count: n)),
    ]

    /// CPU time of the calling thread in seconds: unlike wall time it does not grow when
    /// other tests or other processes share the cores.
    private static func threadCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    @Test(arguments: inputs)
    func finishesInLinearTime(_ input: HostileInput) {
        let start = Self.threadCPUSeconds()
        let document = MarkdownParser(options: .gfm).parse(input.text)
        let html = document.html()
        let links = document.links
        let elapsed = Self.threadCPUSeconds() - start
        #expect(!html.isEmpty)
        #expect(links.count >= 0)
        #expect(elapsed < 10, "\(input.name) took \(elapsed) s of CPU time")
    }
}
