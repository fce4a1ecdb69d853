/// The head of one HTTP/1.x request (RFC 9112 §2–§5): what the server needs, nothing more.
struct HTTPRequestHead: Sendable, Equatable {
    var method: String
    /// The request target exactly as sent (origin-form `/a/b?q`, or the path of an absolute-form target).
    var target: [UInt8]
    var minorVersion: Int
    /// Header names lower-cased, in order.
    var headers: [(name: String, value: String)]

    static func == (a: HTTPRequestHead, b: HTTPRequestHead) -> Bool {
        a.method == b.method && a.target == b.target && a.minorVersion == b.minorVersion
            && a.headers.map(\.name) == b.headers.map(\.name) && a.headers.map(\.value) == b.headers.map(\.value)
    }

    func header(_ name: String) -> String? {
        headers.first { $0.name == name }?.value
    }

    /// HTTP/1.1 keeps the connection open unless told `close`; HTTP/1.0 only when told `keep-alive`.
    var keepAlive: Bool {
        let tokens = headers.filter { $0.name == "connection" }
            .flatMap { $0.value.split(separator: ",") }
            .map { $0.trimmingASCIIWhitespace().lowercased() }
        if tokens.contains("close") { return false }
        return minorVersion >= 1 || tokens.contains("keep-alive")
    }

    /// A request with a body: the server does not read bodies, so it answers and closes the connection
    /// rather than misread the body as the next request.
    var hasBody: Bool {
        if header("transfer-encoding") != nil { return true }
        if let length = header("content-length") { return length != "0" }
        return false
    }
}

enum HTTPParseError: Error, Equatable {
    case malformed(String)
    case versionNotSupported
}

/// Splits and checks a request head. Works on bytes; never traps on any input.
enum HTTPRequestParser {
    /// The largest request head the server accepts (request line and headers).
    static let maximumHeadSize = 16 * 1024

    /// Where the head ends in `buffer` (the index after the blank line), scanning from `start`
    /// (so repeated calls on a growing buffer stay linear). Accepts CRLF and bare LF line ends.
    static func headEnd(in buffer: [UInt8], from start: Int) -> Int? {
        var index = max(start, 1)
        while index < buffer.count {
            if buffer[index] == 0x0A {
                // "\n\n" or "\n\r\n" ends the head.
                if buffer[index - 1] == 0x0A { return index + 1 }
                if buffer[index - 1] == 0x0D, index >= 2, buffer[index - 2] == 0x0A { return index + 1 }
            }
            index += 1
        }
        return nil
    }

    /// Parses a complete head (as delimited by `headEnd`).
    static func parse(_ head: ArraySlice<UInt8>) throws(HTTPParseError) -> HTTPRequestHead {
        var lines = splitLines(head)
        // RFC 9112 §2.2: ignore empty lines before the request line.
        while let first = lines.first, first.isEmpty { lines.removeFirst() }
        guard let requestLine = lines.first else { throw .malformed("empty request") }
        let parts = requestLine.split(separator: 0x20, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformed("bad request line") }
        let method = parts[0], target = parts[1], version = parts[2]
        guard !method.isEmpty, method.allSatisfy(isTokenByte) else { throw .malformed("bad method") }
        guard !target.isEmpty, target.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw .malformed("bad request target")
        }
        let minor = try parseVersion(version)
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: 0x3A) else { throw .malformed("header without colon") }
            let name = line[line.startIndex..<colon]
            // No white space before the colon, and no obsolete line folding (RFC 9112 §5.1, §5.2).
            guard !name.isEmpty, name.allSatisfy(isTokenByte) else { throw .malformed("bad header name") }
            let value = line[(colon + 1)...]
            guard value.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }) else {
                throw .malformed("bad header value")
            }
            headers.append((String(decoding: name, as: UTF8.self).lowercased(),
                            String(decoding: value, as: UTF8.self).trimmingASCIIWhitespace()))
        }
        if let length = headers.first(where: { $0.name == "content-length" })?.value,
           length.isEmpty || !length.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            throw .malformed("bad Content-Length")
        }
        return HTTPRequestHead(method: String(decoding: method, as: UTF8.self),
                               target: Array(originFormPath(target)), minorVersion: minor, headers: headers)
    }

    /// Lines of the head without their line ends; a bare CR anywhere is malformed, so it is kept in
    /// the line and rejected by the byte checks.
    private static func splitLines(_ head: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = head.startIndex
        var index = head.startIndex
        while index < head.endIndex {
            if head[index] == 0x0A {
                var end = index
                if end > start, head[end - 1] == 0x0D { end -= 1 }
                lines.append(head[start..<end])
                start = index + 1
            }
            index += 1
        }
        if start < head.endIndex { lines.append(head[start..<head.endIndex]) }
        return lines
    }

    private static func parseVersion(_ version: ArraySlice<UInt8>) throws(HTTPParseError) -> Int {
        let bytes = Array(version)
        guard bytes.count == 8, bytes.starts(with: Array("HTTP/".utf8)),
              isDigit(bytes[5]), bytes[6] == 0x2E, isDigit(bytes[7]) else {
            throw .malformed("bad HTTP version")
        }
        guard bytes[5] == 0x31 else { throw .versionNotSupported }
        return Int(bytes[7] - 0x30)
    }

    /// `http://host:port/path?q` → `/path?q` (RFC 9112 §3.2.2); origin-form stays as it is.
    private static func originFormPath(_ target: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard target.first != 0x2F else { return target }
        let lower = target.prefix(8).map { $0 | 0x20 }
        let schemeLength: Int
        if lower.starts(with: Array("http://".utf8)) { schemeLength = 7 }
        else if lower.starts(with: Array("https://".utf8)) { schemeLength = 8 }
        else { return target }
        let afterScheme = target.dropFirst(schemeLength)
        guard let slash = afterScheme.firstIndex(of: 0x2F) else { return [0x2F] }
        return target[slash...]
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// `tchar` of RFC 9110 §5.6.2.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default: return false
        }
    }
}

extension StringProtocol {
    func trimmingASCIIWhitespace() -> String {
        let bytes = Array(utf8)
        var start = 0, end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
