import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import Preview

/// A temporary site: `served/` (what the server serves) and `source/` (what it watches).
final class TempSite: @unchecked Sendable {
    let root: URL
    let served: URL
    let source: URL

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("bj42-preview-\(UUID().uuidString)", isDirectory: true)
        served = root.appendingPathComponent("served", isDirectory: true)
        source = root.appendingPathComponent("source", isDirectory: true)
        try FileManager.default.createDirectory(at: served, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
    }

    func write(_ relativePath: String, _ text: String, in folder: URL? = nil) throws {
        let url = (folder ?? served).appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}

/// Lines the server logged, for assertions (and to keep test output quiet).
final class LogRecorder: @unchecked Sendable {
    private let lines = Locked<[(String, PreviewLogStream)]>([])
    var log: @Sendable (String, PreviewLogStream) -> Void { { [self] line, stream in lines.withLock { $0.append((line, stream)) } } }
    var all: [(String, PreviewLogStream)] { lines.withLock { $0 } }
}

/// Runs `body` against a started server on a free port of 127.0.0.1; always stops it and removes the
/// temporary folders.
func withServer(
    tuning: ServerTuning = ServerTuning(),
    watch: Bool = false,
    rebuild: @escaping @Sendable ([String]) -> RebuildOutcome = { _ in .success(summary: "rebuilt") },
    setUp: (TempSite) throws -> Void = { _ in },
    _ body: (PreviewServer, TempSite, LogRecorder) throws -> Void
) throws {
    let site = try TempSite()
    defer { site.remove() }
    try setUp(site)
    let recorder = LogRecorder()
    let configuration = PreviewConfiguration(servedDirectory: site.served, host: "127.0.0.1", port: 0,
                                             watchedDirectories: watch ? [site.source] : [], rebuild: rebuild)
    let server = try PreviewServer(configuration: configuration, tuning: tuning, log: recorder.log)
    defer { server.stop() }
    let port = try server.start()
    #expect(port > 0 && port == server.port)
    try body(server, site, recorder)
}

struct RawResponse {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
    var text: String { String(decoding: body, as: UTF8.self) }
}

struct ClientError: Error, CustomStringConvertible {
    var description: String
}

/// A tiny HTTP client over a raw socket, so tests can send anything, malformed requests included,
/// and several requests on one connection. Every read has a timeout: a hang guard, not a bound.
final class RawClient {
    let fd: Int32
    private var buffer: [UInt8] = []

    init(port: Int, timeoutSeconds: Int = 10) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ClientError(description: "socket failed") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            // No close here: the object is fully initialised, so `deinit` closes the socket. Closing
            // it twice would close another test's socket that got the same descriptor number.
            let code = errno
            throw ClientError(description: "connect failed: errno \(code)")
        }
    }

    deinit { close(fd) }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw ClientError(description: "send failed: errno \(errno)") }
            offset += sent
        }
    }

    /// Reads more bytes; false at end of stream.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count < 0 {
            if errno == ECONNRESET { return false }
            throw ClientError(description: "recv failed or timed out: errno \(errno)")
        }
        buffer += chunk[0..<count]
        return count > 0
    }

    /// Reads one response; `head` says it answers a HEAD request (no body follows).
    func readResponse(head: Bool = false) throws -> RawResponse {
        var end: Int?
        while end == nil {
            if let range = find([13, 10, 13, 10]) { end = range + 4; break }
            guard try fill() else { throw ClientError(description: "connection closed before a response") }
        }
        let headText = String(decoding: buffer[..<end!], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, statusLine[0] == "HTTP/1.1", let status = Int(statusLine[1]) else {
            throw ClientError(description: "bad status line in \(headText)")
        }
        let headers = lines.map { line -> (String, String) in
            let colon = line.firstIndex(of: ":")!
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        buffer.removeFirst(end!)
        var response = RawResponse(status: status, headers: headers, body: [])
        if head { return response }
        guard let length = response.header("Content-Length").flatMap(Int.init) else {
            throw ClientError(description: "no Content-Length in \(headText)")
        }
        while buffer.count < length {
            guard try fill() else { throw ClientError(description: "body cut short") }
        }
        response.body = Array(buffer[..<length])
        buffer.removeFirst(length)
        return response
    }

    /// Reads up to and including the first line equal to `line`, returning what was read.
    func readUntil(_ text: String) throws -> String {
        let needle = Array(text.utf8)
        while true {
            if let index = find(needle) {
                let read = String(decoding: buffer[..<(index + needle.count)], as: UTF8.self)
                buffer.removeFirst(index + needle.count)
                return read
            }
            guard try fill() else { throw ClientError(description: "closed before \(text.debugDescription)") }
        }
    }

    /// True when the server closes the connection (no more bytes) within the timeout.
    func isClosedByServer() -> Bool {
        (try? fill()) == false && buffer.isEmpty
    }

    private func find(_ needle: [UInt8]) -> Int? {
        guard buffer.count >= needle.count else { return nil }
        for start in 0...(buffer.count - needle.count) where buffer[start] == needle[0] {
            if Array(buffer[start..<(start + needle.count)]) == needle { return start }
        }
        return nil
    }
}

/// One GET (or other) request on a fresh connection.
func request(_ port: Int, _ path: String, method: String = "GET", headers: [String] = []) throws -> RawResponse {
    let client = try RawClient(port: port)
    try client.send("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + headers.map { $0 + "\r\n" }.joined() + "Connection: close\r\n\r\n")
    return try client.readResponse(head: method == "HEAD")
}

/// Polls `condition` until true or the (generous) timeout passes.
func eventually(timeout: TimeInterval = 10, _ condition: () -> Bool) -> Bool {
    let deadline = Date(timeIntervalSinceNow: timeout)
    while Date() < deadline {
        if condition() { return true }
        usleep(20_000)
    }
    return condition()
}
