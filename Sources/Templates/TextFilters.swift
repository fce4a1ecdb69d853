// `striptags` and `date`: byte-level text work for two filters.

/// Removes tags and comments, collapses white space, then decodes character references
/// (content-model.md, fixed details).
func stripTags(_ s: String) -> String {
    let b = Array(s.utf8)
    let n = b.count
    var text: [UInt8] = []
    text.reserveCapacity(n)
    var i = 0
    while i < n {
        if b[i] == 0x3C {
            if i + 3 < n, b[i + 1] == 0x21, b[i + 2] == 0x2D, b[i + 3] == 0x2D {
                var j = i + 4
                while j + 2 < n, !(b[j] == 0x2D && b[j + 1] == 0x2D && b[j + 2] == 0x3E) { j += 1 }
                if j + 2 < n { i = j + 3; continue }
            }
            var j = i + 1
            while j < n, b[j] != 0x3E { j += 1 }
            if j < n {
                i = j + 1
                continue
            }
        }
        text.append(b[i])
        i += 1
    }
    // Collapse every run of white space into one space; none at either end.
    var collapsed: [UInt8] = []
    collapsed.reserveCapacity(text.count)
    var pendingSpace = false
    for c in text {
        if isSpace(c) {
            pendingSpace = true
        } else {
            if pendingSpace && !collapsed.isEmpty { collapsed.append(0x20) }
            pendingSpace = false
            collapsed.append(c)
        }
    }
    return decodeCharacterReferences(collapsed)
}

let namedReferences: [String: String] = [
    "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "copy": "©", "reg": "®",
    "trade": "™", "hellip": "…", "mdash": "—", "ndash": "–", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”",
    "sbquo": "‚", "bdquo": "„", "laquo": "«", "raquo": "»", "euro": "€", "bull": "•", "middot": "·", "deg": "°",
    "para": "¶", "sect": "§", "times": "×", "divide": "÷", "shy": "\u{AD}", "thinsp": "\u{2009}", "ensp": "\u{2002}",
    "emsp": "\u{2003}", "zwj": "\u{200D}", "zwnj": "\u{200C}", "iexcl": "¡", "iquest": "¿", "cent": "¢", "pound": "£",
    "yen": "¥", "frac12": "½", "frac14": "¼", "frac34": "¾", "sup2": "²", "sup3": "³", "micro": "µ", "plusmn": "±",
    "aacute": "á", "Aacute": "Á", "agrave": "à", "Agrave": "À", "acirc": "â", "Acirc": "Â", "auml": "ä", "Auml": "Ä",
    "atilde": "ã", "aring": "å", "Aring": "Å", "aelig": "æ", "AElig": "Æ", "ccedil": "ç", "Ccedil": "Ç",
    "eacute": "é", "Eacute": "É", "egrave": "è", "Egrave": "È", "ecirc": "ê", "Ecirc": "Ê", "euml": "ë", "Euml": "Ë",
    "iacute": "í", "Iacute": "Í", "igrave": "ì", "icirc": "î", "iuml": "ï", "Iuml": "Ï", "ntilde": "ñ", "Ntilde": "Ñ",
    "oacute": "ó", "Oacute": "Ó", "ograve": "ò", "ocirc": "ô", "ouml": "ö", "Ouml": "Ö", "otilde": "õ", "oslash": "ø",
    "Oslash": "Ø", "uacute": "ú", "Uacute": "Ú", "ugrave": "ù", "ucirc": "û", "uuml": "ü", "Uuml": "Ü", "yacute": "ý",
    "yuml": "ÿ", "szlig": "ß", "ij": "ĳ", "IJ": "Ĳ", "larr": "←", "rarr": "→", "uarr": "↑", "darr": "↓",
]

