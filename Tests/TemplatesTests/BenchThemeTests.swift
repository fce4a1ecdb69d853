import Foundation
import Testing
@testable import Templates

// The bench theme (../shared/bench/site-templates/bj42/, a real theme in this language) read at
// test time, never copied: every template must load, and pages must render from a small
// synthetic site. Skipped when the shared folder is absent.

func repoRoot(_ file: String = #filePath) -> URL {
    var url = URL(fileURLWithPath: file).deletingLastPathComponent()
    while url.path != "/" {
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        url.deleteLastPathComponent()
    }
    return url
}

func loadTheme() -> [String: String]? {
    let dir = repoRoot().appendingPathComponent("../shared/bench/site-templates/bj42").standardizedFileURL
    guard let e = FileManager.default.enumerator(atPath: dir.path) else { return nil }
    var templates: [String: String] = [:]
    while let rel = e.nextObject() as? String {
        guard rel.hasSuffix(".html"), let text = try? String(contentsOfFile: dir.appendingPathComponent(rel).path, encoding: .utf8) else { continue }
        templates[rel] = text
    }
    return templates.isEmpty ? nil : templates
}

/// A tiny content model: items by key, references written as "@key" and resolved on demand.
final class World: Sendable {
    let items: [String: TemplateMap]
    init(_ items: [String: TemplateMap]) { self.items = items }
    func object(_ key: String) -> TemplateValue { .object(WorldItem(world: self, key: key)) }
    func resolve(_ v: TemplateValue) -> TemplateValue {
        switch v {
        case .string(let s) where s.hasPrefix("@"): return object(String(s.dropFirst()))
        case .list(let l): return .list(l.map(resolve))
        default: return v
        }
    }
}

struct WorldItem: TemplateObject {
    let world: World
    let key: String
    func attribute(_ name: String) -> TemplateValue? { world.items[key]?[name].map(world.resolve) }
    var attributeNames: [String] { world.items[key]?.keys ?? [] }
    var identity: String { key }
}

func benchWorld() -> World {
    func d(_ s: String) -> TemplateValue { .date(TemplateDate(parsing: s)!) }
    let items: [String: TemplateMap] = [
        "regios/twente": ["title": "Twente", "slug": "twente", "kind": "region", "url": "/regios/twente/",
                          "permalink": "https://bj42.example.nl/regios/twente/", "code": "JZ12", "provinces": ["Overijssel"],
                          "municipalities": ["Enschede", "Hengelo", "Almelo"], "trekker": "@trekkers/jan",
                          "meetings": ["@bijeenkomsten/juni"], "news": ["@nieuws/start"], "content": .safe("<p>Over Twente.</p>"),
                          "toc": [], "locator_map": .safe("<svg class=\"locator\"></svg>")],
        "regios/flevoland": ["title": "Flevoland", "slug": "flevoland", "kind": "region", "url": "/regios/flevoland/",
                             "permalink": "https://bj42.example.nl/regios/flevoland/", "code": "JZ20", "municipalities": ["Almere"],
                             "trekker": .none, "meetings": [], "news": [], "content": .safe(""), "toc": [],
                             "locator_map": .safe("<svg></svg>")],
        "trekkers/jan": ["title": "Jan de Vries", "slug": "jan", "kind": "trekker", "url": "/trekkers/jan/",
                         "permalink": "https://bj42.example.nl/trekkers/jan/", "region": "@regios/twente",
                         "role": "Wethouder Jeugd", "email": "jan@enschede.nl", "photo": "img/jan.jpg", "since": d("2022-06-01"),
                         "content": .safe("<p>Jan.</p>"), "toc": []],
        "themas/zorg": ["title": "Jeugdzorg & <Preventie>", "slug": "zorg", "kind": "theme", "url": "/themas/zorg/",
                        "permalink": "https://bj42.example.nl/themas/zorg/", "summary": "Over zorg.", "meetings": ["@bijeenkomsten/juni"],
                        "news": [], "content": .safe("<p>Zorg.</p>"), "toc": []],
        "bijeenkomsten/juni": ["title": "Netwerkdag juni", "slug": "juni", "kind": "meeting", "url": "/bijeenkomsten/juni/",
                               "permalink": "https://bj42.example.nl/bijeenkomsten/juni/", "date": d("2026-06-16"), "start": "14:00",
                               "end": "16:30", "location": "Utrecht", "host_region": "@regios/twente", "themes": ["@themas/zorg"],
                               "regions": ["@regios/twente", "@regios/flevoland"], "upcoming": true,
                               "attachments": [["title": "Agenda", "file": "docs/agenda.pdf"]],
                               "content": .safe("<h2 id=\"agenda\">Agenda</h2>"), "toc": []],
        "nieuws/start": ["title": "Start van het netwerk", "slug": "start", "kind": "news_item", "url": "/nieuws/start/",
                         "permalink": "https://bj42.example.nl/nieuws/start/", "date": d("2026-01-05"), "summary": "Het netwerk begint.",
                         "themes": ["@themas/zorg"], "regions": [], "content": .safe("<p>Nieuws.</p>"), "toc": []],
        "paginas/over": ["title": "Over ons", "slug": "over", "kind": "page", "url": "/over/",
                         "permalink": "https://bj42.example.nl/over/", "content": .safe("<p>Over.</p>"), "toc": []],
    ]
    return World(items)
}

