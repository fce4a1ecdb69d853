import Foundation
import Testing
@testable import Templates

// Table-driven: a template that must fail, with the message (or part of it, suggestion
// included), line and column of the first error.

let loadErrorCases: [Case] = [
    Case("{% for x in words %}\nx", error: "unclosed {% for %} opened at line 1", 1, 1),
    Case("a\n\n  {% if yes %}\nb", error: "unclosed {% if %} opened at line 3", 3, 3),
    Case("{% block main %}", error: "unclosed {% block %} opened at line 1", 1, 1),
    Case("{% macro m() %}x", error: "unclosed {% macro %}", 1, 1),
    Case("{% set a %}x", error: "unclosed {% set %}", 1, 1),
    Case("{% endif %}", error: "unexpected {% endif %}", 1, 1),
    Case("{% for x in words %}{% endif %}{% endfor %}", error: "unexpected {% endif %}", 1, 21),
    Case("{% for x in words %}{% endif %}{% endfor %}", error: "closed by {% endfor %}", 1, 21),
    Case("{% else %}", error: "unexpected {% else %}", 1, 1),
    Case("{% endblock %}", error: "unexpected {% endblock %}", 1, 1),
    Case("{% if yes %}{% else %}{% elif no %}{% endif %}", error: "unexpected {% elif %} after {% else %}", 1, 23),
    Case("{% if yes }}{% endif %}", error: "expected '%}'", 1, 11),
    Case("{{ page.title %}", error: "expected '}}'", 1, 15),
    Case("{% if yes %}\n{% for x in words }}\n{% endfor %}{% endif %}", error: "expected '%}'", 2, 19),
    Case("{% if yes", error: "expected '%}'", 1, 1),
    Case("{{ page.title", error: "expected '}}'", 1, 1),
    Case("{% if yes yes %}{% endif %}", error: "expected '%}'", 1, 11),
    Case("{{ page.title page }}", error: "expected '}}'", 1, 15),
    Case("{{ day | dat(\"%Y\") }}", error: "unknown filter 'dat'", 1, 10),
    Case("{{ day | dat(\"%Y\") }}", error: "did you mean 'date'?", 1, 10),
    Case("{{ page.title | uper }}", error: "did you mean 'upper'?", 1, 17),
    Case("x\n{{ page.summary | markdwn }}", error: "did you mean 'markdown'?", 2, 19),
    Case("{% include \"nope.html\" %}", error: "missing template 'nope.html'", 1, 12),
    Case("{% include \"part.htm\" %}", error: "did you mean 'part.html'?", 1, 12, others: ["part.html": ""]),
    Case("{% extends \"base.htm\" %}", error: "extends of a missing template 'base.htm'", 1, 12),
    Case("{% import \"macro.html\" as m %}", error: "missing template 'macro.html'", 1, 11),
    Case("{% from \"macro.html\" import a %}", error: "missing template 'macro.html'", 1, 9),
    Case("{% include \"t.html\" %}", error: "include cycle: t.html → t.html", 1, 1),
    Case("{% include \"u.html\" %}", error: "include cycle", 1, 1, others: ["u.html": "{% include \"t.html\" %}"]),
    Case("{% extends \"u.html\" %}", error: "extends cycle", 1, 1, others: ["u.html": "{% extends \"t.html\" %}"]),
    Case("{{ }}", error: "expected an expression", 1, 4),
    Case("{% %}", error: "expected a tag name", 1, 1),
    Case("{% foo %}", error: "unknown tag 'foo'", 1, 4),
    Case("{% endfo %}", error: "did you mean 'endfor'?", 1, 4),
    Case("{{ \"abc }}", error: "unclosed string", 1, 4),
    Case("text {# never closed", error: "unclosed comment", 1, 6),
    Case("{% raw %}x", error: "unclosed {% raw %}", 1, 1),
    Case("{{ page. }}", error: "expected an attribute name", 1, 10),
    Case("{{ (1 + 2 }}", error: "expected ')'", 1, 11),
    Case("{{ [1, 2 }}", error: "expected ']'", 1, 10),
    Case("{{ 1 + }}", error: "expected an expression", 1, 8),
    Case("{{ page.title | }}", error: "expected a filter name", 1, 17),
    Case("{% block a %}{% endblock %}{% block a %}{% endblock %}", error: "block 'a' is defined twice", 1, 28),
    Case("{% block a %}{% endblock b %}", error: "closes block 'a'", 1, 26),
    Case("{% if n is evn %}{% endif %}", error: "did you mean 'even'?", 1, 12),
    Case("{{ page.title | truncate(1, 2, 3) }}", error: "filter 'truncate' takes at most 2 arguments, got 3", 1, 17),
    Case("{{ items | sort(atribute=\"title\") }}", error: "did you mean 'attribute'?", 1, 12),
    Case("{% block main %}{% extends \"b.html\" %}{% endblock %}", error: "must be at the top level", 1, 17, others: ["b.html": ""]),
    Case("{% for a, b, c in m %}{% endfor %}", error: "one or two loop variables", 1, 1),
    Case("{% for x words %}{% endfor %}", error: "expected 'in'", 1, 10),
    Case("{% set = 1 %}", error: "expected a variable name", 1, 8),
    Case("{% macro m(a, a) %}{% endmacro %}", error: "two parameters named 'a'", 1, 10),
    Case("{{ 99999999999999999999 }}", error: "too large", 1, 4),
    Case("{{ a @ b }}", error: "unexpected character '@'", 1, 6),
    Case("é {{ x | nofilter }}", error: "unknown filter", 1, 10),
]

