import SourceText

// The parsed form of a template: an immutable tree, built once at load time and shared by
// every render (so every type here is Sendable and never mutated after parsing).

enum BinaryOp: UInt8, Sendable {
    case add, sub, mul, div, floorDiv, mod, pow, concat
    case eq, ne, lt, gt, le, ge, isIn, notIn
}

enum LoopField: UInt8, Sendable {
    case index, index0, revindex, revindex0, first, last, length
}

enum TestKind: Sendable {
    case defined, undefined, none, even, odd, string, number, integer, float, mapping, sequence, iterable
    case boolean, truthy, falsy, divisibleBy, sameAs, equalTo
}

/// A filter resolved at load time.
enum FilterKind: Sendable {
    case escape, safe, defaultValue, length, join, upper, lower, capitalize, title, trim, truncate, striptags
    case slugify, date, sort, reverse, first, last, whereAttr, groupby, absURL, json
    case int, float, string, list, map, select, reject, selectattr, rejectattr, replace, round, abs
    case unique, min, max, sum, items, wordcount, urlencode, batch
    case host(String, TemplateFilter)

    static let builtins: [String: FilterKind] = [
        "escape": .escape, "e": .escape, "safe": .safe, "default": .defaultValue, "d": .defaultValue,
        "length": .length, "count": .length, "join": .join, "upper": .upper, "lower": .lower,
        "capitalize": .capitalize, "title": .title, "trim": .trim, "truncate": .truncate, "striptags": .striptags,
        "slugify": .slugify, "date": .date, "sort": .sort, "reverse": .reverse, "first": .first, "last": .last,
        "where": .whereAttr, "groupby": .groupby, "abs_url": .absURL, "json": .json, "tojson": .json,
        "int": .int, "float": .float, "string": .string, "list": .list, "map": .map, "select": .select,
        "reject": .reject, "selectattr": .selectattr, "rejectattr": .rejectattr, "replace": .replace,
        "round": .round, "abs": .abs, "unique": .unique, "min": .min, "max": .max, "sum": .sum,
        "items": .items, "wordcount": .wordcount, "urlencode": .urlencode, "batch": .batch,
    ]
}

struct Argument: Sendable {
    var name: String?
    var value: Expr
}

indirect enum Expr: Sendable {
    case literal(TemplateValue)
    /// A variable: its interned symbol and its name (for messages).
    case name(Int, String, Int)
    case loopField(LoopField, Int)
    case attribute(Expr, String, Int)
    case index(Expr, Expr, Int)
    case list([Expr])
    case map([(Expr, Expr)])
    case neg(Expr, Int)
    case not(Expr)
    case and(Expr, Expr)
    case or(Expr, Expr)
    case binary(BinaryOp, Expr, Expr, Int)
    case test(Expr, TestKind, Bool, [Expr], Int)
    case filter(Expr, FilterKind, [Argument], Int)
    case call(Expr, [Argument], Int)
    case superCall(Int)
    case conditional(Expr, Expr, Expr?)

    /// The byte offset an error about this expression points at.
    var offset: Int {
        switch self {
        case .literal: return -1
        case .name(_, _, let p), .loopField(_, let p), .attribute(_, _, let p), .index(_, _, let p), .neg(_, let p),
            .binary(_, _, _, let p), .test(_, _, _, _, let p), .filter(_, _, _, let p), .call(_, _, let p), .superCall(let p):
            return p
        case .not(let e): return e.offset
        case .and(let a, _), .or(let a, _), .conditional(let a, _, _): return a.offset
        case .list, .map: return -1
        }
    }
}

enum Node: Sendable {
    case text([UInt8])
    case output(Expr)
    /// `if` / `elif` branches, then `else`.
    case conditional([(Expr, [Node])], [Node])
    case loop(LoopNode)
    case set(Int, Expr)
    case capture(Int, [Node])
    case block(BlockDef)
    case include(IncludeNode)
    case importAs(ImportNode)
    case macro(MacroDef)
    case filterBlock([Node], Expr)
}

