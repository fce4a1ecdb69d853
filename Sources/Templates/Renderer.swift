import SourceText

import Foundation

// Walks the parsed tree of one template and writes UTF-8 into one buffer. Variables live in
// one stack of (symbol, value) pairs with frame marks (a scope chain without copying), so a
// `for` loop, a block, an include or a macro call costs a mark, not a dictionary copy.

/// Everything a render needs, built once at load time.
final class Engine: Sendable {
    let templates: [CompiledTemplate]
    let index: [String: Int]
    let symbolIDs: [String: Int]
    let symbolNames: [String]
    /// For each template: itself, its parent, its parent's parent, ...
    let chains: [[Int]]
    /// For each template as the one rendered: block name → definitions, most derived first.
    let blockTables: [[String: [BlockDef]]]
    let options: TemplateOptions
    let baseOrigin: String
    let basePath: String

    init(templates: [CompiledTemplate], index: [String: Int], symbols: SymbolTable, chains: [[Int]],
         blockTables: [[String: [BlockDef]]], options: TemplateOptions) {
        self.templates = templates
        self.index = index
        self.symbolIDs = symbols.ids
        self.symbolNames = symbols.names
        self.chains = chains
        self.blockTables = blockTables
        self.options = options
        (baseOrigin, basePath) = splitBaseURL(options.baseURL)
    }
}

/// `https://host/path/` → (`https://host`, `/path/`); the path always ends in `/`.
func splitBaseURL(_ url: String) -> (String, String) {
    let b = Array(url.utf8)
    guard let schemeEnd = findSubsequence(b, Array("://".utf8)) else {
        var path = url.isEmpty ? "/" : url
        if !path.hasPrefix("/") { path = "/" + path }
        if !path.hasSuffix("/") { path += "/" }
        return ("", path)
    }
    var i = schemeEnd + 3
    while i < b.count && b[i] != 0x2F { i += 1 }
    let origin = String(decoding: b[0..<i], as: UTF8.self)
    var path = String(decoding: b[i...], as: UTF8.self)
    if path.isEmpty { path = "/" }
    if !path.hasSuffix("/") { path += "/" }
    return (origin, path)
}

func findSubsequence(_ b: [UInt8], _ needle: [UInt8]) -> Int? {
    guard b.count >= needle.count else { return nil }
    for i in 0...(b.count - needle.count) where b[i] == needle[0] {
        if Array(b[i..<(i + needle.count)]) == needle { return i }
    }
    return nil
}

let maxRenderDepth = 100

struct Binding {
    var symbol: Int
    var value: TemplateValue
    /// False for a macro parameter that was not passed: undefined, and hiding any global of that name.
    var defined = true
}

/// A macro of an imported template that has top-level variables: it sees them when called.
final class BoundMacro: TemplateObject, Sendable {
    let def: MacroDef
    let module: [Binding]
    init(def: MacroDef, module: [Binding]) {
        self.def = def
        self.module = module
    }
    func attribute(_ name: String) -> TemplateValue? { def.attribute(name) }
    var attributeNames: [String] { def.attributeNames }
    var identity: String { def.identity }
}

struct LoopState {
    var index0: Int
    var length: Int
}

struct Renderer {
    let engine: Engine
    var vars: [Binding] = []
    /// Start of every frame above the root frame (the globals and top-level variables).
    var frames: [Int] = []
    /// Inside a macro: the first variable it may see; below it only the root frame is visible.
    var barrier = 0
    var macroModule = -1
    var loops: [LoopState] = []
    var current: Int
    var activeBlocks: [String: [BlockDef]] = [:]
    var superStack: [(chain: [BlockDef], level: Int)] = []
    var depth = 0

    init(engine: Engine, template: Int, context: [String: TemplateValue]) {
        self.engine = engine
        self.current = template
        vars.reserveCapacity(context.count + 32)
        for (key, value) in context {
            if let sym = engine.symbolIDs[key] { vars.append(Binding(symbol: sym, value: value)) }
        }
        self.context = context
    }

    /// Kept for "did you mean" (the context's names that no template uses have no symbol).
    let context: [String: TemplateValue]
    var contextNames: [String] { Array(context.keys) }

    // MARK: errors

    func error(_ offset: Int, _ message: String, suggestion: String? = nil) -> TemplateError {
        let t = engine.templates[current]
        let loc = offset >= 0 ? t.lines.location(ofByte: offset) : .start
        return TemplateError(templateName: t.name, location: loc, message: message, suggestion: suggestion,
                             lineText: t.lines.text(ofLine: loc.line))
    }

    // MARK: scopes

    @inline(__always) var rootEnd: Int { frames.first ?? vars.count }

