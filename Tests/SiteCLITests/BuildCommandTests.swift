import Foundation
import Testing
@testable import SiteCLI
import SiteCore

/// A small but complete site: every collection, references in every direction.
let baseSite: [String: String] = [
    "content/site.yaml": """
    title: Testnetwerk
    base_url: https://bj42.example.nl/
    theme: test
    description: Een testsite
    menu:
      - {title: Regio's, url: /regios/}
      - {title: Contact, url: /contact/}
    """,
    "content/regios/twente.md": """
    ---
    title: Twente
    code: JZ12
    provinces: [Overijssel]
    municipalities: [Enschede, Hengelo (O.)]
    lat: 52.3
    lon: 6.7
    ---
    De regio Twente.
    """,
    "content/regios/ijsselland.md": """
    ---
    title: IJsselland
    code: JZ11
    lat: 52.5
    lon: 6.1
    municipalities:
      - Zwolle
      - Kampen
    ---
    """,
    "content/trekkers/jan-de-vries.md": """
    ---
    title: Jan de Vries
    region: twente
    role: Wethouder Jeugd
    ---
    """,
    "content/themas/jeugdhulp.md": """
    ---
    title: Specialistische jeugdhulp
    weight: 2
    ---
    """,
    "content/themas/lasten.md": """
    ---
    title: Administratieve lasten
    weight: 1
    ---
    """,
    "content/bijeenkomsten/juni-2017.md": """
    ---
    title: BJ42 juni 2017
    date: 2017-06-16
    start: "13:00"
    end: "16:30"
    location: Utrecht, Jaarbeurs; zaal 2
    host_region: twente
    themes: [jeugdhulp, lasten]
    regions: [ijsselland]
    aliases: [/oud/juni/]
    ---
    ## Opening

    Zie [Twente](/regios/twente/) en [de besluiten](#besluiten).

    ## Besluiten

    Geen.
    """,
    "content/bijeenkomsten/maart-2027.md": """
    ---
    title: BJ42 maart 2027
    date: 2027-03-10
    ---
    """,
    "content/nieuws/start.md": """
    ---
    title: Start van het netwerk
    date: 2016-10-03
    summary: Het netwerk begint.
    regions: [twente]
    ---
    Het begin.
    """,
    "content/paginas/index.md": """
    ---
    title: Welkom
    ---
    Welkom bij het netwerk.
    """,
    "content/paginas/contact.md": """
    ---
    title: Contact
    ---
    Mail ons.
    """,
]

func site(_ changes: [String: String?] = [:]) throws -> TestSite {
    var files = baseSite
    for (path, text) in changes { files[path] = text }
    return try TestSite(files.compactMapValues { $0 })
}

