// Renders a base layout plus a page template for 10,000 page contexts and prints pages per
// second (median of several runs); then runs Jinja2 on the same templates and data
// (jinja_peer.py beside this file) and prints both figures and their ratio.
//
//   swift build -c release --product TemplateBenchmark
//   .build/release/TemplateBenchmark [pages] [runs]
import Foundation
import Templates

let arguments = CommandLine.arguments
let pageCount = arguments.count > 1 ? Int(arguments[1]) ?? 10_000 : 10_000
let runs = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5

let templates: [String: String] = [
    "base.html": """
    <!DOCTYPE html>
    <html lang="{{ site.language }}">
    <head>
    <meta charset="utf-8">
    <title>{% block title %}{{ page.title }} | {{ site.title }}{% endblock %}</title>
    <meta name="description" content="{{ page.summary | default(site.description) }}">
    <link rel="canonical" href="{{ page.url | abs_url }}">
    </head>
    <body>
    <nav aria-label="Hoofdmenu"><ul>
    {%- for item in site.menu %}
    <li><a href="{{ item.url }}"{% if item.url == page.section %} aria-current="page"{% endif %}>{{ item.title }}</a></li>
    {%- endfor %}
    </ul></nav>
    <main id="inhoud">
    {% block main %}{% endblock %}
    </main>
    <footer><p>{{ site.title }} · <a href="mailto:{{ site.contact }}">{{ site.contact }}</a> · bijgewerkt op {{ site.build_date | date("%-d %B %Y") }}</p></footer>
    </body>
    </html>

    """,
    "page.html": """
    {% extends "base.html" %}
    {% block main %}
    {% import "macros.html" as ui %}
    <article>
    <h1>{{ page.title }}</h1>
    <p class="meta"><time datetime="{{ page.date | date("%Y-%m-%d") }}">{{ page.date | date("%A %-d %B %Y") }}</time>
    {%- if page.tags %} · {{ page.tags | join(", ") }}{% endif %}</p>
    {{ page.content }}
    <h2>Gerelateerd ({{ page.related | length }})</h2>
    <ul class="list">
    {%- for r in page.related %}
    {{ ui.row(r, loop.index) }}
    {%- else %}
    <li>Niets gevonden.</li>
    {%- endfor %}
    </ul>
    {% include "partials/note.html" %}
    </article>
    {% endblock %}

    """,
    "macros.html": """
    {% macro row(r, n) -%}
    <li class="{{ "odd" if n is odd else "even" }}"><a href="{{ r.url }}">{{ r.title | upper }}</a> <span>{{ r.summary | truncate(40) }}</span></li>
    {%- endmacro %}

    """,
    "partials/note.html": """
    <p class="note">Laatst bijgewerkt op {{ page.date | date("%d-%m-%Y") }}. Vragen? Mail <a href="mailto:{{ site.contact }}">{{ site.contact }}</a>.</p>

    """,
]

