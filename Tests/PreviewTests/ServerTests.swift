import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import Preview

private let homePage = "<!DOCTYPE html><html><head><title>Home</title></head><body><h1>Home</h1></body></html>\n"

private func standardSite(_ site: TempSite) throws {
    try site.write("index.html", homePage)
    try site.write("regios/twente/index.html", "<html><body><p>Twente</p></BODY></html>")
    try site.write("404.html", "<html><body><h1>Niet gevonden</h1></body></html>")
    try site.write("style.css", "body { color: red; }\n")
}

@Suite struct ServerTests {
    static let types: [(String, String)] = [
        ("a.html", "text/html; charset=utf-8"), ("a.css", "text/css; charset=utf-8"),
        ("a.js", "text/javascript; charset=utf-8"), ("a.svg", "image/svg+xml"), ("a.xml", "application/xml"),
        ("a.ics", "text/calendar; charset=utf-8"), ("a.json", "application/json"), ("a.png", "image/png"),
        ("a.jpg", "image/jpeg"), ("a.JPEG", "image/jpeg"), ("a.webp", "image/webp"), ("a.pdf", "application/pdf"),
        ("a.woff2", "font/woff2"), ("a.txt", "text/plain; charset=utf-8"), ("a.ico", "image/x-icon"),
        ("a.bin", "application/octet-stream"), ("noextension", "application/octet-stream"),
    ]