    @inline(__always) func lookup(_ sym: Int) -> TemplateValue? {
        var i = vars.count - 1
        while i >= barrier {
            if vars[i].symbol == sym { return vars[i].defined ? vars[i].value : nil }
            i -= 1
        }
        if barrier > 0 {
            if macroModule >= 0, let m = engine.templates[macroModule].macroSymbols[sym] { return .object(m) }
            i = rootEnd - 1
            while i >= 0 {
                if vars[i].symbol == sym { return vars[i].value }
                i -= 1
            }
        }
        return nil
    }

    /// Where a visible variable lives on the stack (for `set ns.attr`).
    func bindingIndex(_ sym: Int) -> Int? {
        var i = vars.count - 1
        while i >= barrier {
            if vars[i].symbol == sym { return vars[i].defined ? i : nil }
            i -= 1
        }
        if barrier > 0 {
            i = rootEnd - 1
            while i >= 0 {
                if vars[i].symbol == sym { return i }
                i -= 1
            }
        }
        return nil
    }

    /// Names visible here, for suggestions.
    func visibleNames() -> [String] {
        var names: [String] = []
        var i = vars.count - 1
        while i >= 0 {
            if i >= barrier || i < rootEnd { names.append(engine.symbolNames[vars[i].symbol]) }
            i -= 1
        }
        return names
    }

    /// `set`: in the innermost frame (a `for` body's variables do not outlive it).
    @inline(__always) mutating func bind(_ sym: Int, _ value: TemplateValue) {
        let start = frames.last ?? 0
        var i = vars.count - 1
        while i >= start {
            if vars[i].symbol == sym {
                vars[i].value = value
                return
            }
            i -= 1
        }
        vars.append(Binding(symbol: sym, value: value))
    }

    @inline(__always) mutating func pushFrame() { frames.append(vars.count) }
    @inline(__always) mutating func popFrame() {
        let start = frames.removeLast()
        vars.removeSubrange(start...)
    }

    // MARK: templates

    mutating func renderTemplate(_ index: Int, _ out: inout [UInt8]) throws(TemplateError) {
        let chain = engine.chains[index]
        activeBlocks = engine.blockTables[index]
        if chain.count > 1 {
            // A child's top level defines (set, macro, import) but prints nothing; the root prints.
            for t in chain.dropLast() {
                current = t
                try executeDefinitions(engine.templates[t].nodes)
            }
        }
        current = chain[chain.count - 1]
        try renderNodes(engine.templates[current].nodes, &out)
    }

    mutating func executeDefinitions(_ nodes: [Node]) throws(TemplateError) {
        var scratch: [UInt8] = []
        for node in nodes {
            switch node {
            case .set, .setAttribute, .capture, .macro, .importAs: try renderNode(node, &scratch)
            case .conditional(let branches, let otherwise):
                // `{% if %}{% set %}{% endif %}` at the top of a child template still defines.
                var taken = false
                for (cond, body) in branches where try eval(cond).isTruthy {
                    try executeDefinitions(body)
                    taken = true
                    break
                }
                if !taken { try executeDefinitions(otherwise) }
            default: break
            }
        }
    }

    mutating func renderNodes(_ nodes: [Node], _ out: inout [UInt8]) throws(TemplateError) {
        for node in nodes { try renderNode(node, &out) }
    }

    mutating func renderNode(_ node: Node, _ out: inout [UInt8]) throws(TemplateError) {
        switch node {
        case .text(let bytes):
            out.append(contentsOf: bytes)
        case .output(let e):
            switch e {
            case .call(let callee, let args, let at):
                switch try callTarget(callee, args, at) {
                case .macro(let m): try callMacro(m, args, at, &out)
                case .value(let v): v.appendEscaped(to: &out)
                }
            case .superCall(let at):
                try renderSuper(at, &out)
            case .attribute(.name(let sym, _, _), let name, _):
                // `{{ page.title }}`, the commonest output: no Optional round trip through resolve.
                if let base = lookup(sym), let v = attribute(of: base, name) {
                    v.appendEscaped(to: &out)
                } else {
                    try eval(e).appendEscaped(to: &out)
                }
            default:
                try eval(e).appendEscaped(to: &out)
            }
        case .conditional(let branches, let otherwise):
            for (cond, body) in branches where try eval(cond).isTruthy {
                try renderNodes(body, &out)
                return
            }
            try renderNodes(otherwise, &out)
        case .loop(let loop):
            try renderLoop(loop, &out)
        case .set(let sym, let e):
            bind(sym, try eval(e))
        case .setAttribute(let sym, let attr, let e, let at):
            let value = try eval(e)
            guard let i = bindingIndex(sym) else {
                throw error(at, "'\(engine.symbolNames[sym])' is undefined", suggestion: "create it first: {% set \(engine.symbolNames[sym]) = namespace() %}")
            }
            guard case .map(var m) = vars[i].value else {
                throw error(at, "'\(engine.symbolNames[sym])' is \(describeKind(vars[i].value)); only a map (namespace()) has attributes to set")
            }
            vars[i].value = .none
            m[attr] = value
            vars[i].value = .map(m)
        case .with(let assignments, let body):
            pushFrame()
            for (sym, e) in assignments { vars.append(Binding(symbol: sym, value: try eval(e))) }
            try renderNodes(body, &out)
            popFrame()
        case .capture(let sym, let body):
            var buffer: [UInt8] = []
            try renderNodes(body, &buffer)
            bind(sym, .safe(String(decoding: buffer, as: UTF8.self)))
        case .block(let def):
            let chain = activeBlocks[def.name] ?? [def]
            try renderBlock(chain, 0, &out)
        case .include(let inc):
            try renderInclude(inc, &out)
        case .importAs(let imp):
            let ns = try namespace(of: imp.target, at: imp.offset)
            if let sym = imp.namespace { bind(sym, .object(ns)) }
            for (name, sym) in imp.names {
                guard let v = ns.members[name] else {
                    throw error(imp.offset, "template '\(engine.templates[imp.target].name)' has no macro '\(name)'",
                                suggestion: Suggestion.nearest(to: name, in: ns.names).map { "did you mean '\($0)'?" })
                }
                bind(sym, v)
            }
        case .macro(let m):
            bind(m.symbol, .object(m))
        case .filterBlock(let body, let e):
            var buffer: [UInt8] = []
            try renderNodes(body, &buffer)
            pushFrame()
            vars.append(Binding(symbol: engine.symbolIDs[filterBodyName]!, value: .safe(String(decoding: buffer, as: UTF8.self))))
            let v = try eval(e)
            popFrame()
            v.appendEscaped(to: &out)
        }
    }