// The data, as JSON-able values (so the Jinja2 peer gets exactly the same).
func isoDate(_ dayNumber: Int) -> String {
    // Days after 2020-01-01, civil calendar.
    var y = 2020, m = 1, d = 1
    var left = dayNumber
    while left > 0 {
        let dim = [31, (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        if left >= dim - d + 1 {
            left -= dim - d + 1
            d = 1
            m += 1
            if m > 12 { m = 1; y += 1 }
        } else {
            d += left
            left = 0
        }
    }
    return String(format: "%04d-%02d-%02d", y, m, d)
}

let site: [String: Any] = [
    "title": "Bestuurlijk netwerk J42 & partners", "language": "nl", "description": "Het netwerk van wethouders jeugd",
    "contact": "J42@vng.nl", "build_date": "2026-03-01",
    "menu": [["title": "Home", "url": "/"], ["title": "Regio's", "url": "/regios/"], ["title": "Trekkers", "url": "/trekkers/"],
             ["title": "Thema's", "url": "/themas/"], ["title": "Bijeenkomsten", "url": "/bijeenkomsten/"], ["title": "Nieuws", "url": "/nieuws/"]],
]
let tagPool = ["jeugdzorg", "preventie", "onderwijs", "veiligheid", "wonen"]
var pages: [[String: Any]] = []
for i in 0..<pageCount {
    var page: [String: Any] = [
        "title": "Pagina \(i): <over> jeugd & zorg in \"regio\" \(i % 42)",
        "url": "/nieuws/pagina-\(i)/", "section": "/nieuws/", "date": isoDate(i % 2500),
        "tags": Array(tagPool.prefix(i % 4)),
        "content": "<p>" + String(repeating: "Dit is de tekst van pagina \(i), met <em>nadruk</em> en een <a href=\"/regios/twente/\">link</a>. ", count: 8) + "</p>",
    ]
    if i % 3 != 0 { page["summary"] = "Samenvatting van pagina \(i) over 'samenwerking'." }
    page["related"] = (0..<(i % 7 == 0 ? 0 : 10)).map { j in
        ["title": "Verwant item \(j) bij \(i)", "url": "/nieuws/item-\(j)/",
         "summary": "Een wat langere samenvatting van item \(j), die wordt ingekort tot veertig tekens."] as [String: Any]
    }
    pages.append(page)
}

func templateValue(_ v: Any, key: String = "") -> TemplateValue {
    switch v {
    case let s as String:
        if key == "content" { return .safe(s) }
        if key == "date" || key == "build_date", let d = TemplateDate(parsing: s) { return .date(d) }
        return .string(s)
    case let i as Int: return .int(i)
    case let a as [Any]: return .list(a.map { templateValue($0) })
    case let m as [String: Any]:
        return .map(TemplateMap(m.keys.sorted().map { ($0, templateValue(m[$0]!, key: $0)) }))
    default: return .none
    }
}

let siteValue = templateValue(site)
let contexts: [[String: TemplateValue]] = pages.map { ["site": siteValue, "page": templateValue($0)] }

let env: TemplateEnvironment
do {
    env = try TemplateEnvironment(templates: templates, options: TemplateOptions(language: "nl", baseURL: "https://bj42.example.nl/"))
} catch {
    for e in error.errors { print(e) }
    exit(1)
}

/// CPU time of this thread: the machine is shared, so wall time would measure the neighbours.
func cpuNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

var rates: [Double] = []
var totalBytes = 0
var firstPage = ""
var lastPage = ""
for run in 0..<runs {
    var bytes = 0
    let start = cpuNanoseconds()
    for (i, ctx) in contexts.enumerated() {
        do {
            let out = try env.renderBytes("page.html", context: ctx)
            bytes += out.count
            if run == 0 && i == 0 { firstPage = String(decoding: out, as: UTF8.self) }
            if run == 0 && i == contexts.count - 1 { lastPage = String(decoding: out, as: UTF8.self) }
        } catch {
            print(error)
            exit(1)
        }
    }
    let seconds = Double(cpuNanoseconds() - start) / 1e9
    rates.append(Double(contexts.count) / seconds)
    totalBytes = bytes
}
let swiftRate = median(rates)
print("bj42 Templates: \(contexts.count) pages × \(runs) runs, median \(Int(swiftRate)) pages/s of CPU time (runs: \(rates.map { String(Int($0)) }.joined(separator: ", "))), \(totalBytes) bytes per run")

// The Jinja2 peer, same templates and data (TEMPLATE_BENCH_NO_PEER=1 skips it, for profiling).
if ProcessInfo.processInfo.environment["TEMPLATE_BENCH_NO_PEER"] != nil { exit(0) }
let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
let peer = here.appendingPathComponent("jinja_peer.py")
let dataURL = FileManager.default.temporaryDirectory.appendingPathComponent("template-benchmark-\(getpid()).json")
let payload: [String: Any] = ["templates": templates, "site": site, "pages": pages, "runs": runs, "base_url": "https://bj42.example.nl/"]
do {
    try JSONSerialization.data(withJSONObject: payload).write(to: dataURL)
} catch {
    print("cannot write the peer's data: \(error)")
    exit(1)
}
defer { try? FileManager.default.removeItem(at: dataURL) }
let process = Process()
process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
process.arguments = ["python3", peer.path, dataURL.path]
let pipe = Pipe()
process.standardOutput = pipe
do {
    try process.run()
} catch {
    print("Jinja2 peer not run: \(error)")
    exit(0)
}
let output = pipe.fileHandleForReading.readDataToEndOfFile()
process.waitUntilExit()
try? FileManager.default.removeItem(at: dataURL)
guard process.terminationStatus == 0,
      let result = try? JSONSerialization.jsonObject(with: output) as? [String: Any],
      let jinjaRate = result["pages_per_second"] as? Double
else {
    print("Jinja2 peer failed (is jinja2 installed? pip install jinja2)")
    exit(0)
}
let same = (result["first"] as? String) == firstPage && (result["last"] as? String) == lastPage
    && (result["bytes"] as? Int) == totalBytes
print("Jinja2 \(result["version"] as? String ?? "?"): median \(Int(jinjaRate)) pages/s of CPU time (runs: \((result["runs"] as? [Double] ?? []).map { String(Int($0)) }.joined(separator: ", ")))")
print("ratio: \(String(format: "%.1f", swiftRate / jinjaRate))× Jinja2; outputs identical (first, last page, total bytes): \(same ? "yes" : "NO")")
if !same {
    let jf = result["first"] as? String ?? ""
    let a = Array(firstPage.utf8), b = Array(jf.utf8)
    let at = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
    print("first difference at byte \(at):\n ours:  \(String(decoding: a[max(0, at - 60)..<min(a.count, at + 60)], as: UTF8.self).debugDescription)\n jinja: \(String(decoding: b[max(0, at - 60)..<min(b.count, at + 60)], as: UTF8.self).debugDescription)")
}