func decodeCharacterReferences(_ b: [UInt8]) -> String {
    guard b.contains(0x26) else { return String(decoding: b, as: UTF8.self) }
    var out: [UInt8] = []
    out.reserveCapacity(b.count)
    let n = b.count
    var i = 0
    while i < n {
        guard b[i] == 0x26 else {
            out.append(b[i])
            i += 1
            continue
        }
        var j = i + 1
        if j < n, b[j] == 0x23 {
            j += 1
            var hex = false
            if j < n, b[j] | 0x20 == 0x78 { hex = true; j += 1 }
            let digitsStart = j
            var value: UInt32 = 0
            while j < n, j - digitsStart < 8 {
                let c = b[j]
                var d: UInt32
                if isDigit(c) { d = UInt32(c - 0x30) }
                else if hex, (c | 0x20) >= 0x61, (c | 0x20) <= 0x66 { d = UInt32((c | 0x20) - 0x61 + 10) }
                else { break }
                value = value * (hex ? 16 : 10) + d
                j += 1
            }
            if j > digitsStart, j < n, b[j] == 0x3B {
                let scalar = (value == 0 || value > 0x10FFFF || (0xD800...0xDFFF).contains(value)) ? Unicode.Scalar(0xFFFD)! : Unicode.Scalar(value)!
                out.append(contentsOf: String(scalar).utf8)
                i = j + 1
                continue
            }
        } else {
            while j < n, j - i <= 32, (b[j] | 0x20) >= 0x61 && (b[j] | 0x20) <= 0x7A || isDigit(b[j]) { j += 1 }
            if j < n, b[j] == 0x3B, let r = namedReferences[String(decoding: b[(i + 1)..<j], as: UTF8.self)] {
                out.append(contentsOf: r.utf8)
                i = j + 1
                continue
            }
        }
        out.append(0x26)
        i += 1
    }
    return String(decoding: out, as: UTF8.self)
}

private let dutchMonths = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]
private let dutchMonthsShort = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
private let dutchDays = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
private let dutchDaysShort = ["ma", "di", "wo", "do", "vr", "za", "zo"]
private let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
private let englishMonthsShort = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
private let englishDays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
private let englishDaysShort = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

/// strftime for the directives the contract names (plus a few), names in the site language.
/// Returns the text, or a problem description.
func formatDate(_ d: TemplateDate, _ format: String, language: String) -> (String, String?) {
    let english = language.lowercased().hasPrefix("en")
    let f = Array(format.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(f.count + 16)
    var i = 0
    while i < f.count {
        let c = f[i]
        guard c == 0x25 else {
            out.append(c)
            i += 1
            continue
        }
        i += 1
        guard i < f.count else { return ("", "the format ends with a lone '%'") }
        var pad = true
        if f[i] == 0x2D {
            pad = false
            i += 1
            guard i < f.count else { return ("", "the format ends with '%-'") }
        }
        let directive = f[i]
        i += 1
        func number(_ v: Int, _ width: Int) {
            if pad { appendPadded(v, width, &out) } else { appendInt(v, &out) }
        }
        switch directive {
        case 0x59: number(d.year, pad ? 4 : 1)  // Y
        case 0x79: number(((d.year % 100) + 100) % 100, 2)  // y
        case 0x6D: number(d.month, 2)  // m
        case 0x64: number(d.day, 2)  // d
        case 0x65:  // e: day, space-padded
            if pad && d.day < 10 { out.append(0x20) }
            appendInt(d.day, &out)
        case 0x6A:  // j: day of the year
            var doy = d.day
            for m in 1..<d.month { doy += TemplateDate.daysIn(month: m, year: d.year) }
            number(doy, 3)
        case 0x48: number(d.hour, 2)  // H
        case 0x49: number(d.hour % 12 == 0 ? 12 : d.hour % 12, 2)  // I
        case 0x4D: number(d.minute, 2)  // M
        case 0x53: number(0, 2)  // S
        case 0x70: out.append(contentsOf: (d.hour < 12 ? "AM" : "PM").utf8)  // p
        case 0x42: out.append(contentsOf: (english ? englishMonths : dutchMonths)[d.month - 1].utf8)  // B
        case 0x62, 0x68: out.append(contentsOf: (english ? englishMonthsShort : dutchMonthsShort)[d.month - 1].utf8)  // b h
        case 0x41: out.append(contentsOf: (english ? englishDays : dutchDays)[d.weekday].utf8)  // A
        case 0x61: out.append(contentsOf: (english ? englishDaysShort : dutchDaysShort)[d.weekday].utf8)  // a
        case 0x75: appendInt(d.weekday + 1, &out)  // u: 1 = Monday
        case 0x77: appendInt((d.weekday + 1) % 7, &out)  // w: 0 = Sunday
        case 0x46:  // F
            appendPadded(d.year, 4, &out); out.append(0x2D)
            appendPadded(d.month, 2, &out); out.append(0x2D)
            appendPadded(d.day, 2, &out)
        case 0x25: out.append(0x25)
        default:
            var end = i
            while end < f.count && f[end] & 0xC0 == 0x80 { end += 1 }
            return ("", "unknown directive '%\(String(decoding: f[(i - 1)..<end], as: UTF8.self))' in the format")
        }
    }
    return (String(decoding: out, as: UTF8.self), nil)
}
