import Foundation
import SourceText

// The built-in filters (content-model.md, "Templates" and "Details that are fixed").

/// Parameter names of each built-in filter, checked at load time.
let filterParameters: [String: [String]] = [
    "escape": [], "e": [], "safe": [], "default": ["default_value", "boolean"], "d": ["default_value", "boolean"],
    "length": [], "count": [], "join": ["separator", "attribute"], "upper": [], "lower": [], "capitalize": [],
    "title": [], "trim": [], "truncate": ["length", "end"], "striptags": [], "slugify": [], "date": ["format"],
    "sort": ["reverse", "case_sensitive", "attribute"], "reverse": [], "first": [], "last": [],
    "where": ["attribute", "value"], "groupby": ["attribute"], "abs_url": [], "json": [], "tojson": [],
    "int": ["default"], "float": ["default"], "string": [], "list": [], "map": ["filter", "attribute", "default"],
    "select": ["test", "value"], "reject": ["test", "value"], "selectattr": ["attribute", "test", "value"],
    "rejectattr": ["attribute", "test", "value"], "replace": ["old", "new", "count"], "round": ["precision", "method"],
    "abs": [], "unique": ["attribute"], "min": ["attribute"], "max": ["attribute"], "sum": ["attribute", "start"],
    "items": [], "wordcount": [], "urlencode": [], "batch": ["linecount", "fill_with"],
]

struct FilterArguments {
    var positional: [TemplateValue] = []
    var keywords: [(String, TemplateValue)] = []

    func get(_ i: Int, _ name: String) -> TemplateValue? {
        if i < positional.count { return positional[i] }
        for (k, v) in keywords where k == name { return v }
        return nil
    }
}

func testKind(named name: String) -> TestKind? {
    switch name {
    case "defined": return .defined
    case "undefined": return .undefined
    case "none": return TestKind.none
    case "even": return .even
    case "odd": return .odd
    case "string": return .string
    case "number": return .number
    case "integer": return .integer
    case "float": return .float
    case "mapping": return .mapping
    case "sequence": return .sequence
    case "iterable": return .iterable
    case "boolean": return .boolean
    case "true": return .truthy
    case "false": return .falsy
    case "divisibleby": return .divisibleBy
    case "sameas": return .sameAs
    case "eq", "equalto", "==": return .equalTo
    default: return nil
    }
}

/// A dotted attribute path (`date.year`, `region.title`, `items.0`) of a value; nil when any part is missing.
func attributePath(_ value: TemplateValue, _ path: String) -> TemplateValue? {
    var v = value
    for part in path.split(separator: ".", omittingEmptySubsequences: false) {
        let name = String(part)
        switch v {
        case .map(let m):
            guard let next = m.lookup(name) else { return nil }
            v = next
        case .object(let o):
            guard let next = o.attribute(name) else { return nil }
            v = next
        case .date(let d):
            switch name {
            case "year": v = .int(d.year)
            case "month": v = .int(d.month)
            case "day": v = .int(d.day)
            case "hour": v = .int(d.hour)
            case "minute": v = .int(d.minute)
            default: return nil
            }
        case .list(let l):
            guard let i = Int(name), i >= 0, i < l.count else { return nil }
            v = l[i]
        default:
            return nil
        }
    }
    return v
}

extension Renderer {
    mutating func evalArguments(_ args: [Argument]) throws(TemplateError) -> FilterArguments {
        var a = FilterArguments()
        for arg in args {
            let v = try eval(arg.value)
            if let n = arg.name { a.keywords.append((n, v)) } else { a.positional.append(v) }
        }
        return a
    }

    mutating func applyFilter(_ kind: FilterKind, _ baseExpr: Expr, _ args: [Argument], _ at: Int) throws(TemplateError) -> TemplateValue {
        if case .defaultValue = kind {
            let v = try resolve(baseExpr, strict: false)
            let a = try evalArguments(args)
            let boolean = a.get(1, "boolean")?.isTruthy ?? false
            if let v, !(boolean && !v.isTruthy) { return v }
            return a.get(0, "default_value") ?? .string("")
        }
        let input = try eval(baseExpr)
        if args.isEmpty {
            return try filter(kind, input, FilterArguments(), at)
        }
        return try filter(kind, input, try evalArguments(args), at)
    }

