import Foundation
import RegionMap
import SourceText

/// What a build (or check) did.
public struct BuildResult: Sendable {
    /// Every error and warning, in report order (file, line, column).
    public var diagnostics: [Diagnostic]
    /// HTML pages rendered (alias pages and 404 included).
    public var pageCount: Int
    /// Files in the output (written, or that would be written by `check`).
    public var fileCount: Int
    /// Whether the output was written (always false for `check` and for a failed build).
    public var wroteOutput: Bool

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warningCount: Int { diagnostics.count - errorCount }
    public var succeeded: Bool { errorCount == 0 }
}

/// The build, as a list of stages: files → typed items → resolved site → pages → output.
public enum BuildPipeline {
    /// The templates the contract's table names; a theme must have all of them.
    static let requiredTemplates = ["home.html", "page.html", "regions.html", "region.html", "trekkers.html", "trekker.html",
                                    "themes.html", "theme.html", "meetings.html", "meeting.html", "news.html", "news_item.html", "404.html"]

    public static func run(_ options: BuildOptions) -> BuildResult {
        var diagnostics: [Diagnostic] = []
        func finish(_ plan: OutputPlan? = nil, wrote: Bool = false) -> BuildResult {
            BuildResult(diagnostics: diagnostics.sorted(by: Diagnostic.reportOrder), pageCount: plan?.pageCount ?? 0,
                        fileCount: plan?.fileCount ?? 0, wroteOutput: wrote)
        }

        // 1. Read and decode every file (the only reads).
        let loaded = ContentLoader.load(options)
        diagnostics += loaded.diagnostics
        guard let config = loaded.config else { return finish() }
        let themeFolder = "themes/\(config.theme)/templates"

        // 2. Resolve references before rendering: templates see items, not slugs.
        let (site, problems) = ReferenceResolver.resolve(loaded, config: config, options: options)
        diagnostics += problems

        // 3. Bodies to HTML, on all cores.
        let basePath = config.basePath
        let items = site.items
        let bodies = parallelMap(items.count, concurrent: options.concurrent) { i in
            RenderedBody.render(items[i].body, basePath: basePath)
        }
        let homeBody = site.home.map { RenderedBody.render($0.body, basePath: basePath) } ?? .empty

        // 4. The maps.
        let (regionMap, locators, mapProblems) = makeMaps(site, geoJSON: loaded.geoJSON)
        diagnostics += mapProblems

        // 5. Templates: parsed once, every error of every template at once.
        for name in requiredTemplates where loaded.templates[name] == nil && !loaded.templates.isEmpty {
            diagnostics.append(.error("\(themeFolder)/\(name)", .start, "missing template \(name): the theme needs it to render \(templatePurpose(name))"))
        }
        let (environment, templateProblems) = SiteRenderer.environment(templates: loaded.templates, config: config, themeFolder: themeFolder)
        diagnostics += templateProblems
        guard let environment else { return finish() }

        // 6. Pages through templates, on all cores.
        let context = RenderContext(site: site, bodies: bodies, homeBody: homeBody, locatorMaps: locators, regionMap: regionMap)
        let renderer = SiteRenderer(context: context, environment: environment, themeFolder: themeFolder, concurrent: options.concurrent)
        let jobs = renderer.jobs().filter { loaded.templates[$0.template] != nil }
        let (pages, renderProblems) = renderer.render(jobs)
        diagnostics += renderProblems

        // 7. Everything else the build writes, and the static files; collisions are errors.
        var plan = OutputPlan()
        for page in pages { plan.add(page) }
        addGeneratedFiles(to: &plan, site: site, bodies: bodies, jobs: jobs)
        for relative in loaded.staticFiles.keys.sorted() { plan.copy(relative, from: loaded.staticFiles[relative]!) }
        diagnostics += plan.diagnostics

        // 8. Links in bodies against the build as planned (so anchors from the theme count too).
        diagnostics += LinkChecker(plan: plan).check(site, bodies: bodies, homeBody: homeBody)

        // 9. Write atomically, only when nothing failed: a failed build leaves the output untouched.
        guard let output = options.outputDirectory, !diagnostics.contains(where: { $0.severity == .error }) else {
            return finish(plan)
        }
        do {
            try AtomicDirectoryWriter.write(plan, to: output)
        } catch {
            diagnostics.append(.error(SiteConfig.path, .start, error.description))
            return finish(plan)
        }
        return finish(plan, wrote: true)
    }

