import Foundation
import SourceText
import YAML

/// `content/site.yaml`, type-checked.
public struct SiteConfig: Sendable {
    public var title: String
    /// As written, always ending in `/`: `https://bj42.example.nl/`.
    public var baseURL: String
    public var language: String
    public var theme: String
    public var description: String?
    public var contact: String?
    public var menu: [MenuItem]
    /// News items in the Atom feed (`feed_limit`, default 50): the newest ones.
    public var feedLimit: Int
    /// The whole mapping, so templates see every key (also keys this version does not know).
    public var raw: YAMLNode?

    public struct MenuItem: Sendable {
        public var title: String
        /// As written (`/regios/`); the base path is added when the site is rendered.
        public var url: String
    }

    static let path = "content/site.yaml"
    static let knownKeys = ["title", "base_url", "language", "theme", "description", "contact", "menu", "feed_limit"]
    /// The Atom feed's default length, as Hugo's `rssLimit` keeps feeds small on large sites.
    static let defaultFeedLimit = 50

    /// `scheme://host` of the base URL (no trailing slash).
    public var origin: String { BaseURL.origin(of: baseURL) }
    /// The base URL's path without the trailing slash: "" or `/bj42`.
    public var basePath: String { BaseURL.path(of: baseURL) }

    /// Decodes the settings; `baseURLOverride` is `--base-url`.
    static func decode(_ source: SourceFile, baseURLOverride: String?) -> (SiteConfig?, [Diagnostic]) {
        let file = source.path
        let root: YAMLNode
        do {
            root = try YAMLParser.parse(source.text)
        } catch {
            let lineText = LineIndex(source.text).text(ofLine: error.location.line)
            return (nil, [.error(file, error.location, error.message,
                notes: [SourceExcerpt.render(lineText: lineText, line: error.location.line, column: error.location.column)])])
        }
        guard case .mapping(let pairs) = root.value else {
            return (nil, [.error(file, root.location, "site.yaml must be keys with values (title, base_url, theme, ...)")])
        }
        var reader = FrontMatterReader(file: file, mapping: pairs, start: .start)
        reader.warnAboutUnknownKeys(knownKeys, collectionName: "site.yaml")
        let title = reader.string("title", required: true)
        let base = reader.string("base_url", required: true)
        let theme = reader.string("theme", required: true)
        let language = reader.string("language")
        let description = reader.string("description")?.value
        let contact = reader.string("contact")?.value
        var feedLimit = defaultFeedLimit
        if let node = reader.node("feed_limit"), let limit = reader.int(node, what: "'feed_limit'") {
            if limit < 1 {
                reader.diagnostics.append(.error(file, node.location, "'feed_limit' must be a positive whole number, found \(limit)"))
            } else {
                feedLimit = limit
            }
        }
        var menu: [MenuItem] = []
        if let node = reader.node("menu") {
            if case .sequence(let items) = node.value {
                for entry in items {
                    guard case .mapping(let entryPairs) = entry.value else {
                        reader.diagnostics.append(.error(file, entry.location, "each menu item must be {title: ..., url: ...}"))
                        continue
                    }
                    var itemReader = FrontMatterReader(file: file, mapping: entryPairs, start: entry.location)
                    itemReader.warnAboutUnknownKeys(["title", "url"], collectionName: "a menu item")
                    let t = itemReader.string("title", required: true)
                    let u = itemReader.string("url", required: true)
                    reader.diagnostics += itemReader.diagnostics
                    if let t, let u { menu.append(MenuItem(title: t.value, url: u.value)) }
                }
            } else {
                reader.diagnostics.append(.error(file, node.location, "'menu' must be a list of {title, url}"))
            }
        }
        var diagnostics = reader.diagnostics
        var baseURL = baseURLOverride ?? base?.value ?? ""
        if baseURLOverride == nil, let base, BaseURL.problem(with: base.value) != nil {
            diagnostics.append(.error(file, base.location, "'base_url' \(BaseURL.problem(with: base.value)!)"))
        }
        if !baseURL.hasSuffix("/") { baseURL += "/" }
        if let language, !["nl", "en"].contains(language.value) {
            diagnostics.append(.error(file, language.location, "'language' must be nl or en, found '\(language.value)'"))
        }
        if let theme, SlugRule.problem(with: theme.value.replacingOccurrences(of: "_", with: "-")) != nil {
            diagnostics.append(.error(file, theme.location, "'theme' must be the name of a folder under themes/, found '\(theme.value)'"))
        }
        guard let title, base != nil || baseURLOverride != nil, let theme, !diagnostics.contains(where: { $0.severity == .error }) else {
            return (nil, diagnostics)
        }
        return (SiteConfig(title: title.value, baseURL: baseURL, language: language?.value ?? "nl", theme: theme.value,
                           description: description, contact: contact, menu: menu, feedLimit: feedLimit, raw: root), diagnostics)
    }
}

/// Splitting `base_url` into origin and path.
public enum BaseURL {
    /// nil when `url` is an absolute http(s) URL; else what is wrong with it.
    public static func problem(with url: String) -> String? {
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            return "must be an absolute URL starting with https:// (or http://), found '\(url)'"
        }
        let rest = url.drop(while: { $0 != "/" }).dropFirst(2)
        if rest.isEmpty || rest.hasPrefix("/") { return "has no host name: '\(url)'" }
        if url.contains(" ") || url.contains("?") || url.contains("#") { return "must not contain spaces, '?' or '#': '\(url)'" }
        return nil
    }

    static func origin(of url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return "" }
        let afterScheme = url[schemeEnd.upperBound...]
        let hostEnd = afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex
        return String(url[..<hostEnd])
    }

    static func host(of url: String) -> String {
        let origin = origin(of: url)
        guard let schemeEnd = origin.range(of: "://") else { return origin }
        var host = String(origin[schemeEnd.upperBound...])
        if let at = host.lastIndex(of: "@") { host = String(host[host.index(after: at)...]) }
        if let colon = host.lastIndex(of: ":"), !host.hasSuffix("]") { host = String(host[..<colon]) }
        return host
    }

    static func path(of url: String) -> String {
        let origin = origin(of: url)
        var path = String(url.dropFirst(origin.count))
        while path.hasSuffix("/") { path.removeLast() }
        return path
    }
}