let renderErrorCases: [Case] = [
    Case("{{ page.titel }}", error: "'page' has no attribute 'titel'", 1, 9),
    Case("{{ page.titel }}", error: "did you mean 'title'?", 1, 9),
    Case("{{ titel }}", error: "'titel' is undefined", 1, 4),
    Case("{{ titel }}", error: "did you mean 'title'?", 1, 4),
    Case("a\n{% if page.titel %}x{% endif %}", error: "'page' has no attribute 'titel'", 2, 12),
    Case("{% for w in words %}{{ w.title }}{% endfor %}", error: "'w' has no attribute 'title'", 1, 26),
    Case("{{ region.trekker.titel }}", error: "'region.trekker' has no attribute 'titel' did you mean 'title'?", 1, 19),
    Case("{{ vacant.trekker.title }}", error: "'vacant.trekker' is none", 1, 19),
    Case("{{ page[\"titel\"] }}", error: "has no key 'titel'", 1, 8),
    Case("{{ words[5] }}", error: "index 5 is out of range", 1, 9),
    Case("{{ 1 / 0 }}", error: "division by zero", 1, 6),
    Case("{{ 5 % 0 }}", error: "division by zero", 1, 6),
    Case("{{ \"a\" < 1 }}", error: "cannot compare", 1, 8),
    Case("{{ 9223372036854775807 + 1 }}", error: "integer overflow", 1, 24),
    Case("{% for x in n %}{% endfor %}", error: "cannot loop over a number", 1, 13),
    Case("{{ words | date(\"%Y\") }}", error: "filter 'date' expects a date", 1, 12),
    Case("{{ \"2026-13-01\" | date }}", error: "is not a date", 1, 19),
    Case("{{ day | date(\"%Q\") }}", error: "unknown directive '%Q'", 1, 10),
    Case("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", error: "too deep", 1, 19),
    Case("{{ n() }}", error: "not a macro", 1, 4),
    Case("{% macro a(x) %}{% endmacro %}{{ a(1, 2) }}", error: "macro 'a' takes 1 argument, got 2", 1, 34),
    Case("{% macro a(name) %}{% endmacro %}{{ a(nme=1) }}", error: "did you mean 'name'?", 1, 37),
    Case("{{ later() }}{% macro later() %}{% endmacro %}", error: "'later' is undefined", 1, 4),
    Case("{% macro a() %}{{ x1 }}{% endmacro %}{% set x1 = 1 %}{% for i in [1] %}{% set x2 = 2 %}{{ a() }}{% endfor %}", "1"),
    Case("{% macro a() %}{{ x2 }}{% endmacro %}{% for i in [1] %}{% set x2 = 2 %}{{ a() }}{% endfor %}", error: "'x2' is undefined", 1, 19),
    Case("{{ super() }}", error: "super() is only available inside a block", 1, 4),
    Case("{% block a %}{{ super() }}{% endblock %}", error: "no parent block", 1, 17),
    Case("{{ loop.index }}", error: "'loop' is undefined", 1, 8),
    Case("{{ 1 | markdown }}", error: "filter 'markdown': markdown expects text", 1, 8),
    Case("{% import \"m.html\" as ui %}{{ ui.crad(1) }}", error: "did you mean 'card'?", 1, 34, others: ["m.html": "{% macro card(x) %}{% endmacro %}"]),
    Case("{% from \"m.html\" import crad %}", error: "has no macro 'crad'", 1, 1, others: ["m.html": "{% macro card(x) %}{% endmacro %}"]),
    Case("{% include name %}", error: "'name' is undefined", 1, 12),
    Case("{% set name = \"x.html\" %}{% include name %}", error: "template 'x.html' not found", 1, 26),
    Case("{{ \"a\" in 3 }}", error: "'in' needs a string, list or map", 1, 8),
    Case("{{ -\"a\" }}", error: "cannot negate", 1, 4),
    Case("{{ [1] - 1 }}", error: "cannot apply '-'", 1, 8),
    Case("{{ n | join(\",\") }}", error: "filter 'join' expects a list", 1, 8),
    Case("{{ items | sort(attribute=\"date\") | sort(attribute=\"title\") | first }}{{ [1, \"a\"] | sort }}", error: "filter 'sort' cannot compare", 1, 85),
    Case("{{ 4 is divisibleby(0) }}", error: "divisibleby", 1, 9),
    Case("{{ range(1000000) | length }}", error: "range() of more than 100000", 1, 4),
    Case("{% for a, b in words %}{% endfor %}", error: "cannot unpack", 1, 1),
]

