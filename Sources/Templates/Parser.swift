import SourceText

// Turns one template's segments into the syntax tree. Block tags are matched with an explicit
// stack (no recursion per nesting level), and both tag nesting and expression nesting have a
// limit, so a 100,000-deep input is an error, never a stack overflow (helper-common: depth).

struct ParseError: Error {
    var offset: Int
    var message: String
    var suggestion: String?
}

/// Interned variable names: shared by every template of an environment, so a variable is an
/// integer compare at render time.
struct SymbolTable {
    var ids: [String: Int] = [:]
    var names: [String] = []
    mutating func intern(_ name: String) -> Int {
        if let id = ids[name] { return id }
        let id = names.count
        ids[name] = id
        names.append(name)
        return id
    }
}

let maxTagNesting = 200
let maxExpressionDepth = 200

struct PTok {
    var kind: TokenKind
    var text: String
    var offset: Int
}

let keywordNames: Set<String> = ["and", "or", "not", "in", "is", "if", "else", "true", "false", "none", "True", "False", "None"]
let knownTags = ["if", "elif", "else", "endif", "for", "endfor", "set", "endset", "block", "endblock", "extends",
                 "include", "import", "from", "macro", "endmacro", "raw", "endraw", "filter", "endfilter", "with", "endwith"]

struct ExpressionParser {
    let toks: [PTok]
    var pos = 0
    var depth = 0
    let endOffset: Int
    var symbols: SymbolTable
    let hostFilters: [String: TemplateFilter]

    init(tokens: [PTok], endOffset: Int, symbols: SymbolTable, hostFilters: [String: TemplateFilter]) {
        toks = tokens
        self.endOffset = endOffset
        self.symbols = symbols
        self.hostFilters = hostFilters
    }

    var atEnd: Bool { pos >= toks.count }
    var here: Int { pos < toks.count ? toks[pos].offset : endOffset }

    func peekPunct(_ p: String) -> Bool { pos < toks.count && toks[pos].kind == .punct && toks[pos].text == p }
    func peekName(_ n: String) -> Bool { pos < toks.count && toks[pos].kind == .name && toks[pos].text == n }
    func peekName(at i: Int, _ n: String) -> Bool { pos + i < toks.count && toks[pos + i].kind == .name && toks[pos + i].text == n }

    mutating func acceptPunct(_ p: String) -> Bool {
        if peekPunct(p) { pos += 1; return true }
        return false
    }
    mutating func acceptName(_ n: String) -> Bool {
        if peekName(n) { pos += 1; return true }
        return false
    }
    mutating func expectPunct(_ p: String) throws(ParseError) {
        guard acceptPunct(p) else { throw unexpected("expected '\(p)'") }
    }
    func unexpected(_ message: String) -> ParseError {
        if pos < toks.count { return ParseError(offset: toks[pos].offset, message: "\(message), found '\(toks[pos].text)'") }
        return ParseError(offset: endOffset, message: message)
    }
    mutating func expectIdentifier(_ what: String) throws(ParseError) -> String {
        guard pos < toks.count, toks[pos].kind == .name, !keywordNames.contains(toks[pos].text) else {
            throw unexpected("expected \(what)")
        }
        pos += 1
        return toks[pos - 1].text
    }

    private mutating func enter() throws(ParseError) {
        depth += 1
        if depth > maxExpressionDepth {
            throw ParseError(offset: here, message: "expression nested too deeply (more than \(maxExpressionDepth) levels)")
        }
    }

    mutating func parseExpression(conditional: Bool = true) throws(ParseError) -> Expr {
        try enter()
        defer { depth -= 1 }
        let saved = depth
        defer { depth = saved }
        var e = try parseOr()
        if conditional, peekName("if") {
            pos += 1
            try enter()
            let cond = try parseOr()
            var other: Expr?
            if acceptName("else") { other = try parseExpression() }
            e = .conditional(e, cond, other)
        }
        return e
    }