    mutating func renderLoop(_ loop: LoopNode, _ out: inout [UInt8]) throws(TemplateError) {
        let seq = try eval(loop.iterable)
        var items: [TemplateValue]
        var seconds: [TemplateValue]?
        let two = loop.targets.count == 2
        switch seq {
        case .list(let l):
            items = l
        case .map(let m):
            items = m.keys.map { .string($0) }
            if two { seconds = m.values }
        case .string(let s), .safe(let s):
            items = s.map { .string(String($0)) }
        default:
            throw error(loop.iterable.offset >= 0 ? loop.iterable.offset : loop.offset, "cannot loop over \(describeKind(seq))")
        }
        let start = vars.count
        frames.append(start)
        let first = loop.targets[0]
        if let cond = loop.condition {
            // `for x in xs if cond`: filter first, so loop.length counts what is shown.
            var kept: [TemplateValue] = []
            var keptSeconds: [TemplateValue] = []
            for (i, item) in items.enumerated() {
                vars.removeSubrange(start...)
                try bindTargets(loop, item, seconds?[i], at: loop.offset)
                if try eval(cond).isTruthy {
                    kept.append(item)
                    if let seconds { keptSeconds.append(seconds[i]) }
                }
            }
            items = kept
            if seconds != nil { seconds = keptSeconds }
            vars.removeSubrange(start...)
        }
        if items.isEmpty {
            frames.removeLast()
            try renderNodes(loop.otherwise, &out)
            return
        }
        loops.append(LoopState(index0: 0, length: items.count))
        let li = loops.count - 1
        for i in 0..<items.count {
            if vars.count > start { vars.removeSubrange(start...) }
            if !two {
                vars.append(Binding(symbol: first, value: items[i]))
            } else {
                try bindTargets(loop, items[i], seconds?[i], at: loop.offset)
            }
            loops[li].index0 = i
            try renderNodes(loop.body, &out)
        }
        loops.removeLast()
        popFrame()
    }

    mutating func bindTargets(_ loop: LoopNode, _ item: TemplateValue, _ second: TemplateValue?, at: Int) throws(TemplateError) {
        if loop.targets.count == 1 {
            vars.append(Binding(symbol: loop.targets[0], value: item))
            return
        }
        if let second {
            vars.append(Binding(symbol: loop.targets[0], value: item))
            vars.append(Binding(symbol: loop.targets[1], value: second))
            return
        }
        var parts: [TemplateValue]
        switch item {
        case .list(let l): parts = l
        case .map(let m): parts = m.values
        default: parts = []
        }
        guard parts.count == 2 else { throw error(at, "cannot unpack \(describeKind(item)) into two loop variables") }
        vars.append(Binding(symbol: loop.targets[0], value: parts[0]))
        vars.append(Binding(symbol: loop.targets[1], value: parts[1]))
    }

    mutating func renderBlock(_ chain: [BlockDef], _ level: Int, _ out: inout [UInt8]) throws(TemplateError) {
        let def = chain[level]
        let saved = current
        current = def.template
        superStack.append((chain, level))
        pushFrame()
        try renderNodes(def.body, &out)
        popFrame()
        superStack.removeLast()
        current = saved
    }

    mutating func renderSuper(_ at: Int, _ out: inout [UInt8]) throws(TemplateError) {
        guard let top = superStack.last else { throw error(at, "super() is only available inside a block") }
        guard top.level + 1 < top.chain.count else {
            throw error(at, "block '\(top.chain[top.level].name)' has no parent block for super()")
        }
        try renderBlock(top.chain, top.level + 1, &out)
    }