@Suite struct ErrorTableTests {
    @Test(arguments: loadErrorCases) func loadError(_ c: Case) { check(c) }
    @Test(arguments: renderErrorCases) func renderError(_ c: Case) { check(c) }

    @Test func everyErrorOfEveryTemplateIsReported() {
        let templates = [
            "a.html": "{% if x %}\n{{ y | nofilter }}\n{% endfor %}",
            "b.html": "{% include \"missing.html\" %}\n{{ ok }}\n{{ (1 }}",
            "c.html": "fine {{ x }}",
        ]
        do {
            _ = try TemplateEnvironment(templates: templates, options: testOptions)
            Issue.record("expected errors")
        } catch {
            let found = error.errors.map { "\($0.templateName):\($0.location.line):\($0.location.column)" }
            #expect(found == ["a.html:1:1", "a.html:2:8", "a.html:3:1", "b.html:1:12", "b.html:3:7"])
            let first = error.errors[0]
            #expect(first.lineText == "{% if x %}")
            #expect(first.description.hasPrefix("a.html:1:1: error: unclosed {% if %} opened at line 1"))
            #expect(first.description.hasSuffix(" 1 | {% if x %}\n   | ^"))
        }
    }

    @Test func renderErrorNamesTheIncludedTemplate() throws {
        let env = try TemplateEnvironment(templates: ["t.html": "a\n{% include \"partials/p.html\" %}", "partials/p.html": "x\n  {{ page.titel }}"],
                                          options: testOptions)
        do {
            _ = try env.render("t.html", context: testContext)
            Issue.record("expected an error")
        } catch {
            #expect(error.templateName == "partials/p.html")
            #expect(error.location.line == 2 && error.location.column == 11)
            #expect(error.suggestion == "did you mean 'title'?")
            #expect(error.lineText == "  {{ page.titel }}")
        }
    }

    @Test func macroErrorNamesItsTemplate() throws {
        let env = try TemplateEnvironment(templates: ["t.html": "{% import \"m.html\" as m %}{{ m.card(page) }}",
                                                      "m.html": "{% macro card(p) %}\n{{ p.titel }}{% endmacro %}"], options: testOptions)
        #expect(throws: TemplateError.self) { try env.render("t.html", context: testContext) }
        do { _ = try env.render("t.html", context: testContext) } catch {
            #expect(error.templateName == "m.html")
            #expect(error.location.line == 2)
        }
    }

    @Test func markdownFilterMustBeSupplied() {
        do {
            _ = try TemplateEnvironment(templates: ["t.html": "{{ page.summary | markdown }}"], options: TemplateOptions())
            Issue.record("expected an error")
        } catch {
            #expect(error.errors[0].message.hasPrefix("unknown filter 'markdown'"))
        }
    }

