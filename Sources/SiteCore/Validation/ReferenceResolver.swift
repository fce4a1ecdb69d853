import SourceText

/// Resolves slugs to items and checks everything that spans files: duplicates, references,
/// one trekker per region, files named in front matter. Reports every problem, not the first.
enum ReferenceResolver {
    static func resolve(_ loaded: LoadedSite, config: SiteConfig, options: BuildOptions) -> (ResolvedSite, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []

        // Drafts are left out entirely, unless --drafts; remember them to explain references.
        var draftKeys = Set<String>()
        var candidates: [ContentItem] = []
        for item in loaded.items {
            if item.draft && !options.includeDrafts { draftKeys.insert(item.key) } else { candidates.append(item) }
        }
        // A stable order before anything else: by collection, then slug, then file.
        candidates.sort { a, b in
            if a.collection != b.collection { return a.collection < b.collection }
            if a.slug != b.slug { return Array(a.slug.utf8).lexicographicallyPrecedes(Array(b.slug.utf8)) }
            return Array(a.file.utf8).lexicographicallyPrecedes(Array(b.file.utf8))
        }

        // Duplicate slugs within a collection: the first file (by path) keeps it.
        var items: [ContentItem] = []
        var flagged: [ContentItem] = []
        var home: ContentItem?
        var ownerOfKey: [String: String] = [:]
        for item in candidates {
            if let other = ownerOfKey[item.key] {
                diagnostics.append(.error(item.file, .start, "the slug '\(item.slug)' is also used by \(other); two files in content/\(item.collection.folder)/ cannot share a slug"))
                continue
            }
            ownerOfKey[item.key] = item.file
            if item.hasErrors {
                flagged.append(item)
            } else if item.collection == .pages && item.slug == "index" {
                home = item
            } else {
                items.append(item)
            }
        }
        // Items with errors still exist as slugs: naming them is no error, but they get no relations.
        // A trekker whose region is not there (unknown, a draft, or itself with errors) is left
        // out too, after its error is reported: `trekker.region` must always exist.
        // A second trekker for a region is an error, and is left out in the same way.
        var flaggedKeys = Set(flagged.map(\.key))
        let cleanRegions = Set(items.filter { $0.collection == .regions }.map(\.key))
        var trekkerFileOfRegion: [String: String] = [:]
        items.removeAll { item in
            guard item.collection == .trekkers, let region = item.region else { return false }
            let target = "regios/\(region.value)"
            if cleanRegions.contains(target) {
                guard let other = trekkerFileOfRegion[target] else {
                    trekkerFileOfRegion[target] = item.file
                    return false
                }
                diagnostics.append(.error(item.file, region.location, "the region '\(region.value)' already has a trekker: \(other); a region has at most one trekker"))
            }
            flagged.append(item)
            flaggedKeys.insert(item.key)
            return true
        }

        var indexByKey: [String: Int] = [:]
        for (i, item) in items.enumerated() { indexByKey[item.key] = i }
        let slugsOf: [ContentCollection: [String]] = Dictionary(grouping: items + flagged, by: \.collection).mapValues { $0.map(\.slug).sorted() }

        // Duplicate region codes.
        var regionOfCode: [String: String] = [:]
        for item in items + flagged where item.collection == .regions {
            guard let code = item.code else { continue }
            if let other = regionOfCode[code.value] {
                diagnostics.append(.error(item.file, code.location, "the code '\(code.value)' is also the code of \(other); region codes must be unique"))
            } else {
                regionOfCode[code.value] = item.file
            }
        }

        /// Resolves one reference, or reports it at the slug's own position.
        func lookup(_ ref: Located<String>, in collection: ContentCollection, key: String, from item: ContentItem) -> Int? {
            let target = "\(collection.rawValue)/\(ref.value)"
            if let i = indexByKey[target] { return i }
            if flaggedKeys.contains(target) { return nil }
            let noun = collection.singularNoun
            if draftKeys.contains(target) {
                diagnostics.append(.error(item.file, ref.location, "'\(key)' names the \(noun) '\(ref.value)', which is a draft",
                    suggestion: "publish it, or build with --drafts"))
            } else {
                let near = Suggestion.nearest(to: ref.value, in: slugsOf[collection] ?? [])
                diagnostics.append(.error(item.file, ref.location, "unknown \(noun) '\(ref.value)' in '\(key)'",
                    suggestion: near.map { "did you mean '\($0)'?" }))
            }
            return nil
        }

        var trekkerOfRegion: [Int: Int] = [:]
        var regionOfTrekker: [Int: Int] = [:]
        var hostOfMeeting: [Int: Int] = [:]
        var themesOfItem: [Int: [Int]] = [:]
        var regionsOfItem: [Int: [Int]] = [:]
        var meetingsOfRegion: [Int: Set<Int>] = [:]
        var newsOfRegion: [Int: Set<Int>] = [:]
        var meetingsOfTheme: [Int: Set<Int>] = [:]
        var newsOfTheme: [Int: Set<Int>] = [:]
        var claimedByFlagged = Set<Int>()

        // References of items with errors are checked too, so every error shows at once.
        for item in flagged where !(item.collection == .trekkers && item.region.map { trekkerFileOfRegion["regios/\($0.value)"] != nil } == true) {
            for (ref, collection, key) in references(of: item) {
                if let r = lookup(ref, in: collection, key: key, from: item), item.collection == .trekkers { claimedByFlagged.insert(r) }
            }
        }

        for (i, item) in items.enumerated() {
            switch item.collection {
            case .trekkers:
                // One trekker per region is already checked above.
                guard let ref = item.region, let r = lookup(ref, in: .regions, key: "region", from: item) else { continue }
                trekkerOfRegion[r] = i
                regionOfTrekker[i] = r
            case .meetings, .news:
                if let ref = item.hostRegion, let r = lookup(ref, in: .regions, key: "host_region", from: item) {
                    hostOfMeeting[i] = r
                    meetingsOfRegion[r, default: []].insert(i)
                }
                var themes: [Int] = []
                for ref in item.themes {
                    if let t = lookup(ref, in: .themes, key: "themes", from: item), !themes.contains(t) { themes.append(t) }
                }
                var regions: [Int] = []
                for ref in item.regions {
                    if let r = lookup(ref, in: .regions, key: "regions", from: item), !regions.contains(r) { regions.append(r) }
                }
                themesOfItem[i] = themes
                regionsOfItem[i] = regions
                for t in themes {
                    if item.collection == .meetings { meetingsOfTheme[t, default: []].insert(i) } else { newsOfTheme[t, default: []].insert(i) }
                }
                for r in regions {
                    if item.collection == .meetings { meetingsOfRegion[r, default: []].insert(i) } else { newsOfRegion[r, default: []].insert(i) }
                }
            default:
                break
            }
        }
        // Files named in front matter live under content/static/ (or the theme's static/).
        for item in items + flagged + (home.map { [$0] } ?? []) {
            var named: [Located<String>] = item.attachments.map { Located($0.value.file, at: $0.location) }
            if let photo = item.photo { named.append(photo) }
            for file in named {
                let relative = file.value.hasPrefix("/") ? String(file.value.dropFirst()) : file.value
                if OutputPath.problem(with: relative) != nil || loaded.staticFiles[relative] == nil {
                    let near = Suggestion.nearest(to: relative, in: loaded.staticFiles.keys.sorted())
                    diagnostics.append(.error(item.file, file.location, "no file content/static/\(relative)",
                        suggestion: near.map { "did you mean '\($0)'?" }))
                }
            }
        }

        // Every region without a trekker is shown as vacant, with a warning at its line 1.
        for (i, item) in items.enumerated() where item.collection == .regions && trekkerOfRegion[i] == nil && !claimedByFlagged.contains(i) {
            diagnostics.append(.warning(item.file, .start, "the region '\(item.slug)' has no trekker; it is shown as vacant"))
        }

        // Orders.
        let keys = items.map { ItemOrder.titleKey($0.title) }
        let byWeight = ItemOrder.byWeight(items, keys)
        let newestFirst = ItemOrder.byDate(items, keys)
        let soonestFirst = ItemOrder.byDate(items, keys, ascending: true)
        var lists: [ContentCollection: [Int]] = [:]
        for collection in ContentCollection.allCases {
            let members = items.indices.filter { items[$0].collection == collection }
            let dated = collection == .meetings || collection == .news
            lists[collection] = members.sorted(by: dated ? newestFirst : byWeight)
        }
        let meetings = lists[.meetings] ?? []
        let upcoming = meetings.filter { items[$0].date.map { $0 >= options.today } ?? false }.sorted(by: soonestFirst)
        let past = meetings.filter { !(items[$0].date.map { $0 >= options.today } ?? false) }

        func sortedDated(_ m: [Int: Set<Int>]) -> [Int: [Int]] { m.mapValues { $0.sorted(by: newestFirst) } }
        let site = ResolvedSite(
            config: config, today: options.today, items: items, home: home, withheldPaths: flagged.map(\.path),
            draftPaths: loaded.items.filter { draftKeys.contains($0.key) }.map(\.path), lists: lists,
            upcomingMeetings: upcoming, pastMeetings: past,
            trekkerOfRegion: trekkerOfRegion, regionOfTrekker: regionOfTrekker,
            meetingsOfRegion: sortedDated(meetingsOfRegion), newsOfRegion: sortedDated(newsOfRegion),
            meetingsOfTheme: sortedDated(meetingsOfTheme), newsOfTheme: sortedDated(newsOfTheme),
            hostOfMeeting: hostOfMeeting,
            themesOfItem: themesOfItem.mapValues { $0.sorted(by: byWeight) },
            regionsOfItem: regionsOfItem.mapValues { $0.sorted(by: byWeight) })
        return (site, diagnostics)
    }

    /// Every slug an item names, with the collection it names and the key it is written under.
    static func references(of item: ContentItem) -> [(Located<String>, ContentCollection, String)] {
        var refs: [(Located<String>, ContentCollection, String)] = []
        if let r = item.region { refs.append((r, .regions, "region")) }
        if let r = item.hostRegion { refs.append((r, .regions, "host_region")) }
        refs += item.themes.map { ($0, .themes, "themes") }
        refs += item.regions.map { ($0, .regions, "regions") }
        return refs
    }
}