    mutating func enterDepth(_ at: Int) throws(TemplateError) {
        depth += 1
        if depth > maxRenderDepth {
            throw error(at, "too deep: more than \(maxRenderDepth) nested includes, imports or macro calls (a template or macro that calls itself without end?)")
        }
    }

    mutating func renderInclude(_ inc: IncludeNode, _ out: inout [UInt8]) throws(TemplateError) {
        var target = inc.target
        if target == nil, let e = inc.expression {
            let v = try eval(e)
            var names: [String] = []
            switch v {
            case .string(let s), .safe(let s): names = [s]
            case .list(let l): names = l.compactMap { $0.stringPayload }
            default: throw error(inc.offset, "include expects a template name, got \(describeKind(v))")
            }
            let idx = engine.index
            target = names.compactMap { idx[$0] }.first
            if target == nil {
                if inc.ignoreMissing { return }
                let first = names.first ?? ""
                throw error(inc.offset, "template '\(first)' not found",
                            suggestion: Suggestion.nearest(to: first, in: engine.index.keys.sorted()).map { "did you mean '\($0)'?" })
            }
        }
        try enterDepth(inc.offset)
        let savedCurrent = current, savedBlocks = activeBlocks, savedSuper = superStack
        superStack = []
        pushFrame()
        try renderTemplate(target!, &out)
        popFrame()
        current = savedCurrent
        activeBlocks = savedBlocks
        superStack = savedSuper
        depth -= 1
    }

    /// The value of `import`: prebuilt when the template holds only macros.
    mutating func namespace(of target: Int, at: Int) throws(TemplateError) -> Namespace {
        let t = engine.templates[target]
        if let ns = t.staticNamespace { return ns }
        try enterDepth(at)
        let saved = (current, barrier, macroModule, loops, activeBlocks, superStack)
        let start = vars.count
        frames.append(start)
        barrier = start
        macroModule = target
        current = target
        loops = []
        try executeDefinitions(t.nodes)
        var members: [String: TemplateValue] = [:]
        var names: [String] = []
        let module = Array(vars[start...])
        for b in module {
            let name = engine.symbolNames[b.symbol]
            var value = b.value
            if case .object(let o) = value, let m = o as? MacroDef { value = .object(BoundMacro(def: m, module: module)) }
            if members.updateValue(value, forKey: name) == nil { names.append(name) }
        }
        popFrame()
        (current, barrier, macroModule, loops, activeBlocks, superStack) = saved
        depth -= 1
        return Namespace(members: members, names: names, id: "module \(t.name)")
    }

    mutating func callMacro(_ target: (MacroDef, [Binding]), _ args: [Argument], _ at: Int, _ out: inout [UInt8]) throws(TemplateError) {
        let m = target.0
        // Common case: positional arguments only. They are evaluated onto the variable stack
        // with no name (so they hide nothing while later arguments are evaluated), then named.
        if target.1.isEmpty, args.count <= m.parameters.count, !args.contains(where: { $0.name != nil }) {
            let start = vars.count
            for a in args { vars.append(Binding(symbol: -1, value: try eval(a.value))) }
            try enterDepth(at)
            let saved = (current, barrier, macroModule, loops, superStack)
            frames.append(start)
            barrier = start
            macroModule = m.template
            current = m.template
            loops = []
            superStack = []
            for (i, p) in m.parameters.enumerated() {
                if i < args.count {
                    vars[start + i].symbol = p.symbol
                } else if let d = p.defaultValue {
                    vars.append(Binding(symbol: p.symbol, value: try eval(d)))
                } else {
                    vars.append(Binding(symbol: p.symbol, value: .none, defined: false))
                }
            }
            try renderNodes(m.body, &out)
            popFrame()
            (current, barrier, macroModule, loops, superStack) = saved
            depth -= 1
            return
        }
        var positional: [TemplateValue] = []
        var keywords: [(String, TemplateValue)] = []
        for a in args {
            let v = try eval(a.value)
            if let n = a.name {
                guard m.parameters.contains(where: { $0.name == n }) else {
                    throw error(at, "macro '\(m.name)' has no parameter '\(n)'",
                                suggestion: Suggestion.nearest(to: n, in: m.parameters.map(\.name)).map { "did you mean '\($0)'?" })
                }
                keywords.append((n, v))
            } else {
                positional.append(v)
            }
        }
        if positional.count > m.parameters.count {
            throw error(at, "macro '\(m.name)' takes \(m.parameters.count) argument\(m.parameters.count == 1 ? "" : "s"), got \(positional.count)")
        }
        try enterDepth(at)
        let saved = (current, barrier, macroModule, loops, superStack)
        let start = vars.count
        frames.append(start)
        barrier = start
        macroModule = m.template
        current = m.template
        loops = []
        superStack = []
        vars.append(contentsOf: target.1)
        for (i, p) in m.parameters.enumerated() {
            if i < positional.count {
                vars.append(Binding(symbol: p.symbol, value: positional[i]))
            } else if let kw = keywords.first(where: { $0.0 == p.name }) {
                vars.append(Binding(symbol: p.symbol, value: kw.1))
            } else if let d = p.defaultValue {
                vars.append(Binding(symbol: p.symbol, value: try eval(d)))
            } else {
                vars.append(Binding(symbol: p.symbol, value: .none, defined: false))
            }
        }
        try renderNodes(m.body, &out)
        popFrame()
        (current, barrier, macroModule, loops, superStack) = saved
        depth -= 1
    }

