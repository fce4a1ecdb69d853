import SourceText

/// A filter supplied by the host (SiteCore supplies `markdown`): input, positional
/// arguments, keyword arguments. A thrown `TemplateFilterError` becomes a template
/// error at the filter's position.
public typealias TemplateFilter = @Sendable (TemplateValue, [TemplateValue], [String: TemplateValue]) throws(TemplateFilterError) -> TemplateValue

/// What a host filter throws: a message; the engine adds template, line and column.
public struct TemplateFilterError: Error, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// Settings that the built-in filters need.
public struct TemplateOptions: Sendable {
    /// `nl` or `en`: month and day names of `date`.
    public var language: String
    /// The site's `base_url`, for `abs_url`.
    public var baseURL: String
    /// Extra filters by name; they may not replace built-in ones.
    public var filters: [String: TemplateFilter]

    public init(language: String = "nl", baseURL: String = "", filters: [String: TemplateFilter] = [:]) {
        self.language = language
        self.baseURL = baseURL
        self.filters = filters
    }
}

/// A template that cannot be parsed or rendered, at its template, line and column.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    /// The template's name as loaded, e.g. `partials/card.html`.
    public var templateName: String
    public var location: SourceLocation
    /// e.g. "unknown filter 'dat'"
    public var message: String
    /// e.g. "did you mean 'date'?"
    public var suggestion: String?
    /// The quoted source line, when known.
    public var lineText: String?

    public init(templateName: String, location: SourceLocation, message: String, suggestion: String? = nil, lineText: String? = nil) {
        self.templateName = templateName
        self.location = location
        self.message = message
        self.suggestion = suggestion
        self.lineText = lineText
    }

    public var description: String {
        var text = "\(templateName):\(location.line):\(location.column): error: \(message)"
        if let suggestion { text += " (\(suggestion))" }
        if let lineText { text += "\n" + SourceExcerpt.render(lineText: lineText, line: location.line, column: location.column) }
        return text
    }
}

/// Every error found while loading a set of templates (all of them, not only the first).
public struct TemplateErrors: Error, Sendable {
    public var errors: [TemplateError]
    public init(_ errors: [TemplateError]) { self.errors = errors }
}

/// A set of parsed templates: immutable once built, safe to render from many threads.
///
/// The language is the contract's (content-model.md, "Templates"), Jinja's where the contract
/// is silent. Choices worth knowing:
/// - Strict: an undefined name or attribute is an error, except under `default` and `is defined`
///   (an attribute of `none` counts as undefined there). A macro parameter not passed is undefined.
/// - Printing: `none` → nothing, booleans `true`/`false`, doubles as Python does (`2.5`, `3.0`),
///   dates `YYYY-MM-DD`, lists and maps as `[1, "a"]` / `{"k": 1}` (escaped), objects as their identity.
/// - As in Jinja: one line break at the very end of a template is not output; filters bind
///   tighter than operators (`-3 | abs` is -3); `/` divides to a double, `//` floors.
/// - `default(v, boolean=false)` replaces undefined only (with `true`, also false values);
///   `truncate(n, end="…")` cuts at characters, the ending counted; `json` is compact, objects
///   written as maps of their attributes up to three objects deep, a repeated object as its identity.
/// - Beyond the contract: `with`, `filter` blocks, `from x import a as b`, `for ... if cond`,
///   `range()`, `namespace()` with `{% set ns.x = ... %}`, `loop.cycle()`, `loop.revindex`,
///   `m.items()`/`keys()`/`values()`/`get()`, string methods (`split`, `startswith`, ...), and the
///   filters `int float string list map select reject selectattr rejectattr replace round abs
///   unique min max sum items wordcount urlencode batch title count e d tojson`.
/// - Not supported: `{% call %}`/`caller()`, recursive loops, `set a, b = ...`, an `extends`
///   whose template name is not a string literal.
public struct TemplateEnvironment: Sendable {
    public let options: TemplateOptions
    public let templateNames: [String]
    let engine: Engine

