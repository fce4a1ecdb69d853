import SourceText
import YAML

/// Turns one content file into a `ContentItem`: split, parse YAML, check every key's type.
enum ItemDecoder {
    static let commonKeys = ["title", "summary", "date", "draft", "weight", "aliases", "slug"]

    /// The keys the contract defines per collection (common keys included).
    static func knownKeys(_ collection: ContentCollection) -> [String] {
        switch collection {
        case .pages, .themes: return commonKeys
        case .regions: return commonKeys + ["code", "provinces", "municipalities", "website", "map", "lat", "lon"]
        case .trekkers: return commonKeys + ["region", "role", "municipality", "email", "phone", "photo", "since"]
        case .meetings: return commonKeys + ["start", "end", "location", "host_region", "themes", "regions", "attachments"]
        case .news: return commonKeys + ["themes", "regions"]
        }
    }

    struct Decoded {
        /// nil when the file could not be read as an item at all (no usable slug).
        var item: ContentItem?
        var diagnostics: [Diagnostic]
    }

    /// Decodes `file` (already read) of `collection`; `fileSlug` is the file name without `.md`.
    static func decode(_ source: SourceFile, collection: ContentCollection, fileSlug: String) -> Decoded {
        var decoded = decodeItem(source, collection: collection, fileSlug: fileSlug)
        if decoded.diagnostics.contains(where: { $0.severity == .error }) { decoded.item?.hasErrors = true }
        return decoded
    }

    private static func decodeItem(_ source: SourceFile, collection: ContentCollection, fileSlug: String) -> Decoded {
        var diagnostics: [Diagnostic] = []
        let path = source.path
        let front: FrontMatter
        switch FrontMatter.split(source.text) {
        case .success(let f): front = f
        case .failure(let problem):
            diagnostics.append(problem == .missing
                ? .error(path, .start, "this file has no front matter",
                         notes: ["a content file starts with a line '---', then keys such as 'title: ...', then another line '---'"])
                : .error(path, .start, "the front matter that starts here is never closed", notes: ["add a line '---' after the last key"]))
            // Still a slug, so that files naming it get no follow-up errors.
            var item = ContentItem(collection: collection, slug: fileSlug, file: path)
            item.title = fileSlug
            return Decoded(item: slugChecked(item, path: path, diagnostics: &diagnostics, slugNode: nil), diagnostics: diagnostics)
        }
        let start = SourceLocation(line: front.yamlLineOffset + 1, column: 1)
        var item = ContentItem(collection: collection, slug: fileSlug, file: path)
        item.body = front.body
        item.bodyLineOffset = front.bodyLineOffset

        // The YAML is parsed with blank lines in place of the lines above it, so that every
        // position (and every line number inside a message) is already the file's own.
        let yamlText = String(repeating: "\n", count: front.yamlLineOffset) + front.yaml
        let root: YAMLNode
        do {
            root = try YAMLParser.parse(yamlText)
        } catch {
            let lineText = LineIndex(yamlText).text(ofLine: error.location.line)
            diagnostics.append(.error(path, error.location, error.message,
                notes: [SourceExcerpt.render(lineText: lineText, line: error.location.line, column: error.location.column)]))
            // The file still exists as a slug, so references to it do not cascade into errors.
            item.title = fileSlug
            return Decoded(item: slugChecked(item, path: path, diagnostics: &diagnostics, slugNode: nil), diagnostics: diagnostics)
        }
        let mapping: [YAMLPair]
        switch root.value {
        case .mapping(let pairs): mapping = pairs
        case .null: mapping = []
        default:
            diagnostics.append(.error(path, root.location, "the front matter must be keys with values (such as 'title: ...'), not a list or a single value"))
            item.title = fileSlug
            return Decoded(item: slugChecked(item, path: path, diagnostics: &diagnostics, slugNode: nil), diagnostics: diagnostics)
        }
        item.frontMatter = root

        var reader = FrontMatterReader(file: path, mapping: mapping, start: start)
        reader.warnAboutUnknownKeys(knownKeys(collection), collectionName: collection.folder)

        item.title = reader.string("title", required: true)?.value ?? fileSlug
        item.summary = reader.string("summary")?.value
        let dateRequired = collection == .meetings || collection == .news
        item.date = reader.date("date", required: dateRequired)
        item.draft = reader.bool("draft") ?? false
        item.weight = reader.int("weight")
        item.aliases = reader.stringList("aliases") ?? []
        let slugNode = reader.string("slug")

        switch collection {
        case .pages, .themes:
            break
        case .regions:
            item.code = reader.string("code", required: true)
            item.provinces = reader.stringList("provinces")?.map(\.value)
            item.municipalities = reader.stringList("municipalities", required: true)?.map(\.value)
            item.website = reader.string("website")?.value
            item.latitude = reader.number("lat", range: -90...90)
            item.longitude = reader.number("lon", range: -180...180)
            if let node = reader.node("map") {
                item.tilePosition = tilePosition(node, reader: &reader)
            }
        case .trekkers:
            item.region = reader.slugReference("region", noun: "region", required: true)
            item.role = reader.string("role")?.value
            item.municipality = reader.string("municipality")?.value
            item.email = reader.string("email")?.value
            item.phone = reader.string("phone")?.value
            item.photo = reader.string("photo")
            item.since = reader.date("since")
        case .meetings:
            item.start = reader.time("start")
            item.end = reader.time("end")
            if let s = item.start, let e = item.end, e < s, let node = reader.node("end") {
                reader.diagnostics.append(.error(path, node.location, "'end' (\(e)) is before 'start' (\(s))"))
            }
            if item.end != nil, item.start == nil, let node = reader.node("end") {
                reader.diagnostics.append(.error(path, node.location, "'end' needs a 'start' time too"))
            }
            item.location = reader.string("location")?.value
            item.hostRegion = reader.slugReference("host_region", noun: "region")
            item.themes = reader.slugReferences("themes", noun: "theme")
            item.regions = reader.slugReferences("regions", noun: "region")
            item.attachments = attachments(&reader)
        case .news:
            item.themes = reader.slugReferences("themes", noun: "theme")
            item.regions = reader.slugReferences("regions", noun: "region")
        }
        diagnostics += reader.diagnostics
        return Decoded(item: slugChecked(item, path: path, diagnostics: &diagnostics, slugNode: slugNode), diagnostics: diagnostics)
    }