    @Test func unknownTemplateAtRender() throws {
        let env = try TemplateEnvironment(templates: ["page.html": "x"], options: testOptions)
        #expect(env.contains("page.html"))
        #expect(!env.contains("pages.html"))
        do { _ = try env.render("pages.html", context: [:]) } catch {
            #expect(error.message == "template 'pages.html' not found")
            #expect(error.suggestion == "did you mean 'page.html'?")
        }
    }
}

/// Depth is no crash: deep input gives an error, quickly (helper-common.md).
@Suite struct DeepInputTests {
    func firstError(_ source: String) -> TemplateError? {
        do {
            _ = try TemplateEnvironment(templates: ["t.html": source], options: testOptions)
            return nil
        } catch {
            return error.errors.first
        }
    }

    @Test func deepParentheses() {
        let s = "{{ " + String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000) + " }}"
        #expect(firstError(s)?.message.contains("nested too deeply") == true)
    }

    @Test func deepIfs() {
        let s = String(repeating: "{% if yes %}", count: 100_000) + "x" + String(repeating: "{% endif %}", count: 100_000)
        let e = firstError(s)
        #expect(e?.message.contains("too deeply nested") == true)
    }

    @Test func deepUnclosedFors() {
        let s = String(repeating: "{% for x in y %}", count: 100_000)
        do {
            _ = try TemplateEnvironment(templates: ["t.html": s], options: testOptions)
        } catch {
            #expect(error.errors.count < 1000)
        }
    }

    @Test func longChainsAndLists() {
        #expect(firstError("{{ a" + String(repeating: " ~ a", count: 100_000) + " }}")?.message.contains("nested too deeply") == true)
        #expect(firstError("{{ a" + String(repeating: " | upper", count: 100_000) + " }}")?.message.contains("nested too deeply") == true)
        #expect(firstError("{{ a" + String(repeating: ".b", count: 100_000) + " }}")?.message.contains("nested too deeply") == true)
        #expect(firstError("{{ " + String(repeating: "not ", count: 100_000) + "a }}")?.message.contains("nested too deeply") == true)
        #expect(firstError("{{ " + String(repeating: "-", count: 100_000) + "1 }}")?.message.contains("nested too deeply") == true)
        #expect(firstError("{{ " + String(repeating: "[", count: 100_000) + " }}")?.message.contains("nested too deeply") == true)
        // Wide is fine: a list of 100,000 items, 100,000 outputs.
        #expect(firstError("{{ [" + String(repeating: "1, ", count: 100_000) + "1] | length }}") == nil)
        #expect(firstError(String(repeating: "{{ a }}", count: 100_000)) == nil)
    }

    @Test func deepIncludeChainAtRenderTime() throws {
        var templates: [String: String] = [:]
        for i in 0..<150 { templates["p\(i).html"] = "{% include \"p\(i + 1).html\" %}" }
        templates["p150.html"] = "end"
        let env = try TemplateEnvironment(templates: templates, options: testOptions)
        #expect(throws: TemplateError.self) { try env.render("p0.html", context: [:]) }
        #expect(try env.render("p60.html", context: [:]) == "end")
    }
}

@Suite struct ConcurrencyTests {
    @Test func rendersFromManyThreads() throws {
        let env = try TemplateEnvironment(
            templates: ["base.html": "<t>{% block t %}{% endblock %}</t>", "p.html": "{% extends \"base.html\" %}{% block t %}{{ page.title }}{% for w in words %}{{ w }}{% endfor %}{% endblock %}"],
            options: testOptions)
        let results = ResultBox(count: 64)
        DispatchQueue.concurrentPerform(iterations: 64) { i in
            var ctx = testContext
            ctx["page"] = ["title": .string("T\(i)")]
            results.set(i, (try? env.render("p.html", context: ctx)) ?? "error")
        }
        for i in 0..<64 { #expect(results.get(i) == "<t>T\(i)baC</t>") }
    }
}

final class ResultBox: @unchecked Sendable {
    private var values: [String]
    private let lock = NSLock()
    init(count: Int) { values = Array(repeating: "", count: count) }
    func set(_ i: Int, _ v: String) { lock.lock(); values[i] = v; lock.unlock() }
    func get(_ i: Int) -> String { lock.lock(); defer { lock.unlock() }; return values[i] }
}