    /// Parses every template (name → source). Throws every error found in any of them,
    /// sorted by template name, then position.
    public init(templates: [String: String], options: TemplateOptions) throws(TemplateErrors) {
        self.options = options
        let names = templates.keys.sorted()
        self.templateNames = names
        var index: [String: Int] = [:]
        for (i, n) in names.enumerated() { index[n] = i }
        var symbols = SymbolTable()
        _ = symbols.intern(filterBodyName)
        var parsed: [ParsedTemplate] = []
        var lineIndexes: [LineIndex] = []
        var errors: [TemplateError] = []
        func report(_ t: Int, _ lines: LineIndex, _ e: ParseError) {
            let loc = lines.location(ofByte: e.offset)
            errors.append(TemplateError(templateName: names[t], location: loc, message: e.message, suggestion: e.suggestion,
                                        lineText: lines.text(ofLine: loc.line)))
        }
        let hostFilters = options.filters.filter { FilterKind.builtins[$0.key] == nil }
        for (i, name) in names.enumerated() {
            var p = TemplateParser(name: name, index: i, source: templates[name]!, templateIndex: index, templateNames: names,
                                   hostFilters: hostFilters, symbols: symbols)
            var result = p.parse()
            symbols = p.symbols
            for e in p.errors { report(i, p.lines, e) }
            lineIndexes.append(p.lines)
            // Arguments of built-in filters are checked here, once, rather than on every render.
            for e in checkFilterArguments(result.nodes) { report(i, p.lines, e) }
            if result.parent != nil && result.edges.isEmpty { result.parent = nil }
            parsed.append(result)
        }
        // Cycles through extends, include and import are errors, never a hang.
        var state = [UInt8](repeating: 0, count: names.count)  // 0 new, 1 on the path, 2 done
        for root in names.indices where state[root] == 0 {
            var stack: [(node: Int, edge: Int)] = [(root, 0)]
            state[root] = 1
            while !stack.isEmpty {
                let (node, e) = stack[stack.count - 1]
                let edges = parsed[node].edges
                if e >= edges.count {
                    state[node] = 2
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].edge += 1
                let edge = edges[e]
                if state[edge.target] == 1 {
                    let path = stack.map { names[$0.node] }
                    let start = path.firstIndex(of: names[edge.target]) ?? 0
                    let cycle = (path[start...] + [names[edge.target]]).joined(separator: " → ")
                    report(node, lineIndexes[node], ParseError(offset: edge.offset, message: "\(edge.kind) cycle: \(cycle)"))
                    if edge.kind == "extends" { parsed[node].parent = nil }
                } else if state[edge.target] == 0 {
                    state[edge.target] = 1
                    stack.append((edge.target, 0))
                }
            }
        }
        // `from "x" import a`: the names must be macros of x when x holds only macros.
        for (i, p) in parsed.enumerated() {
            for imp in imports(in: p.nodes) where !imp.names.isEmpty && parsed[imp.target].isStaticModule {
                let available = parsed[imp.target].macros
                for (name, _) in imp.names where available[name] == nil {
                    report(i, lineIndexes[i], ParseError(offset: imp.offset, message: "template '\(names[imp.target])' has no macro '\(name)'",
                                                         suggestion: Suggestion.nearest(to: name, in: available.keys.sorted()).map { "did you mean '\($0)'?" }))
                }
            }
        }
        if !errors.isEmpty {
            throw TemplateErrors(errors.sorted { ($0.templateName, $0.location) < ($1.templateName, $1.location) })
        }
        var chains: [[Int]] = []
        var blockTables: [[String: [BlockDef]]] = []
        for i in names.indices {
            var chain = [i]
            var seen: Set<Int> = [i]
            while let p = parsed[chain[chain.count - 1]].parent, seen.insert(p).inserted { chain.append(p) }
            chains.append(chain)
            var table: [String: [BlockDef]] = [:]
            for t in chain {
                for (name, def) in parsed[t].blocks { table[name, default: []].append(def) }
            }
            blockTables.append(table)
        }
        var compiled: [CompiledTemplate] = []
        for (i, p) in parsed.enumerated() {
            var bySymbol: [Int: MacroDef] = [:]
            for m in p.macros.values { bySymbol[m.symbol] = m }
            let ns = p.isStaticModule
                ? Namespace(members: p.macros.mapValues { .object($0) }, names: p.macros.keys.sorted(), id: "module \(names[i])")
                : nil
            compiled.append(CompiledTemplate(name: names[i], lines: lineIndexes[i], nodes: p.nodes, parent: p.parent,
                                             parentOffset: p.parentOffset, blocks: p.blocks, macros: p.macros,
                                             macroSymbols: bySymbol, staticNamespace: ns))
        }
        engine = Engine(templates: compiled, index: index, symbols: symbols, chains: chains, blockTables: blockTables, options: options)
    }

    /// Whether a template of this name was loaded.
    public func contains(_ name: String) -> Bool { engine.index[name] != nil }

    /// Renders the template `name` with the given global variables.
    public func render(_ name: String, context: [String: TemplateValue]) throws(TemplateError) -> String {
        String(decoding: try renderBytes(name, context: context), as: UTF8.self)
    }

