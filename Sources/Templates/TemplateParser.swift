import SourceText

// Statement level: matches block tags with an explicit stack and builds each template's tree.

/// A reference from one template to another, for the load-time cycle check.
struct TemplateEdge {
    var target: Int
    var offset: Int
    var kind: String
}

struct ParsedTemplate {
    var nodes: [Node]
    var parent: Int?
    var parentOffset: Int
    var blocks: [String: BlockDef]
    var macros: [String: MacroDef]
    var isStaticModule: Bool
    var edges: [TemplateEdge]
}

private enum OpenKind {
    case ifTag, forTag, block, macro, set, filter
}

private struct OpenTag {
    var kind: OpenKind
    var tag: String
    var offset: Int
    var nodes: [Node] = []
    var branches: [(Expr, [Node])] = []
    var condition: Expr?
    var inElse = false
    var loopBody: [Node]?
    var targets: [Int] = []
    var iterable: Expr = .literal(.none)
    var loopCondition: Expr?
    var name = ""
    var parameters: [MacroParameter] = []
    var symbol = 0
    var filterExpr: Expr = .literal(.none)

    var endTag: String { "end" + tag }
}

/// The hidden variable holding the body of `{% filter %}` while its filters run.
let filterBodyName = " filter body"

struct TemplateParser {
    let name: String
    let index: Int
    let bytes: [UInt8]
    let templateIndex: [String: Int]
    let templateNames: [String]
    let hostFilters: [String: TemplateFilter]
    var symbols: SymbolTable
    var errors: [ParseError] = []
    let lines: LineIndex

    private var stack: [OpenTag] = []
    private var top: [Node] = []
    private var parent: Int?
    private var parentOffset = 0
    private var blocks: [String: BlockDef] = [:]
    private var edges: [TemplateEdge] = []

    init(name: String, index: Int, source: String, templateIndex: [String: Int], templateNames: [String],
         hostFilters: [String: TemplateFilter], symbols: SymbolTable) {
        self.name = name
        self.index = index
        self.bytes = Array(source.utf8)
        self.templateIndex = templateIndex
        self.templateNames = templateNames
        self.hostFilters = hostFilters
        self.symbols = symbols
        self.lines = LineIndex(bytes: bytes)
    }

    private func line(_ offset: Int) -> Int { lines.location(ofByte: offset).line }

    private mutating func append(_ node: Node) {
        if stack.isEmpty { top.append(node) } else { stack[stack.count - 1].nodes.append(node) }
    }

    private func ptokens(_ tokens: [Token]) -> [PTok] {
        tokens.map { t in
            let text = t.kind == .string ? decodeStringLiteral(bytes[t.start..<t.end]) : String(decoding: bytes[t.start..<t.end], as: UTF8.self)
            return PTok(kind: t.kind, text: text, offset: t.start)
        }
    }

    mutating func parse() -> ParsedTemplate {
        var lexer = Lexer(bytes: bytes)
        lexer.run()
        for e in lexer.errors { errors.append(ParseError(offset: e.offset, message: e.message)) }
        segments: for segment in lexer.segments {
            switch segment {
            case .text(let s, let e):
                append(.text(Array(bytes[s..<e])))
            case .output(let open, let tokens, let close):
                var p = ExpressionParser(tokens: ptokens(tokens), endOffset: close, symbols: symbols, hostFilters: hostFilters)
                do throws(ParseError) {
                    if p.atEnd { throw ParseError(offset: close, message: "expected an expression in {{ }}") }
                    let e = try p.parseExpression()
                    if !p.atEnd { throw p.unexpected("expected '}}'") }
                    append(.output(e))
                } catch {
                    errors.append(error)
                }
                symbols = p.symbols
                _ = open
            case .tag(let open, let tokens, let close):
                if !tokenLooksLikeTag(tokens) {
                    errors.append(ParseError(offset: open, message: "expected a tag name after '{%'"))
                    continue
                }
                do throws(ParseError) {
                    try handleTag(open: open, tokens: ptokens(tokens), close: close)
                } catch {
                    errors.append(error)
                    if error.message.hasPrefix("too deeply nested") {
                        // Stop: the open tags below are not worth 200 more errors.
                        stack.removeAll()
                        break segments
                    }
                }
            }
        }
        // Tags still open at the end: each reported where it opens (content-model.md, fixed details).
        while let open = stack.popLast() {
            errors.append(ParseError(offset: open.offset, message: "unclosed {% \(open.tag) %} opened at line \(line(open.offset))",
                                     suggestion: "close it with {% \(open.endTag) %}"))
            // Keep what was parsed so later checks still see its blocks.
            if open.kind == .block { blocks[open.name] = blocks[open.name] ?? BlockDef(name: open.name, body: open.nodes, template: index) }
        }
        var macros: [String: MacroDef] = [:]
        for node in top {
            if case .macro(let m) = node { macros[m.name] = m }
        }
        return ParsedTemplate(nodes: top, parent: parent, parentOffset: parentOffset, blocks: blocks, macros: macros,
                              isStaticModule: top.allSatisfy { node in
                                  switch node {
                                  case .text, .macro: return true
                                  default: return false
                                  }
                              }, edges: edges)
    }

