/// The comparison the CommonMark spec's test runner makes (described in
/// shared/testdata/commonmark/README.md, written here from that description): white space
/// collapsed outside `<pre>` and dropped around block-level tags, tag and attribute names
/// lower-cased, attributes sorted, self-closing slashes dropped, simple character references
/// replaced by their characters.
enum HTMLNormalizer {
    private static let blockTags: Set<String> = [
        "article", "aside", "blockquote", "body", "button", "canvas", "caption", "col", "colgroup", "dd", "div",
        "dl", "dt", "embed", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
        "h6", "header", "hgroup", "hr", "iframe", "li", "map", "object", "ol", "output", "p", "pre", "progress",
        "script", "section", "style", "table", "tbody", "td", "textarea", "tfoot", "th", "thead", "tr", "ul", "video",
    ]

    private static let entities: [String: String] = [
        "lt": "&lt;", "gt": "&gt;", "amp": "&amp;", "quot": "&quot;", "copy": "©", "nbsp": "\u{A0}",
        "AElig": "Æ", "Dcaron": "Ď", "frac34": "¾", "HilbertSpace": "ℋ", "DifferentialD": "ⅆ",
        "ClockwiseContourIntegral": "∲", "ngE": "≧̸", "auml": "ä", "ouml": "ö", "uuml": "ü",
    ]