    func expectList(_ v: TemplateValue, _ name: String, _ at: Int) throws(TemplateError) -> [TemplateValue] {
        switch v {
        case .list(let l): return l
        case .map(let m): return m.keys.map { .string($0) }
        default: throw error(at, "filter '\(name)' expects a list, got \(describeKind(v))")
        }
    }

    func stringArg(_ a: FilterArguments, _ i: Int, _ name: String, _ filter: String, _ at: Int) throws(TemplateError) -> String? {
        guard let v = a.get(i, name) else { return nil }
        guard let s = v.stringPayload else { throw error(at, "filter '\(filter)': '\(name)' must be a string, got \(describeKind(v))") }
        return s
    }

    func intArg(_ a: FilterArguments, _ i: Int, _ name: String, _ filter: String, _ at: Int) throws(TemplateError) -> Int? {
        guard let v = a.get(i, name) else { return nil }
        guard case .int(let n) = v else { throw error(at, "filter '\(filter)': '\(name)' must be an integer, got \(describeKind(v))") }
        return n
    }

    /// The items' values at a dotted attribute path (or the items themselves).
    func keyed(_ items: [TemplateValue], _ path: String?) -> [TemplateValue?] {
        guard let path else { return items }
        return items.map { attributePath($0, path) }
    }

    /// Keeps safe strings safe: transforms the text, then re-wraps.
    func mapText(_ v: TemplateValue, _ f: (String) -> String) -> TemplateValue {
        switch v {
        case .safe(let s): return .safe(f(s))
        default: return .string(f(v.text))
        }
    }

