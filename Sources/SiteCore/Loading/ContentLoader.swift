import Foundation
import Glibc
import RegionMap

/// The files of a site, read and decoded: the first stage of the pipeline (the only reads).
struct LoadedSite: Sendable {
    var config: SiteConfig?
    /// Every decodable item, drafts included (the resolver decides what a draft means).
    var items: [ContentItem]
    /// Template name (relative to the theme's `templates/`) → source.
    var templates: [String: String]
    /// Files to copy: output-relative path → source file. The site's `content/static/` wins over the theme's.
    var staticFiles: [String: StaticFile]
    var geoJSON: [GeoJSONSource]
    var diagnostics: [Diagnostic]
}

struct StaticFile: Sendable {
    var source: URL
    /// Site-relative path of the source, for messages: `content/static/docs/a.pdf`.
    var displayPath: String
}

enum ContentLoader {
    /// Reads the site. With a cache, files whose size and modification time are unchanged are not
    /// read or parsed again.
    static func load(_ options: BuildOptions, cache: BuildCache? = nil) -> LoadedSite {
        let root = options.sourceDirectory
        var diagnostics: [Diagnostic] = []
        let fm = FileManager.default
        let content = root.appendingPathComponent("content")

        // site.yaml first: the theme's name comes from it.
        var config: SiteConfig?
        let siteURL = content.appendingPathComponent("site.yaml")
        if fm.fileExists(atPath: siteURL.path) {
            switch SourceFile.read(siteURL, path: SiteConfig.path) {
            case .success(let source):
                let (decoded, problems) = SiteConfig.decode(source, baseURLOverride: options.baseURLOverride)
                config = decoded
                diagnostics += problems
            case .failure(let d):
                diagnostics.append(d)
            }
        } else {
            diagnostics.append(.error(SiteConfig.path, .start, "missing content/site.yaml, the site's settings (title, base_url, theme)"))
        }

        // Content files of every collection, decoded on all cores.
        var jobs: [(ContentCollection, URL, String, String)] = []
        for collection in ContentCollection.allCases {
            let folder = content.appendingPathComponent(collection.folder)
            for name in sortedEntries(folder) {
                let display = "content/\(collection.folder)/\(name)"
                let url = folder.appendingPathComponent(name, isDirectory: false)
                // A `.md` name is taken to be a file (a folder of that name fails to read, with an
                // error): no `stat` per content file.
                var isDirectory: ObjCBool = false
                if !name.hasSuffix(".md") { _ = fm.fileExists(atPath: url.path, isDirectory: &isDirectory) }
                if isDirectory.boolValue {
                    diagnostics.append(.warning(display, .start, "folders inside content/\(collection.folder)/ are ignored"))
                } else if name.hasSuffix(".md") {
                    jobs.append((collection, url, display, String(name.dropLast(3))))
                } else if !name.hasPrefix(".") {
                    diagnostics.append(.warning(display, .start, "ignored: only .md files are content in content/\(collection.folder)/"))
                }
            }
        }
        let fileJobs = jobs
        let known = cache?.decodedFiles ?? [:]
        let useStamps = cache != nil
        // Trust the watcher when it names only content files: the rest need no `stat`.
        let trusted: Set<String>? = options.changedPaths.flatMap { changed in
            !changed.isEmpty && changed.isSubset(of: Set(fileJobs.map { $0.1.path })) ? changed : nil
        }
        let results = parallelMap(fileJobs.count, concurrent: options.concurrent) { i -> (FileStamp?, ItemDecoder.Decoded, Bool) in
            let (collection, url, display, slug) = fileJobs[i]
            if let trusted, !trusted.contains(url.path), let cached = known[display] { return (cached.stamp, cached.decoded, false) }
            let stamp = useStamps ? FileStamp(path: url.path) : nil
            if let stamp, let cached = known[display], cached.stamp == stamp { return (stamp, cached.decoded, false) }
            switch SourceFile.read(url, path: display) {
            case .success(let source): return (stamp, ItemDecoder.decode(source, collection: collection, fileSlug: slug), true)
            case .failure(let d): return (nil, ItemDecoder.Decoded(item: nil, diagnostics: [d]), true)
            }
        }
        if let cache {
            var fresh: [String: (stamp: FileStamp, decoded: ItemDecoder.Decoded)] = [:]
            for (i, (stamp, decoded, _)) in results.enumerated() {
                if let stamp { fresh[fileJobs[i].2] = (stamp, decoded) }
            }
            cache.decodedFiles = fresh
            cache.lastReport.filesParsed = results.filter(\.2).count
        }
        var items: [ContentItem] = []
        for (_, d, _) in results {
            if let item = d.item { items.append(item) }
            diagnostics += d.diagnostics
        }

        // The theme.
        var templates: [String: String] = [:]
        var staticFiles: [String: StaticFile] = [:]
        if let config {
            let themeRoot = root.appendingPathComponent("themes").appendingPathComponent(config.theme)
            let templatesRoot = themeRoot.appendingPathComponent("templates")
            if !fm.fileExists(atPath: templatesRoot.path) {
                let themes = sortedEntries(root.appendingPathComponent("themes"))
                diagnostics.append(.error(SiteConfig.path, .start, "the theme '\(config.theme)' has no folder themes/\(config.theme)/templates/",
                    suggestion: Suggestion.nearest(to: config.theme, in: themes).map { "did you mean '\($0)'?" }))
            }
            for relative in walk(templatesRoot) where relative.hasSuffix(".html") || relative.hasSuffix(".xml") || relative.hasSuffix(".txt") {
                let display = "themes/\(config.theme)/templates/\(relative)"
                switch SourceFile.read(templatesRoot.appendingPathComponent(relative), path: display) {
                case .success(let source): templates[relative] = source.text
                case .failure(let d): diagnostics.append(d)
                }
            }
            let themeStatic = themeRoot.appendingPathComponent("static")
            for relative in walk(themeStatic) {
                staticFiles[relative] = StaticFile(source: themeStatic.appendingPathComponent(relative),
                                                   displayPath: "themes/\(config.theme)/static/\(relative)")
            }
        }
        let siteStatic = content.appendingPathComponent("static")
        for relative in walk(siteStatic) {
            staticFiles[relative] = StaticFile(source: siteStatic.appendingPathComponent(relative), displayPath: "content/static/\(relative)")
        }

        // Map boundaries.
        var geoJSON: [GeoJSONSource] = []
        let kaart = content.appendingPathComponent("kaart")
        for name in sortedEntries(kaart) {
            let display = "content/kaart/\(name)"
            guard name.hasSuffix(".geojson") || name.hasSuffix(".json") else {
                if !name.hasPrefix(".") { diagnostics.append(.warning(display, .start, "ignored: only .geojson files are read in content/kaart/")) }
                continue
            }
            switch SourceFile.read(kaart.appendingPathComponent(name), path: display) {
            case .success(let source): geoJSON.append(GeoJSONSource(name: display, text: source.text))
            case .failure(let d): diagnostics.append(d)
            }
        }
        return LoadedSite(config: config, items: items, templates: templates, staticFiles: staticFiles,
                          geoJSON: geoJSON, diagnostics: diagnostics)
    }