    static func normalize(_ html: String) -> String {
        let s = Array(html.unicodeScalars)
        var out = ""
        var inPre = false
        var last = ""      // "starttag", "endtag", "data", ...
        var lastTag = ""
        var i = 0
        func rstrip() {
            while let c = out.unicodeScalars.last, c == " " || c == "\n" || c == "\t" { out.unicodeScalars.removeLast() }
        }
        func decodeReference(_ name: String) -> String? {
            if name.hasPrefix("#") {
                let body = name.dropFirst()
                let value: UInt32?
                if body.hasPrefix("x") || body.hasPrefix("X") { value = UInt32(body.dropFirst(), radix: 16) } else { value = UInt32(body) }
                guard let v = value, let scalar = Unicode.Scalar(v) else { return nil }
                switch scalar {
                case "<": return "&lt;"
                case ">": return "&gt;"
                case "&": return "&amp;"
                case "\"": return "&quot;"
                default: return String(scalar)
                }
            }
            return entities[name]
        }
        while i < s.count {
            if s[i] == "<" {
                // Comments, declarations, processing instructions, CDATA: verbatim.
                let rest = String(String.UnicodeScalarView(s[i..<min(s.count, i + 9)]))
                var verbatimEnd: String? = nil
                if rest.hasPrefix("<!--") { verbatimEnd = "-->" } else if rest.hasPrefix("<![CDATA[") { verbatimEnd = "]]>" } else if rest.hasPrefix("<?") { verbatimEnd = ">" } else if rest.hasPrefix("<!") { verbatimEnd = ">" }
                if let end = verbatimEnd {
                    let endScalars = Array(end.unicodeScalars)
                    var j = i + 2
                    while j + endScalars.count <= s.count, Array(s[j..<(j + endScalars.count)]) != endScalars { j += 1 }
                    let stop = min(s.count, j + endScalars.count)
                    out += String(String.UnicodeScalarView(s[i..<stop]))
                    last = "other"
                    i = stop
                    continue
                }
                // A tag: parse name and attributes.
                var j = i + 1
                let closing = j < s.count && s[j] == "/"
                if closing { j += 1 }
                var name = ""
                while j < s.count, s[j].properties.isAlphabetic || ("0"..."9").contains(s[j]) || s[j] == "-" {
                    name.unicodeScalars.append(s[j])
                    j += 1
                }
                if name.isEmpty {
                    out += "&lt;"
                    i += 1
                    last = "data"
                    continue
                }
                name = name.lowercased()
                var attributes: [(String, String?)] = []
                var selfClosing = false
                while j < s.count, s[j] != ">" {
                    if s[j] == " " || s[j] == "\n" || s[j] == "\t" { j += 1; continue }
                    if s[j] == "/" { selfClosing = true; j += 1; continue }
                    var attr = ""
                    while j < s.count, s[j] != "=", s[j] != ">", s[j] != " ", s[j] != "\n", s[j] != "\t", s[j] != "/" || attr.isEmpty == false && false {
                        attr.unicodeScalars.append(s[j])
                        j += 1
                    }
                    if attr.isEmpty { j += 1; continue }
                    var value: String? = nil
                    var k = j
                    while k < s.count, s[k] == " " || s[k] == "\n" { k += 1 }
                    if k < s.count, s[k] == "=" {
                        k += 1
                        while k < s.count, s[k] == " " || s[k] == "\n" { k += 1 }
                        var v = ""
                        if k < s.count, s[k] == "\"" || s[k] == "'" {
                            let q = s[k]
                            k += 1
                            while k < s.count, s[k] != q { v.unicodeScalars.append(s[k]); k += 1 }
                            k += 1
                        } else {
                            while k < s.count, s[k] != " ", s[k] != ">", s[k] != "\n" { v.unicodeScalars.append(s[k]); k += 1 }
                        }
                        value = unescapeAttribute(v)
                        j = k
                    }
                    attributes.append((attr.lowercased(), value))
                }
                i = min(s.count, j + 1)
                if closing {
                    if name == "pre" { inPre = false } else if blockTags.contains(name) { rstrip() }
                    out += "</\(name)>"
                    last = "endtag"
                } else {
                    if name == "pre" { inPre = true }
                    if blockTags.contains(name) { rstrip() }
                    out += "<\(name)"
                    for (k, v) in attributes.sorted(by: { $0.0 < $1.0 }) {
                        out += " \(k)"
                        if let v { out += "=\"\(escapeAttribute(v))\"" }
                    }
                    out += ">"
                    last = selfClosing ? "endtag" : "starttag"
                }
                lastTag = name
                continue
            }
            // Text up to the next tag.
            var j = i
            var data = ""
            while j < s.count, s[j] != "<" {
                if s[j] == "&" {
                    var k = j + 1
                    var name = ""
                    while k < s.count, k - j < 40, s[k] != ";", s[k] != "&", s[k] != "<", s[k] != " " { name.unicodeScalars.append(s[k]); k += 1 }
                    if k < s.count, s[k] == ";", let decoded = decodeReference(name) {
                        data += decoded
                        j = k + 1
                        continue
                    }
                }
                data.unicodeScalars.append(s[j])
                j += 1
            }
            i = j
            let afterTag = last == "starttag" || last == "endtag"
            let afterBlock = afterTag && blockTags.contains(lastTag)
            if afterTag, lastTag == "br" { while data.hasPrefix("\n") { data.removeFirst() } }
            if !inPre {
                var collapsed = ""
                var space = false
                for c in data.unicodeScalars {
                    if c == " " || c == "\n" || c == "\t" || c == "\r" { space = true; continue }
                    if space { collapsed += " " }
                    space = false
                    collapsed.unicodeScalars.append(c)
                }
                if space { collapsed += " " }
                data = collapsed
                if afterBlock {
                    if last == "starttag" {
                        while data.hasPrefix(" ") { data.removeFirst() }
                    } else {
                        data = data.trimmingSpaces()
                    }
                }
            }
            out += data
            last = "data"
        }
        return out
    }

    private static func unescapeAttribute(_ v: String) -> String {
        var result = ""
        let s = Array(v.unicodeScalars)
        var i = 0
        while i < s.count {
            if s[i] == "&" {
                var k = i + 1
                var name = ""
                while k < s.count, k - i < 40, s[k] != ";" { name.unicodeScalars.append(s[k]); k += 1 }
                if k < s.count {
                    switch name {
                    case "amp": result += "&"; i = k + 1; continue
                    case "lt": result += "<"; i = k + 1; continue
                    case "gt": result += ">"; i = k + 1; continue
                    case "quot": result += "\""; i = k + 1; continue
                    case "#x27", "#39": result += "'"; i = k + 1; continue
                    default: break
                    }
                }
            }
            result.unicodeScalars.append(s[i])
            i += 1
        }
        return result
    }

    private static func escapeAttribute(_ v: String) -> String {
        var result = ""
        for c in v.unicodeScalars {
            switch c {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#x27;"
            default: result.unicodeScalars.append(c)
            }
        }
        return result
    }
}

private extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