    @Test func servesEveryKnownTypeWithContentTypeAndLength() throws {
        try withServer(setUp: { site in
            for (name, _) in Self.types { try site.write("files/\(name)", "content of \(name)") }
        }) { server, _, _ throws in
            for (name, type) in Self.types {
                let response = try request(server.port, "/files/\(name)")
                #expect(response.status == 200, "\(name)")
                #expect(response.header("Content-Type") == type, "\(name)")
                #expect(response.header("Content-Length") == String(response.body.count), "\(name)")
                if type != MediaTypes.html { #expect(response.text == "content of \(name)") }
            }
        }
    }

    @Test func headHasTheHeadersOfGetWithoutABody() throws {
        try withServer(setUp: standardSite) { server, _, _ throws in
            for path in ["/", "/style.css", "/missing"] {
                let get = try request(server.port, path)
                let client = try RawClient(port: server.port)
                // Two HEADs then a GET on one connection: a body after a HEAD would corrupt the third.
                try client.send("HEAD \(path) HTTP/1.1\r\nHost: x\r\n\r\nHEAD \(path) HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /style.css HTTP/1.1\r\nHost: x\r\n\r\n")
                let head = try client.readResponse(head: true)
                _ = try client.readResponse(head: true)
                let after = try client.readResponse()
                #expect(head.status == get.status)
                #expect(head.header("Content-Length") == String(get.body.count))
                #expect(head.header("Content-Type") == get.header("Content-Type"))
                #expect(after.text == "body { color: red; }\n")
            }
        }
    }

    @Test func folderServesIndexAndBareFolderRedirects() throws {
        try withServer(setUp: standardSite) { server, _, _ throws in
            let home = try request(server.port, "/")
            #expect(home.status == 200)
            #expect(home.text.contains("<h1>Home</h1>"))
            let region = try request(server.port, "/regios/twente/")
            #expect(region.status == 200)
            #expect(region.text.contains("Twente"))
            let bare = try request(server.port, "/regios/twente")
            #expect(bare.status == 301)
            #expect(bare.header("Location") == "/regios/twente/")
            let withQuery = try request(server.port, "/regios?x=1")
            #expect(withQuery.status == 301)
            #expect(withQuery.header("Location") == "/regios/?x=1")
            // A folder without index.html is not listed.
            let noIndex = try request(server.port, "/regios/")
            #expect(noIndex.status == 404)
        }
    }

    @Test func redirectLocationIsRebuiltFromTheDecodedPath() throws {
        try withServer(setUp: { site in
            try FileManager.default.createDirectory(at: site.served.appendingPathComponent("evil.example"),
                                                    withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: site.served.appendingPathComponent("a b/é"),
                                                    withIntermediateDirectories: true)
        }) { server, _, _ throws in
            // Echoing `//evil.example` would send the browser to another host.
            #expect(try request(server.port, "//evil.example").header("Location") == "/evil.example/")
            #expect(try request(server.port, "/a%20b//%C3%A9").header("Location") == "/a%20b/%C3%A9/")
        }
    }

    @Test func strayLineBreaksBeforeARequestAreIgnored() throws {
        try withServer(setUp: standardSite) { server, _, _ throws in
            let client = try RawClient(port: server.port)
            try client.send("\r\n\r\nGET /style.css HTTP/1.1\r\nHost: x\r\n\r\n\r\n")
            #expect(try client.readResponse().status == 200)
            try client.send("GET /style.css HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().status == 200)
        }
    }

    @Test func queryStringsAndPercentEncodingAreHandled() throws {
        try withServer(setUp: { site in
            try site.write("style.css", "css")
            try site.write("docs/Verslag 2026 é.txt", "verslag")
        }) { server, _, _ throws in
            #expect(try request(server.port, "/style.css?v=123#frag").text == "css")
            #expect(try request(server.port, "/docs/Verslag%202026%20%C3%A9.txt").text == "verslag")
            #expect(try request(server.port, "/%73tyle.css").text == "css")
        }
    }

    @Test func missingPagesGetTheSitesOwn404Page() throws {
        try withServer(setUp: standardSite) { server, _, _ throws in
            let response = try request(server.port, "/nergens/")
            #expect(response.status == 404)
            #expect(response.header("Content-Type") == "text/html; charset=utf-8")
            #expect(response.text.contains("Niet gevonden"))
            #expect(response.text.contains("/__bj42/events"))
            #expect(try request(server.port, "/style.css/").status == 404)
        }
    }

    @Test func missing404PageFallsBackToPlainText() throws {
        try withServer { server, _, _ throws in
            let response = try request(server.port, "/nothing")
            #expect(response.status == 404)
            #expect(response.header("Content-Type") == "text/plain; charset=utf-8")
            #expect(response.text == "404 Not Found\n")
            // The served folder need not even exist yet (a first build that failed).
            #expect(try request(server.port, "/").status == 404)
        }
    }

    @Test(arguments: ["/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E/", "/a/../../etc/passwd",
                      "/..%2fetc%2fpasswd", "/regios%2f..%2f..%2fetc/passwd", "/x%00.html", "/./index.html",
                      "/%5c..%5c..%5cetc/passwd", "/outside/secret.txt", "/outside-file.txt"])
    func pathsOutsideTheServedFolderAreRefused(path: String) throws {
        try withServer(setUp: { site in
            try standardSite(site)
            try site.write("secret.txt", "secret", in: site.root)
            try FileManager.default.createSymbolicLink(atPath: site.served.appendingPathComponent("outside").path,
                                                       withDestinationPath: site.root.path)
            try FileManager.default.createSymbolicLink(
                atPath: site.served.appendingPathComponent("outside-file.txt").path,
                withDestinationPath: site.root.appendingPathComponent("secret.txt").path)
        }) { server, _, _ throws in
            let response = try request(server.port, path)
            #expect(response.status == 403 || response.status == 404, "\(path): \(response.status)")
            #expect(!response.text.contains("secret"))
            #expect(!response.text.contains("root:"))
        }
    }

    @Test func symlinksInsideTheServedFolderAreFollowed() throws {
        try withServer(setUp: { site in
            try site.write("real.txt", "real")
            try FileManager.default.createSymbolicLink(atPath: site.served.appendingPathComponent("link.txt").path,
                                                       withDestinationPath: "real.txt")
        }) { server, _, _ throws in
            #expect(try request(server.port, "/link.txt").text == "real")
        }
    }

    @Test(arguments: [
        "GARBAGE\r\n\r\n", "GET /\r\n\r\n", "GET / HTTP/1.1 extra\r\n\r\n", "GET  / HTTP/1.1\r\n\r\n",
        "GET / HTTX/1.1\r\n\r\n", "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n", "GET /%4 HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET / HTTP/1.1\r\nNo colon here\r\n\r\n", "GET / HTTP/1.1\r\nBad Name: x\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", "GET / HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
        "G(T / HTTP/1.1\r\n\r\n", "GET nopath HTTP/1.1\r\n\r\n", "GET /\u{7F} HTTP/1.1\r\n\r\n",
        "GET / HTTP/1.1\r\nX: a\rb\r\n\r\n",
    ])
    func malformedRequestsGet400(raw: String) throws {
        try withServer(setUp: standardSite) { server, _, _ throws in
            let client = try RawClient(port: server.port)
            try client.send(raw)
            let response = try client.readResponse()
            #expect(response.status == 400, "\(raw.debugDescription)")
            #expect(response.header("Connection") == "close")
            #expect(client.isClosedByServer())
            #expect(try request(server.port, "/").status == 200)
        }
    }

    @Test func binaryGarbageAndOversizedHeadsGet400() throws {
        try withServer(setUp: standardSite) { server, _, _ throws in
            let junk = try RawClient(port: server.port)
            try junk.send((0..<600).map { UInt8(truncatingIfNeeded: $0 &* 7919) } + [10, 10])
            #expect(try junk.readResponse().status == 400)

            let big = try RawClient(port: server.port)
            try big.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "a", count: 20_000) + "\r\n\r\n")
            #expect(try big.readResponse().status == 400)

            // Oversized without ever ending the head: answered as soon as 16 KB are in.
            let endless = try RawClient(port: server.port)
            try endless.send("GET / HTTP/1.1\r\nX-Big: " + String(repeating: "b", count: 17_000))
            #expect(try endless.readResponse().status == 400)
            #expect(try request(server.port, "/").status == 200)
        }
    }

