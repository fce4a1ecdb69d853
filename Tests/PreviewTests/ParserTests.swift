import Testing
@testable import Preview

@Suite struct ParserTests {
    private func parse(_ text: String) throws(HTTPParseError) -> HTTPRequestHead {
        let bytes = Array(text.utf8)
        let end = HTTPRequestParser.headEnd(in: bytes, from: 0) ?? bytes.count
        return try HTTPRequestParser.parse(bytes[..<end])
    }

    @Test func parsesRequestLineAndHeaders() throws {
        let head = try parse("\r\nGET /a%20b?x=1 HTTP/1.1\r\nHost: example\r\nConnection:  Keep-Alive , Upgrade \r\n\r\n")
        #expect(head.method == "GET")
        #expect(head.target == Array("/a%20b?x=1".utf8))
        #expect(head.minorVersion == 1)
        #expect(head.header("host") == "example")
        #expect(head.header("connection") == "Keep-Alive , Upgrade")
        #expect(head.keepAlive)
        #expect(!head.hasBody)
    }

    @Test func bareLineFeedsAndAbsoluteFormAreAccepted() throws {
        let head = try parse("GET http://127.0.0.1:8042/regios/?q HTTP/1.0\nConnection: close\n\n")
        #expect(head.target == Array("/regios/?q".utf8))
        #expect(!head.keepAlive)
        #expect(try parse("GET http://127.0.0.1:8042 HTTP/1.1\r\n\r\n").target == Array("/".utf8))
    }

    @Test func connectionSemantics() throws {
        #expect(try !parse("GET / HTTP/1.1\r\nConnection: close\r\n\r\n").keepAlive)
        #expect(try !parse("GET / HTTP/1.0\r\n\r\n").keepAlive)
        #expect(try parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").keepAlive)
        #expect(try parse("POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\n").hasBody)
        #expect(try parse("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n").hasBody)
        #expect(try !parse("POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n").hasBody)
    }

    @Test func headEndIsFoundIncrementally() {
        let bytes = Array("GET / HTTP/1.1\r\nA: b\r\n\r\nrest".utf8)
        #expect(HTTPRequestParser.headEnd(in: bytes, from: 0) == bytes.count - 4)
        #expect(HTTPRequestParser.headEnd(in: bytes, from: 20) == bytes.count - 4)
        #expect(HTTPRequestParser.headEnd(in: Array("GET / HTTP/1.1\r\n".utf8), from: 0) == nil)
    }

    /// Random and mutated heads never trap: each is parsed or rejected.
    @Test func arbitraryBytesNeverCrashTheParsers() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        let seed = Array("GET /a%20b/../c?x=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8)
        let alphabet = Array("%/.?#: \r\n\t\0GETHP1azZ\u{7F}".utf8) + [0xFF, 0xC3]
        for round in 0..<3000 {
            var bytes = seed
            for _ in 0..<(1 + Int(next() % 8)) {
                let position = Int(next() % UInt64(bytes.count))
                switch next() % 3 {
                case 0: bytes[position] = alphabet[Int(next() % UInt64(alphabet.count))]
                case 1: bytes.insert(alphabet[Int(next() % UInt64(alphabet.count))], at: position)
                default: if bytes.count > 1 { bytes.remove(at: position) }
                }
            }
            if round % 3 == 0 { bytes = (0..<Int(next() % 64)).map { _ in UInt8(truncatingIfNeeded: next()) } }
            let end = HTTPRequestParser.headEnd(in: bytes, from: 0) ?? bytes.count
            if let head = try? HTTPRequestParser.parse(bytes[..<end]) {
                _ = head.keepAlive
                _ = RequestPathDecoder.decode(head.target)
            }
            _ = RequestPathDecoder.decode(bytes)
        }
    }

    @Test func versionTwoIsNotSupported() {
        #expect(throws: HTTPParseError.versionNotSupported) { try parse("GET / HTTP/2.0\r\n\r\n") }
    }

    @Test(arguments: [
        ("/", [String](), true), ("/a/b/", ["a", "b"], true), ("//a//b", ["a", "b"], false),
        ("/a%2Db?x#y", ["a-b"], false), ("/%C3%A9", ["é"], false),
    ])
    func decodesPaths(target: String, segments: [String], folder: Bool) throws {
        let path = try RequestPathDecoder.decode(Array(target.utf8)).get()
        #expect(path.segments == segments.map { Array($0.utf8) })
        #expect(path.isFolderForm == folder)
    }

    @Test(arguments: [
        ("/..", PathRejection.forbidden), ("/a/./b", .forbidden), ("/%2e%2E/x", .forbidden), ("/a%2fb", .forbidden),
        ("/a%2Fb", .forbidden), ("/a%00b", .forbidden), ("/%", .badRequest), ("/%g0", .badRequest),
        ("/%0", .badRequest), ("relative", .badRequest), ("*", .badRequest),
    ])
    func refusesUnsafePaths(target: String, rejection: PathRejection) {
        #expect(throws: rejection) { try RequestPathDecoder.decode(Array(target.utf8)).get() }
    }

    @Test func queryIsKeptForRedirects() throws {
        let path = try RequestPathDecoder.decode(Array("/regios?a=1#f".utf8)).get()
        #expect(path.query == Array("a=1".utf8))
        #expect(path.rawPath == Array("/regios".utf8))
    }

    @Test func prefixCheckNeedsASeparator() {
        let root = Array("/srv/site".utf8)
        #expect(StaticFileResolver.isInside(Array("/srv/site/a".utf8), root: root))
        #expect(StaticFileResolver.isInside(root, root: root))
        #expect(!StaticFileResolver.isInside(Array("/srv/site-other/a".utf8), root: root))
        #expect(!StaticFileResolver.isInside(Array("/srv".utf8), root: root))
        #expect(StaticFileResolver.isInside(Array("/etc".utf8), root: Array("/".utf8)))
    }

    @Test func mediaTypesIgnoreCaseAndDotfiles() {
        #expect(MediaTypes.type(forFileName: "A.HTML") == "text/html; charset=utf-8")
        #expect(MediaTypes.type(forFileName: ".htaccess") == "application/octet-stream")
        #expect(MediaTypes.type(forFileName: "feed.xml") == "application/xml")
        #expect(MediaTypes.type(forFileName: "bijeenkomsten.ics") == "text/calendar; charset=utf-8")
    }
}