    func filter(_ kind: FilterKind, _ input: TemplateValue, _ a: FilterArguments, _ at: Int) throws(TemplateError) -> TemplateValue {
        switch kind {
        case .escape:
            if case .safe = input { return input }
            return .safe(escapeHTML(input.text))
        case .safe:
            if case .safe = input { return input }
            return .safe(input.text)
        case .defaultValue:
            return input
        case .length:
            switch input {
            case .string(let s), .safe(let s): return .int(isASCII(s) ? s.utf8.count : s.count)
            case .list(let l): return .int(l.count)
            case .map(let m): return .int(m.count)
            case .object(let o): return .int(o.attributeNames.count)
            default: throw error(at, "filter 'length' expects a string, list or map, got \(describeKind(input))")
            }
        case .join:
            let items = try expectList(input, "join", at)
            let sepValue = a.get(0, "separator") ?? .string("")
            let path = try stringArg(a, 1, "attribute", "join", at)
            let values = keyed(items, path).map { $0 ?? .none }
            var anySafe = false
            if case .safe = sepValue { anySafe = true }
            for v in values { if case .safe = v { anySafe = true } }
            if anySafe {
                func piece(_ v: TemplateValue) -> String {
                    if case .safe(let s) = v { return s }
                    return escapeHTML(v.text)
                }
                return .safe(values.map(piece).joined(separator: piece(sepValue)))
            }
            return .string(values.map(\.text).joined(separator: sepValue.text))
        case .upper:
            return mapText(input) { $0.uppercased() }
        case .lower:
            return mapText(input) { $0.lowercased() }
        case .capitalize:
            return mapText(input) { s in
                guard let f = s.first else { return s }
                return f.uppercased() + s.dropFirst().lowercased()
            }
        case .title:
            return mapText(input) { s in
                var out = ""
                var atStart = true
                for ch in s {
                    if ch.isLetter || ch.isNumber {
                        out += atStart ? ch.uppercased() : ch.lowercased()
                        atStart = false
                    } else {
                        out.append(ch)
                        atStart = ch != "'" && ch != "\u{2019}"
                    }
                }
                return out
            }
        case .trim:
            return mapText(input) { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        case .truncate:
            let n = try intArg(a, 0, "length", "truncate", at) ?? 255
            let end = try stringArg(a, 1, "end", "truncate", at) ?? "\u{2026}"
            return mapText(input) { s in truncate(s, n, end) }
        case .striptags:
            return .string(stripTags(input.text))
        case .slugify:
            return .string(Slugifier.slugify(input.text))
        case .date:
            let format = try stringArg(a, 0, "format", "date", at) ?? "%Y-%m-%d"
            let date: TemplateDate
            switch input {
            case .date(let d): date = d
            case .string(let s), .safe(let s):
                guard let d = TemplateDate(parsing: s) else { throw error(at, "filter 'date': '\(s)' is not a date (YYYY-MM-DD)") }
                date = d
            default:
                throw error(at, "filter 'date' expects a date, got \(describeKind(input))")
            }
            let (text, problem) = formatDate(date, format, language: engine.options.language)
            if let problem { throw error(at, "filter 'date': \(problem)") }
            return .string(text)
        case .sort:
            let items = try expectList(input, "sort", at)
            let reverse = a.get(0, "reverse")?.isTruthy ?? false
            let caseSensitive = a.get(1, "case_sensitive")?.isTruthy ?? false
            let path = try stringArg(a, 2, "attribute", "sort", at)
            let keys = keyed(items, path)
            var failure: (TemplateValue, TemplateValue)?
            var order = Array(items.indices)
            order.sort { i, j in
                let c = sortCompare(keys[i], keys[j], !caseSensitive, &failure)
                if c != 0 { return reverse ? c > 0 : c < 0 }
                return i < j
            }
            if let (x, y) = failure {
                throw error(at, "filter 'sort' cannot compare \(describeKind(x)) with \(describeKind(y))")
            }
            return .list(order.map { items[$0] })
        case .reverse:
            switch input {
            case .list(let l): return .list(l.reversed())
            case .string, .safe: return mapText(input) { String($0.reversed()) }
            default: throw error(at, "filter 'reverse' expects a list or string, got \(describeKind(input))")
            }
        case .first, .last:
            switch input {
            case .list(let l): return (kind.isFirst ? l.first : l.last) ?? .none
            case .string(let s), .safe(let s): return (kind.isFirst ? s.first : s.last).map { .string(String($0)) } ?? .none
            default: throw error(at, "filter '\(kind.isFirst ? "first" : "last")' expects a list, got \(describeKind(input))")
            }
        case .whereAttr:
            let items = try expectList(input, "where", at)
            guard let path = try stringArg(a, 0, "attribute", "where", at) else {
                throw error(at, "filter 'where' needs an attribute name")
            }
            let wanted = a.get(1, "value")
            return .list(items.filter { item in
                guard let v = attributePath(item, path) else { return false }
                if let wanted { return valuesEqual(v, wanted) }
                return v.isTruthy
            })
        case .groupby:
            let items = try expectList(input, "groupby", at)
            guard let path = try stringArg(a, 0, "attribute", "groupby", at) else {
                throw error(at, "filter 'groupby' needs an attribute name")
            }
            var groups: [(TemplateValue, [TemplateValue])] = []
            var byKey: [String: Int] = [:]
            for item in items {
                guard let key = attributePath(item, path) else { continue }
                let hk = hashKey(key)
                if let hk, let g = byKey[hk] {
                    groups[g].1.append(item)
                } else if hk == nil, let g = groups.firstIndex(where: { valuesEqual($0.0, key) }) {
                    groups[g].1.append(item)
                } else {
                    if let hk { byKey[hk] = groups.count }
                    groups.append((key, [item]))
                }
            }
            return .list(groups.map { .map(TemplateMap([("grouper", $0.0), ("list", .list($0.1))])) })
        case .absURL:
            return .string(absoluteURL(input.text))
        case .json:
            var out: [UInt8] = []
            var path: [String] = []
            writeJSON(input, &out, &path, 0)
            return .string(String(decoding: out, as: UTF8.self))
        case .int:
            let fallback = a.get(0, "default") ?? .int(0)
            switch input {
            case .int: return input
            case .double(let d): return d.isFinite && abs(d) < 9e18 ? .int(Int(d)) : fallback
            case .bool(let b): return .int(b ? 1 : 0)
            case .string(let s), .safe(let s):
                let t = s.trimmingCharacters(in: .whitespaces)
                if let i = Int(t) { return .int(i) }
                if let d = Double(t), d.isFinite, abs(d) < 9e18 { return .int(Int(d)) }
                return fallback
            default: return fallback
            }
        case .float:
            let fallback = a.get(0, "default") ?? .double(0)
            switch input {
            case .int(let i): return .double(Double(i))
            case .double: return input
            case .string(let s), .safe(let s): return Double(s.trimmingCharacters(in: .whitespaces)).map { .double($0) } ?? fallback
            default: return fallback
            }
        case .string:
            if case .safe = input { return input }
            return .string(input.text)
        case .list:
            switch input {
            case .list: return input
            case .map(let m): return .list(m.keys.map { .string($0) })
            case .string(let s), .safe(let s): return .list(s.map { .string(String($0)) })
            default: throw error(at, "filter 'list' expects a list, map or string, got \(describeKind(input))")
            }
        case .map:
            let items = try expectList(input, "map", at)
            if let path = try stringArg(a, 99, "attribute", "map", at) {
                let fallback = a.get(99, "default")
                var out: [TemplateValue] = []
                for item in items {
                    if let v = attributePath(item, path) ?? fallback { out.append(v) } else {
                        throw error(at, "filter 'map': \(describeKind(item)) has no attribute '\(path)'")
                    }
                }
                return .list(out)
            }
            guard let name = try stringArg(a, 0, "filter", "map", at) else {
                throw error(at, "filter 'map' needs attribute=\"...\" or the name of a filter")
            }
            guard let f = FilterKind.builtins[name], (filterParameters[name] ?? []).isEmpty || a.positional.count == 1 else {
                throw error(at, "filter 'map': unknown filter '\(name)'")
            }
            var rest = FilterArguments()
            rest.positional = Array(a.positional.dropFirst())
            var out: [TemplateValue] = []
            for item in items { out.append(try filter(f, item, rest, at)) }
            return .list(out)
        case .select, .reject:
            let items = try expectList(input, kind.isSelect ? "select" : "reject", at)
            let testName = try stringArg(a, 0, "test", "select", at)
            let arg = a.get(1, "value")
            var out: [TemplateValue] = []
            for item in items where try passes(item, testName, arg, at) == kind.isSelect { out.append(item) }
            return .list(out)
        case .selectattr, .rejectattr:
            let select = kind.isSelect
            let items = try expectList(input, select ? "selectattr" : "rejectattr", at)
            guard let path = try stringArg(a, 0, "attribute", "selectattr", at) else {
                throw error(at, "filter 'selectattr' needs an attribute name")
            }
            let testName = try stringArg(a, 1, "test", "selectattr", at)
            let arg = a.get(2, "value")
            var out: [TemplateValue] = []
            for item in items {
                let v = attributePath(item, path)
                let ok: Bool
                if let v { ok = try passes(v, testName, arg, at) } else { ok = testName == "undefined" }
                if ok == select { out.append(item) }
            }
            return .list(out)
        case .replace:
            guard let old = try stringArg(a, 0, "old", "replace", at), let new = try stringArg(a, 1, "new", "replace", at) else {
                throw error(at, "filter 'replace' needs the old and the new text")
            }
            let count = try intArg(a, 2, "count", "replace", at)
            return mapText(input) { s in replace(s, old, new, count) }
        case .round:
            let precision = try intArg(a, 0, "precision", "round", at) ?? 0
            let method = try stringArg(a, 1, "method", "round", at) ?? "common"
            guard let d = toDouble(input) else { throw error(at, "filter 'round' expects a number, got \(describeKind(input))") }
            let scale = pow(10.0, Double(precision))
            let rule: FloatingPointRoundingRule = method == "floor" ? .down : method == "ceil" ? .up : .toNearestOrAwayFromZero
            return .double((d * scale).rounded(rule) / scale)
        case .abs:
            switch input {
            case .int(let i): return i == Int.min ? .double(-Double(i)) : .int(Swift.abs(i))
            case .double(let d): return .double(Swift.abs(d))
            default: throw error(at, "filter 'abs' expects a number, got \(describeKind(input))")
            }
        case .unique:
            let items = try expectList(input, "unique", at)
            let path = try stringArg(a, 0, "attribute", "unique", at)
            let keys = keyed(items, path)
            var out: [TemplateValue] = []
            var outKeys: [TemplateValue] = []
            var seen = Set<String>()
            for (item, key) in zip(items, keys) {
                let key = key ?? .none
                if let k = hashKey(key) {
                    if seen.insert(k).inserted { out.append(item) }
                } else if !outKeys.contains(where: { valuesEqual($0, key) }) {
                    out.append(item)
                    outKeys.append(key)
                }
            }
            return .list(out)
        case .min, .max:
            let items = try expectList(input, kind.isMin ? "min" : "max", at)
            let path = try stringArg(a, 0, "attribute", "min", at)
            let keys = keyed(items, path)
            var best: Int?
            var failure: (TemplateValue, TemplateValue)?
            for i in items.indices {
                guard let b = best else { best = i; continue }
                let c = sortCompare(keys[i], keys[b], true, &failure)
                if kind.isMin ? c < 0 : c > 0 { best = i }
            }
            if let (x, y) = failure { throw error(at, "cannot compare \(describeKind(x)) with \(describeKind(y))") }
            return best.map { items[$0] } ?? .none
        case .sum:
            let items = try expectList(input, "sum", at)
            let path = try stringArg(a, 0, "attribute", "sum", at)
            var total = a.get(1, "start") ?? .int(0)
            for v in keyed(items, path) { total = try arithmetic(.add, total, v ?? .int(0), at) }
            return total
        case .items:
            guard case .map(let m) = input else { throw error(at, "filter 'items' expects a map, got \(describeKind(input))") }
            return .list(m.keys.map { .list([.string($0), m.storage[$0]!]) })
        case .wordcount:
            return .int(input.text.split(whereSeparator: { $0.isWhitespace }).count)
        case .urlencode:
            return .string(percentEncode(input.text))
        case .batch:
            let items = try expectList(input, "batch", at)
            guard let n = try intArg(a, 0, "linecount", "batch", at), n > 0 else { throw error(at, "filter 'batch' needs a positive size") }
            let fill = a.get(1, "fill_with")
            var out: [TemplateValue] = []
            var i = 0
            while i < items.count {
                var chunk = Array(items[i..<min(i + n, items.count)])
                if let fill { while chunk.count < n { chunk.append(fill) } }
                out.append(.list(chunk))
                i += n
            }
            return .list(out)
        case .host(let name, let f):
            do {
                return try f(input, a.positional, Dictionary(a.keywords, uniquingKeysWith: { x, _ in x }))
            } catch {
                throw self.error(at, "filter '\(name)': \(error.message)")
            }
        }
    }

    func passes(_ v: TemplateValue, _ testName: String?, _ arg: TemplateValue?, _ at: Int) throws(TemplateError) -> Bool {
        guard let testName else { return v.isTruthy }
        guard let kind = testKind(named: testName) else { throw error(at, "unknown test '\(testName)'") }
        return try testValue(kind, v, arg, at)
    }

    func testValue(_ kind: TestKind, _ v: TemplateValue, _ arg: TemplateValue?, _ at: Int) throws(TemplateError) -> Bool {
        switch kind {
        case .defined: return true
        case .undefined: return false
        case .none:
            if case .none = v { return true }
            return false
        case .even, .odd:
            guard case .int(let i) = v else { throw error(at, "'even' and 'odd' need an integer, got \(describeKind(v))") }
            return (i & 1 == 0) == (kind == .even)
        case .divisibleBy:
            guard case .int(let i) = v, case .int(let d)? = arg, d != 0 else {
                throw error(at, "'divisibleby' needs integers (and not zero)")
            }
            return i % d == 0
        case .string: return v.isString
        case .number:
            switch v {
            case .int, .double: return true
            default: return false
            }
        case .integer:
            if case .int = v { return true }
            return false
        case .float:
            if case .double = v { return true }
            return false
        case .boolean:
            if case .bool = v { return true }
            return false
        case .truthy:
            if case .bool(true) = v { return true }
            return false
        case .falsy:
            if case .bool(false) = v { return true }
            return false
        case .mapping:
            switch v {
            case .map, .object: return true
            default: return false
            }
        case .sequence, .iterable:
            switch v {
            case .list, .map, .string, .safe: return true
            default: return false
            }
        case .sameAs, .equalTo:
            return valuesEqual(v, arg ?? .none)
        }
    }

    /// `abs_url` (content-model.md, site.yaml): URLs with a scheme stay; a path under the base
    /// path gets scheme and host only; any other path gets the whole base URL, without `//`.
    func absoluteURL(_ s: String) -> String {
        if hasScheme(s) || s.hasPrefix("//") { return s }
        let origin = engine.baseOrigin, basePath = engine.basePath
        if s.hasPrefix("/") {
            if basePath != "/", s.hasPrefix(basePath) || s == String(basePath.dropLast()) { return origin + s }
            return origin + basePath + s.dropFirst()
        }
        return origin + basePath + s
    }

    func writeJSON(_ v: TemplateValue, _ out: inout [UInt8], _ path: inout [String], _ depth: Int) {
        // Host data nested deeper than this is cut off, so no input can exhaust the stack.
        if depth > 256 {
            out.append(contentsOf: "null".utf8)
            return
        }
        switch v {
        case .none: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): appendInt(i, &out)
        case .double(let d):
            if d.isFinite { out.append(contentsOf: d.description.utf8) } else { out.append(contentsOf: "null".utf8) }
        case .string(let s), .safe(let s): writeJSONString(s, &out)
        case .date(let d): writeJSONString(d.isoString, &out)
        case .list(let l):
            out.append(0x5B)
            for (i, item) in l.enumerated() {
                if i > 0 { out.append(0x2C) }
                writeJSON(item, &out, &path, depth + 1)
            }
            out.append(0x5D)
        case .map(let m):
            out.append(0x7B)
            for (i, key) in m.keys.enumerated() {
                if i > 0 { out.append(0x2C) }
                writeJSONString(key, &out)
                out.append(0x3A)
                writeJSON(m.storage[key]!, &out, &path, depth + 1)
            }
            out.append(0x7D)
        case .object(let o):
            // Items refer to each other (region.trekker.region): an object already being
            // written, or deeper than three objects, is written as its identity.
            if path.count >= 3 || path.contains(o.identity) || o is MacroDef {
                writeJSONString(o.identity, &out)
                return
            }
            path.append(o.identity)
            out.append(0x7B)
            var first = true
            for name in o.attributeNames {
                guard let value = o.attribute(name) else { continue }
                if !first { out.append(0x2C) }
                first = false
                writeJSONString(name, &out)
                out.append(0x3A)
                writeJSON(value, &out, &path, depth + 1)
            }
            out.append(0x7D)
            path.removeLast()
        }
    }
}

