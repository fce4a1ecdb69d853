/// The one value type templates render from.
public enum TemplateValue: Sendable {
    case none
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    /// HTML that is output as is (the result of `safe`, `markdown`, a macro call, page content).
    case safe(String)
    case date(TemplateDate)
    case list([TemplateValue])
    case map(TemplateMap)
    /// A content-model item whose attributes are looked up on demand.
    case object(any TemplateObject)
}

/// An ordered map of string keys (document order, so output is deterministic).
public struct TemplateMap: Sendable {
    public private(set) var keys: [String]
    public private(set) var storage: [String: TemplateValue]
    /// The values in key order: a small map is searched by comparing keys, which is faster
    /// than hashing the name on every `page.title` (most maps in templates have few keys).
    private(set) var values: [TemplateValue]

    public init() {
        keys = []
        storage = [:]
        values = []
    }

    public init(_ pairs: [(String, TemplateValue)]) {
        self.init()
        keys.reserveCapacity(pairs.count)
        values.reserveCapacity(pairs.count)
        for (key, value) in pairs { self[key] = value }
    }

    public subscript(key: String) -> TemplateValue? {
        get { lookup(key) }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil {
                    keys.append(key)
                    values.append(newValue)
                } else if let i = keys.firstIndex(of: key) {
                    values[i] = newValue
                }
            } else if storage.removeValue(forKey: key) != nil, let i = keys.firstIndex(of: key) {
                keys.remove(at: i)
                values.remove(at: i)
            }
        }
    }

    @inline(__always) func lookup(_ key: String) -> TemplateValue? {
        if keys.count <= 12 {
            for i in keys.indices where keys[i] == key { return values[i] }
            return nil
        }
        return storage[key]
    }

    public var count: Int { keys.count }
}

/// An object of the host application (a region, a meeting) seen by templates.
///
/// Attributes are resolved lazily, so an item can refer to others (`region.trekker.region`)
/// without building a cyclic value.
public protocol TemplateObject: Sendable {
    /// The attribute's value; nil when the object has no such attribute (undefined, which
    /// is an error in a template unless under `default` or `is defined`). An attribute that
    /// exists but is empty is `.none`.
    func attribute(_ name: String) -> TemplateValue?
    /// Every attribute name, for "did you mean" suggestions and for `json`.
    var attributeNames: [String] { get }
    /// A stable identity: two objects are equal (`==`, `in`, `where`) when their identities are.
    var identity: String { get }
}

/// A calendar date, optionally with a time of day (no time zone: wall-clock time of the site).
public struct TemplateDate: Sendable, Hashable, Comparable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
    }

    public static func < (a: TemplateDate, b: TemplateDate) -> Bool {
        (a.year, a.month, a.day, a.hour, a.minute) < (b.year, b.month, b.day, b.hour, b.minute)
    }
}