    mutating func parseOr() throws(ParseError) -> Expr {
        let saved = depth
        defer { depth = saved }
        var e = try parseAnd()
        while acceptName("or") {
            try enter()
            e = .or(e, try parseAnd())
        }
        return e
    }

    mutating func parseAnd() throws(ParseError) -> Expr {
        let saved = depth
        defer { depth = saved }
        var e = try parseNot()
        while acceptName("and") {
            try enter()
            e = .and(e, try parseNot())
        }
        return e
    }

    mutating func parseNot() throws(ParseError) -> Expr {
        if peekName("not") {
            pos += 1
            try enter()
            defer { depth -= 1 }
            return .not(try parseNot())
        }
        return try parseCompare()
    }

    mutating func parseCompare() throws(ParseError) -> Expr {
        let saved = depth
        defer { depth = saved }
        var e = try parseAdditive()
        while true {
            let at = here
            var op: BinaryOp
            if acceptPunct("==") { op = .eq }
            else if acceptPunct("!=") { op = .ne }
            else if acceptPunct("<=") { op = .le }
            else if acceptPunct(">=") { op = .ge }
            else if acceptPunct("<") { op = .lt }
            else if acceptPunct(">") { op = .gt }
            else if acceptName("in") { op = .isIn }
            else if peekName("not") && peekName(at: 1, "in") { pos += 2; op = .notIn }
            else { break }
            try enter()
            e = .binary(op, e, try parseAdditive(), at)
        }
        return e
    }

    mutating func parseAdditive() throws(ParseError) -> Expr {
        let saved = depth
        defer { depth = saved }
        var e = try parseConcat()
        while true {
            let at = here
            let op: BinaryOp
            if acceptPunct("+") { op = .add } else if acceptPunct("-") { op = .sub } else { break }
            try enter()
            e = .binary(op, e, try parseConcat(), at)
        }
        return e
    }

    mutating func parseConcat() throws(ParseError) -> Expr {
        let saved = depth
        defer { depth = saved }
        var e = try parseMultiplicative()
        while true {
            let at = here
            guard acceptPunct("~") else { break }
            try enter()
            e = .binary(.concat, e, try parseMultiplicative(), at)
        }
        return e
    }

    mutating func parseMultiplicative() throws(ParseError) -> Expr {
        let saved = depth
        defer { depth = saved }
        var e = try parsePower()
        while true {
            let at = here
            let op: BinaryOp
            if acceptPunct("*") { op = .mul }
            else if acceptPunct("//") { op = .floorDiv }
            else if acceptPunct("/") { op = .div }
            else if acceptPunct("%") { op = .mod }
            else { break }
            try enter()
            e = .binary(op, e, try parsePower(), at)
        }
        return e
    }

    mutating func parsePower() throws(ParseError) -> Expr {
        let saved = depth
        defer { depth = saved }
        var e = try parseUnary()
        while true {
            let at = here
            guard acceptPunct("**") else { break }
            try enter()
            e = .binary(.pow, e, try parseUnary(), at)
        }
        return e
    }

    mutating func parseUnary() throws(ParseError) -> Expr {
        let at = here
        if acceptPunct("-") {
            try enter()
            defer { depth -= 1 }
            return try parseFilters(.neg(try parseUnary(), at))
        }
        if acceptPunct("+") {
            try enter()
            defer { depth -= 1 }
            return try parseUnary()
        }
        return try parseFilters(try parsePostfix(try parsePrimary()))
    }

