import Foundation
import SourceText

/// Checks the links that editors write in Markdown bodies against the build itself:
/// every site-relative link or image must lead to a page or file of this build, and an
/// anchor to an `id` on the target page as built. External and relative links are left alone.
/// Also warns about editors' accessibility slips: images without alt text, skipped heading levels.
struct LinkChecker {
    /// Output files of the build (generated and copied), by output-relative path.
    let outputPaths: Set<String>
    /// The HTML of each generated page, by output-relative path, to find ids in.
    let pages: [String: [UInt8]]

    /// Pages the build meant to write, also those whose template failed (their error is reported).
    let plannedPages: Set<String>

    init(plan: OutputPlan, plannedPages: [String]) {
        self.plannedPages = Set(plannedPages)
        outputPaths = Set(plan.generatedPaths).union(plan.copiedPaths)
        var pages: [String: [UInt8]] = [:]
        for path in plan.generatedPaths where path.hasSuffix(".html") { pages[path] = plan.bytes(path) }
        self.pages = pages
    }

    /// Checks the bodies of every item (`only`: of these item indices; -1 is the home page) and
    /// returns the diagnostics per item index.
    func check(_ site: ResolvedSite, bodies: [RenderedBody], homeBody: RenderedBody, only: Set<Int>? = nil) -> [Int: [Diagnostic]] {
        var byItem: [Int: [Diagnostic]] = [:]
        var idCache: [String: Set<String>] = [:]
        var candidateCache: [String]?
        // Every URL of the build, for "did you mean": made only when a link is broken.
        func candidates() -> [String] {
            if candidateCache == nil { candidateCache = suggestionCandidates() }
            return candidateCache!
        }
        var entries: [(Int, ContentItem, RenderedBody, String)] = site.items.enumerated().map { ($0.offset, $0.element, bodies[$0.offset], $0.element.path) }
        if let home = site.home { entries.append((-1, home, homeBody, "/")) }

        for (index, item, body, ownPath) in entries {
            if let only, !only.contains(index) { continue }
            var diagnostics: [Diagnostic] = []
            defer { if !diagnostics.isEmpty { byItem[index] = diagnostics } }
            let shift = item.bodyLineOffset
            for link in body.links {
                let at = link.location.shifted(byLines: shift)
                if link.isImage && link.text.trimmingCharacters(in: .whitespaces).isEmpty {
                    diagnostics.append(.warning(item.file, at, "the image '\(link.destination)' has no alt text; describe it for readers who cannot see it",
                        notes: ["write ![what the image shows](\(link.destination))"]))
                }
                let destination = link.destination
                guard destination.hasPrefix("#") || (destination.hasPrefix("/") && !destination.hasPrefix("//")) else { continue }
                var pathPart = destination
                var fragment: String?
                if let hash = pathPart.firstIndex(of: "#") {
                    fragment = String(pathPart[pathPart.index(after: hash)...])
                    pathPart = String(pathPart[..<hash])
                }
                if let q = pathPart.firstIndex(of: "?") { pathPart = String(pathPart[..<q]) }
                let targetFile: String
                if pathPart.isEmpty {
                    targetFile = OutputPath.file(forURLPath: ownPath)
                } else {
                    let decoded = pathPart.contains("%") ? pathPart.removingPercentEncoding ?? pathPart : pathPart
                    let missing = resolve(decoded) == nil
                    // A page withheld for its own errors, or whose template failed, is no further error.
                    if missing, site.withheldPaths.contains(where: { decoded == $0 || decoded + "/" == $0 })
                        || plannedPages.contains(decoded) || plannedPages.contains(decoded + "/") { continue }
                    if missing, site.draftPaths.contains(where: { decoded == $0 || decoded + "/" == $0 }) {
                        diagnostics.append(.error(item.file, at, "the link \(destination) leads to a draft, which this build leaves out",
                            suggestion: "publish it, or build with --drafts"))
                        continue
                    }
                    guard let file = resolve(decoded) else {
                        let near = Suggestion.nearest(to: pathPart, in: candidates())
                        diagnostics.append(.error(item.file, at, "the link \(destination) leads to no page or file of this site",
                            suggestion: near.map { "did you mean \($0)?" }))
                        continue
                    }
                    targetFile = file
                }
                guard let fragment, !fragment.isEmpty, fragment != "top" else { continue }
                guard pages[targetFile] != nil else { continue } // fragments into non-HTML files are not checked
                if idCache[targetFile] == nil { idCache[targetFile] = ids(in: pages[targetFile]!) }
                let decodedFragment = fragment.contains("%") ? fragment.removingPercentEncoding ?? fragment : fragment
                if !idCache[targetFile]!.contains(decodedFragment) {
                    let near = Suggestion.nearest(to: decodedFragment, in: idCache[targetFile]!.sorted())
                    let page = pathPart.isEmpty ? "this page" : pathPart
                    diagnostics.append(.error(item.file, at, "the link \(destination) points at '#\(fragment)', which is no heading or id on \(page)",
                        suggestion: near.map { "did you mean \(pathPart)#\($0)?" }))
                }
            }
            // Headings: the theme writes the page title as <h1>; body headings start at ##.
            var previous = 1
            for heading in body.toc {
                let at = heading.location.shifted(byLines: shift)
                if heading.level == 1 {
                    diagnostics.append(.warning(item.file, at, "a '#' heading repeats the page's title heading (<h1>); start headings in the text at '##'"))
                } else if heading.level > previous + 1 {
                    diagnostics.append(.warning(item.file, at, "this heading skips from level \(previous) to level \(heading.level); use \(String(repeating: "#", count: previous + 1))"))
                }
                previous = heading.level
            }
        }
        return byItem
    }

    /// The items (-1: the home page) whose links may lead into one of `pages` (URL paths), or that
    /// are on one of them: after those pages changed, only these need checking again.
    static func items(linkingInto pages: Set<String>, site: ResolvedSite, bodies: [RenderedBody], homeBody: RenderedBody) -> Set<Int> {
        var result = Set<Int>()
        var entries: [(Int, String, RenderedBody)] = site.items.enumerated().map { ($0.offset, $0.element.path, bodies[$0.offset]) }
        if site.home != nil { entries.append((-1, "/", homeBody)) }
        for (index, ownPath, body) in entries {
            if pages.contains(ownPath) { result.insert(index); continue }
            for link in body.links where link.destination.hasPrefix("/") {
                var path = Substring(link.destination)
                if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) { path = path[..<cut] }
                if pages.contains(String(path)) || pages.contains(path + "/") {
                    result.insert(index)
                    break
                }
            }
        }
        return result
    }

    /// The output file a site path leads to: `/x/` → `x/index.html`; `/x` → the file x, or `x/index.html`.
    func resolve(_ path: String) -> String? {
        var p = path
        while p.hasPrefix("/") { p.removeFirst() }
        if p.isEmpty { return outputPaths.contains("index.html") ? "index.html" : nil }
        if p.hasSuffix("/") { return outputPaths.contains(p + "index.html") ? p + "index.html" : nil }
        if outputPaths.contains(p) { return p }
        if outputPaths.contains(p + "/index.html") { return p + "/index.html" }
        return nil
    }

    /// Every URL a link could lead to, for "did you mean".
    private func suggestionCandidates() -> [String] {
        outputPaths.sorted().map { path in
            path == "index.html" ? "/" : path.hasSuffix("/index.html") ? "/" + path.dropLast("index.html".count) : "/" + path
        }
    }

    /// The values of `id="..."` (and `name="..."` on anchors) attributes in a page.
    func ids(in html: [UInt8]) -> Set<String> {
        var result = Set<String>()
        let n = html.count
        var i = 0
        while i + 4 < n {
            // Match ` id="` / ` id='` after white space inside a tag.
            if html[i] == UInt8(ascii: "i"), html[i + 1] == UInt8(ascii: "d"), html[i + 2] == UInt8(ascii: "="),
               i > 0, html[i - 1] == 0x20 || html[i - 1] == 0x0A || html[i - 1] == 0x09 {
                let quote = html[i + 3]
                if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    var j = i + 4
                    while j < n, html[j] != quote, html[j] != UInt8(ascii: ">") { j += 1 }
                    if j < n, html[j] == quote {
                        result.insert(decodeEntities(String(decoding: html[(i + 4)..<j], as: UTF8.self)))
                    }
                    i = j
                    continue
                }
            }
            i += 1
        }
        return result
    }

    private func decodeEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        return s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
}