@Suite struct BuildTests {
    @Test func buildsEveryPageOfTheContract() throws {
        let s = try site()
        let run = s.build()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.diagnostics == ["content/regios/ijsselland.md:1:1: warning: the region 'ijsselland' has no trekker; it is shown as vacant"])
        for path in ["index.html", "contact/index.html", "regios/index.html", "regios/twente/index.html", "trekkers/index.html",
                     "trekkers/jan-de-vries/index.html", "themas/index.html", "themas/jeugdhulp/index.html", "bijeenkomsten/index.html",
                     "bijeenkomsten/juni-2017/index.html", "nieuws/index.html", "nieuws/start/index.html", "404.html", "sitemap.xml",
                     "robots.txt", "nieuws/feed.xml", "bijeenkomsten/bijeenkomsten.ics", "oud/juni/index.html"] {
            #expect(s.output(path) != nil, "missing \(path)")
        }
        #expect(!s.exists("output/index/index.html"))
        #expect(run.stdout.hasPrefix("bj42: built "))
        let home = try #require(s.output("index.html"))
        #expect(home.contains("kind=home url=/"))
        #expect(home.contains("upcoming: maart-2027"))
        #expect(home.contains("past: juni-2017"))
        #expect(home.contains("pages: contact"))
        let twente = try #require(s.output("regios/twente/index.html"))
        #expect(twente.contains("code=JZ12 n=2"))
        #expect(twente.contains("trekker=jan-de-vries"))
        #expect(twente.contains("meetings: juni-2017"))
        #expect(twente.contains("news: start"))
        let regions = try #require(s.output("regios/index.html"))
        #expect(regions.contains("IJsselland</a> trekker=vacant"))
        #expect(try #require(s.output("trekkers/jan-de-vries/index.html")).contains("region=Twente back=jan-de-vries"))
        let meeting = try #require(s.output("bijeenkomsten/juni-2017/index.html"))
        #expect(meeting.contains("date=2017-06-16 upcoming=false"))
        #expect(meeting.contains("host=twente"))
        #expect(meeting.contains("themes: lasten jeugdhulp regions: ijsselland"))
        #expect(meeting.contains("toc: 2/opening 2/besluiten"))
        #expect(meeting.contains("<h2 id=\"besluiten\">Besluiten</h2>"))
        #expect(try #require(s.output("themas/index.html")).contains(" lasten jeugdhulp"))
    }

    @Test func feedsSitemapRobotsAndAliases() throws {
        let s = try site()
        #expect(s.build().status == 0)
        let ics = try #require(s.output("bijeenkomsten/bijeenkomsten.ics"))
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(!ics.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(ics.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam"))
        #expect(ics.contains("UID:juni-2017@bj42.example.nl\r\nDTSTAMP:20261201T000000Z\r\nDTSTART;TZID=Europe/Amsterdam:20170616T130000\r\nDTEND;TZID=Europe/Amsterdam:20170616T163000\r\n"))
        #expect(ics.contains("DTSTART;VALUE=DATE:20270310\r\nDTEND;VALUE=DATE:20270311\r\n"))
        #expect(ics.contains("LOCATION:Utrecht\\, Jaarbeurs\\; zaal 2\r\n"))
        #expect(ics.range(of: "juni-2017@")!.lowerBound < ics.range(of: "maart-2027@")!.lowerBound) // oldest first
        let atom = try #require(s.output("nieuws/feed.xml"))
        #expect(atom.contains("<id>https://bj42.example.nl/nieuws/</id>"))
        #expect(atom.contains("<updated>2016-10-03T00:00:00Z</updated>"))
        #expect(atom.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://bj42.example.nl/nieuws/feed.xml\"/>"))
        #expect(atom.contains("<summary type=\"text\">Het netwerk begint.</summary>"))
        let sitemap = try #require(s.output("sitemap.xml"))
        #expect(sitemap.contains("<loc>https://bj42.example.nl/</loc>"))
        #expect(sitemap.contains("<loc>https://bj42.example.nl/regios/twente/</loc>"))
        #expect(!sitemap.contains("404"))
        #expect(!sitemap.contains("/oud/"))
        #expect(try #require(s.output("robots.txt")).contains("Sitemap: https://bj42.example.nl/sitemap.xml"))
        let alias = try #require(s.output("oud/juni/index.html"))
        #expect(alias.contains("<meta http-equiv=\"refresh\" content=\"0; url=/bijeenkomsten/juni-2017/\">"))
        #expect(alias.contains("<link rel=\"canonical\" href=\"https://bj42.example.nl/bijeenkomsten/juni-2017/\">"))
    }

    @Test func feedLimitKeepsTheNewestNewsItems() throws {
        var changes: [String: String?] = [:]
        for day in 1...5 {
            changes["content/nieuws/bericht-\(day).md"] = "---\ntitle: Bericht \(day)\ndate: 2026-01-0\(day)\n---\nTekst \(day).\n"
        }
        let limited = try site(changes.merging(["content/site.yaml": baseSite["content/site.yaml"]! + "\nfeed_limit: 2\n"]) { $1 })
        #expect(limited.build().status == 0)
        let atom = try #require(limited.output("nieuws/feed.xml"))
        #expect(atom.components(separatedBy: "<entry>").count - 1 == 2)
        #expect(atom.contains("/nieuws/bericht-5/") && atom.contains("/nieuws/bericht-4/") && !atom.contains("/nieuws/bericht-3/"))
        // The news index still lists every item: the limit is the feed's only.
        #expect(try #require(limited.output("nieuws/bericht-1/index.html")).contains("Bericht 1"))

        let unlimited = try site(changes)
        #expect(unlimited.build().status == 0)
        #expect(try #require(unlimited.output("nieuws/feed.xml")).components(separatedBy: "<entry>").count - 1 == 6)

        let wrong = try site(["content/site.yaml": baseSite["content/site.yaml"]! + "\nfeed_limit: 0\n"])
        let run = wrong.build()
        #expect(run.status == 1)
        #expect(run.diagnostics.contains("content/site.yaml:8:13: error: 'feed_limit' must be a positive whole number, found 0"))
    }

    @Test func baseURLWithAPathPrefixesEveryURL() throws {
        let s = try site()
        #expect(s.build(["--base-url", "https://example.github.io/bj42/"]).status == 0)
        let home = try #require(s.output("index.html"))
        #expect(home.contains("<a href=\"/bj42/regios/\">"))
        #expect(home.contains("url=/bj42/"))
        let meeting = try #require(s.output("bijeenkomsten/juni-2017/index.html"))
        #expect(meeting.contains("href=\"/bj42/regios/twente/\""))
        #expect(try #require(s.output("sitemap.xml")).contains("<loc>https://example.github.io/bj42/regios/twente/</loc>"))
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let s = try site()
        #expect(s.build().status == 0)
        let first = s.snapshot()
        #expect(s.build().status == 0)
        #expect(s.snapshot() == first)
    }

    @Test func failedBuildLeavesPreviousOutputUntouched() throws {
        let s = try site()
        #expect(s.build().status == 0)
        let before = s.snapshot()
        try s.write("content/trekkers/jan-de-vries.md", "---\ntitle: Jan\nregion: twnte\n---\n")
        let run = s.build()
        #expect(run.status == 1)
        #expect(run.stdout.contains("build failed"))
        #expect(s.snapshot() == before)
    }

    @Test func filesOfEarlierBuildsDoNotSurvive() throws {
        let s = try site()
        #expect(s.build().status == 0)
        #expect(s.output("contact/index.html") != nil)
        try s.remove("content/paginas/contact.md")
        try s.write("content/site.yaml", baseSite["content/site.yaml"]!.replacingOccurrences(of: "  - {title: Contact, url: /contact/}\n", with: ""))
        #expect(s.build().status == 0)
        #expect(s.output("contact/index.html") == nil)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: s.root.path).filter { $0.hasPrefix(".output") }
        #expect(leftovers.isEmpty)
    }

    @Test func bomAndCRLFFilesBuild() throws {
        let s = try site()
        let text = "---\r\ntitle: Over ons\r\nsummary: Wie wij zijn\r\n---\r\n## Kop\r\n\r\nTekst.\r\n"
        try s.write("content/paginas/over.md", bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        let run = s.build()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try #require(s.output("over/index.html")).contains("<h1>Over ons</h1>"))
    }

    @Test func draftsAreLeftOutUnlessAsked() throws {
        let s = try site(["content/nieuws/concept.md": "---\ntitle: Concept\ndate: 2026-11-01\ndraft: true\n---\n"])
        #expect(s.build().status == 0)
        #expect(s.output("nieuws/concept/index.html") == nil)
        #expect(!(try #require(s.output("nieuws/feed.xml"))).contains("concept"))
        #expect(s.build(["--drafts"]).status == 0)
        #expect(s.output("nieuws/concept/index.html") != nil)
    }

    @Test func aReferenceToADraftIsAnError() throws {
        let s = try site(["content/themas/geheim.md": "---\ntitle: Geheim\ndraft: true\n---\n",
                          "content/nieuws/start.md": "---\ntitle: Start\ndate: 2016-10-03\nthemes: [geheim]\n---\n"])
        let run = s.build()
        #expect(run.status == 1)
        #expect(run.diagnostics.contains("content/nieuws/start.md:4:10: error: 'themes' names the theme 'geheim', which is a draft (publish it, or build with --drafts)"))
        #expect(s.build(["--drafts"]).status == 0)
    }
}

@Suite struct DiagnosticsTests {
    @Test func unknownSlugIsReportedAtTheSlugWithASuggestion() throws {
        let s = try site(["content/trekkers/jan-de-vries.md": "---\ntitle: Jan\nregion: twnte\n---\n"])
        let run = s.build()
        #expect(run.status == 1)
        #expect(run.diagnostics.contains("content/trekkers/jan-de-vries.md:3:9: error: unknown region 'twnte' in 'region' (did you mean 'twente'?)"))
    }

    @Test func unknownSlugInAListIsReportedAtTheItem() throws {
        let s = try site(["content/nieuws/start.md": "---\ntitle: Start\ndate: 2016-10-03\nthemes:\n  - jeugdhulp\n  - jeugdhlp\n---\n"])
        let run = s.build()
        #expect(run.diagnostics.contains("content/nieuws/start.md:6:5: error: unknown theme 'jeugdhlp' in 'themes' (did you mean 'jeugdhulp'?)"))
    }

    @Test func typeErrorsPointAtTheValue() throws {
        let s = try site([
            "content/nieuws/start.md": "---\ntitle: [a, b]\ndate: 2017-02-30\n---\n",
            "content/trekkers/jan-de-vries.md": "---\ntitle: Jan\nregion: 12\nphone: 0534123456\n---\n",
        ])
        let run = s.build()
        #expect(run.status == 1)
        #expect(run.diagnostics.contains("content/nieuws/start.md:2:8: error: 'title' must be text, found a list"))
        #expect(run.diagnostics.contains("content/nieuws/start.md:3:7: error: 'date': 2017-02-30 is not a real day"))
        #expect(run.diagnostics.contains("content/trekkers/jan-de-vries.md:3:9: error: 'region' must be the slug of a region (such as 'twente'), found the number 12"))
        #expect(run.diagnostics.contains("content/trekkers/jan-de-vries.md:4:8: error: 'phone' must be text, found the number 534123456; put it in quotes to make it text"))
    }

    @Test func missingRequiredKeyIsAtTheFrontMatterAndUnknownKeysWarn() throws {
        let s = try site(["content/nieuws/start.md": "---\ntitle: Start\nsumary: x\n---\n"])
        let run = s.build()
        #expect(run.diagnostics.contains("content/nieuws/start.md:2:1: error: missing required key 'date'"))
        #expect(run.diagnostics.contains("content/nieuws/start.md:3:1: warning: unknown key 'sumary' in nieuws (did you mean 'summary'?)"))
    }

    @Test func twoTrekkersForOneRegionNameBothFiles() throws {
        let s = try site(["content/trekkers/piet.md": "---\ntitle: Piet\nregion: twente\n---\n"])
        let run = s.build()
        #expect(run.diagnostics.contains("content/trekkers/piet.md:3:9: error: the region 'twente' already has a trekker: content/trekkers/jan-de-vries.md; a region has at most one trekker"))
    }

    @Test func duplicateCodesAndSlugs() throws {
        let s = try site(["content/regios/twente-2.md": "---\ntitle: Twente 2\ncode: JZ12\nslug: twente\nmunicipalities: [Almelo]\n---\n"])
        let run = s.build()
        #expect(run.diagnostics.contains("content/regios/twente.md:1:1: error: the slug 'twente' is also used by content/regios/twente-2.md; two files in content/regios/ cannot share a slug"))
    }

    @Test func aBrokenRegionStillExistsForItsReferences() throws {
        let s = try site(["content/regios/twente.md": "---\ntitle: Twente\ncode: \"JZ12\nmunicipalities: [Enschede]\n---\n"])
        let run = s.build()
        #expect(run.status == 1)
        #expect(!run.stderr.contains("unknown region"))
        #expect(run.diagnostics.filter { $0.contains("error") }.count == 1, "\(run.diagnostics)")
        #expect(run.diagnostics.first { $0.contains("error") }?.hasPrefix("content/regios/twente.md:3:7: error: ") == true)
    }

    @Test func everyErrorIsReportedSortedByFileAndLine() throws {
        let s = try site([
            "content/trekkers/jan-de-vries.md": "---\ntitle: Jan\nregion: twnte\n---\n",
            "content/nieuws/start.md": "---\ntitle: Start\ndate: 2016-13-03\nregions: [twnte]\n---\n",
        ])
        let run = s.build()
        let errors = run.diagnostics.filter { $0.contains(": error: ") }
        #expect(errors.count == 3)
        #expect(errors == errors.sorted())
    }

    @Test func fileProblems() throws {
        let s = try site([
            "content/paginas/leeg.md": "title: geen front matter\n",
            "content/paginas/open.md": "---\ntitle: Open\n",
            "content/paginas/Hoofdletters.md": "---\ntitle: H\n---\n",
            "content/paginas/ontsnapping.md": "---\ntitle: O\nslug: ../../etc\n---\n",
            "content/paginas/notes.txt": "x",
        ])
        try s.write("content/paginas/latin1.md", bytes: Array("---\ntitle: caf".utf8) + [0xE9] + Array("\n---\n".utf8))
        let run = s.build()
        #expect(run.status == 1)
        let d = run.diagnostics
        #expect(d.contains("content/paginas/leeg.md:1:1: error: this file has no front matter"))
        #expect(d.contains("content/paginas/open.md:1:1: error: the front matter that starts here is never closed"))
        #expect(d.contains("content/paginas/Hoofdletters.md:1:1: error: the file name gives the slug 'Hoofdletters', which has upper-case letters; a slug has only a-z, 0-9 and '-' (rename the file to 'hoofdletters.md', or add 'slug: hoofdletters')"))
        #expect(d.contains("content/paginas/ontsnapping.md:3:7: error: the slug '../../etc' has '/', '\\' or '.'; a slug has only a-z, 0-9 and '-' (did you mean 'etc'?)"))
        #expect(d.contains("content/paginas/latin1.md:2:11: error: this file is not valid UTF-8 text (byte 0xE9 at byte 14)"))
        #expect(d.contains("content/paginas/notes.txt:1:1: warning: ignored: only .md files are content in content/paginas/"))
        #expect(!FileManager.default.fileExists(atPath: s.root.deletingLastPathComponent().appendingPathComponent("etc").path))
    }

    @Test func twoProducersOfOneURLAreAnError() throws {
        let s = try site(["content/paginas/regios.md": "---\ntitle: Regio's\n---\n"])
        let run = s.build()
        #expect(run.diagnostics.contains("content/paginas/regios.md:1:1: error: /regios/ would be written twice: by the index of content/regios/ and by content/paginas/regios.md"))
    }

    @Test func bodyLinksMustResolve() throws {
        let s = try site(["content/paginas/contact.md": "---\ntitle: Contact\n---\nZie [Twente](/regios/twnte/), [besluiten](/bijeenkomsten/juni-2017/#besluitn),\n[ok](/regios/twente), [extern](https://example.org/x) en ![](/logo.png).\n"])
        let run = s.build()
        #expect(run.status == 1)
        #expect(run.diagnostics.contains("content/paginas/contact.md:4:5: error: the link /regios/twnte/ leads to no page or file of this site (did you mean /regios/twente/?)"))
        #expect(run.diagnostics.contains("content/paginas/contact.md:4:31: error: the link /bijeenkomsten/juni-2017/#besluitn points at '#besluitn', which is no heading or id on /bijeenkomsten/juni-2017/ (did you mean /bijeenkomsten/juni-2017/#besluiten?)"))
        #expect(run.diagnostics.contains("content/paginas/contact.md:5:58: warning: the image '/logo.png' has no alt text; describe it for readers who cannot see it"))
        #expect(run.diagnostics.filter { $0.contains(": error: ") }.count == 3) // the image is missing too
    }

    @Test func githubActionsGetsAnnotations() throws {
        let s = try site(["content/trekkers/jan-de-vries.md": "---\ntitle: Jan\nregion: twnte\n---\n"])
        let run = s.run(["check", "--now", "2026-12-01"], environment: ["GITHUB_ACTIONS": "true"])
        #expect(run.stderr.contains("::error file=content/trekkers/jan-de-vries.md,line=3,col=9::unknown region 'twnte' in 'region' (did you mean 'twente'?)\n"))
        #expect(run.stderr.contains("::warning file=content/regios/ijsselland.md,line=1,col=1::"))
    }
}

@Suite struct UsageTests {
    @Test func badOptionValuesAreWrongUsage() throws {
        let s = try site()
        #expect(s.run(["build", "--now", "2017-13-01"]).status == 2)
        #expect(s.run(["build", "--output", "."]).status == 2)
        #expect(s.run(["build", "--output", "content/out"]).status == 2)
        #expect(s.run(["build", "--output", "themes"]).status == 2)
        #expect(s.run(["build", "--source", "nowhere"]).status == 2)
        #expect(s.run(["build", "--frobnicate"]).status == 2)
        #expect(s.run(["check", "--output", "x"]).status == 2)
        #expect(s.run(["build", "--help"]).status == 0)
        #expect(!s.exists("output"))
    }

    @Test func checkWritesNothing() throws {
        let s = try site()
        let run = s.run(["check", "--now", "2026-12-01"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!s.exists("output"))
    }

    @Test func buildIntoAnotherFolder() throws {
        let s = try site()
        #expect(s.run(["build", "--now", "2026-12-01", "--output", "public"]).status == 0)
        #expect(s.exists("public/index.html"))
    }
}

@Suite struct NewCommandTests {
    @Test(arguments: ["paginas", "themas", "nieuws", "bijeenkomsten"])
    func newFilesPassCheck(collection: String) throws {
        let s = try site()
        let run = s.run(["new", collection, "nieuw-item", "--title", "Een \"nieuw\" item: test"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(s.exists("content/\(collection)/nieuw-item.md"))
        let check = s.run(["check", "--now", "2026-12-01"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(!check.stderr.contains("nieuw-item"), "\(check.stderr)")
    }

    @Test func neverOverwritesAndRefusesBadInput() throws {
        let s = try site()
        #expect(s.run(["new", "paginas", "contact"]).status == 1)
        #expect(s.run(["new", "paginas", "Contact Pagina"]).status == 1)
        #expect(!s.exists("content/paginas/Contact Pagina.md"))
        #expect(s.run(["new", "blog", "x"]).status == 2)
        #expect(s.run(["new", "paginas"]).status == 2)
    }
}

@Suite struct IncrementalRebuildTests {
    @Test func editingOneBodyRerendersOnlyThePagesThatShowIt() throws {
        let s = try site()
        let output = s.root.appendingPathComponent("preview")
        let options = BuildOptions(sourceDirectory: s.root, outputDirectory: output, today: SiteDate(year: 2026, month: 12, day: 1)!)
        let cache = BuildCache()
        let first = BuildPipeline.run(options, cache: cache)
        #expect(first.succeeded)
        #expect(cache.lastReport.pagesRendered == first.pageCount - 1) // all pages but the alias page
        let meeting = s.root.appendingPathComponent("content/bijeenkomsten/juni-2017.md")
        var text = try String(contentsOf: meeting, encoding: .utf8)
        text += "\nEen nieuwe alinea.\n"
        // A different size guarantees a different stamp, whatever the file system's clock.
        try text.write(to: meeting, atomically: false, encoding: .utf8)
        // As `serve` does: the watcher names the changed file, so no other file needs a `stat`.
        var watched = options
        watched.changedPaths = [meeting.standardizedFileURL.path]
        let second = BuildPipeline.run(watched, cache: cache)
        #expect(second.succeeded)
        #expect(cache.lastReport.filesParsed == 1)
        #expect(cache.lastReport.bodiesRendered == 1)
        #expect(cache.lastReport.pagesRendered == 1)
        let html = try String(contentsOf: output.appendingPathComponent("bijeenkomsten/juni-2017/index.html"), encoding: .utf8)
        #expect(html.contains("Een nieuwe alinea."))
        // A front-matter change renders everything again.
        try (text.replacingOccurrences(of: "title: BJ42 juni 2017", with: "title: BJ42 in juni 2017")).write(to: meeting, atomically: false, encoding: .utf8)
        let third = BuildPipeline.run(options, cache: cache)
        #expect(third.succeeded)
        #expect(cache.lastReport.pagesRendered == first.pageCount - 1)
        // The incremental output equals a full build's.
        #expect(s.run(["build", "--now", "2026-12-01", "--output", "full"]).status == 0)
        #expect(s.snapshot("preview") == s.snapshot("full"))
    }
}

@Suite struct FilterCommandTests {
    @Test func markdownFromStdinAndFile() throws {
        let s = try site()
        let gfm = s.run(["markdown"], stdin: "~~weg~~ en <b>vet</b>\n\n| a |\n| - |\n| b |\n")
        #expect(gfm.status == 0)
        #expect(gfm.stdout.contains("<del>weg</del>"))
        #expect(gfm.stdout.contains("<b>vet</b>"))
        #expect(gfm.stdout.contains("<table>"))
        let plain = s.run(["markdown", "--commonmark"], stdin: "~~weg~~\n")
        #expect(plain.stdout == "<p>~~weg~~</p>\n")
        try s.write("doc.md", "# Kop\n")
        #expect(s.run(["markdown", "doc.md"]).stdout == "<h1>Kop</h1>\n")
        let missing = s.run(["markdown", "nope.md"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "nope.md:1:1: error: no such file\n")
        #expect(s.run(["markdown", "a.md", "b.md"]).status == 2)
    }

    @Test func yamlToJSONWithErrorsAtTheirPlace() throws {
        let s = try site()
        let ok = s.run(["yaml"], stdin: "b: 1\na: [x, \"y, z\"]\n---\n- 14:00\n- 2017-06-16\n")
        #expect(ok.status == 0)
        #expect(ok.stdout == "{\n  \"b\": 1,\n  \"a\": [\n    \"x\",\n    \"y, z\"\n  ]\n}\n[\n  \"14:00\",\n  \"2017-06-16\"\n]\n")
        let bad = s.run(["yaml"], stdin: "title: x\ntitle: y\n")
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("<stdin>:2:1: error: duplicate key 'title'"))
        let inf = s.run(["yaml"], stdin: "a: .inf\n")
        #expect(inf.status == 1)
        #expect(inf.stderr.hasPrefix("<stdin>:1:4: error: "))
        try s.write("x.yaml", bytes: [0x61, 0x3A, 0x20, 0xFF, 0x0A])
        #expect(s.run(["yaml", "x.yaml"]).stderr == "x.yaml:1:1: error: the input is not valid UTF-8 text\n")
    }
}

@Suite struct FollowUpErrorTests {
    @Test func aSingleTextWhereAListBelongsIsAListOfOne() throws {
        let s = try site(["content/regios/ijsselland.md": "---\ntitle: IJsselland\ncode: JZ11\nmunicipalities: Zwolle\nprovinces: Overijssel\nlat: 52.5\nlon: 6.1\n---\n"])
        let run = s.build()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try #require(s.output("regios/ijsselland/index.html")).contains("n=1"))
    }

    @Test func aSecondTrekkerIsOneErrorNotATemplateError() throws {
        let s = try site(["content/trekkers/piet.md": "---\ntitle: Piet\nregion: twente\n---\n"])
        let run = s.build()
        #expect(run.diagnostics.filter { $0.contains(": error: ") } == [
            "content/trekkers/piet.md:3:9: error: the region 'twente' already has a trekker: content/trekkers/jan-de-vries.md; a region has at most one trekker",
        ])
    }

    @Test func aWrongThemeIsOneError() throws {
        let s = try site(["content/site.yaml": baseSite["content/site.yaml"]!.replacingOccurrences(of: "theme: test", with: "theme: tset")])
        let run = s.build()
        #expect(run.diagnostics.filter { $0.contains(": error: ") } == [
            "content/site.yaml:1:1: error: the theme 'tset' has no folder themes/tset/templates/ (did you mean 'test'?)",
        ])
    }

    @Test func aFileWithoutFrontMatterStillExistsAsASlug() throws {
        let s = try site(["content/themas/jeugdhulp.md": "Specialistische jeugdhulp\n"])
        let run = s.build()
        #expect(run.diagnostics.filter { $0.contains(": error: ") } == ["content/themas/jeugdhulp.md:1:1: error: this file has no front matter"])
    }

    @Test func linksToDraftsAndDatesInTheWrongForm() throws {
        let s = try site([
            "content/paginas/concept.md": "---\ntitle: Concept\ndraft: true\n---\n",
            "content/paginas/contact.md": "---\ntitle: Contact\n---\nZie [concept](/concept/).\n",
            "content/nieuws/start.md": "---\ntitle: Start\ndate: 03-10-2016\n---\n",
        ])
        let run = s.build()
        #expect(run.diagnostics.contains("content/paginas/contact.md:4:5: error: the link /concept/ leads to a draft, which this build leaves out (publish it, or build with --drafts)"))
        #expect(run.diagnostics.contains("content/nieuws/start.md:3:7: error: 'date' must be a date written YYYY-MM-DD, found '03-10-2016'"))
    }

    @Test func missingAttachmentIsReportedAtItsFile() throws {
        let s = try site(["content/bijeenkomsten/maart-2027.md": "---\ntitle: M\ndate: 2027-03-10\nattachments:\n  - title: Agenda\n    file: docs/agenda.pdf\n---\n"])
        let run = s.build()
        #expect(run.diagnostics.contains("content/bijeenkomsten/maart-2027.md:6:11: error: no file content/static/docs/agenda.pdf"))
    }
}

@Suite struct AliasTests {
    @Test func anAliasOnAPageIsReportedAtTheAlias() throws {
        let s = try site(["content/nieuws/start.md": "---\ntitle: Start\ndate: 2016-10-03\naliases:\n  - /contact/\n---\n"])
        let run = s.build()
        #expect(run.diagnostics.contains("content/nieuws/start.md:5:5: error: /contact/ would be written twice: by content/paginas/contact.md and by the alias '/contact/' in content/nieuws/start.md"))
    }

    @Test func anAliasThatLeavesTheSiteIsRefused() throws {
        let s = try site(["content/nieuws/start.md": "---\ntitle: Start\ndate: 2016-10-03\naliases: [/../../etc/]\n---\n"])
        let run = s.build()
        #expect(run.diagnostics.contains("content/nieuws/start.md:4:11: error: the alias '/../../etc/' has a '.' or '..' part; write a site path such as /oud/adres/"))
    }
}

@Suite struct IncrementalLinkCheckTests {
    @Test func linksIntoAChangedPageAreCheckedAgain() throws {
        let s = try site(["content/paginas/contact.md": "---\ntitle: Contact\n---\nZie [de besluiten](/bijeenkomsten/juni-2017/#besluiten).\n"])
        let options = BuildOptions(sourceDirectory: s.root, outputDirectory: s.root.appendingPathComponent("preview"),
                                   today: SiteDate(year: 2026, month: 12, day: 1)!)
        let cache = BuildCache()
        #expect(BuildPipeline.run(options, cache: cache).succeeded)
        // Renaming the heading breaks the anchor another page links to.
        let meeting = s.root.appendingPathComponent("content/bijeenkomsten/juni-2017.md")
        let text = try String(contentsOf: meeting, encoding: .utf8)
        try text.replacingOccurrences(of: "## Besluiten", with: "## Afspraken").replacingOccurrences(of: "(#besluiten)", with: "(#afspraken)")
            .write(to: meeting, atomically: false, encoding: .utf8)
        let broken = BuildPipeline.run(options, cache: cache)
        #expect(broken.errorCount == 1)
        #expect(broken.diagnostics.map(\.headline).contains("content/paginas/contact.md:4:5: error: the link /bijeenkomsten/juni-2017/#besluiten points at '#besluiten', which is no heading or id on /bijeenkomsten/juni-2017/"))
        // Mending the link in the page itself clears it, and the result equals a full check.
        try "---\ntitle: Contact\n---\nZie [de afspraken](/bijeenkomsten/juni-2017/#afspraken).\n".write(
            to: s.root.appendingPathComponent("content/paginas/contact.md"), atomically: false, encoding: .utf8)
        let mended = BuildPipeline.run(options, cache: cache)
        #expect(mended.succeeded, "\(mended.diagnostics)")
        #expect(mended.diagnostics == BuildPipeline.run(options).diagnostics)
    }
}

@Suite struct StaticFileTests {
    @Test func staticFilesAreCopiedButLinksOutOfTheSiteAreNot() throws {
        let s = try site()
        try s.write("content/static/docs/verslag.pdf", "%PDF-1.4")
        try s.write("themes/test/static/style.css", "body{}")
        try s.write("content/static/style.css", "main{}")
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("bj42-outside-\(UUID().uuidString)")
        try "geheim".write(to: outside, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createSymbolicLink(atPath: s.root.appendingPathComponent("content/static/lek.txt").path, withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(atPath: s.root.appendingPathComponent("content/static/kopie.pdf").path, withDestinationPath: "docs/verslag.pdf")
        let run = s.build()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(s.output("docs/verslag.pdf") == "%PDF-1.4")
        #expect(s.output("style.css") == "main{}") // the site's file wins over the theme's
        #expect(s.output("kopie.pdf") == "%PDF-1.4")
        #expect(s.output("lek.txt") == nil)
    }
}