    mutating func parsePrimary() throws(ParseError) -> Expr {
        guard pos < toks.count else { throw unexpected("expected an expression") }
        let t = toks[pos]
        switch t.kind {
        case .string:
            pos += 1
            var value = t.text
            // Adjacent string literals join, as in Jinja.
            while pos < toks.count, toks[pos].kind == .string { value += toks[pos].text; pos += 1 }
            return .literal(.string(value))
        case .integer:
            pos += 1
            guard let v = Int(t.text.replacingUnderscores()) else {
                throw ParseError(offset: t.offset, message: "number '\(t.text)' is too large")
            }
            return .literal(.int(v))
        case .number:
            pos += 1
            return .literal(.double(Double(t.text.replacingUnderscores()) ?? 0))
        case .name:
            switch t.text {
            case "true", "True": pos += 1; return .literal(.bool(true))
            case "false", "False": pos += 1; return .literal(.bool(false))
            case "none", "None": pos += 1; return .literal(.none)
            case "super":
                if pos + 1 < toks.count, toks[pos + 1].kind == .punct, toks[pos + 1].text == "(" {
                    pos += 2
                    try expectPunct(")")
                    return .superCall(t.offset)
                }
            default: break
            }
            if keywordNames.contains(t.text) { throw unexpected("expected an expression") }
            pos += 1
            return .name(symbols.intern(t.text), t.text, t.offset)
        case .punct:
            if t.text == "(" {
                pos += 1
                try enter()
                defer { depth -= 1 }
                let e = try parseExpression()
                try expectPunct(")")
                return e
            }
            if t.text == "[" {
                pos += 1
                try enter()
                defer { depth -= 1 }
                var items: [Expr] = []
                while !peekPunct("]") {
                    items.append(try parseExpression())
                    if !acceptPunct(",") { break }
                }
                try expectPunct("]")
                return .list(items)
            }
            if t.text == "{" {
                pos += 1
                try enter()
                defer { depth -= 1 }
                var pairs: [(Expr, Expr)] = []
                while !peekPunct("}") {
                    let key = try parseExpression()
                    try expectPunct(":")
                    pairs.append((key, try parseExpression()))
                    if !acceptPunct(",") { break }
                }
                try expectPunct("}")
                return .map(pairs)
            }
            throw unexpected("expected an expression")
        }
    }

    mutating func parsePostfix(_ base: Expr) throws(ParseError) -> Expr {
        var e = base
        let saved = depth
        defer { depth = saved }
        while true {
            let at = here
            if acceptPunct(".") {
                try enter()
                guard pos < toks.count, toks[pos].kind == .name || toks[pos].kind == .integer else {
                    throw unexpected("expected an attribute name after '.'")
                }
                let name = toks[pos].text
                pos += 1
                if case .name(_, "loop", _) = e, let field = LoopField(name: name) {
                    e = .loopField(field, at)
                } else if toks[pos - 1].kind == .integer, let i = Int(name) {
                    e = .index(e, .literal(.int(i)), at)
                } else {
                    e = .attribute(e, name, toks[pos - 1].offset)
                }
            } else if acceptPunct("[") {
                try enter()
                let key = try parseExpression()
                try expectPunct("]")
                e = .index(e, key, at)
            } else if peekPunct("(") {
                pos += 1
                try enter()
                e = .call(e, try parseArguments(), e.offset >= 0 ? e.offset : at)
            } else {
                return e
            }
        }
    }

    /// After `(`: arguments up to `)`.
    mutating func parseArguments() throws(ParseError) -> [Argument] {
        var args: [Argument] = []
        var sawKeyword = false
        while !peekPunct(")") {
            if pos + 1 < toks.count, toks[pos].kind == .name, toks[pos + 1].kind == .punct, toks[pos + 1].text == "=" {
                let name = toks[pos].text
                pos += 2
                args.append(Argument(name: name, value: try parseExpression()))
                sawKeyword = true
            } else {
                if sawKeyword { throw unexpected("a positional argument cannot follow a keyword argument") }
                args.append(Argument(name: nil, value: try parseExpression()))
            }
            if !acceptPunct(",") { break }
        }
        try expectPunct(")")
        return args
    }

