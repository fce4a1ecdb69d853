import Foundation
import SourceText
import Templates

/// One file of the output, in memory, with who produced it (for collision errors).
struct OutputFile: Sendable {
    var path: String
    var bytes: [UInt8]
    /// "content/paginas/regios.md" or "the regions index": names the producer in messages.
    var owner: String
    /// The file an error about this output is reported in, and where in it.
    var ownerFile: String
    var ownerLocation: SourceLocation = .start
}

/// Renders every page of the contract through the theme's templates.
struct SiteRenderer {
    let context: RenderContext
    let environment: TemplateEnvironment
    let themeFolder: String
    let concurrent: Bool

    /// Parses the theme's templates, with the site's `markdown` filter.
    static func environment(templates: [String: String], config: SiteConfig, themeFolder: String) -> (TemplateEnvironment?, [Diagnostic]) {
        let basePath = config.basePath
        let markdown: TemplateFilter = { input, _, _ throws(TemplateFilterError) in
            switch input {
            case .string(let s), .safe(let s): return .safe(RenderedBody.render(s, basePath: basePath).html)
            case .none: return .safe("")
            default: throw TemplateFilterError("markdown expects text")
            }
        }
        let options = TemplateOptions(language: config.language, baseURL: config.baseURL, filters: ["markdown": markdown])
        do {
            return (try TemplateEnvironment(templates: templates, options: options), [])
        } catch {
            return (nil, error.errors.map { diagnostic(from: $0, themeFolder: themeFolder) })
        }
    }

    static func diagnostic(from error: TemplateError, themeFolder: String) -> Diagnostic {
        var notes: [String] = []
        if let lineText = error.lineText {
            notes.append(SourceExcerpt.render(lineText: lineText, line: error.location.line, column: error.location.column))
        }
        return .error("\(themeFolder)/\(error.templateName)", error.location, error.message,
                      suggestion: error.suggestion, notes: notes)
    }

    /// A page to render: template, output path, `page`, and who owns it.
    struct Job: Sendable {
        var template: String
        var urlPath: String
        var page: TemplateValue
        var owner: String
        var ownerFile: String
    }

    func jobs() -> [Job] {
        let site = context.site
        var jobs: [Job] = []
        let homePage: TemplateValue
        if site.home != nil {
            homePage = .object(ItemObject(context: context, index: -1))
        } else {
            homePage = .map(TemplateMap([
                ("title", .string(site.config.title)), ("url", .string(site.url("/"))),
                ("permalink", .string(site.permalink("/"))), ("kind", .string("home")),
                ("content", .safe("")), ("toc", .list([])),
            ]))
        }
        jobs.append(Job(template: "home.html", urlPath: "/", page: homePage, owner: site.home?.file ?? "the home page",
                        ownerFile: site.home?.file ?? SiteConfig.path))
        for collection in ContentCollection.allCases {
            if let indexPath = collection.indexPath, let template = collection.indexTemplate, let kind = collection.indexKind {
                let page = TemplateValue.map(TemplateMap([
                    ("title", .string(collection.indexTitle)), ("url", .string(site.url(indexPath))),
                    ("permalink", .string(site.permalink(indexPath))), ("kind", .string(kind)),
                ]))
                jobs.append(Job(template: template, urlPath: indexPath, page: page,
                                owner: "the index of content/\(collection.folder)/", ownerFile: SiteConfig.path))
            }
        }
        for (i, item) in site.items.enumerated() {
            jobs.append(Job(template: item.collection.itemTemplate, urlPath: item.path, page: context.object(i),
                            owner: item.file, ownerFile: item.file))
        }
        jobs.append(Job(template: "404.html", urlPath: "/404.html", page: .none, owner: "the 404 page", ownerFile: SiteConfig.path))
        return jobs
    }

    /// The globals of every page but `page`.
    func globals() -> [String: TemplateValue] {
        let site = context.site
        var map = TemplateMap()
        if case .mapping(let pairs)? = site.config.raw?.value {
            for pair in pairs { if case .string(let key) = pair.key.value { map[key] = TemplateValue(yaml: pair.value) } }
        }
        let config = site.config
        map["title"] = .string(config.title)
        map["base_url"] = .string(config.baseURL)
        map["language"] = .string(config.language)
        map["theme"] = .string(config.theme)
        if let d = config.description { map["description"] = .string(d) }
        if let c = config.contact { map["contact"] = .string(c) }
        map["menu"] = .list(config.menu.map { item in
            let url = item.url.hasPrefix("/") && !item.url.hasPrefix("//") ? site.url(item.url) : item.url
            return .map(TemplateMap([("title", .string(item.title)), ("url", .string(url))]))
        })
        map["build_date"] = .date(site.today.templateDate)
        map["regions"] = context.objects(site.lists[.regions])
        map["trekkers"] = context.objects(site.lists[.trekkers])
        map["themes"] = context.objects(site.lists[.themes])
        map["meetings"] = context.objects(site.lists[.meetings])
        map["upcoming_meetings"] = context.objects(site.upcomingMeetings)
        map["past_meetings"] = context.objects(site.pastMeetings)
        map["news"] = context.objects(site.lists[.news])
        map["pages"] = context.objects(site.lists[.pages])
        return ["site": .map(map), "region_map": .safe(context.regionMap)]
    }

    /// Renders every job; template errors are reported once each, however many pages hit them.
    /// With `recordBodies`, also says for each page which items' bodies it showed.
    func render(_ jobs: [Job], recordBodies: Bool = false) -> ([(OutputFile, Set<Int>)], [Diagnostic]) {
        let globals = self.globals()
        let environment = self.environment
        let results = parallelMap(jobs.count, concurrent: concurrent) { i -> Result<(OutputFile, Set<Int>), TemplateError> in
            let job = jobs[i]
            var variables = globals
            variables["page"] = job.page
            func renderPage() -> Result<[UInt8], TemplateError> {
                do throws(TemplateError) { return .success(try environment.renderBytes(job.template, context: variables)) } catch { return .failure(error) }
            }
            let (result, shown) = recordBodies ? BodyAccessRecorder.recording(renderPage) : (renderPage(), [])
            return result.map {
                (OutputFile(path: OutputPath.file(forURLPath: job.urlPath), bytes: $0, owner: job.owner, ownerFile: job.ownerFile), shown)
            }
        }
        var files: [(OutputFile, Set<Int>)] = []
        var diagnostics = Set<Diagnostic>()
        for result in results {
            switch result {
            case .success(let file): files.append(file)
            case .failure(let error): diagnostics.insert(SiteRenderer.diagnostic(from: error, themeFolder: themeFolder))
            }
        }
        return (files, Array(diagnostics))
    }
}