    /// Names in a folder, sorted bytewise; empty when it does not exist.
    static func sortedEntries(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// Every regular file below `folder`, as a relative path, sorted. Hidden files are skipped,
    /// and so are links that lead outside `folder` (nothing outside the site is ever copied).
    static func walk(_ folder: URL) -> [String] {
        let base = folder.resolvingSymlinksInPath().path
        var result: [String] = []
        var pending: [String] = [""]
        while let relative = pending.popLast() {
            let dir = relative.isEmpty ? folder.path : folder.path + "/" + relative
            for (name, kind) in entries(ofFolder: dir) where !name.hasPrefix(".") {
                let rel = relative.isEmpty ? name : relative + "/" + name
                var isFolder = kind == .folder
                if kind == .link || kind == .unknown {
                    // Only links need resolving (and checking that they stay inside the folder).
                    let url = URL(fileURLWithPath: folder.path + "/" + rel)
                    let resolved = url.resolvingSymlinksInPath().path
                    guard resolved == base || resolved.hasPrefix(base + "/") else { continue }
                    var isDirectory: ObjCBool = false
                    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
                    isFolder = isDirectory.boolValue
                }
                if isFolder { pending.append(rel) } else { result.append(rel) }
            }
        }
        return result.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    enum EntryKind { case file, folder, link, unknown }

    /// The entries of a folder with their kinds, as `readdir` reports them (no `stat` each).
    static func entries(ofFolder path: String) -> [(String, EntryKind)] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var result: [(String, EntryKind)] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            let kind: EntryKind
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): kind = .file
            case Int32(DT_DIR): kind = .folder
            case Int32(DT_LNK): kind = .link
            default: kind = .unknown
            }
            result.append((name, kind))
        }
        return result
    }
}

import SourceText
