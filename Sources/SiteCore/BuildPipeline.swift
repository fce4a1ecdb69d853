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
    /// Wall time of each stage, in order: where a build spends its time.
    public var stageTimes: [(stage: String, duration: Duration)] = []

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warningCount: Int { diagnostics.count - errorCount }
    public var succeeded: Bool { errorCount == 0 }
}

/// The build, as a list of stages: files → typed items → resolved site → pages → output.
public enum BuildPipeline {
    /// The templates the contract's table names; a theme must have all of them.
    static let requiredTemplates = ["home.html", "page.html", "regions.html", "region.html", "trekkers.html", "trekker.html",
                                    "themes.html", "theme.html", "meetings.html", "meeting.html", "news.html", "news_item.html", "404.html"]

    /// Builds (or checks) the site. With a `cache` from the previous run (`bj42 serve`), only
    /// what changed is parsed, rendered and written again.
    public static func run(_ options: BuildOptions, cache: BuildCache? = nil) -> BuildResult {
        var diagnostics: [Diagnostic] = []
        cache?.lastReport = BuildCache.Report()
        let clock = ContinuousClock()
        var stageStart = clock.now
        var stageTimes: [(stage: String, duration: Duration)] = []
        func endStage(_ name: String) {
            let now = clock.now
            stageTimes.append((name, now - stageStart))
            stageStart = now
        }
        func finish(_ plan: OutputPlan? = nil, wrote: Bool = false) -> BuildResult {
            BuildResult(diagnostics: diagnostics.sorted(by: Diagnostic.reportOrder), pageCount: plan?.pageCount ?? 0,
                        fileCount: plan?.fileCount ?? 0, wroteOutput: wrote, stageTimes: stageTimes)
        }

        // 1. Read and decode every file (the only reads).
        let loaded = ContentLoader.load(options, cache: cache)
        diagnostics += loaded.diagnostics
        endStage("load")
        guard let config = loaded.config else { return finish() }
        let themeFolder = "themes/\(config.theme)/templates"

        // 2. Resolve references before rendering: templates see items, not slugs.
        let (site, problems) = ReferenceResolver.resolve(loaded, config: config, options: options)
        diagnostics += problems
        endStage("resolve")

        // 3. Bodies to HTML, on all cores.
        let basePath = config.basePath
        let items = site.items
        let knownBodies = cache?.bodies ?? [:]
        let bodies = parallelMap(items.count, concurrent: options.concurrent) { i in
            if let known = knownBodies[items[i].key], known.text == items[i].body { return known.body }
            return RenderedBody.render(items[i].body, basePath: basePath)
        }
        let homeBody = site.home.map { RenderedBody.render($0.body, basePath: basePath) } ?? .empty
        if let cache {
            cache.lastReport.bodiesRendered = items.indices.filter { knownBodies[items[$0].key]?.text != items[$0].body }.count
            cache.bodies = Dictionary(items.indices.map { (items[$0].key, (items[$0].body, bodies[$0])) }, uniquingKeysWith: { a, _ in a })
        }
        endStage("markdown")

        // 4. The maps.
        let (regionMap, locators, mapProblems) = makeMaps(site, geoJSON: loaded.geoJSON)
        diagnostics += mapProblems
        endStage("map")

        // 5. Templates: parsed once, every error of every template at once. Without any (a wrong
        // `theme:`), stop here: every page would fail for the same reason.
        guard !loaded.templates.isEmpty else {
            if !diagnostics.contains(where: { $0.message.contains("has no folder themes/") }) {
                diagnostics.append(.error(SiteConfig.path, .start, "the theme '\(config.theme)' has no templates in themes/\(config.theme)/templates/"))
            }
            return finish()
        }
        for name in requiredTemplates where loaded.templates[name] == nil {
            diagnostics.append(.error("\(themeFolder)/\(name)", .start, "missing template \(name): the theme needs it to render \(templatePurpose(name))"))
        }
        let (environment, templateProblems) = SiteRenderer.environment(templates: loaded.templates, config: config, themeFolder: themeFolder)
        diagnostics += templateProblems
        endStage("templates")
        guard let environment else { return finish() }

        // 6. Pages through templates, on all cores.
        let context = RenderContext(site: site, bodies: bodies, homeBody: homeBody, locatorMaps: locators, regionMap: regionMap)
        let renderer = SiteRenderer(context: context, environment: environment, themeFolder: themeFolder, concurrent: options.concurrent)
        let jobs = renderer.jobs().filter { loaded.templates[$0.template] != nil }
        let pages: [OutputFile]
        var reuseGeneratedFiles = false
        var rerenderedPages: Set<String>?
        if let cache {
            let (reused, renderProblems, sameStructure, changedBodies, rerendered) = renderReusing(cache, jobs: jobs, renderer: renderer, loaded: loaded, site: site, options: options)
            pages = reused
            diagnostics += renderProblems
            reuseGeneratedFiles = sameStructure && !changedBodies.contains { $0 >= 0 && site.items[$0].collection == .news }
            rerenderedPages = sameStructure && renderProblems.isEmpty ? rerendered : nil
        } else {
            let (rendered, renderProblems) = renderer.render(jobs)
            pages = rendered.map(\.0)
            diagnostics += renderProblems
        }
        endStage("render")

        // 7. Everything else the build writes, and the static files; collisions are errors.
        var plan = OutputPlan()
        for page in pages { plan.add(page) }
        if reuseGeneratedFiles, let files = cache?.generatedFiles {
            for file in files { plan.add(file) }
        } else {
            var generated = OutputPlan()
            addGeneratedFiles(to: &generated, site: site, bodies: bodies, jobs: jobs)
            let files = generated.generatedPaths.map { generated.file($0)! }
            for file in files { plan.add(file) }
            for d in generated.diagnostics { plan.reject(d) }
            cache?.generatedFiles = generated.diagnostics.isEmpty ? files : nil
        }
        for relative in loaded.staticFiles.keys.sorted() { plan.copy(relative, from: loaded.staticFiles[relative]!) }
        diagnostics += plan.diagnostics
        endStage("plan")

        // 8. Links in bodies against the build as planned (so anchors from the theme count too).
        let checker = LinkChecker(plan: plan, plannedPages: jobs.map(\.urlPath))
        if let cache, let rerenderedPages, var known = cache.linkDiagnostics {
            // Only bodies changed: check again the items on, or linking into, re-rendered pages.
            let recheck = LinkChecker.items(linkingInto: rerenderedPages, site: site, bodies: bodies, homeBody: homeBody)
            for i in recheck { known[i] = nil }
            known.merge(checker.check(site, bodies: bodies, homeBody: homeBody, only: recheck)) { $1 }
            cache.linkDiagnostics = known
            diagnostics += known.values.joined()
        } else {
            let found = checker.check(site, bodies: bodies, homeBody: homeBody)
            cache?.linkDiagnostics = found
            diagnostics += found.values.joined()
        }
        endStage("links")

        // 9. Write atomically, only when nothing failed: a failed build leaves the output untouched.
        guard let output = options.outputDirectory, !diagnostics.contains(where: { $0.severity == .error }) else {
            return finish(plan)
        }
        do {
            if let cache, let previous = cache.written, previous.directory == output {
                let (now, count) = try IncrementalWriter.update(plan, previous: previous)
                cache.written = now
                cache.lastReport.filesWritten = count
            } else {
                try AtomicDirectoryWriter.write(plan, to: output)
                if let cache {
                    cache.written = BuildCache.WrittenOutput(
                        directory: output, generated: Dictionary(uniqueKeysWithValues: plan.generatedPaths.map { ($0, plan.bytes($0)!) }),
                        copied: Dictionary(uniqueKeysWithValues: plan.copiedPaths.compactMap { p in FileStamp(path: plan.staticSource(p)!.source.path).map { (p, $0) } }))
                    cache.lastReport.filesWritten = plan.fileCount
                }
            }
        } catch {
            diagnostics.append(.error(SiteConfig.path, .start, error.description))
            return finish(plan)
        }
        endStage("write")
        return finish(plan, wrote: true)
    }