extension FilterKind {
    var isFirst: Bool {
        if case .first = self { return true }
        return false
    }
    var isSelect: Bool {
        switch self {
        case .select, .selectattr: return true
        default: return false
        }
    }
    var isMin: Bool {
        if case .min = self { return true }
        return false
    }
}

/// Order for `sort`: missing and none last; nil in `failure` when two values cannot be compared.
func sortCompare(_ x: TemplateValue?, _ y: TemplateValue?, _ caseInsensitive: Bool, _ failure: inout (TemplateValue, TemplateValue)?) -> Int {
    let xMissing: Bool
    let yMissing: Bool
    if let x, case .none = x { xMissing = true } else { xMissing = x == nil }
    if let y, case .none = y { yMissing = true } else { yMissing = y == nil }
    if xMissing || yMissing { return xMissing == yMissing ? 0 : (xMissing ? 1 : -1) }
    if let c = compareValues(x!, y!, caseInsensitive: caseInsensitive) { return c }
    if failure == nil { failure = (x!, y!) }
    return 0
}

func hashKey(_ v: TemplateValue) -> String? {
    switch v {
    case .string(let s), .safe(let s): return "s" + s
    case .int(let i): return "i\(i)"
    case .bool(let b): return b ? "bt" : "bf"
    case .date(let d): return "d" + d.isoString
    case .none: return "n"
    case .object(let o): return "o" + o.identity
    default: return nil
    }
}

