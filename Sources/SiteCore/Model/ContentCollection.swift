/// The content folders of the contract, with what each is called in URLs and templates.
public enum ContentCollection: String, CaseIterable, Sendable, Comparable {
    case pages = "paginas"
    case regions = "regios"
    case trekkers = "trekkers"
    case themes = "themas"
    case meetings = "bijeenkomsten"
    case news = "nieuws"

    /// The folder under `content/`.
    public var folder: String { rawValue }

    /// `page.kind` of an item of this collection.
    public var itemKind: String {
        switch self {
        case .pages: return "page"
        case .regions: return "region"
        case .trekkers: return "trekker"
        case .themes: return "theme"
        case .meetings: return "meeting"
        case .news: return "news_item"
        }
    }

    /// `page.kind` of the collection's index page (pages have none).
    public var indexKind: String? {
        switch self {
        case .pages: return nil
        case .regions: return "regions"
        case .trekkers: return "trekkers"
        case .themes: return "themes"
        case .meetings: return "meetings"
        case .news: return "news"
        }
    }

    /// The Dutch title of the index page (content-model.md, "Details that are fixed").
    public var indexTitle: String {
        switch self {
        case .pages: return ""
        case .regions: return "Regio's"
        case .trekkers: return "Trekkers"
        case .themes: return "Thema's"
        case .meetings: return "Bijeenkomsten"
        case .news: return "Nieuws"
        }
    }

    /// The template of one item, and of the index.
    public var itemTemplate: String {
        switch self {
        case .pages: return "page.html"
        case .regions: return "region.html"
        case .trekkers: return "trekker.html"
        case .themes: return "theme.html"
        case .meetings: return "meeting.html"
        case .news: return "news_item.html"
        }
    }

    public var indexTemplate: String? {
        switch self {
        case .pages: return nil
        case .regions: return "regions.html"
        case .trekkers: return "trekkers.html"
        case .themes: return "themes.html"
        case .meetings: return "meetings.html"
        case .news: return "news.html"
        }
    }

    /// The site-relative path of an item: `/regios/twente/`, or `/contact/` for a page.
    public func path(ofSlug slug: String) -> String {
        self == .pages ? "/\(slug)/" : "/\(rawValue)/\(slug)/"
    }

    /// The index's path: `/regios/`.
    public var indexPath: String? { self == .pages ? nil : "/\(rawValue)/" }

    /// Collections are sorted in the order of `allCases`.
    public static func < (a: ContentCollection, b: ContentCollection) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The noun used in messages: "unknown region 'twnte'".
    var singularNoun: String {
        switch self {
        case .pages: return "page"
        case .regions: return "region"
        case .trekkers: return "trekker"
        case .themes: return "theme"
        case .meetings: return "meeting"
        case .news: return "news item"
        }
    }
}
