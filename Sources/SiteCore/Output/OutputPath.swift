/// Output-relative paths: checked so that nothing is ever written outside the output folder.
enum OutputPath {
    /// nil when `path` is a safe relative path (`regios/twente/index.html`); else why not.
    static func problem(with path: String) -> String? {
        if path.isEmpty { return "is empty" }
        if path.hasPrefix("/") { return "is absolute" }
        if path.utf8.contains(0) || path.contains("\\") { return "has a NUL byte or a backslash" }
        for component in path.split(separator: "/", omittingEmptySubsequences: false) {
            if component.isEmpty { return "has an empty part ('//')" }
            if component == "." || component == ".." { return "has a '.' or '..' part" }
        }
        return nil
    }

    /// The file written for a site-relative URL path: `/regios/` → `regios/index.html`,
    /// `/oud.html` → `oud.html`.
    static func file(forURLPath urlPath: String) -> String {
        var p = urlPath
        while p.hasPrefix("/") { p.removeFirst() }
        if p.isEmpty { return "index.html" }
        if p.hasSuffix("/") { return p + "index.html" }
        let last = p.split(separator: "/").last ?? ""
        return last.contains(".") ? p : p + "/index.html"
    }
}
