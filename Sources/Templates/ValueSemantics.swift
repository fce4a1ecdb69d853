import Foundation

// How template values behave: truth, equality, order, printing (content-model.md, "Templates"
// and "Details that are fixed").

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) { self = .map(TemplateMap(elements)) }

    /// A string, or `.none` when nil.
    public init(_ value: String?) { self = value.map { .string($0) } ?? .none }
    /// A list of strings.
    public init(_ values: [String]) { self = .list(values.map { .string($0) }) }
}

extension TemplateMap: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, TemplateValue)...) { self.init(elements) }

    /// The entries in key order.
    public var pairs: [(key: String, value: TemplateValue)] { Array(zip(keys, values)).map { (key: $0.0, value: $0.1) } }
}

extension TemplateDate {
    /// Parses `YYYY-MM-DD`, optionally followed by `T` or a space and `HH:MM` (seconds ignored).
    public init?(parsing text: String) {
        let b = Array(text.utf8)
        func digits(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var v = 0
            for i in from..<(from + count) {
                guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
                v = v * 10 + Int(b[i] - 0x30)
            }
            return v
        }
        guard b.count >= 10, b[4] == 0x2D, b[7] == 0x2D, let y = digits(0, 4), let m = digits(5, 2), let d = digits(8, 2),
            m >= 1, m <= 12, d >= 1, d <= TemplateDate.daysIn(month: m, year: y)
        else { return nil }
        var hour = 0, minute = 0
        if b.count > 10 {
            guard b.count >= 16, b[10] == 0x54 || b[10] == 0x20, b[13] == 0x3A, let h = digits(11, 2), let mi = digits(14, 2),
                h < 24, mi < 60
            else { return nil }
            if b.count > 16 {
                guard b.count == 19, b[16] == 0x3A, digits(17, 2) != nil else { return nil }
            }
            hour = h
            minute = mi
        }
        self.init(year: y, month: m, day: d, hour: hour, minute: minute)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// 0 = Monday ... 6 = Sunday (days-from-civil arithmetic, proleptic Gregorian).
    var weekday: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146097 + doe - 719468  // days since 1970-01-01, a Thursday
        return ((days % 7) + 7 + 3) % 7
    }

    /// `YYYY-MM-DD`: how a date prints.
    var isoString: String {
        var out: [UInt8] = []
        out.reserveCapacity(10)
        appendPadded(year, 4, &out)
        out.append(0x2D)
        appendPadded(month, 2, &out)
        out.append(0x2D)
        appendPadded(day, 2, &out)
        return String(decoding: out, as: UTF8.self)
    }
}

/// Appends a string's UTF-8 bytes with one copy (no per-byte iteration).
@inline(__always) func appendUTF8(_ s: String, _ out: inout [UInt8]) {
    var s = s
    s.withUTF8 { out.append(contentsOf: $0) }
}

@inline(__always) func appendPadded(_ value: Int, _ width: Int, _ out: inout [UInt8]) {
    if value < 0 {
        out.append(0x2D)
        appendPadded(-value, width, &out)
        return
    }
    var digits = 1
    var p = 10
    while p <= value && digits < 19 { p &*= 10; digits += 1 }
    var pad = width - digits
    while pad > 0 { out.append(0x30); pad -= 1 }
    appendInt(value, &out)
}

@inline(__always) func appendInt(_ value: Int, _ out: inout [UInt8]) {
    if value >= 0 && value < 10 {
        out.append(UInt8(0x30 + value))
        return
    }
    if value == Int.min {
        out.append(contentsOf: String(value).utf8)
        return
    }
    var v = value
    if v < 0 { out.append(0x2D); v = -v }
    var tmp: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
              UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var n = 0
    withUnsafeMutableBytes(of: &tmp) { buf in
        while v > 0 {
            buf[19 - n] = UInt8(0x30 + v % 10)
            v /= 10
            n += 1
        }
        out.append(contentsOf: buf[(20 - n)...])
    }
}

extension TemplateValue {
    /// Jinja truth: none, false, 0, "" and empty collections are false.
    var isTruthy: Bool {
        switch self {
        case .none: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .double(let d): return d != 0
        case .string(let s), .safe(let s): return !s.isEmpty
        case .date: return true
        case .list(let l): return !l.isEmpty
        case .map(let m): return m.count > 0
        case .object: return true
        }
    }

    /// The type name used in error messages.
    var typeName: String {
        switch self {
        case .none: return "none"
        case .bool: return "boolean"
        case .int: return "integer"
        case .double: return "number"
        case .string: return "string"
        case .safe: return "safe string"
        case .date: return "date"
        case .list: return "list"
        case .map: return "map"
        case .object(let o): return o is MacroDef ? "macro" : "object"
        }
    }

    var isString: Bool {
        switch self {
        case .string, .safe: return true
        default: return false
        }
    }

    var stringPayload: String? {
        switch self {
        case .string(let s), .safe(let s): return s
        default: return nil
        }
    }