    @Test func unsupportedVersionGets505() throws {
        try withServer(setUp: standardSite) { server, _, _ throws in
            let client = try RawClient(port: server.port)
            try client.send("GET / HTTP/2.0\r\n\r\n")
            #expect(try client.readResponse().status == 505)
        }
    }

    @Test(arguments: ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"])
    func otherMethodsGet405WithAllow(method: String) throws {
        try withServer(setUp: standardSite) { server, _, _ throws in
            let response = try request(server.port, "/", method: method)
            #expect(response.status == 405)
            #expect(response.header("Allow") == "GET, HEAD")
        }
    }

    @Test func requestWithBodyIsAnsweredAndClosed() throws {
        try withServer(setUp: standardSite) { server, _, _ throws in
            let client = try RawClient(port: server.port)
            try client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello")
            let response = try client.readResponse()
            #expect(response.status == 405)
            #expect(response.header("Connection") == "close")
            #expect(client.isClosedByServer())
        }
    }

    @Test func keepAliveServesSeveralRequestsOnOneConnection() throws {
        try withServer(setUp: standardSite) { server, _, _ throws in
            let client = try RawClient(port: server.port)
            try client.send("GET /style.css HTTP/1.1\r\nHost: x\r\n\r\n")
            let first = try client.readResponse()
            #expect(first.status == 200)
            #expect(first.header("Connection") == "keep-alive")
            try client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            let second = try client.readResponse()
            #expect(second.status == 200)
            #expect(second.text.contains("<h1>Home</h1>"))
            // Pipelined: two requests in one write, answered in order.
            try client.send("GET /missing HTTP/1.1\r\nHost: x\r\n\r\nGET /style.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            #expect(try client.readResponse().status == 404)
            let last = try client.readResponse()
            #expect(last.text == "body { color: red; }\n")
            #expect(last.header("Connection") == "close")
            #expect(client.isClosedByServer())
        }
    }

    @Test func http10ClosesUnlessAskedToKeepAlive() throws {
        try withServer(setUp: standardSite) { server, _, _ throws in
            let plain = try RawClient(port: server.port)
            try plain.send("GET /style.css HTTP/1.0\r\n\r\n")
            #expect(try plain.readResponse().header("Connection") == "close")
            #expect(plain.isClosedByServer())
            let kept = try RawClient(port: server.port)
            try kept.send("GET /style.css HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try kept.readResponse().header("Connection") == "keep-alive")
            try kept.send("GET /style.css HTTP/1.0\r\n\r\n")
            #expect(try kept.readResponse().status == 200)
        }
    }

    @Test func servesSeveralConnectionsAtOnce() throws {
        try withServer(setUp: standardSite) { server, _, _ throws in
            // All open before any request: a one-connection-at-a-time server would stall here.
            let clients = try (0..<12).map { _ in try RawClient(port: server.port) }
            for client in clients.reversed() { try client.send("GET /style.css HTTP/1.1\r\nHost: x\r\n\r\n") }
            for client in clients { #expect(try client.readResponse().status == 200) }
            let results = Locked<[Int]>([])
            DispatchQueue.concurrentPerform(iterations: 16) { index in
                let status = (try? request(server.port, index.isMultiple(of: 2) ? "/" : "/regios/twente/").status) ?? -1
                results.withLock { $0.append(status) }
            }
            #expect(results.withLock { $0 } == Array(repeating: 200, count: 16))
        }
    }

    @Test func connectionsBeyondTheLimitGet503() throws {
        var tuning = ServerTuning()
        tuning.maximumConnections = 2
        try withServer(tuning: tuning, setUp: standardSite) { server, _, _ throws in
            let first = try RawClient(port: server.port)
            let second = try RawClient(port: server.port)
            try first.send("GET /style.css HTTP/1.1\r\nHost: x\r\n\r\n")
            try second.send("GET /style.css HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try first.readResponse().status == 200)
            #expect(try second.readResponse().status == 200)
            let third = try RawClient(port: server.port)
            #expect(try third.readResponse().status == 503)
            try first.send("GET /style.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            #expect(try first.readResponse().status == 200)
            #expect(first.isClosedByServer())
            #expect(eventually { (try? request(server.port, "/style.css").status) == 200 })
        }
    }

    @Test func stalledClientsTimeOut() throws {
        var tuning = ServerTuning()
        tuning.headTimeoutMilliseconds = 300
        tuning.idleTimeoutMilliseconds = 300
        try withServer(tuning: tuning, setUp: standardSite) { server, _, _ throws in
            let slow = try RawClient(port: server.port)
            try slow.send("GET / HTTP/1.1\r\nHost:")
            #expect(try slow.readResponse().status == 408)
            #expect(slow.isClosedByServer())
            let idle = try RawClient(port: server.port)
            #expect(idle.isClosedByServer())
        }
    }

    @Test func clientThatHangsUpMidResponseDoesNotHurtTheServer() throws {
        try withServer(setUp: { site in
            try site.write("big.bin", String(repeating: "x", count: 4_000_000))
        }) { server, _, _ throws in
            for _ in 0..<3 {
                let client = try RawClient(port: server.port)
                try client.send("GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n")
            }   // closed unread: the server's sends fail with EPIPE/ECONNRESET, never SIGPIPE
            #expect(try request(server.port, "/big.bin", method: "HEAD").header("Content-Length") == "4000000")
        }
    }

    @Test func busyPortIsATypedError() throws {
        try withServer { server, site, _ throws in
            let configuration = PreviewConfiguration(servedDirectory: site.served, port: server.port,
                                                     watchedDirectories: []) { _ in .success(summary: "") }
            let second = try PreviewServer(configuration: configuration, log: { _, _ in })
            defer { second.stop() }
            #expect(throws: PreviewError.portInUse(port: server.port)) { try second.start() }
        }
        #expect(PreviewError.portInUse(port: 8042).description == "port 8042 is already in use; try --port 8043")
    }

    @Test func badHostAndPortAreTypedErrors() throws {
        let site = try TempSite()
        defer { site.remove() }
        let bad = PreviewConfiguration(servedDirectory: site.served, host: "not-an-address", port: 0,
                                       watchedDirectories: []) { _ in .success(summary: "") }
        let server = try PreviewServer(configuration: bad, log: { _, _ in })
        #expect(throws: PreviewError.invalidHost("not-an-address")) { try server.start() }
        let port = PreviewConfiguration(servedDirectory: site.served, port: 70000, watchedDirectories: []) { _ in
            .success(summary: "")
        }
        #expect(throws: PreviewError.invalidPort(70000)) { try PreviewServer(configuration: port, log: { _, _ in }) }
    }

    @Test func stopClosesTheListeningSocketAndRunReturns() throws {
        let site = try TempSite()
        defer { site.remove() }
        try site.write("index.html", homePage)
        let configuration = PreviewConfiguration(servedDirectory: site.served, port: 0, watchedDirectories: []) { _ in
            .success(summary: "")
        }
        let server = try PreviewServer(configuration: configuration, log: { _, _ in })
        let port = try server.start()
        let events = try RawClient(port: port)
        try events.send("GET /__bj42/events HTTP/1.1\r\nHost: x\r\n\r\n")
        _ = try events.readUntil("event: hello\ndata: 0\n\n")
        let idle = try RawClient(port: port)
        let returned = Locked(false)
        let thread = Thread {
            try? server.run()
            returned.withLock { $0 = true }
        }
        thread.start()
        #expect(eventually { server.interruptHandlerInstalled })
        server.stop()
        #expect(eventually { returned.withLock { $0 } })
        #expect(events.isClosedByServer())
        #expect(idle.isClosedByServer())
        #expect(throws: (any Error).self) { try RawClient(port: port) }
        #expect(server.activeThreadCount == 0)
        #expect(throws: PreviewError.alreadyStarted) { try server.start() }
        server.stop()   // a second stop is harmless
    }

    @Test func interruptSignalStopsRun() throws {
        let site = try TempSite()
        defer { site.remove() }
        let configuration = PreviewConfiguration(servedDirectory: site.served, port: 0, watchedDirectories: []) { _ in
            .success(summary: "")
        }
        let server = try PreviewServer(configuration: configuration, log: { _, _ in })
        defer { server.stop() }
        let returned = Locked(false)
        let thread = Thread {
            try? server.run()
            returned.withLock { $0 = true }
        }
        thread.start()
        #expect(eventually { server.interruptHandlerInstalled })
        let port = server.port
        #expect(try request(port, "/").status == 404)
        kill(getpid(), SIGINT)
        #expect(eventually { returned.withLock { $0 } })
        #expect(throws: (any Error).self) { try RawClient(port: port) }
    }
}
