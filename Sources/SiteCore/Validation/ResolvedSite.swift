import Foundation
import SourceText

/// The site after references are resolved: items by index, relations as index lists in the
/// contract's order, and what would be written where. Immutable; shared by every render.
public final class ResolvedSite: Sendable {
    public let config: SiteConfig
    public let today: SiteDate
    /// Published items (drafts left out unless `--drafts`), sorted by collection, then slug.
    public let items: [ContentItem]
    /// `paginas/index.md`, the home page body, if any (not in `items`).
    public let home: ContentItem?
    /// Paths of items left out because of their errors: links to them are no further error.
    public let withheldPaths: [String]
    /// Paths of drafts left out of this build, to explain links to them.
    public let draftPaths: [String]

    /// Per collection: item indices in the contract's order for `site.*` lists.
    let lists: [ContentCollection: [Int]]
    let upcomingMeetings: [Int]
    let pastMeetings: [Int]

    let trekkerOfRegion: [Int: Int]
    let regionOfTrekker: [Int: Int]
    let meetingsOfRegion: [Int: [Int]]
    let newsOfRegion: [Int: [Int]]
    let meetingsOfTheme: [Int: [Int]]
    let newsOfTheme: [Int: [Int]]
    let hostOfMeeting: [Int: Int]
    let themesOfItem: [Int: [Int]]
    let regionsOfItem: [Int: [Int]]

    init(config: SiteConfig, today: SiteDate, items: [ContentItem], home: ContentItem?, withheldPaths: [String], draftPaths: [String],
         lists: [ContentCollection: [Int]], upcomingMeetings: [Int], pastMeetings: [Int],
         trekkerOfRegion: [Int: Int], regionOfTrekker: [Int: Int], meetingsOfRegion: [Int: [Int]], newsOfRegion: [Int: [Int]],
         meetingsOfTheme: [Int: [Int]], newsOfTheme: [Int: [Int]], hostOfMeeting: [Int: Int],
         themesOfItem: [Int: [Int]], regionsOfItem: [Int: [Int]]) {
        self.config = config
        self.today = today
        self.items = items
        self.home = home
        self.withheldPaths = withheldPaths
        self.draftPaths = draftPaths
        self.lists = lists
        self.upcomingMeetings = upcomingMeetings
        self.pastMeetings = pastMeetings
        self.trekkerOfRegion = trekkerOfRegion
        self.regionOfTrekker = regionOfTrekker
        self.meetingsOfRegion = meetingsOfRegion
        self.newsOfRegion = newsOfRegion
        self.meetingsOfTheme = meetingsOfTheme
        self.newsOfTheme = newsOfTheme
        self.hostOfMeeting = hostOfMeeting
        self.themesOfItem = themesOfItem
        self.regionsOfItem = regionsOfItem
    }

    /// The served URL of a site-relative path: the base path added (`/bj42/regios/twente/`).
    public func url(_ path: String) -> String { config.basePath + path }

    /// The absolute URL of a site-relative path.
    public func permalink(_ path: String) -> String { config.origin + config.basePath + path }

    public func isUpcoming(_ item: ContentItem) -> Bool {
        guard let date = item.date else { return false }
        return date >= today
    }

    /// Items of a collection in the contract's order.
    public func list(_ collection: ContentCollection) -> [ContentItem] {
        (lists[collection] ?? []).map { items[$0] }
    }
}

/// Sort orders of the contract ("Details that are fixed").
enum ItemOrder {
    /// Title folded for sorting: case and accents ignored.
    static func titleKey(_ title: String) -> [UInt8] {
        // ASCII titles, the common case, need no Foundation folding (slow on Linux).
        if title.utf8.allSatisfy({ $0 < 0x80 }) {
            return title.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }
        }
        return Array(title.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).utf8)
    }

    /// Weighted items first (lower first), then by folded title, then slug.
    static func byWeight(_ items: [ContentItem], _ keys: [[UInt8]]) -> (Int, Int) -> Bool {
        return { a, b in
            switch (items[a].weight, items[b].weight) {
            case let (wa?, wb?) where wa != wb: return wa < wb
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
            return titleThenSlug(items, keys, a, b)
        }
    }

    /// By date, newest first (or soonest first when `ascending`), then title, then slug.
    static func byDate(_ items: [ContentItem], _ keys: [[UInt8]], ascending: Bool = false) -> (Int, Int) -> Bool {
        return { a, b in
            let da = items[a].date, db = items[b].date
            if da != db {
                guard let da else { return false }
                guard let db else { return true }
                return ascending ? da < db : da > db
            }
            return titleThenSlug(items, keys, a, b)
        }
    }

    private static func titleThenSlug(_ items: [ContentItem], _ keys: [[UInt8]], _ a: Int, _ b: Int) -> Bool {
        if keys[a] != keys[b] { return keys[a].lexicographicallyPrecedes(keys[b]) }
        if items[a].slug != items[b].slug { return Array(items[a].slug.utf8).lexicographicallyPrecedes(Array(items[b].slug.utf8)) }
        return items[a].collection < items[b].collection
    }
}