func benchContext(_ world: World, page: TemplateValue) -> [String: TemplateValue] {
    let site: TemplateMap = [
        "title": "Bestuurlijk netwerk J42", "base_url": "https://bj42.example.nl/", "language": "nl", "theme": "bj42",
        "description": "Het netwerk van wethouders jeugd", "contact": "J42@vng.nl",
        "menu": [["title": "Regio's", "url": "/regios/"], ["title": "Thema's", "url": "/themas/"]],
        "build_date": .date(TemplateDate(year: 2026, month: 3, day: 1)),
        "regions": [world.object("regios/flevoland"), world.object("regios/twente")],
        "trekkers": [world.object("trekkers/jan")], "themes": [world.object("themas/zorg")],
        "meetings": [world.object("bijeenkomsten/juni")], "upcoming_meetings": [world.object("bijeenkomsten/juni")],
        "past_meetings": [], "news": [world.object("nieuws/start")], "pages": [world.object("paginas/over")],
    ]
    return ["site": .map(site), "page": page, "region_map": .safe("<svg viewBox=\"0 0 10 10\"><a href=\"/regios/twente/\"><title>Twente</title></a></svg>")]
}

@Suite struct BenchThemeTests {
    @Test func loadsAndRendersEveryPageKind() throws {
        guard let theme = loadTheme() else {
            print("skipped: ../shared/bench/site-templates/bj42 is absent")
            return
        }
        let env: TemplateEnvironment
        do {
            env = try TemplateEnvironment(templates: theme, options: TemplateOptions(language: "nl", baseURL: "https://bj42.example.nl/", filters: ["markdown": markdownFilter]))
        } catch {
            Issue.record("theme does not load: \(error.errors.map(\.description).joined(separator: "\n"))")
            return
        }
        #expect(env.templateNames.contains("partials/trekker_card.html"))
        let world = benchWorld()
        func page(_ template: String, _ page: TemplateValue) throws -> String {
            try env.render(template, context: benchContext(world, page: page))
        }
        let index: TemplateValue = ["title": "Regio's", "url": "/regios/", "permalink": "https://bj42.example.nl/regios/", "kind": "regions"]

        let region = try page("region.html", world.object("regios/twente"))
        #expect(region.contains("<title>Twente | Bestuurlijk netwerk J42</title>"))
        #expect(region.contains("<dt>Gemeenten (3)</dt><dd>Enschede, Hengelo, Almelo</dd>"))
        #expect(region.contains("<img src=\"https://bj42.example.nl/img/jan.jpg\""))
        #expect(region.contains("Wethouder Jeugd"))
        #expect(region.contains("<time datetime=\"2026-06-16\">16 juni 2026</time>"))
        #expect(region.contains("<a href=\"/themas/zorg/\">Jeugdzorg &amp; &lt;Preventie&gt;</a>"))
        #expect(region.contains("bijgewerkt op 1 maart 2026"))
        #expect(region.contains("<svg class=\"locator\"></svg>"))
        #expect(region.contains("<li class=\"row news\"><time datetime=\"2026-01-05\">5 januari 2026</time>"))
        #expect(region.contains("<p>Het netwerk begint.</p>"))

        let vacant = try page("region.html", world.object("regios/flevoland"))
        #expect(vacant.contains("(vacant)"))
        #expect(vacant.contains("<li>Nog geen bijeenkomsten.</li>"))

        let meeting = try page("meeting.html", world.object("bijeenkomsten/juni"))
        #expect(meeting.contains("dinsdag 16 juni 2026</time>, 14:00–16:30 uur · Utrecht"))
        #expect(meeting.contains("<a href=\"https://bj42.example.nl/docs/agenda.pdf\">Agenda</a>"))
        #expect(meeting.contains("<a href=\"/regios/twente/\">Twente</a>, <a href=\"/regios/flevoland/\">Flevoland</a>"))

        let trekker = try page("trekker.html", world.object("trekkers/jan"))
        #expect(trekker.contains("<dd>1 juni 2022</dd>"))
        #expect(trekker.contains("(JZ12)"))

        let regions = try page("regions.html", index)
        #expect(regions.contains("<td>JZ20</td><td>1</td><td><em>vacant</em></td>"))
        #expect(regions.contains("<a href=\"/regios/\" aria-current=\"page\">Regio&#39;s</a>"))

        let home = try page("home.html", ["title": "Bestuurlijk netwerk J42", "url": "/", "kind": "home", "content": .safe(""),
                                          "permalink": "https://bj42.example.nl/"])
        #expect(home.contains("De 2 jeugdregio's"))
        #expect(home.contains("<title>Bestuurlijk netwerk J42</title>"))

        for (template, p) in [("trekkers.html", index), ("themes.html", index), ("meetings.html", index), ("news.html", index),
                              ("theme.html", world.object("themas/zorg")), ("news_item.html", world.object("nieuws/start")),
                              ("page.html", world.object("paginas/over")), ("404.html", TemplateValue.none)] {
            let html = try page(template, p)
            #expect(html.hasPrefix("<!DOCTYPE html>"), "\(template)")
            #expect(html.hasSuffix("</html>\n") || html.hasSuffix("</html>"), "\(template)")
        }
        let meetings = try page("meetings.html", index)
        #expect(meetings.contains("<a href=\"/bijeenkomsten/juni/\">Netwerkdag juni</a> <span class=\"host\">Twente</span>"))
    }
}