    /// A call of something that is not a macro: the few global functions.
    enum CallTarget {
        case macro((MacroDef, [Binding]))
        /// A built-in function or method, already called.
        case value(TemplateValue)
    }

    /// What a call expression calls: a macro, or one of the few built-ins (`range(n)`,
    /// `loop.cycle(a, b)`, and the Jinja methods of maps and strings: `m.items()`, `s.split(",")` ...).
    mutating func callTarget(_ callee: Expr, _ args: [Argument], _ at: Int) throws(TemplateError) -> CallTarget {
        let f: TemplateValue
        switch callee {
        case .name(let sym, "range", _) where lookup(sym) == nil:
            return .value(try callOther(callee, args, at))
        case .name(let sym, "namespace", _) where lookup(sym) == nil:
            // Jinja's namespace(): a map that `{% set ns.x = ... %}` may change from inside a loop.
            var m = TemplateMap()
            for a in args {
                guard let n = a.name else { throw error(at, "namespace() takes keyword arguments only") }
                m[n] = try eval(a.value)
            }
            return .value(.map(m))
        case .attribute(.name(let sym, "loop", _), "cycle", let p) where lookup(sym) == nil:
            guard let state = visibleLoop else { throw error(p, "'loop' is undefined outside a for loop") }
            let values = try evalArguments(args).positional
            guard !values.isEmpty else { throw error(p, "loop.cycle() needs at least one value") }
            return .value(values[state.index0 % values.count])
        case .attribute(let baseExpr, let name, _):
            let base = try eval(baseExpr)
            if let v = attribute(of: base, name) {
                f = v
            } else if let v = try method(base, name, try evalArguments(args), at) {
                return .value(v)
            } else {
                _ = try resolve(callee, strict: true)
                f = .none
            }
        default:
            f = try eval(callee)
        }
        if case .object(let o) = f {
            if let m = o as? MacroDef { return .macro((m, [])) }
            if let b = o as? BoundMacro { return .macro((b.def, b.module)) }
        }
        throw error(callee.offset, "\(describe(callee)) is \(describeKind(f)), not a macro, and cannot be called")
    }

    /// Jinja's methods of maps and strings; nil when there is no such method.
    func method(_ base: TemplateValue, _ name: String, _ a: FilterArguments, _ at: Int) throws(TemplateError) -> TemplateValue? {
        switch base {
        case .map(let m):
            switch name {
            case "items": return .list(m.keys.map { .list([.string($0), m.storage[$0]!]) })
            case "keys": return .list(m.keys.map { .string($0) })
            case "values": return .list(m.values)
            case "get":
                guard let k = a.get(0, "key")?.stringPayload else { throw error(at, "get() needs a key") }
                return m.storage[k] ?? a.get(1, "default") ?? TemplateValue.none
            default: return nil
            }
        case .string(let s), .safe(let s):
            let arg0 = a.get(0, "")?.stringPayload
            switch name {
            case "upper": return try filter(.upper, base, FilterArguments(), at)
            case "lower": return try filter(.lower, base, FilterArguments(), at)
            case "strip": return try filter(.trim, base, FilterArguments(), at)
            case "title": return try filter(.title, base, FilterArguments(), at)
            case "capitalize": return try filter(.capitalize, base, FilterArguments(), at)
            case "startswith": return .bool(s.hasPrefix(arg0 ?? ""))
            case "endswith": return .bool(s.hasSuffix(arg0 ?? ""))
            case "replace": return try filter(.replace, base, a, at)
            case "split":
                if let sep = arg0, !sep.isEmpty {
                    return .list(s.components(separatedBy: sep).map { .string($0) })
                }
                return .list(s.split(whereSeparator: { $0.isWhitespace }).map { .string(String($0)) })
            default: return nil
            }
        default:
            return nil
        }
    }