final class LoopNode: Sendable {
    let targets: [Int]
    let iterable: Expr
    let condition: Expr?
    let body: [Node]
    let otherwise: [Node]
    let offset: Int
    init(targets: [Int], iterable: Expr, condition: Expr?, body: [Node], otherwise: [Node], offset: Int) {
        self.targets = targets
        self.iterable = iterable
        self.condition = condition
        self.body = body
        self.otherwise = otherwise
        self.offset = offset
    }
}

final class BlockDef: Sendable {
    let name: String
    let body: [Node]
    let template: Int
    init(name: String, body: [Node], template: Int) {
        self.name = name
        self.body = body
        self.template = template
    }
}

final class IncludeNode: Sendable {
    /// Resolved at load time when the name is a string literal.
    let target: Int?
    let expression: Expr?
    let ignoreMissing: Bool
    let offset: Int
    init(target: Int?, expression: Expr?, ignoreMissing: Bool, offset: Int) {
        self.target = target
        self.expression = expression
        self.ignoreMissing = ignoreMissing
        self.offset = offset
    }
}

final class ImportNode: Sendable {
    let target: Int
    /// `import "x" as m`: the namespace symbol; `from "x" import a, b as c`: the names.
    let namespace: Int?
    let names: [(name: String, symbol: Int)]
    let offset: Int
    init(target: Int, namespace: Int?, names: [(name: String, symbol: Int)], offset: Int) {
        self.target = target
        self.namespace = namespace
        self.names = names
        self.offset = offset
    }
}

struct MacroParameter: Sendable {
    var symbol: Int
    var name: String
    var defaultValue: Expr?
}

/// A macro: also a template value (`.object`), so it can be passed and called.
final class MacroDef: TemplateObject, Sendable {
    let name: String
    let symbol: Int
    let parameters: [MacroParameter]
    let body: [Node]
    let template: Int
    let offset: Int
    init(name: String, symbol: Int, parameters: [MacroParameter], body: [Node], template: Int, offset: Int) {
        self.name = name
        self.symbol = symbol
        self.parameters = parameters
        self.body = body
        self.template = template
        self.offset = offset
    }
    func attribute(_ name: String) -> TemplateValue? { name == "name" ? .string(self.name) : nil }
    var attributeNames: [String] { ["name"] }
    var identity: String { "macro \(name)@\(template):\(offset)" }
}

/// The value of `{% import "x" as m %}`: the macros (and top-level variables) of a template.
final class Namespace: TemplateObject, Sendable {
    let members: [String: TemplateValue]
    let names: [String]
    let id: String
    init(members: [String: TemplateValue], names: [String], id: String) {
        self.members = members
        self.names = names
        self.id = id
    }
    func attribute(_ name: String) -> TemplateValue? { members[name] }
    var attributeNames: [String] { names }
    var identity: String { id }
}

/// One loaded template.
final class CompiledTemplate: Sendable {
    let name: String
    let lines: LineIndex
    let nodes: [Node]
    let parent: Int?
    let parentOffset: Int
    /// Blocks defined in this template, by name.
    let blocks: [String: BlockDef]
    /// Top-level macros, for sibling calls from inside a macro and for a static import.
    let macros: [String: MacroDef]
    let macroSymbols: [Int: MacroDef]
    /// The namespace an import of this template gives, when it needs no evaluation.
    let staticNamespace: Namespace?

    init(name: String, lines: LineIndex, nodes: [Node], parent: Int?, parentOffset: Int, blocks: [String: BlockDef],
         macros: [String: MacroDef], macroSymbols: [Int: MacroDef], staticNamespace: Namespace?) {
        self.name = name
        self.lines = lines
        self.nodes = nodes
        self.parent = parent
        self.parentOffset = parentOffset
        self.blocks = blocks
        self.macros = macros
        self.macroSymbols = macroSymbols
        self.staticNamespace = staticNamespace
    }
}