    mutating func parseFilters(_ base: Expr) throws(ParseError) -> Expr {
        var e = base
        let saved = depth
        defer { depth = saved }
        while true {
            if acceptPunct("|") {
                try enter()
                let at = here
                let name = try expectIdentifier("a filter name after '|'")
                guard let kind = filterKind(name) else {
                    var candidates = Array(FilterKind.builtins.keys.filter { $0.count > 2 }) + Array(hostFilters.keys)
                    candidates.sort()
                    if !candidates.contains("markdown") { candidates.append("markdown") }
                    let near = Suggestion.nearest(to: name, in: candidates)
                    var message = "unknown filter '\(name)'"
                    if name == "markdown" { message += " (the host supplies no markdown filter)" }
                    throw ParseError(offset: at, message: message, suggestion: near.map { "did you mean '\($0)'?" })
                }
                var args: [Argument] = []
                if acceptPunct("(") { args = try parseArguments() }
                e = .filter(e, kind, args, at)
                e = try parsePostfix(e)
            } else if peekName("is") {
                pos += 1
                try enter()
                let at = here
                let negated = acceptName("not")
                guard pos < toks.count, toks[pos].kind == .name else { throw unexpected("expected a test name after 'is'") }
                let name = toks[pos].text
                pos += 1
                guard let kind = testKind(name) else {
                    let names = ["defined", "undefined", "none", "even", "odd", "string", "number", "integer", "float",
                                 "mapping", "sequence", "iterable", "boolean", "true", "false", "divisibleby", "sameas", "eq"]
                    throw ParseError(offset: at, message: "unknown test '\(name)'",
                                     suggestion: Suggestion.nearest(to: name, in: names).map { "did you mean '\($0)'?" })
                }
                var args: [Expr] = []
                if kind == .divisibleBy || kind == .sameAs || kind == .equalTo {
                    if acceptPunct("(") {
                        args = try parseArguments().map(\.value)
                    } else {
                        args = [try parsePostfix(try parsePrimary())]
                    }
                    guard args.count == 1 else { throw ParseError(offset: at, message: "test '\(name)' takes one argument") }
                }
                e = .test(e, kind, negated, args, at)
            } else {
                return e
            }
        }
    }

    func filterKind(_ name: String) -> FilterKind? {
        if let k = FilterKind.builtins[name] { return k }
        if let f = hostFilters[name] { return .host(name, f) }
        return nil
    }

    func testKind(_ name: String) -> TestKind? { Templates.testKind(named: name) }
}

extension LoopField {
    init?(name: String) {
        switch name {
        case "index": self = .index
        case "index0": self = .index0
        case "revindex": self = .revindex
        case "revindex0": self = .revindex0
        case "first": self = .first
        case "last": self = .last
        case "length": self = .length
        default: return nil
        }
    }
}

extension String {
    func replacingUnderscores() -> String { contains("_") ? String(filter { $0 != "_" }) : self }
}

/// Decodes a string literal's escapes (the token includes its quotes).
func decodeStringLiteral(_ bytes: ArraySlice<UInt8>) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = bytes.startIndex + 1
    let end = bytes.endIndex - 1
    while i < end {
        let c = bytes[i]
        if c == 0x5C, i + 1 < end {
            let e = bytes[i + 1]
            i += 2
            switch e {
            case 0x6E: out.append(0x0A)
            case 0x74: out.append(0x09)
            case 0x72: out.append(0x0D)
            case 0x30: out.append(0)
            case 0x75 where i + 4 <= end:
                if let v = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16), let s = Unicode.Scalar(v) {
                    out.append(contentsOf: String(s).utf8)
                    i += 4
                } else {
                    out.append(0x5C); out.append(e)
                }
            case 0x5C, 0x22, 0x27: out.append(e)
            default: out.append(0x5C); out.append(e)
            }
        } else {
            out.append(c)
            i += 1
        }
    }
    return String(decoding: out, as: UTF8.self)
}