    /// A call of something that is not a macro: the global function `range`.
    mutating func callOther(_ callee: Expr, _ args: [Argument], _ at: Int) throws(TemplateError) -> TemplateValue {
        var ints: [Int] = []
        for a in args {
            guard a.name == nil, case .int(let i) = try eval(a.value) else { throw error(at, "range() takes one to three integers") }
            ints.append(i)
        }
        guard (1...3).contains(ints.count) else { throw error(at, "range() takes one to three integers") }
        let start = ints.count > 1 ? ints[0] : 0
        let stop = ints.count > 1 ? ints[1] : ints[0]
        let step = ints.count > 2 ? ints[2] : 1
        guard step != 0 else { throw error(at, "range() step must not be zero") }
        let count = step > 0 ? max(0, (stop - start + step - 1) / step) : max(0, (start - stop - step - 1) / -step)
        guard count <= 100_000 else { throw error(at, "range() of more than 100000 numbers") }
        return .list(stride(from: start, to: stop, by: step).map { .int($0) })
    }

    // MARK: expressions

    func describe(_ e: Expr) -> String {
        switch e {
        case .name(_, let n, _): return "'\(n)'"
        case .attribute(let b, let n, _):
            let d = describe(b)
            return d.hasPrefix("'") && d.hasSuffix("'") ? String(d.dropLast()) + ".\(n)'" : "'\(n)'"
        case .loopField(let f, _): return "'loop.\(f)'"
        case .index(let b, let k, _):
            let d = describe(b)
            if case .literal(let v) = k, d.hasPrefix("'") {
                let key = v.isString ? "\"\(v.text)\"" : v.text
                return String(d.dropLast()) + "[\(key)]'"
            }
            return d.hasPrefix("'") ? String(d.dropLast()) + "[...]'" : "the value"
        case .call(let c, _, _): return describe(c) == "the value" ? "the value" : String(describe(c).dropLast()) + "()'"
        default: return "the value"
        }
    }

    func describeKind(_ v: TemplateValue) -> String {
        switch v {
        case .none: return "none"
        case .object(let o) where o is MacroDef: return "a macro"
        case .int, .double: return "a number (\(v.text))"
        default:
            let t = v.typeName
            return ("aeiou".contains(t.first!) ? "an " : "a ") + t
        }
    }

    /// A name, attribute or item: nil when undefined and `strict` is false (under `default`
    /// and `is defined`); an error naming it when strict.
    mutating func resolve(_ e: Expr, strict: Bool) throws(TemplateError) -> TemplateValue? {
        switch e {
        case .name(let sym, let name, let at):
            if let v = lookup(sym) { return v }
            if name == "loop", let state = visibleLoop { return loopMap(state) }
            if !strict { return nil }
            let near = Suggestion.nearest(to: name, in: visibleNames() + contextNames)
            throw error(at, "'\(name)' is undefined", suggestion: near.map { "did you mean '\($0)'?" })
        case .attribute(let baseExpr, let name, let at):
            guard let base = try resolve(baseExpr, strict: strict) else { return nil }
            if let v = attribute(of: base, name) { return v }
            if !strict { return nil }
            if case .none = base {
                throw error(at, "\(describe(baseExpr)) is none, so it has no attribute '\(name)'")
            }
            throw error(at, "\(describe(baseExpr)) has no attribute '\(name)'",
                        suggestion: Suggestion.nearest(to: name, in: attributeNames(of: base)).map { "did you mean '\($0)'?" })
        case .index(let baseExpr, let keyExpr, let at):
            guard let base = try resolve(baseExpr, strict: strict) else { return nil }
            let key = try eval(keyExpr)
            if let v = item(of: base, key) { return v }
            if !strict { return nil }
            switch (base, key) {
            case (.list(let l), .int(let i)):
                throw error(at, "index \(i) is out of range of \(describe(baseExpr)) (\(l.count) item\(l.count == 1 ? "" : "s"))")
            case (_, .string(let k)), (_, .safe(let k)):
                throw error(at, "\(describe(baseExpr)) has no key '\(k)'",
                            suggestion: Suggestion.nearest(to: k, in: attributeNames(of: base)).map { "did you mean '\($0)'?" })
            default:
                throw error(at, "\(describe(baseExpr)) (\(describeKind(base))) cannot be indexed with \(describeKind(key))")
            }
        case .loopField(let field, let at):
            guard let state = visibleLoop else {
                if !strict { return nil }
                throw error(at, "'loop' is undefined outside a for loop")
            }
            return loopValue(state, field)
        default:
            return try eval(e)
        }
    }

    var visibleLoop: LoopState? { loops.last }

    func loopValue(_ s: LoopState, _ f: LoopField) -> TemplateValue {
        switch f {
        case .index: return .int(s.index0 + 1)
        case .index0: return .int(s.index0)
        case .revindex: return .int(s.length - s.index0)
        case .revindex0: return .int(s.length - s.index0 - 1)
        case .first: return .bool(s.index0 == 0)
        case .last: return .bool(s.index0 == s.length - 1)
        case .length: return .int(s.length)
        }
    }