    private static func templatePurpose(_ name: String) -> String {
        switch name {
        case "home.html": return "the home page"
        case "404.html": return "the page for missing pages"
        case "page.html": return "pages"
        default: return "/\(name.dropLast(5))/ pages"
        }
    }

    private static func addGeneratedFiles(to plan: inout OutputPlan, site: ResolvedSite, bodies: [RenderedBody], jobs: [SiteRenderer.Job]) {
        let owner = "the build"
        func add(_ path: String, _ text: String) {
            plan.add(OutputFile(path: path, bytes: Array(text.utf8), owner: owner, ownerFile: SiteConfig.path))
        }
        let pagePermalinks = jobs.filter { $0.template != "404.html" }.map { site.permalink($0.urlPath) }
        add("sitemap.xml", Feeds.sitemap(permalinks: pagePermalinks))
        add("robots.txt", Feeds.robots(sitemapURL: site.permalink("/sitemap.xml")))
        add("nieuws/feed.xml", Feeds.atom(site: site, bodies: bodies))
        add("bijeenkomsten/bijeenkomsten.ics", Feeds.iCalendar(site: site))
        for item in site.items + (site.home.map { [$0] } ?? []) {
            for alias in item.aliases {
                let urlPath = alias.value.hasPrefix("/") ? alias.value : "/" + alias.value
                let file = OutputPath.file(forURLPath: urlPath)
                if let problem = OutputPath.problem(with: file) ?? (alias.value.contains("?") || alias.value.contains("#") || alias.value.contains("://") ? "is not a path on this site" : nil) {
                    plan.reject(.error(item.file, alias.location, "the alias '\(alias.value)' \(problem); write a site path such as /oud/adres/"))
                    continue
                }
                let target = item.collection == .pages && item.slug == "index" ? "/" : item.path
                plan.add(OutputFile(path: file, bytes: Array(Feeds.aliasPage(target: site.url(target), permalink: site.permalink(target),
                                                                             language: site.config.language).utf8),
                                    owner: "the alias '\(alias.value)' in \(item.file)", ownerFile: item.file))
            }
        }
    }

    /// The region map and the locator maps, from the regions and any GeoJSON.
    private static func makeMaps(_ site: ResolvedSite, geoJSON: [GeoJSONSource]) -> (String, [Int: String], [Diagnostic]) {
        let regionIndices = site.lists[.regions] ?? []
        var indexOfCode: [String: Int] = [:]
        let regions: [MapRegion] = regionIndices.compactMap { i in
            let item = site.items[i]
            guard let code = item.code?.value else { return nil }
            indexOfCode[code] = i
            return MapRegion(code: code, name: item.title, shortLabel: shortLabel(item.title), url: site.url(item.path),
                             latitude: item.latitude, longitude: item.longitude,
                             tile: item.tilePosition.map { TilePosition(column: $0.column, row: $0.row) },
                             isVacant: site.trekkerOfRegion[i] == nil)
        }
        let maps = RegionMapBuilder.build(regions: regions, geoJSON: geoJSON)
        var locators: [Int: String] = [:]
        for (code, svg) in maps.locators { if let i = indexOfCode[code] { locators[i] = svg } }
        let diagnostics = maps.diagnostics.map { d -> Diagnostic in
            Diagnostic(d.severity == .error ? .error : .warning, file: d.source ?? "content/regios", at: d.location ?? .start, d.message)
        }
        return (maps.overview, locators, diagnostics)
    }

    /// A tile label: the first three letters of a one-word name, else the initials of its words.
    static func shortLabel(_ name: String) -> String {
        let parts: [Substring] = name.split(whereSeparator: { (c: Character) in !c.isLetter })
        let words = parts.filter { $0.count > 2 || $0.first!.isUppercase }
        guard words.count > 1 else {
            let word: Substring = words.first ?? Substring(name)
            return String(word.prefix(3)).uppercased()
        }
        return String(words.prefix(3).compactMap(\.first)).uppercased()
    }
}
