/// Content-Type by file extension, for the files a bj42 site contains.
enum MediaTypes {
    static let html = "text/html; charset=utf-8"
    static let fallback = "application/octet-stream"

    private static let byExtension: [String: String] = [
        "html": html, "htm": html,
        "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8", "mjs": "text/javascript; charset=utf-8",
        "svg": "image/svg+xml",
        "xml": "application/xml",
        "ics": "text/calendar; charset=utf-8",
        "json": "application/json", "geojson": "application/geo+json", "map": "application/json",
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
        "webp": "image/webp", "avif": "image/avif",
        "pdf": "application/pdf",
        "woff2": "font/woff2", "woff": "font/woff",
        "txt": "text/plain; charset=utf-8",
        "ico": "image/x-icon",
        "webmanifest": "application/manifest+json",
    ]

    /// The type for a file name (the extension after the last dot, compared without case).
    static func type(forFileName name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return fallback }
        return byExtension[name[name.index(after: dot)...].lowercased()] ?? fallback
    }
}