func hasScheme(_ s: String) -> Bool {
    var first = true
    for b in s.utf8 {
        if b == 0x3A { return !first }
        let letter = (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A
        if first {
            guard letter else { return false }
            first = false
        } else if !(letter || isDigit(b) || b == 0x2B || b == 0x2D || b == 0x2E) {
            return false
        }
    }
    return false
}

/// `truncate(n)`: at most n characters, the ending included.
func truncate(_ s: String, _ n: Int, _ end: String) -> String {
    // Fewer bytes than n: certainly fewer characters.
    if s.utf8.count <= n { return s }
    if isASCII(s) {
        let endCount = end == "\u{2026}" ? 1 : end.count
        var text = s
        let kept: String = text.withUTF8 { buf in
            var k = min(buf.count, max(0, n - endCount))
            while k > 0, isSpace(buf[k - 1]) { k -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: buf[0..<k]), as: UTF8.self)
        }
        return kept + end
    }
    guard s.count > n else { return s }
    let keep = max(0, n - end.count)
    var prefix = String(s.prefix(keep))
    while let last = prefix.last, last.isWhitespace { prefix.removeLast() }
    return prefix + end
}

func replace(_ s: String, _ old: String, _ new: String, _ count: Int?) -> String {
    guard !old.isEmpty else { return s }
    var out = ""
    var rest = Substring(s)
    var done = 0
    while count == nil || done < count!, let r = rest.range(of: old) {
        out += rest[..<r.lowerBound]
        out += new
        rest = rest[r.upperBound...]
        done += 1
    }
    return out + rest
}

