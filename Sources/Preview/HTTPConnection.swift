#if canImport(Glibc)
import Glibc
#endif

/// Limits that keep a misbehaving client from pinning a thread. Internal so tests can shorten them.
struct ServerTuning: Sendable {
    /// How long an open connection may wait for the first byte of its next request.
    var idleTimeoutMilliseconds = 15_000
    /// How long a request head may take to arrive once it started.
    var headTimeoutMilliseconds = 10_000
    /// How long one send may block on a client that does not read.
    var sendTimeoutSeconds = 10
    /// How often an idle event stream sends a comment, which also notices clients that left.
    var heartbeatSeconds = 15.0
    /// The quiet time after the last file change before a rebuild starts.
    var debounceMilliseconds = 100
    /// Connections served at once; more get 503.
    var maximumConnections = 128
    /// How long `stop()` waits for threads to end.
    var stopTimeoutSeconds = 5.0
}

/// The open client sockets, so `stop()` can shut them down (which ends their threads' reads).
final class ConnectionRegistry: @unchecked Sendable {
    private let state = Locked<(open: Set<Int32>, closed: Bool)>(([], false))

    /// Adds a socket; false once the server is stopping (the caller closes it).
    func add(_ fd: Int32, limit: Int) -> Bool? {
        state.withLock { state in
            if state.closed { return false }
            if state.open.count >= limit { return nil }
            state.open.insert(fd)
            return true
        }
    }

    /// Removes and closes a socket. Done under the lock, so `shutdownAll` never touches a descriptor
    /// number that the kernel has handed out again.
    func close(_ fd: Int32) {
        state.withLock { state in
            state.open.remove(fd)
            _ = Glibc.close(fd)
        }
    }

    func shutdownAll() {
        state.withLock { state in
            state.closed = true
            for fd in state.open { _ = shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }
}

/// One client connection: requests in, responses out, keep-alive until the client closes, says
/// `Connection: close`, times out, or the server stops.
struct HTTPConnection {
    let fd: Int32
    let handler: RequestHandler
    let tuning: ServerTuning

    func serve() {
        Socket.setSendTimeout(fd, seconds: tuning.sendTimeoutSeconds)
        var buffer: [UInt8] = []
        var peerClosed = false
        defer { if !peerClosed { lingeringClose() } }
        while true {
            guard let end = readHead(&buffer, peerClosed: &peerClosed) else { return }
            let head: HTTPRequestHead
            do {
                head = try HTTPRequestParser.parse(buffer[..<end])
            } catch .versionNotSupported {
                _ = Socket.sendAll(fd, HTTPResponse.text(505, "505 HTTP Version Not Supported")
                    .serialized(includeBody: true, keepAlive: false))
                return
            } catch {
                sendBadRequest()
                return
            }
            buffer.removeFirst(end)
            if head.method == "GET" && RequestHandler.isEventStream(head) {
                streamEvents()
                return
            }
            let response = handler.respond(to: head)
            let keepAlive = head.keepAlive && !head.hasBody && response.status != 400
            guard Socket.sendAll(fd, response.serialized(includeBody: head.method != "HEAD", keepAlive: keepAlive)),
                  keepAlive else { return }
        }
    }

    /// Reads until `buffer` holds a whole request head; returns where it ends, or nil when the
    /// connection is done (closed, idle too long, too slow, or too large: the last two are answered).
    private func readHead(_ buffer: inout [UInt8], peerClosed: inout Bool) -> Int? {
        var scanned = 0
        var headStarted: Int64? = buffer.isEmpty ? nil : monotonicMilliseconds()
        let idleStarted = monotonicMilliseconds()
        while true {
            // RFC 9112 §2.2: empty lines before a request line are ignored (some clients send a
            // stray CRLF after a request).
            if let first = buffer.firstIndex(where: { $0 != 0x0D && $0 != 0x0A }) {
                if first > 0 {
                    buffer.removeFirst(first)
                    scanned = 0
                }
            } else if !buffer.isEmpty {
                buffer.removeAll()
                scanned = 0
            }
            if let end = HTTPRequestParser.headEnd(in: buffer, from: scanned) {
                if end > HTTPRequestParser.maximumHeadSize {
                    sendBadRequest()
                    return nil
                }
                return end
            }
            scanned = max(0, buffer.count - 2)
            if buffer.count > HTTPRequestParser.maximumHeadSize {
                sendBadRequest()
                return nil
            }
            let now = monotonicMilliseconds()
            let deadline = headStarted.map { $0 + Int64(tuning.headTimeoutMilliseconds) }
                ?? idleStarted + Int64(tuning.idleTimeoutMilliseconds)
            if now >= deadline {
                if headStarted != nil {
                    _ = Socket.sendAll(fd, HTTPResponse.text(408, "408 Request Timeout")
                        .serialized(includeBody: true, keepAlive: false))
                }
                return nil
            }
            guard Socket.waitReadable(fd, milliseconds: Int(deadline - now)) else { continue }
            guard let count = Socket.receive(fd, into: &buffer) else {
                peerClosed = true
                return nil
            }
            if count == 0 {
                peerClosed = true
                return nil
            }
            if count > 0 && headStarted == nil { headStarted = monotonicMilliseconds() }
        }
    }

    /// Ends our side first and reads away what the client still sends, briefly: closing a socket
    /// with unread input makes the kernel reset the connection, and the client could lose the
    /// response (a 400 for an oversized head, say) before reading it.
    private func lingeringClose() {
        _ = shutdown(fd, Int32(SHUT_WR))
        let deadline = monotonicMilliseconds() + 1_000
        var discard: [UInt8] = []
        while true {
            let now = monotonicMilliseconds()
            guard now < deadline, Socket.waitReadable(fd, milliseconds: Int(deadline - now)) else { return }
            discard.removeAll(keepingCapacity: true)
            guard let count = Socket.receive(fd, into: &discard), count != 0 else { return }
        }
    }

    private func sendBadRequest() {
        _ = Socket.sendAll(fd, HTTPResponse.text(400, "400 Bad Request").serialized(includeBody: true, keepAlive: false))
    }

    /// Server-sent events (the EventSource protocol): `hello` with the current build at once, then
    /// `reload` after every published rebuild, and a comment line as heartbeat. The stream ends when
    /// the client leaves or the server stops.
    private func streamEvents() {
        let hub = handler.hub
        var seen = hub.snapshot.generation
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n"
            + "Connection: close\r\n\r\nretry: 1000\n\nevent: hello\ndata: \(seen)\n\n"
        guard Socket.sendAll(fd, Array(head.utf8)) else { return }
        // Wake at least once a second to notice a client that left (a browser navigating away),
        // so its thread ends within a second rather than at the next heartbeat.
        let slice = min(1.0, tuning.heartbeatSeconds)
        var lastSent = monotonicMilliseconds()
        while true {
            var message: String?
            switch hub.wait(after: seen, timeout: slice) {
            case .stopped: return
            case .timedOut:
                if Socket.peerHasClosed(fd) { return }
                if Double(monotonicMilliseconds() - lastSent) >= tuning.heartbeatSeconds * 1000 { message = ": ping\n\n" }
            case .changed(let generation):
                seen = generation
                message = "event: reload\ndata: \(generation)\n\n"
            }
            if let message {
                guard Socket.sendAll(fd, Array(message.utf8)) else { return }
                lastSent = monotonicMilliseconds()
            }
        }
    }
}