    func loopMap(_ s: LoopState) -> TemplateValue {
        .map(TemplateMap([("index", loopValue(s, .index)), ("index0", loopValue(s, .index0)), ("revindex", loopValue(s, .revindex)),
                          ("revindex0", loopValue(s, .revindex0)), ("first", loopValue(s, .first)), ("last", loopValue(s, .last)),
                          ("length", loopValue(s, .length))]))
    }

    mutating func eval(_ e: Expr) throws(TemplateError) -> TemplateValue {
        switch e {
        case .literal(let v):
            return v
        case .name, .attribute, .index, .loopField:
            return try resolve(e, strict: true)!
        case .filter(let base, let kind, let args, let at):
            return try applyFilter(kind, base, args, at)
        case .and(let a, let b):
            let l = try eval(a)
            return l.isTruthy ? try eval(b) : l
        case .or(let a, let b):
            let l = try eval(a)
            return l.isTruthy ? l : try eval(b)
        case .not(let a):
            return .bool(!(try eval(a).isTruthy))
        case .binary(let op, let a, let b, let at):
            return try binary(op, try eval(a), try eval(b), at)
        case .neg(let a, let at):
            switch try eval(a) {
            case .int(let i): return .int(0 &- i)
            case .double(let d): return .double(-d)
            case let v: throw error(at, "cannot negate \(describeKind(v))")
            }
        case .test(let base, let kind, let negated, let args, let at):
            let r = try test(kind, base, args, at)
            return .bool(r != negated)
        case .list(let items):
            var out: [TemplateValue] = []
            out.reserveCapacity(items.count)
            for i in items { out.append(try eval(i)) }
            return .list(out)
        case .map(let pairs):
            var m = TemplateMap()
            for (k, v) in pairs {
                let key = try eval(k)
                guard let ks = key.stringPayload else { throw error(k.offset, "map keys must be strings, got \(describeKind(key))") }
                m[ks] = try eval(v)
            }
            return .map(m)
        case .call(let callee, let args, let at):
            switch try callTarget(callee, args, at) {
            case .macro(let m):
                var buffer: [UInt8] = []
                try callMacro(m, args, at, &buffer)
                return .safe(String(decoding: buffer, as: UTF8.self))
            case .value(let v):
                return v
            }
        case .superCall(let at):
            var buffer: [UInt8] = []
            try renderSuper(at, &buffer)
            return .safe(String(decoding: buffer, as: UTF8.self))
        case .conditional(let then, let cond, let other):
            if try eval(cond).isTruthy { return try eval(then) }
            if let other { return try eval(other) }
            return .none
        }
    }

    func attribute(of base: TemplateValue, _ name: String) -> TemplateValue? {
        switch base {
        case .map(let m): return m.lookup(name)
        case .object(let o): return o.attribute(name)
        case .date(let d):
            switch name {
            case "year": return .int(d.year)
            case "month": return .int(d.month)
            case "day": return .int(d.day)
            case "hour": return .int(d.hour)
            case "minute": return .int(d.minute)
            case "weekday": return .int(d.weekday)
            default: return nil
            }
        default: return nil
        }
    }

    func attributeNames(of base: TemplateValue) -> [String] {
        switch base {
        case .map(let m): return m.keys
        case .object(let o): return o.attributeNames
        case .date: return ["year", "month", "day", "hour", "minute", "weekday"]
        default: return []
        }
    }

    func item(of base: TemplateValue, _ key: TemplateValue) -> TemplateValue? {
        switch (base, key) {
        case (.list(let l), .int(let i)):
            let j = i < 0 ? l.count + i : i
            return j >= 0 && j < l.count ? l[j] : nil
        case (.string(let s), .int(let i)), (.safe(let s), .int(let i)):
            let chars = Array(s)
            let j = i < 0 ? chars.count + i : i
            return j >= 0 && j < chars.count ? .string(String(chars[j])) : nil
        case (_, .string(let k)), (_, .safe(let k)):
            return attribute(of: base, k)
        default:
            return nil
        }
    }

    func binary(_ op: BinaryOp, _ a: TemplateValue, _ b: TemplateValue, _ at: Int) throws(TemplateError) -> TemplateValue {
        switch op {
        case .eq: return .bool(valuesEqual(a, b))
        case .ne: return .bool(!valuesEqual(a, b))
        case .lt, .gt, .le, .ge:
            guard let c = compareValues(a, b) else { throw error(at, "cannot compare \(describeKind(a)) with \(describeKind(b))") }
            switch op {
            case .lt: return .bool(c < 0)
            case .gt: return .bool(c > 0)
            case .le: return .bool(c <= 0)
            default: return .bool(c >= 0)
            }
        case .isIn, .notIn:
            let r = try contains(b, a, at)
            return .bool(op == .isIn ? r : !r)
        case .concat:
            return concat(a, b)
        default:
            return try arithmetic(op, a, b, at)
        }
    }