    /// The text a value prints as, before escaping.
    var text: String {
        switch self {
        case .none: return ""
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return formatDouble(d)
        case .string(let s), .safe(let s): return s
        case .date(let d): return d.isoString
        default:
            var out: [UInt8] = []
            appendRaw(to: &out)
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Writes the printed form without escaping (lists and maps nested deeper than 256 are cut off).
    func appendRaw(to out: inout [UInt8], depth: Int = 0) {
        if depth > 256 {
            out.append(contentsOf: "...".utf8)
            return
        }
        switch self {
        case .none: break
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): appendInt(i, &out)
        case .double(let d): out.append(contentsOf: formatDouble(d).utf8)
        case .string(let s), .safe(let s): appendUTF8(s, &out)
        case .date(let d):
            appendPadded(d.year, 4, &out)
            out.append(0x2D)
            appendPadded(d.month, 2, &out)
            out.append(0x2D)
            appendPadded(d.day, 2, &out)
        case .list(let items):
            out.append(0x5B)
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(contentsOf: ", ".utf8) }
                item.appendRepr(to: &out, depth: depth + 1)
            }
            out.append(0x5D)
        case .map(let m):
            out.append(0x7B)
            for (i, key) in m.keys.enumerated() {
                if i > 0 { out.append(contentsOf: ", ".utf8) }
                TemplateValue.string(key).appendRepr(to: &out, depth: depth + 1)
                out.append(contentsOf: ": ".utf8)
                m.storage[key]!.appendRepr(to: &out, depth: depth + 1)
            }
            out.append(0x7D)
        case .object(let o): out.append(contentsOf: o.identity.utf8)
        }
    }

    /// Inside a printed list or map: strings quoted.
    private func appendRepr(to out: inout [UInt8], depth: Int) {
        switch self {
        case .string(let s), .safe(let s):
            out.append(0x22)
            out.append(contentsOf: s.utf8)
            out.append(0x22)
        case .none: out.append(contentsOf: "none".utf8)
        default: appendRaw(to: &out, depth: depth)
        }
    }

    /// Writes the printed form, HTML-escaped unless the value is safe.
    @inline(__always) func appendEscaped(to out: inout [UInt8]) {
        switch self {
        case .string(let s): escapeHTML(s, into: &out)
        case .safe(let s): appendUTF8(s, &out)
        case .none: break
        case .int(let i): appendInt(i, &out)
        case .list, .map, .object:
            var raw: [UInt8] = []
            appendRaw(to: &raw)
            escapeHTML(bytes: raw, into: &out)
        default: appendRaw(to: &out)
        }
    }
}

func formatDouble(_ d: Double) -> String {
    if d.isNaN { return "nan" }
    if d.isInfinite { return d < 0 ? "-inf" : "inf" }
    return d.description
}

/// Equality as templates see it: numbers by value across int and double, a string equals a
/// safe string of the same text and a date its `YYYY-MM-DD` text, objects by identity.
func valuesEqual(_ a: TemplateValue, _ b: TemplateValue) -> Bool {
    switch (a, b) {
    case (.none, .none): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.int(let x), .int(let y)): return x == y
    case (.int(let x), .double(let y)): return Double(x) == y
    case (.double(let x), .int(let y)): return x == Double(y)
    case (.double(let x), .double(let y)): return x == y
    case (.string(let x), .string(let y)), (.string(let x), .safe(let y)), (.safe(let x), .string(let y)), (.safe(let x), .safe(let y)):
        return x == y
    case (.date(let x), .date(let y)): return x == y
    case (.date(let x), .string(let y)), (.string(let y), .date(let x)): return TemplateDate(parsing: y) == x
    case (.list(let x), .list(let y)):
        guard x.count == y.count else { return false }
        for i in x.indices where !valuesEqual(x[i], y[i]) { return false }
        return true
    case (.map(let x), .map(let y)):
        guard x.count == y.count else { return false }
        for key in x.keys {
            guard let other = y.storage[key], valuesEqual(x.storage[key]!, other) else { return false }
        }
        return true
    case (.object(let x), .object(let y)): return x.identity == y.identity
    default: return false
    }
}

/// Order of two values, nil when they cannot be compared. `caseInsensitive` is for `sort`.
func compareValues(_ a: TemplateValue, _ b: TemplateValue, caseInsensitive: Bool = false) -> Int? {
    func cmp<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
    switch (a, b) {
    case (.int(let x), .int(let y)): return cmp(x, y)
    case (.int(let x), .double(let y)): return cmp(Double(x), y)
    case (.double(let x), .int(let y)): return cmp(x, Double(y))
    case (.double(let x), .double(let y)): return cmp(x, y)
    case (.bool(let x), .bool(let y)): return cmp(x ? 1 : 0, y ? 1 : 0)
    case (.string(let x), .string(let y)), (.string(let x), .safe(let y)), (.safe(let x), .string(let y)), (.safe(let x), .safe(let y)):
        if caseInsensitive { return compareFolded(x, y) }
        return cmp(x, y)
    case (.date(let x), .date(let y)): return cmp(x, y)
    case (.date(let x), .string(let s)):
        guard let y = TemplateDate(parsing: s) else { return nil }
        return cmp(x, y)
    case (.string(let s), .date(let y)):
        guard let x = TemplateDate(parsing: s) else { return nil }
        return cmp(x, y)
    case (.list(let x), .list(let y)):
        for i in 0..<min(x.count, y.count) {
            guard let c = compareValues(x[i], y[i], caseInsensitive: caseInsensitive) else { return nil }
            if c != 0 { return c }
        }
        return cmp(x.count, y.count)
    default: return nil
    }
}

/// Case-insensitive, accent-folded comparison (the contract's title order), then exact.
func compareFolded(_ x: String, _ y: String) -> Int {
    let fx = foldForSort(x), fy = foldForSort(y)
    if fx != fy { return fx < fy ? -1 : 1 }
    return x == y ? 0 : (x < y ? -1 : 1)
}

func foldForSort(_ s: String) -> String {
    if s.utf8.allSatisfy({ $0 < 0x80 }) { return s.lowercased() }
    var out = String.UnicodeScalarView()
    for scalar in s.decomposedStringWithCanonicalMapping.unicodeScalars {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: continue
        default: out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
        }
    }
    return String(out)
}
