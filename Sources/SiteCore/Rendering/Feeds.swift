import SourceText

/// The generated files that are not templates: sitemap, robots.txt, the Atom feed of news,
/// the iCalendar feed of meetings, and alias redirect pages.
enum Feeds {
    static func xmlEscape(_ text: String) -> String { MarkupEscaping.escape(text) }

    // MARK: - Sitemap and robots.txt

    /// Every page of the build (not aliases, not 404), absolute URLs, in URL order.
    static func sitemap(permalinks: [String]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for url in permalinks.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            out += "  <url><loc>\(xmlEscape(url))</loc></url>\n"
        }
        return out + "</urlset>\n"
    }

    static func robots(sitemapURL: String) -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(sitemapURL)\n"
    }

    // MARK: - Atom 1.0 (RFC 4287)

    static func atom(site: ResolvedSite, bodies: [RenderedBody]) -> String {
        // Newest first already: the feed holds the first `feed_limit` of them.
        let news = (site.lists[.news] ?? []).prefix(site.config.feedLimit)
        let updated = news.compactMap { site.items[$0].date }.max() ?? site.today
        let feedURL = site.permalink("/nieuws/feed.xml")
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(xmlEscape(site.config.language))\">\n"
        out += "  <id>\(xmlEscape(site.permalink("/nieuws/")))</id>\n"
        out += "  <title>\(xmlEscape(site.config.title))</title>\n"
        if let description = site.config.description { out += "  <subtitle>\(xmlEscape(description))</subtitle>\n" }
        out += "  <updated>\(updated)T00:00:00Z</updated>\n"
        out += "  <author><name>\(xmlEscape(site.config.title))</name></author>\n"
        out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(xmlEscape(feedURL))\"/>\n"
        out += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(xmlEscape(site.permalink("/nieuws/")))\"/>\n"
        for i in news {
            let item = site.items[i]
            let link = site.permalink(item.path)
            out += "  <entry>\n"
            out += "    <id>\(xmlEscape(link))</id>\n"
            out += "    <title type=\"text\">\(xmlEscape(item.title))</title>\n"
            out += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(xmlEscape(link))\"/>\n"
            out += "    <updated>\(item.date ?? site.today)T00:00:00Z</updated>\n"
            if let summary = item.summary { out += "    <summary type=\"text\">\(xmlEscape(summary))</summary>\n" }
            out += "    <content type=\"html\">\(xmlEscape(absolutized(bodies[i].html, origin: site.config.origin)))</content>\n"
            out += "  </entry>\n"
        }
        return out + "</feed>\n"
    }

    /// Root-relative `href`/`src` made absolute, since feed readers have no page to resolve against.
    static func absolutized(_ html: String, origin: String) -> String {
        let bytes = Array(html.utf8)
        let originBytes = Array(origin.utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + 256)
        var i = 0
        let n = bytes.count
        while i < n {
            out.append(bytes[i])
            // After `href="` or `src="`, a path starting with one `/` gets the origin.
            if bytes[i] == UInt8(ascii: "\""), i + 1 < n, bytes[i + 1] == UInt8(ascii: "/"), !(i + 2 < n && bytes[i + 2] == UInt8(ascii: "/")),
               i >= 4, bytes[i - 1] == UInt8(ascii: "="),
               (bytes[(i - 4)..<(i - 1)].elementsEqual("ref".utf8) || bytes[(i - 4)..<(i - 1)].elementsEqual("src".utf8)) {
                out += originBytes
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - iCalendar (RFC 5545)

    static func iCalendar(site: ResolvedSite) -> String {
        let host = BaseURL.host(of: site.config.baseURL)
        var meetings = site.lists[.meetings] ?? []
        meetings.reverse() // oldest first
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//bj42//\(icsText(site.config.title))//NL",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:\(icsText(site.config.title))",
        ]
        if meetings.contains(where: { site.items[$0].start != nil }) { lines += EuropeAmsterdam.vtimezone }
        let stamp = "\(site.today.compact)T000000Z"
        for i in meetings {
            let item = site.items[i]
            guard let date = item.date else { continue }
            lines.append("BEGIN:VEVENT")
            lines.append("UID:\(item.slug)@\(host)")
            lines.append("DTSTAMP:\(stamp)")
            if let start = item.start {
                lines.append("DTSTART;TZID=Europe/Amsterdam:\(date.compact)T\(pad(start.hour, 2))\(pad(start.minute, 2))00")
                if let end = item.end {
                    lines.append("DTEND;TZID=Europe/Amsterdam:\(date.compact)T\(pad(end.hour, 2))\(pad(end.minute, 2))00")
                }
            } else {
                lines.append("DTSTART;VALUE=DATE:\(date.compact)")
                lines.append("DTEND;VALUE=DATE:\(date.adding(days: 1).compact)")
            }
            lines.append("SUMMARY:\(icsText(item.title))")
            if let location = item.location { lines.append("LOCATION:\(icsText(location))") }
            if let summary = item.summary { lines.append("DESCRIPTION:\(icsText(summary))") }
            lines.append("URL:\(site.permalink(item.path))")
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// TEXT value escaping (RFC 5545 §3.3.11).
    static func icsText(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Folds a content line at 75 octets, never inside a UTF-8 character (RFC 5545 §3.1).
    static func fold(_ line: String) -> String {
        let bytes = Array(line.utf8)
        if bytes.count <= 75 { return line }
        var out: [UInt8] = []
        var start = 0
        var limit = 75
        while bytes.count - start > limit {
            var end = start + limit
            while end > start, bytes[end] & 0xC0 == 0x80 { end -= 1 }
            out += bytes[start..<end]
            out += [0x0D, 0x0A, 0x20]
            start = end
            limit = 74 // the leading space counts
        }
        out += bytes[start...]
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Aliases

    /// A redirect page for an old URL.
    static func aliasPage(target url: String, permalink: String, language: String) -> String {
        let u = xmlEscape(url)
        return """
        <!DOCTYPE html>
        <html lang="\(xmlEscape(language))">
        <head>
        <meta charset="utf-8">
        <title>Doorverwijzing</title>
        <link rel="canonical" href="\(xmlEscape(permalink))">
        <meta name="robots" content="noindex">
        <meta http-equiv="refresh" content="0; url=\(u)">
        </head>
        <body>
        <p><a href="\(u)">\(language == "en" ? "This page has moved" : "Deze pagina is verplaatst")</a></p>
        </body>
        </html>

        """
    }
}