    /// Renders into UTF-8 bytes (what a writer of files wants; no String in between).
    public func renderBytes(_ name: String, context: [String: TemplateValue]) throws(TemplateError) -> [UInt8] {
        guard let i = engine.index[name] else {
            throw TemplateError(templateName: name, location: .start, message: "template '\(name)' not found",
                                suggestion: Suggestion.nearest(to: name, in: templateNames).map { "did you mean '\($0)'?" })
        }
        var renderer = Renderer(engine: engine, template: i, context: context)
        var out: [UInt8] = []
        out.reserveCapacity(16 * 1024)
        try renderer.renderTemplate(i, &out)
        return out
    }
}

/// Every `import` / `from ... import` node of a tree.
func imports(in nodes: [Node]) -> [ImportNode] {
    var found: [ImportNode] = []
    var pending: [[Node]] = [nodes]
    while let list = pending.popLast() {
        for node in list {
            switch node {
            case .importAs(let i): found.append(i)
            case .conditional(let branches, let otherwise):
                for (_, body) in branches { pending.append(body) }
                pending.append(otherwise)
            case .loop(let l): pending.append(l.body); pending.append(l.otherwise)
            case .capture(_, let body), .with(_, let body), .filterBlock(let body, _): pending.append(body)
            case .block(let b): pending.append(b.body)
            case .macro(let m): pending.append(m.body)
            default: break
            }
        }
    }
    return found
}

/// Load-time check of built-in filters' arguments (count and keyword names). Walks the tree
/// with an explicit stack: the tree's depth is bounded, but no recursion is needed anyway.
func checkFilterArguments(_ nodes: [Node]) -> [ParseError] {
    var errors: [ParseError] = []
    var exprs: [Expr] = []
    var pending: [[Node]] = [nodes]
    while let list = pending.popLast() {
        for node in list {
            switch node {
            case .text: break
            case .output(let e), .set(_, let e), .setAttribute(_, _, let e, _): exprs.append(e)
            case .with(let assignments, let body):
                exprs.append(contentsOf: assignments.map(\.1))
                pending.append(body)
            case .conditional(let branches, let otherwise):
                for (c, body) in branches { exprs.append(c); pending.append(body) }
                pending.append(otherwise)
            case .loop(let l):
                exprs.append(l.iterable)
                if let c = l.condition { exprs.append(c) }
                pending.append(l.body)
                pending.append(l.otherwise)
            case .capture(_, let body): pending.append(body)
            case .block(let b): pending.append(b.body)
            case .include(let i): if let e = i.expression { exprs.append(e) }
            case .importAs: break
            case .macro(let m):
                for p in m.parameters { if let d = p.defaultValue { exprs.append(d) } }
                pending.append(m.body)
            case .filterBlock(let body, let e): pending.append(body); exprs.append(e)
            }
        }
    }
    while let e = exprs.popLast() {
        switch e {
        case .literal, .name, .loopField, .superCall: break
        case .attribute(let b, _, _), .neg(let b, _), .not(let b): exprs.append(b)
        case .index(let a, let b, _), .and(let a, let b), .or(let a, let b), .binary(_, let a, let b, _):
            exprs.append(a); exprs.append(b)
        case .list(let items): exprs.append(contentsOf: items)
        case .map(let pairs): for (k, v) in pairs { exprs.append(k); exprs.append(v) }
        case .test(let b, _, _, let args, _): exprs.append(b); exprs.append(contentsOf: args)
        case .call(let c, let args, _): exprs.append(c); exprs.append(contentsOf: args.map(\.value))
        case .conditional(let a, let b, let c): exprs.append(a); exprs.append(b); if let c { exprs.append(c) }
        case .filter(let b, let kind, let args, let at):
            exprs.append(b)
            exprs.append(contentsOf: args.map(\.value))
            if case .host = kind { continue }
            guard let name = FilterKind.builtins.first(where: { "\($0.value)" == "\(kind)" && $0.key.count > 2 })?.key
                ?? FilterKind.builtins.first(where: { "\($0.value)" == "\(kind)" })?.key,
                let params = filterParameters[name]
            else { continue }
            let positional = args.filter { $0.name == nil }.count
            if positional > params.count {
                errors.append(ParseError(offset: at, message: "filter '\(name)' takes at most \(params.count) argument\(params.count == 1 ? "" : "s"), got \(positional)"))
            }
            for a in args {
                if let n = a.name, !params.contains(n) {
                    errors.append(ParseError(offset: at, message: "filter '\(name)' has no parameter '\(n)'",
                                             suggestion: Suggestion.nearest(to: n, in: params).map { "did you mean '\($0)'?" }))
                }
            }
        }
    }
    return errors
}
