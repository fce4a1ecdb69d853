import SourceText
import YAML

/// Reads typed values out of a front matter mapping, collecting a diagnostic for every
/// value of the wrong type (at that value's position) instead of stopping at the first.
struct FrontMatterReader {
    let file: String
    private(set) var pairs: [String: YAMLPair] = [:]
    private(set) var keyOrder: [String] = []
    /// Where a missing key is reported: the front matter's first line.
    let start: SourceLocation
    var diagnostics: [Diagnostic] = []

    init(file: String, mapping: [YAMLPair], start: SourceLocation) {
        self.file = file
        self.start = start
        for pair in mapping {
            let name: String
            switch pair.key.value {
            case .string(let s): name = s
            case .int(let i): name = String(i)
            case .bool(let b): name = String(b)
            case .float(let f): name = String(f)
            case .null: name = ""
            default:
                diagnostics.append(.error(file, pair.key.location, "a key must be a plain name, not a list or mapping"))
                continue
            }
            pairs[name] = pair
            keyOrder.append(name)
        }
    }

    /// Warns about keys that are not in `known`, suggesting the nearest known key.
    mutating func warnAboutUnknownKeys(_ known: [String], collectionName: String) {
        for key in keyOrder where !known.contains(key) {
            let suggestion = Suggestion.nearest(to: key, in: known).map { "did you mean '\($0)'?" }
            diagnostics.append(.warning(file, pairs[key]!.key.location, "unknown key '\(key)' in \(collectionName)", suggestion: suggestion))
        }
    }

    /// The value node of `key`, nil when absent or null (an empty value counts as absent).
    func node(_ key: String) -> YAMLNode? {
        guard let pair = pairs[key] else { return nil }
        if case .null = pair.value.value { return nil }
        return pair.value
    }

    func has(_ key: String) -> Bool { node(key) != nil }

    mutating func require(_ key: String) -> YAMLNode? {
        if let node = node(key) { return node }
        if let pair = pairs[key] {
            diagnostics.append(.error(file, pair.value.location, "'\(key)' is empty; it is required"))
        } else {
            diagnostics.append(.error(file, start, "missing required key '\(key)'"))
        }
        return nil
    }

    // MARK: - Typed values

    mutating func string(_ key: String, required: Bool = false) -> Located<String>? {
        guard let node = required ? require(key) : node(key) else { return nil }
        return string(node, what: "'\(key)'")
    }

    mutating func string(_ node: YAMLNode, what: String) -> Located<String>? {
        if case .string(let s) = node.value { return Located(s, at: node.location) }
        var hint = ""
        switch node.value {
        case .int, .float, .bool: hint = "; put it in quotes to make it text"
        default: break
        }
        diagnostics.append(.error(file, node.location, "\(what) must be text, found \(describe(node))\(hint)"))
        return nil
    }

    mutating func date(_ key: String, required: Bool = false) -> SiteDate? {
        guard let node = required ? require(key) : node(key) else { return nil }
        guard case .string(let s) = node.value else {
            diagnostics.append(.error(file, node.location, "'\(key)' must be a date written YYYY-MM-DD, found \(describe(node))"))
            return nil
        }
        if let date = SiteDate(parsing: s) { return date }
        // YYYY-MM-DD in form but not a real day (2017-02-30), or not in that form at all (11-03-2027).
        let b = Array(s.utf8)
        let looksLikeDate = b.count == 10 && b[4] == UInt8(ascii: "-") && b[7] == UInt8(ascii: "-")
            && b.enumerated().allSatisfy { $0.offset == 4 || $0.offset == 7 || (0x30...0x39).contains($0.element) }
        diagnostics.append(.error(file, node.location, looksLikeDate
            ? "'\(key)': \(s) is not a real day"
            : "'\(key)' must be a date written YYYY-MM-DD, found '\(s)'"))
        return nil
    }

    mutating func time(_ key: String) -> SiteTime? {
        guard let node = node(key) else { return nil }
        if case .string(let s) = node.value, let t = SiteTime(parsing: s) { return t }
        diagnostics.append(.error(file, node.location, "'\(key)' must be a time written HH:MM (24-hour), found \(describe(node))"))
        return nil
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let node = node(key) else { return nil }
        if case .bool(let b) = node.value { return b }
        diagnostics.append(.error(file, node.location, "'\(key)' must be true or false, found \(describe(node))"))
        return nil
    }

    mutating func int(_ key: String) -> Int? {
        guard let node = node(key) else { return nil }
        return int(node, what: "'\(key)'")
    }

    mutating func int(_ node: YAMLNode, what: String) -> Int? {
        if case .int(let i) = node.value { return i }
        diagnostics.append(.error(file, node.location, "\(what) must be a whole number, found \(describe(node))"))
        return nil
    }

    mutating func number(_ key: String, range: ClosedRange<Double>? = nil) -> Double? {
        guard let node = node(key) else { return nil }
        let value: Double
        switch node.value {
        case .int(let i): value = Double(i)
        case .float(let f) where f.isFinite: value = f
        default:
            diagnostics.append(.error(file, node.location, "'\(key)' must be a number, found \(describe(node))"))
            return nil
        }
        if let range, !range.contains(value) {
            diagnostics.append(.error(file, node.location, "'\(key)' must lie between \(Int(range.lowerBound)) and \(Int(range.upperBound)), found \(value)"))
            return nil
        }
        return value
    }

    /// A list of strings; a single string is taken as a list of one.
    mutating func stringList(_ key: String, required: Bool = false) -> [Located<String>]? {
        guard let node = required ? require(key) : node(key) else { return nil }
        switch node.value {
        case .string(let s): return [Located(s, at: node.location)]
        case .sequence(let items):
            var result: [Located<String>] = []
            for item in items {
                if let s = string(item, what: "each item of '\(key)'") { result.append(s) }
            }
            return result
        default:
            diagnostics.append(.error(file, node.location, "'\(key)' must be a list, found \(describe(node))"))
            return nil
        }
    }

    /// A slug that names an item of another collection: text, not a number or list.
    mutating func slugReference(_ key: String, noun: String, required: Bool = false) -> Located<String>? {
        guard let node = required ? require(key) : node(key) else { return nil }
        return slugReference(node, what: "'\(key)'", noun: noun)
    }

    mutating func slugReference(_ node: YAMLNode, what: String, noun: String) -> Located<String>? {
        if case .string(let s) = node.value { return Located(s, at: node.location) }
        diagnostics.append(.error(file, node.location, "\(what) must be the slug of a \(noun) (such as 'twente'), found \(describe(node))"))
        return nil
    }

    mutating func slugReferences(_ key: String, noun: String) -> [Located<String>] {
        guard let node = node(key) else { return [] }
        switch node.value {
        case .string(let s): return [Located(s, at: node.location)]
        case .sequence(let items):
            return items.compactMap { slugReference($0, what: "each item of '\(key)'", noun: noun) }
        default:
            diagnostics.append(.error(file, node.location, "'\(key)' must be a list of \(noun) slugs, found \(describe(node))"))
            return []
        }
    }

    func describe(_ node: YAMLNode) -> String {
        switch node.value {
        case .null: return "nothing"
        case .bool(let b): return "\(b)"
        case .int(let i): return "the number \(i)"
        case .float(let f): return "the number \(f)"
        case .string(let s): return "'\(s)'"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }
}