    private func tokenLooksLikeTag(_ tokens: [Token]) -> Bool {
        !tokens.isEmpty && tokens[0].kind == .name
    }

    private func resolveTemplate(_ p: inout ExpressionParser, what: String) throws(ParseError) -> Int? {
        guard !p.atEnd, p.toks[p.pos].kind == .string else { return nil }
        let target = p.toks[p.pos].text
        let at = p.toks[p.pos].offset
        p.pos += 1
        guard let i = templateIndex[target] else {
            throw ParseError(offset: at, message: "\(what) of a missing template '\(target)'",
                             suggestion: Suggestion.nearest(to: target, in: templateNames).map { "did you mean '\($0)'?" })
        }
        return i
    }

    private mutating func handleTag(open: Int, tokens: [PTok], close: Int) throws(ParseError) {
        let tag = tokens[0].text
        var p = ExpressionParser(tokens: Array(tokens.dropFirst()), endOffset: close, symbols: symbols, hostFilters: hostFilters)
        defer { symbols = p.symbols }
        func finish(_ p: inout ExpressionParser) throws(ParseError) {
            if !p.atEnd { throw p.unexpected("expected '%}'") }
        }
        switch tag {
        case "if", "for", "block", "macro", "filter", "set":
            if stack.count >= maxTagNesting {
                throw ParseError(offset: open, message: "too deeply nested: more than \(maxTagNesting) open tags")
            }
        default: break
        }
        switch tag {
        case "if":
            var o = OpenTag(kind: .ifTag, tag: "if", offset: open)
            do throws(ParseError) {
                o.condition = try p.parseExpression()
                try finish(&p)
            } catch {
                o.condition = .literal(.none)
                stack.append(o)
                throw error
            }
            stack.append(o)
        case "elif", "else":
            guard var o = stack.last, o.kind == .ifTag || (o.kind == .forTag && tag == "else") else {
                throw unexpectedTag(tag, open)
            }
            if o.kind == .forTag {
                try finish(&p)
                if o.loopBody != nil { throw ParseError(offset: open, message: "unexpected second {% else %} in {% for %}") }
                o.loopBody = o.nodes
                o.nodes = []
                stack[stack.count - 1] = o
                return
            }
            if o.inElse { throw ParseError(offset: open, message: "unexpected {% \(tag) %} after {% else %}") }
            o.branches.append((o.condition ?? .literal(.none), o.nodes))
            o.nodes = []
            if tag == "else" {
                o.inElse = true
                stack[stack.count - 1] = o
                try finish(&p)
            } else {
                o.condition = .literal(.none)
                stack[stack.count - 1] = o
                let c = try p.parseExpression()
                try finish(&p)
                stack[stack.count - 1].condition = c
            }
        case "endif":
            guard let o = stack.last, o.kind == .ifTag else { throw unexpectedTag(tag, open) }
            stack.removeLast()
            var branches = o.branches
            var otherwise: [Node] = []
            if o.inElse { otherwise = o.nodes } else { branches.append((o.condition ?? .literal(.none), o.nodes)) }
            append(.conditional(branches, otherwise))
            try finish(&p)
        case "for":
            var o = OpenTag(kind: .forTag, tag: "for", offset: open)
            do throws(ParseError) {
                var targets = [try p.expectIdentifier("a loop variable")]
                while p.acceptPunct(",") { targets.append(try p.expectIdentifier("a loop variable")) }
                if targets.count > 2 { throw ParseError(offset: open, message: "a for loop takes one or two loop variables") }
                o.targets = targets.map { p.symbols.intern($0) }
                guard p.acceptName("in") else { throw p.unexpected("expected 'in'") }
                o.iterable = try p.parseExpression(conditional: false)
                if p.acceptName("if") { o.loopCondition = try p.parseExpression(conditional: false) }
                try finish(&p)
            } catch {
                stack.append(o)
                throw error
            }
            stack.append(o)
        case "endfor":
            guard let o = stack.last, o.kind == .forTag else { throw unexpectedTag(tag, open) }
            stack.removeLast()
            let body = o.loopBody ?? o.nodes
            let otherwise = o.loopBody == nil ? [] : o.nodes
            append(.loop(LoopNode(targets: o.targets, iterable: o.iterable, condition: o.loopCondition, body: body,
                                  otherwise: otherwise, offset: o.offset)))
            try finish(&p)
        case "set":
            let at = p.here
            let name = try p.expectIdentifier("a variable name")
            let sym = p.symbols.intern(name)
            if p.acceptPunct("=") {
                let e = try p.parseExpression()
                try finish(&p)
                append(.set(sym, e))
            } else if p.atEnd {
                var o = OpenTag(kind: .set, tag: "set", offset: open)
                o.symbol = sym
                stack.append(o)
            } else if p.peekPunct(",") {
                throw ParseError(offset: at, message: "set assigns one variable at a time")
            } else {
                throw p.unexpected("expected '='")
            }
        case "endset":
            guard let o = stack.last, o.kind == .set else { throw unexpectedTag(tag, open) }
            stack.removeLast()
            append(.capture(o.symbol, o.nodes))
            try finish(&p)
        case "filter":
            var o = OpenTag(kind: .filter, tag: "filter", offset: open)
            let sym = p.symbols.intern(filterBodyName)
            // Parse `upper | trim` as if it followed `| ` on the captured body.
            var q = ExpressionParser(tokens: [PTok(kind: .punct, text: "|", offset: p.here)] + p.toks, endOffset: close,
                                     symbols: p.symbols, hostFilters: hostFilters)
            do throws(ParseError) {
                o.filterExpr = try q.parseFilters(.name(sym, filterBodyName, open))
                if !q.atEnd { throw q.unexpected("expected '%}'") }
            } catch {
                stack.append(o)
                p.symbols = q.symbols
                throw error
            }
            p.symbols = q.symbols
            p.pos = p.toks.count
            stack.append(o)
        case "endfilter":
            guard let o = stack.last, o.kind == .filter else { throw unexpectedTag(tag, open) }
            stack.removeLast()
            append(.filterBlock(o.nodes, o.filterExpr))
            try finish(&p)
        case "block":
            let name = try p.expectIdentifier("a block name")
            var o = OpenTag(kind: .block, tag: "block", offset: open)
            o.name = name
            if p.acceptName("scoped") {}
            stack.append(o)
            try finish(&p)
            if blocks[name] != nil { throw ParseError(offset: open, message: "block '\(name)' is defined twice") }
        case "endblock":
            guard let o = stack.last, o.kind == .block else { throw unexpectedTag(tag, open) }
            stack.removeLast()
            let def = BlockDef(name: o.name, body: o.nodes, template: index)
            if blocks[o.name] == nil { blocks[o.name] = def }
            append(.block(def))
            if !p.atEnd {
                let at = p.here
                let n = try p.expectIdentifier("a block name")
                if n != o.name { throw ParseError(offset: at, message: "{% endblock \(n) %} closes block '\(o.name)'") }
            }
            try finish(&p)
        case "macro":
            let at = p.here
            let name = try p.expectIdentifier("a macro name")
            var o = OpenTag(kind: .macro, tag: "macro", offset: open)
            o.name = name
            o.symbol = p.symbols.intern(name)
            stack.append(o)
            try p.expectPunct("(")
            var params: [MacroParameter] = []
            while !p.peekPunct(")") {
                let pname = try p.expectIdentifier("a parameter name")
                var def: Expr?
                if p.acceptPunct("=") { def = try p.parseExpression() }
                if params.contains(where: { $0.name == pname }) {
                    throw ParseError(offset: at, message: "macro '\(name)' has two parameters named '\(pname)'")
                }
                params.append(MacroParameter(symbol: p.symbols.intern(pname), name: pname, defaultValue: def))
                if !p.acceptPunct(",") { break }
            }
            try p.expectPunct(")")
            stack[stack.count - 1].parameters = params
            try finish(&p)
        case "endmacro":
            guard let o = stack.last, o.kind == .macro else { throw unexpectedTag(tag, open) }
            stack.removeLast()
            append(.macro(MacroDef(name: o.name, symbol: o.symbol, parameters: o.parameters, body: o.nodes, template: index, offset: o.offset)))
            if !p.atEnd {
                let at = p.here
                let n = try p.expectIdentifier("a macro name")
                if n != o.name { throw ParseError(offset: at, message: "{% endmacro \(n) %} closes macro '\(o.name)'") }
            }
            try finish(&p)
        case "extends":
            guard stack.isEmpty else { throw ParseError(offset: open, message: "{% extends %} must be at the top level of a template") }
            guard parent == nil else { throw ParseError(offset: open, message: "a template can extend only one template") }
            guard let target = try resolveTemplate(&p, what: "extends") else {
                throw p.unexpected("expected the name of a template as a string")
            }
            parent = target
            parentOffset = open
            edges.append(TemplateEdge(target: target, offset: open, kind: "extends"))
            try finish(&p)
        case "include":
            var target: Int?
            var expression: Expr?
            var ignoreMissing = false
            let literal = !p.atEnd && p.toks[p.pos].kind == .string
                && (p.pos + 1 == p.toks.count || p.toks[p.pos + 1].kind == .name)
            if literal {
                if p.peekName(at: 1, "ignore") && p.peekName(at: 2, "missing") {
                    let nameTok = p.toks[p.pos]
                    p.pos += 1
                    target = templateIndex[nameTok.text]
                    if target == nil { expression = .literal(.string(nameTok.text)) }
                } else {
                    target = try resolveTemplate(&p, what: "include")
                }
            }
            if target == nil && expression == nil { expression = try p.parseExpression() }
            if p.acceptName("ignore") {
                guard p.acceptName("missing") else { throw p.unexpected("expected 'missing'") }
                ignoreMissing = true
            }
            if p.acceptName("with") || p.acceptName("without") {
                guard p.acceptName("context") else { throw p.unexpected("expected 'context'") }
            }
            if let target { edges.append(TemplateEdge(target: target, offset: open, kind: "include")) }
            append(.include(IncludeNode(target: target, expression: expression, ignoreMissing: ignoreMissing, offset: open)))
            try finish(&p)
        case "import":
            guard let target = try resolveTemplate(&p, what: "import") else {
                throw p.unexpected("expected the name of a template as a string")
            }
            guard p.acceptName("as") else { throw p.unexpected("expected 'as'") }
            let alias = try p.expectIdentifier("a name after 'as'")
            if p.acceptName("with") || p.acceptName("without") {
                guard p.acceptName("context") else { throw p.unexpected("expected 'context'") }
            }
            try finish(&p)
            edges.append(TemplateEdge(target: target, offset: open, kind: "import"))
            append(.importAs(ImportNode(target: target, namespace: p.symbols.intern(alias), names: [], offset: open)))
        case "from":
            guard let target = try resolveTemplate(&p, what: "import") else {
                throw p.unexpected("expected the name of a template as a string")
            }
            guard p.acceptName("import") else { throw p.unexpected("expected 'import'") }
            var names: [(name: String, symbol: Int)] = []
            repeat {
                if p.peekName("with") || p.peekName("without") { break }
                let n = try p.expectIdentifier("a macro name")
                var alias = n
                if p.acceptName("as") { alias = try p.expectIdentifier("a name after 'as'") }
                names.append((n, p.symbols.intern(alias)))
            } while p.acceptPunct(",")
            if p.acceptName("with") || p.acceptName("without") {
                guard p.acceptName("context") else { throw p.unexpected("expected 'context'") }
            }
            try finish(&p)
            edges.append(TemplateEdge(target: target, offset: open, kind: "import"))
            append(.importAs(ImportNode(target: target, namespace: nil, names: names, offset: open)))
        default:
            let near = Suggestion.nearest(to: tag, in: knownTags)
            throw ParseError(offset: tokens[0].offset, message: "unknown tag '\(tag)'", suggestion: near.map { "did you mean '\($0)'?" })
        }
    }

    private func unexpectedTag(_ tag: String, _ offset: Int) -> ParseError {
        var suggestion: String?
        if let o = stack.last {
            suggestion = "the innermost open tag is {% \(o.tag) %} of line \(line(o.offset)), closed by {% \(o.endTag) %}"
        }
        return ParseError(offset: offset, message: "unexpected {% \(tag) %}", suggestion: suggestion)
    }
}