    func concat(_ a: TemplateValue, _ b: TemplateValue) -> TemplateValue {
        switch (a, b) {
        case (.safe(let x), .safe(let y)): return .safe(x + y)
        case (.safe(let x), _): return .safe(x + escapeHTML(b.text))
        case (_, .safe(let y)): return .safe(escapeHTML(a.text) + y)
        default: return .string(a.text + b.text)
        }
    }

    func contains(_ container: TemplateValue, _ item: TemplateValue, _ at: Int) throws(TemplateError) -> Bool {
        switch container {
        case .string(let s), .safe(let s):
            guard let sub = item.stringPayload else { throw error(at, "'in' with a string needs a string on the left, got \(describeKind(item))") }
            return sub.isEmpty || s.contains(sub)
        case .list(let l): return l.contains { valuesEqual($0, item) }
        case .map(let m):
            guard let k = item.stringPayload else { return false }
            return m.storage[k] != nil
        case .object(let o):
            guard let k = item.stringPayload else { return false }
            return o.attribute(k) != nil
        default:
            throw error(at, "'in' needs a string, list or map on the right, got \(describeKind(container))")
        }
    }

    func arithmetic(_ op: BinaryOp, _ a: TemplateValue, _ b: TemplateValue, _ at: Int) throws(TemplateError) -> TemplateValue {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            var r: (partialValue: Int, overflow: Bool)
            switch op {
            case .add: r = x.addingReportingOverflow(y)
            case .sub: r = x.subtractingReportingOverflow(y)
            case .mul: r = x.multipliedReportingOverflow(by: y)
            case .div:
                guard y != 0 else { throw error(at, "division by zero") }
                return .double(Double(x) / Double(y))
            case .floorDiv, .mod:
                guard y != 0 else { throw error(at, "division by zero") }
                if x == Int.min && y == -1 { throw error(at, "integer overflow") }
                var q = x / y
                var m = x % y
                if m != 0 && ((m < 0) != (y < 0)) { q -= 1; m += y }
                return .int(op == .mod ? m : q)
            case .pow:
                guard y >= 0 else { return .double(pow(Double(x), Double(y))) }
                var result = 1, base = x, e = y
                while e > 0 {
                    if e & 1 == 1 {
                        let m = result.multipliedReportingOverflow(by: base)
                        if m.overflow { throw error(at, "integer overflow") }
                        result = m.partialValue
                    }
                    e >>= 1
                    if e > 0 {
                        let m = base.multipliedReportingOverflow(by: base)
                        if m.overflow { throw error(at, "integer overflow") }
                        base = m.partialValue
                    }
                }
                return .int(result)
            default: r = (0, false)
            }
            if r.overflow { throw error(at, "integer overflow") }
            return .int(r.partialValue)
        case (.int, .double), (.double, .int), (.double, .double):
            let x = toDouble(a)!, y = toDouble(b)!
            switch op {
            case .add: return .double(x + y)
            case .sub: return .double(x - y)
            case .mul: return .double(x * y)
            case .div:
                guard y != 0 else { throw error(at, "division by zero") }
                return .double(x / y)
            case .floorDiv:
                guard y != 0 else { throw error(at, "division by zero") }
                return .double((x / y).rounded(.down))
            case .mod:
                guard y != 0 else { throw error(at, "division by zero") }
                let m = x.truncatingRemainder(dividingBy: y)
                return .double(m != 0 && (m < 0) != (y < 0) ? m + y : m)
            case .pow: return .double(pow(x, y))
            default: break
            }
        case (.string(let x), .string(let y)) where op == .add: return .string(x + y)
        case (.string, .safe), (.safe, .string), (.safe, .safe):
            if op == .add { return concat(a, b) }
        case (.list(let x), .list(let y)) where op == .add: return .list(x + y)
        case (.string(let s), .int(let n)) where op == .mul:
            guard n >= 0, n.multipliedReportingOverflow(by: s.utf8.count).partialValue <= 10_000_000 else { throw error(at, "string repetition too large") }
            return .string(String(repeating: s, count: n))
        default: break
        }
        let symbol: String
        switch op {
        case .add: symbol = "+"
        case .sub: symbol = "-"
        case .mul: symbol = "*"
        case .div: symbol = "/"
        case .floorDiv: symbol = "//"
        case .mod: symbol = "%"
        default: symbol = "**"
        }
        throw error(at, "cannot apply '\(symbol)' to \(describeKind(a)) and \(describeKind(b))")
    }

    mutating func test(_ kind: TestKind, _ base: Expr, _ args: [Expr], _ at: Int) throws(TemplateError) -> Bool {
        switch kind {
        case .defined: return try resolve(base, strict: false) != nil
        case .undefined: return try resolve(base, strict: false) == nil
        default: break
        }
        let v = try eval(base)
        let arg = args.isEmpty ? nil : try eval(args[0])
        return try testValue(kind, v, arg, at)
    }
}


func toDouble(_ v: TemplateValue) -> Double? {
    switch v {
    case .int(let i): return Double(i)
    case .double(let d): return d
    default: return nil
    }
}