func percentEncode(_ s: String) -> String {
    var out = ""
    for b in s.utf8 {
        let unreserved = (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || isDigit(b) || b == 0x2D || b == 0x2E || b == 0x5F || b == 0x7E || b == 0x2F
        if unreserved { out.unicodeScalars.append(Unicode.Scalar(b)) } else {
            let hex = Array("0123456789ABCDEF".utf8)
            out += "%"
            out.unicodeScalars.append(Unicode.Scalar(hex[Int(b >> 4)]))
            out.unicodeScalars.append(Unicode.Scalar(hex[Int(b & 15)]))
        }
    }
    return out
}

func writeJSONString(_ s: String, _ out: inout [UInt8]) {
    out.append(0x22)
    let hex = Array("0123456789abcdef".utf8)
    for scalar in s.unicodeScalars {
        switch scalar.value {
        case 0x22: out.append(contentsOf: [0x5C, 0x22])
        case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
        case 0x0D: out.append(contentsOf: [0x5C, 0x72])
        case 0x09: out.append(contentsOf: [0x5C, 0x74])
        // `<`, `>`, `&` and `'` as escapes, so `| json | safe` is harmless inside <script> (content-model.md).
        case 0x00..<0x20, 0x3C, 0x3E, 0x26, 0x27, 0x2028, 0x2029:
            let v = Int(scalar.value)
            out.append(contentsOf: [0x5C, 0x75, hex[(v >> 12) & 15], hex[(v >> 8) & 15], hex[(v >> 4) & 15], hex[v & 15]])
        default:
            out.append(contentsOf: String(scalar).utf8)
        }
    }
    out.append(0x22)
}

func isASCII(_ s: String) -> Bool {
    var s = s
    return s.withUTF8 { buf in
        var acc: UInt8 = 0
        for b in buf { acc |= b }
        return acc < 0x80
    }
}