    /// Renders the pages, reusing those of the previous run when only bodies changed: then a page
    /// is rendered again only when it showed a body that changed.
    private static func renderReusing(_ cache: BuildCache, jobs: [SiteRenderer.Job], renderer: SiteRenderer,
                                      loaded: LoadedSite, site: ResolvedSite, options: BuildOptions)
        -> (pages: [OutputFile], problems: [Diagnostic], sameStructure: Bool, changedBodies: Set<Int>, rerendered: Set<String>) {
        let shape = { (item: ContentItem) in BuildCache.ItemShape(key: item.key, file: item.file, frontMatter: item.frontMatter) }
        let structure = BuildCache.Structure(
            config: site.config.raw, baseURL: site.config.baseURL, today: options.today, templates: loaded.templates,
            items: site.items.map(shape), home: site.home.map(shape), staticPaths: loaded.staticFiles.keys.sorted(),
            geoJSON: loaded.geoJSON.map { $0.name + "\u{0}" + $0.text })
        let bodyTexts = site.items.map(\.body) + [site.home?.body ?? ""]
        var toRender = jobs.indices.map { $0 }
        var kept: [Int: OutputFile] = [:]
        var changed = Set<Int>()
        let sameStructure = cache.previousRender?.structure == structure
        if let previous = cache.previousRender, sameStructure {
            for (i, text) in bodyTexts.enumerated() where previous.bodyTexts[i] != text { changed.insert(i == site.items.count ? -1 : i) }
            toRender = []
            for (j, job) in jobs.enumerated() {
                if let old = previous.pages[job.urlPath], old.bodiesShown.isDisjoint(with: changed) {
                    kept[j] = old.file
                } else {
                    toRender.append(j)
                }
            }
        }
        let (rendered, problems) = renderer.render(toRender.map { jobs[$0] }, recordBodies: true)
        var pages: [String: (file: OutputFile, bodiesShown: Set<Int>)] = [:]
        for (j, file) in kept { pages[jobs[j].urlPath] = (file, cache.previousRender!.pages[jobs[j].urlPath]!.bodiesShown) }
        var byPath: [String: (OutputFile, Set<Int>)] = [:]
        for r in rendered { byPath[r.0.path] = r }
        for j in toRender {
            if let r = byPath[OutputPath.file(forURLPath: jobs[j].urlPath)] { pages[jobs[j].urlPath] = (r.0, r.1) }
        }
        cache.lastReport.pagesRendered = rendered.count
        cache.previousRender = problems.isEmpty ? BuildCache.PreviousRender(structure: structure, pages: pages, bodyTexts: bodyTexts) : nil
        return (jobs.compactMap { pages[$0.urlPath]?.file }, problems, sameStructure, changed, Set(toRender.map { jobs[$0].urlPath }))
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
                                    owner: "the alias '\(alias.value)' in \(item.file)", ownerFile: item.file, ownerLocation: alias.location))
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
        let options = MapOptions(labels: site.config.language == "en" ? .english : .dutch)
        let maps = RegionMapBuilder.build(regions: regions, geoJSON: geoJSON, options: options)
        var locators: [Int: String] = [:]
        for (code, svg) in maps.locators { if let i = indexOfCode[code] { locators[i] = svg } }
        // A problem with one region is reported in that region's file; one with the map as a whole
        // in the first GeoJSON file.
        let diagnostics = maps.diagnostics.map { d -> Diagnostic in
            let file = d.source ?? d.regionCode.flatMap { indexOfCode[$0] }.map { site.items[$0].file }
                ?? geoJSON.first?.name ?? "content/kaart"
            return Diagnostic(d.severity == .error ? .error : .warning, file: file, at: d.location ?? .start, d.message)
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