    /// Applies a `slug:` override and checks the slug that takes effect.
    private static func slugChecked(_ item: ContentItem, path: String, diagnostics: inout [Diagnostic], slugNode: Located<String>?) -> ContentItem? {
        var item = item
        if let slugNode {
            if let problem = SlugRule.problem(with: slugNode.value) {
                diagnostics.append(.error(path, slugNode.location, "the slug '\(slugNode.value)' \(problem)",
                    suggestion: SlugRule.suggestion(for: slugNode.value)))
                return nil
            }
            item.slug = slugNode.value
        } else if let problem = SlugRule.problem(with: item.slug) {
            let fixed = Slugifier.slugify(item.slug)
            diagnostics.append(.error(path, .start, "the file name gives the slug '\(item.slug)', which \(problem)",
                suggestion: fixed.isEmpty ? nil : "rename the file to '\(fixed).md', or add 'slug: \(fixed)'"))
            return nil
        }
        return item
    }

    private static func tilePosition(_ node: YAMLNode, reader: inout FrontMatterReader) -> (column: Int, row: Int)? {
        guard case .mapping(let pairs) = node.value else {
            reader.diagnostics.append(.error(reader.file, node.location, "'map' must be {col: N, row: N}, found \(reader.describe(node))"))
            return nil
        }
        var column: Int?
        var row: Int?
        for pair in pairs {
            guard case .string(let key) = pair.key.value else { continue }
            switch key {
            case "col": column = reader.int(pair.value, what: "'map.col'")
            case "row": row = reader.int(pair.value, what: "'map.row'")
            default:
                reader.diagnostics.append(.warning(reader.file, pair.key.location, "unknown key '\(key)' in 'map'",
                    suggestion: Suggestion.nearest(to: key, in: ["col", "row"]).map { "did you mean '\($0)'?" }))
            }
        }
        guard let column, let row else {
            if column == nil || row == nil {
                reader.diagnostics.append(.error(reader.file, node.location, "'map' needs both 'col' and 'row'"))
            }
            return nil
        }
        return (column, row)
    }

    private static func attachments(_ reader: inout FrontMatterReader) -> [Located<Attachment>] {
        guard let node = reader.node("attachments") else { return [] }
        guard case .sequence(let items) = node.value else {
            reader.diagnostics.append(.error(reader.file, node.location, "'attachments' must be a list of {title, file}, found \(reader.describe(node))"))
            return []
        }
        var result: [Located<Attachment>] = []
        for entry in items {
            guard case .mapping(let pairs) = entry.value else {
                reader.diagnostics.append(.error(reader.file, entry.location, "each attachment must have a 'title' and a 'file', found \(reader.describe(entry))"))
                continue
            }
            var title: String?
            var file: String?
            var fileLocation = entry.location
            for pair in pairs {
                guard case .string(let key) = pair.key.value else { continue }
                switch key {
                case "title": title = reader.string(pair.value, what: "the attachment's 'title'")?.value
                case "file":
                    file = reader.string(pair.value, what: "the attachment's 'file'")?.value
                    fileLocation = pair.value.location
                default:
                    reader.diagnostics.append(.warning(reader.file, pair.key.location, "unknown key '\(key)' in an attachment",
                        suggestion: Suggestion.nearest(to: key, in: ["title", "file"]).map { "did you mean '\($0)'?" }))
                }
            }
            if title == nil { reader.diagnostics.append(.error(reader.file, entry.location, "this attachment has no 'title'")) }
            if file == nil { reader.diagnostics.append(.error(reader.file, entry.location, "this attachment has no 'file'")) }
            if let title, let file { result.append(Located(Attachment(title: title, file: file), at: fileLocation)) }
        }
        return result
    }
}

/// The contract's slug rule: lower-case ASCII letters, digits and `-` only.
enum SlugRule {
    /// nil when `slug` is fine; else why it is not ("has upper-case letters").
    static func problem(with slug: String) -> String? {
        if slug.isEmpty { return "is empty" }
        for b in slug.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"): continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): return "has upper-case letters; a slug has only a-z, 0-9 and '-'"
            case UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "."): return "has '/', '\\' or '.'; a slug has only a-z, 0-9 and '-'"
            default: return "has characters other than a-z, 0-9 and '-'"
            }
        }
        return nil
    }

    static func suggestion(for slug: String) -> String? {
        let fixed = Slugifier.slugify(slug)
        return fixed.isEmpty || fixed == slug ? nil : "did you mean '\(fixed)'?"
    }
}
