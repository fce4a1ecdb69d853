import SourceText
import YAML

/// A value from front matter together with where it was written.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var location: SourceLocation
    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

/// A document attached to a meeting (`attachments: [{title, file}]`).
public struct Attachment: Sendable {
    public var title: String
    /// Relative to `content/static/`, as written.
    public var file: String
}

/// One content file, decoded and type-checked: the typed content model.
///
/// Fields that the contract defines are typed here; `frontMatter` keeps the whole mapping
/// so that templates see every key (also ones this version does not know).
public struct ContentItem: Sendable {
    public var collection: ContentCollection
    /// The slug that takes effect (the `slug:` key, else the file name).
    public var slug: String
    /// Site-relative path of the source: `content/regios/twente.md`.
    public var file: String
    public var frontMatter: YAMLNode?
    /// The file had errors: it still exists as a slug (so references to it do not cascade into
    /// errors), but it is not rendered, listed or linked.
    public var hasErrors = false
    public var body: String
    /// Lines before the body's first line in the file (to turn body positions into file positions).
    public var bodyLineOffset: Int

    // Common keys.
    public var title: String
    public var summary: String?
    public var date: SiteDate?
    public var draft: Bool
    public var weight: Int?
    public var aliases: [Located<String>]

    // regios
    public var code: Located<String>?
    public var provinces: [String]?
    public var municipalities: [String]?
    public var website: String?
    public var tilePosition: (column: Int, row: Int)?
    public var latitude: Double?
    public var longitude: Double?

    // trekkers
    public var region: Located<String>?
    public var role: String?
    public var municipality: String?
    public var email: String?
    public var phone: String?
    public var photo: Located<String>?
    public var since: SiteDate?

    // bijeenkomsten (and nieuws: themes, regions)
    public var start: SiteTime?
    public var end: SiteTime?
    public var location: String?
    public var hostRegion: Located<String>?
    public var themes: [Located<String>]
    public var regions: [Located<String>]
    public var attachments: [Located<Attachment>]

    init(collection: ContentCollection, slug: String, file: String) {
        self.collection = collection
        self.slug = slug
        self.file = file
        self.frontMatter = nil
        self.body = ""
        self.bodyLineOffset = 0
        self.title = ""
        self.draft = false
        self.aliases = []
        self.themes = []
        self.regions = []
        self.attachments = []
    }

    /// The item's site-relative path (without the base path): `/regios/twente/`.
    public var path: String { collection.path(ofSlug: slug) }

    /// A stable key across collections: `regios/twente`.
    public var key: String { "\(collection.rawValue)/\(slug)" }
}
