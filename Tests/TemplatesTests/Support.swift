import Foundation
import Testing
@testable import Templates

/// A region and its trekker that refer to each other, resolved on demand (as SiteCore's items are).
struct TestRegion: TemplateObject {
    let slug: String
    func attribute(_ name: String) -> TemplateValue? {
        switch name {
        case "title": return slug == "twente" ? "Twente" : "Zuid-Limburg"
        case "slug": return .string(slug)
        case "url": return .string("/regios/\(slug)/")
        case "code": return slug == "twente" ? "JZ12" : "JZ40"
        case "trekker": return slug == "twente" ? .object(TestTrekker(slug: "jan")) : TemplateValue.none
        case "municipalities": return ["Enschede", "Hengelo", "Almelo"]
        default: return nil
        }
    }
    var attributeNames: [String] { ["title", "slug", "url", "code", "trekker", "municipalities"] }
    var identity: String { "regios/\(slug)" }
}

struct TestTrekker: TemplateObject {
    let slug: String
    func attribute(_ name: String) -> TemplateValue? {
        switch name {
        case "title": return "Jan de Vries"
        case "url": return "/trekkers/jan/"
        case "region": return .object(TestRegion(slug: "twente"))
        case "role": return "Wethouder <Jeugd>"
        default: return nil
        }
    }
    var attributeNames: [String] { ["title", "url", "region", "role"] }
    var identity: String { "trekkers/\(slug)" }
}

let markdownFilter: TemplateFilter = { value, _, _ throws(TemplateFilterError) in
    guard case .string(let s) = value else { throw TemplateFilterError("markdown expects text") }
    return .safe("<p>" + s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;") + "</p>")
}

let testOptions = TemplateOptions(language: "nl", baseURL: "https://example.github.io/bj42/", filters: ["markdown": markdownFilter])

func item(_ title: String, _ weight: Int?, _ year: Int, _ extra: [(String, TemplateValue)] = []) -> TemplateValue {
    var m = TemplateMap([("title", .string(title)), ("date", .date(TemplateDate(year: year, month: 3, day: 4)))])
    if let weight { m["weight"] = .int(weight) }
    for (k, v) in extra { m[k] = v }
    return .map(m)
}

let testContext: [String: TemplateValue] = [
    "title": "<script>alert('x')</script> & \"q\"",
    "n": 7,
    "x": 2.5,
    "yes": true,
    "no": false,
    "nothing": .none,
    "empty": [],
    "words": ["b", "a", "C"],
    "nums": [3, 1, 2],
    "html": .safe("<em>ok</em>"),
    "day": .date(TemplateDate(year: 2026, month: 3, day: 1)),
    "meeting": .date(TemplateDate(year: 2026, month: 6, day: 16, hour: 14, minute: 5)),
    "page": ["title": "Twente", "url": "/regios/twente/", "summary": "Kort", "tags": ["jeugd", "zorg"],
             "content": .safe("<p>Body</p>")],
    "site": ["title": "BJ42", "language": "nl", "menu": [["title": "Regio's", "url": "/regios/"], ["title": "Thema's", "url": "/themas/"]]],
    "items": [item("beta", 2, 2025), item("Alpha", nil, 2024), item("gamma", 1, 2025, [("draft", true)]), item("Écho", nil, 2024)],
    "region": .object(TestRegion(slug: "twente")),
    "vacant": .object(TestRegion(slug: "zuid-limburg")),
    "m": ["a": 1, "b": 2],
]

/// One table row: a template (named `t.html`, beside `others`) and what it must give.
struct Case: Sendable, CustomTestStringConvertible {
    enum Expect: Sendable {
        case output(String)
        /// An error (at load or render time) whose message contains `message`, at line and column.
        case error(String, Int, Int)
    }
    let source: String
    let expect: Expect
    let others: [String: String]
    let context: [String: TemplateValue]?

    init(_ source: String, _ output: String, others: [String: String] = [:], context: [String: TemplateValue]? = nil) {
        self.source = source
        self.expect = .output(output)
        self.others = others
        self.context = context
    }

    init(_ source: String, error: String, _ line: Int, _ column: Int, others: [String: String] = [:]) {
        self.source = source
        self.expect = .error(error, line, column)
        self.others = others
        self.context = nil
    }

    var testDescription: String { source.count > 60 ? String(source.prefix(60)) + "…" : source }
}

func run(_ c: Case) -> Result<String, TemplateError> {
    var templates = c.others
    templates["t.html"] = c.source
    do {
        let env = try TemplateEnvironment(templates: templates, options: testOptions)
        return .success(try env.render("t.html", context: c.context ?? testContext))
    } catch let e as TemplateErrors {
        return .failure(e.errors[0])
    } catch let e as TemplateError {
        return .failure(e)
    } catch {
        fatalError("unexpected \(error)")
    }
}

func check(_ c: Case) {
    let result = run(c)
    switch (c.expect, result) {
    case (.output(let want), .success(let got)):
        #expect(got == want, "\(c.source)")
    case (.output(let want), .failure(let e)):
        Issue.record("expected \(want.debugDescription), got error \(e)")
    case (.error(let msg, let line, let col), .failure(let e)):
        let full = e.message + " " + (e.suggestion ?? "")
        #expect(full.contains(msg), "\(e)")
        #expect(e.location.line == line && e.location.column == col, "\(e)")
    case (.error(let msg, _, _), .success(let got)):
        Issue.record("expected error \(msg), got \(got.debugDescription)")
    }
}
