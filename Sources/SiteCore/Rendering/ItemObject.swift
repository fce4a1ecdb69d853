import Templates
import YAML

/// The values every template sees that do not depend on the page: built once per build.
final class RenderContext: Sendable {
    let site: ResolvedSite
    /// Per item index: its body as HTML, toc and links.
    let bodies: [RenderedBody]
    let homeBody: RenderedBody
    /// Per region index: its locator map (safe HTML).
    let locatorMaps: [Int: String]
    let regionMap: String

    init(site: ResolvedSite, bodies: [RenderedBody], homeBody: RenderedBody, locatorMaps: [Int: String], regionMap: String) {
        self.site = site
        self.bodies = bodies
        self.homeBody = homeBody
        self.locatorMaps = locatorMaps
        self.regionMap = regionMap
    }

    func object(_ index: Int) -> TemplateValue { .object(ItemObject(context: self, index: index)) }

    func objects(_ indices: [Int]?) -> TemplateValue { .list((indices ?? []).map(object)) }
}

/// A content item as templates see it: every front-matter key, the typed keys as typed
/// values, and references resolved on demand (so `region.trekker.region` needs no cycle).
struct ItemObject: TemplateObject {
    let context: RenderContext
    /// An index into `site.items`; -1 is the home page (`paginas/index.md`).
    let index: Int

    var item: ContentItem { index >= 0 ? context.site.items[index] : context.site.home! }
    private var body: RenderedBody { index >= 0 ? context.bodies[index] : context.homeBody }

    var identity: String { index >= 0 ? item.key : "home" }

    var attributeNames: [String] {
        var names = ["title", "slug", "url", "permalink", "content", "toc", "kind"]
        if case .mapping(let pairs)? = item.frontMatter?.value {
            for pair in pairs { if case .string(let key) = pair.key.value, !names.contains(key), !isAbsent(key) { names.append(key) } }
        }
        switch item.collection {
        case .regions: names += ["trekker", "meetings", "news", "locator_map"]
        case .trekkers: names += ["region"]
        case .themes: names += ["meetings", "news"]
        case .meetings: names += ["host_region", "themes", "regions", "upcoming"]
        case .news: names += ["themes", "regions"]
        case .pages: break
        }
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }

    /// A key that is written but empty (`summary:`) counts as absent: undefined in templates.
    private func isAbsent(_ key: String) -> Bool {
        guard case .mapping(let pairs)? = item.frontMatter?.value else { return true }
        for pair in pairs where pair.key.value == .string(key) {
            if case .null = pair.value.value { return true }
            return false
        }
        return true
    }

    func attribute(_ name: String) -> TemplateValue? {
        let site = context.site
        let item = self.item
        switch name {
        case "title": return .string(item.title)
        case "slug": return .string(item.slug)
        case "kind": return .string(index >= 0 ? item.collection.itemKind : "home")
        case "url": return .string(site.url(index >= 0 ? item.path : "/"))
        case "permalink": return .string(site.permalink(index >= 0 ? item.path : "/"))
        case "content":
            BodyAccessRecorder.note(index)
            return .safe(body.html)
        case "toc":
            BodyAccessRecorder.note(index)
            return .list(body.toc.map { .map(TemplateMap([("level", .int($0.level)), ("title", .string($0.text)), ("id", .string($0.id))])) })
        case "date": return item.date.map { .date($0.templateDate) }
        case "since": return item.since.map { .date($0.templateDate) }
        case "draft": return .bool(item.draft)
        case "aliases": return isAbsent("aliases") ? nil : .list(item.aliases.map { .string($0.value) })
        default: break
        }
        switch item.collection {
        case .regions:
            switch name {
            case "municipalities": return item.municipalities.map { .list($0.map(TemplateValue.string)) }
            case "provinces": return item.provinces.map { .list($0.map(TemplateValue.string)) }
            case "trekker": return site.trekkerOfRegion[index].map(context.object) ?? TemplateValue.none
            case "meetings": return context.objects(site.meetingsOfRegion[index])
            case "news": return context.objects(site.newsOfRegion[index])
            case "locator_map": return .safe(context.locatorMaps[index] ?? "")
            default: break
            }
        case .trekkers:
            if name == "region" { return site.regionOfTrekker[index].map(context.object) ?? TemplateValue.none }
        case .themes:
            if name == "meetings" { return context.objects(site.meetingsOfTheme[index]) }
            if name == "news" { return context.objects(site.newsOfTheme[index]) }
        case .meetings:
            switch name {
            case "host_region": return site.hostOfMeeting[index].map(context.object) ?? TemplateValue.none
            case "themes": return context.objects(site.themesOfItem[index])
            case "regions": return context.objects(site.regionsOfItem[index])
            case "upcoming": return .bool(site.isUpcoming(item))
            case "attachments":
                return isAbsent("attachments") ? nil : .list(item.attachments.map {
                    .map(TemplateMap([("title", .string($0.value.title)), ("file", .string($0.value.file))]))
                })
            default: break
            }
        case .news:
            if name == "themes" { return context.objects(site.themesOfItem[index]) }
            if name == "regions" { return context.objects(site.regionsOfItem[index]) }
        case .pages:
            break
        }
        // Every other front-matter key as written.
        guard case .mapping(let pairs)? = item.frontMatter?.value else { return nil }
        for pair in pairs where pair.key.value == .string(name) {
            if case .null = pair.value.value { return nil }
            return TemplateValue(yaml: pair.value)
        }
        return nil
    }
}

extension SiteDate {
    var templateDate: TemplateDate { TemplateDate(year: year, month: month, day: day) }
}

extension TemplateValue {
    /// A YAML value as a template value (front matter and site.yaml keys without a typed meaning).
    init(yaml node: YAMLNode) {
        switch node.value {
        case .null: self = .none
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .float(let f): self = .double(f)
        case .string(let s): self = .string(s)
        case .sequence(let items): self = .list(items.map(TemplateValue.init(yaml:)))
        case .mapping(let pairs):
            var map = TemplateMap()
            for pair in pairs {
                if case .string(let key) = pair.key.value { map[key] = TemplateValue(yaml: pair.value) }
            }
            self = .map(map)
        }
    }
}
