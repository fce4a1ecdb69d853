import Foundation
import Testing
@testable import Preview

@Suite struct LiveReloadTests {
    @Test func scriptIsInjectedIntoHTMLButNotIntoOtherFilesNorOnDisk() throws {
        let page = "<html><body><p>Hoi</p></body></html>"
        try withServer(setUp: { site in
            try site.write("index.html", page)
            try site.write("style.css", "p { margin: 0 }</body>")
            try site.write("plain.html", "<p>no body tag</p>")
        }) { server, site, _ throws in
            let html = try request(server.port, "/")
            #expect(html.text.hasPrefix("<html><body><p>Hoi</p><script>"))
            #expect(html.text.hasSuffix("</script></body></html>"))
            #expect(html.text.contains("new EventSource(\"/__bj42/events\")"))
            #expect(html.header("Content-Length") == String(html.body.count))
            let css = try request(server.port, "/style.css")
            #expect(css.text == "p { margin: 0 }</body>")
            #expect(!css.text.contains("EventSource"))
            #expect(try request(server.port, "/plain.html").text.hasPrefix("<p>no body tag</p><script>"))
            let onDisk = try String(contentsOf: site.served.appendingPathComponent("index.html"), encoding: .utf8)
            #expect(onDisk == page)
        }
    }

    @Test func injectionGoesBeforeTheLastBodyCloseIgnoringCase() {
        let html = Array("<body><pre>&lt;/body&gt; </body> x </BODY >".utf8)
        let injected = String(decoding: LiveReloadPage.inject(into: html, generation: 3), as: UTF8.self)
        #expect(injected.hasPrefix("<body><pre>&lt;/body&gt; </body> x <script>"))
        #expect(injected.hasSuffix("</script></BODY >"))
        #expect(injected.contains("var g=\"3\""))
        #expect(LiveReloadPage.lastBodyClose(in: Array("</bod".utf8)) == nil)
        #expect(LiveReloadPage.lastBodyClose(in: []) == nil)
    }

    @Test func eventStreamSaysHelloThenReloadAfterEachRebuild() throws {
        try withServer(setUp: { site in try site.write("index.html", "<body></body>") }) { server, _, recorder throws in
            let events = try RawClient(port: server.port)
            try events.send("GET /__bj42/events HTTP/1.1\r\nHost: x\r\n\r\n")
            let head = try events.readUntil("\r\n\r\n")
            #expect(head.hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(head.contains("Content-Type: text/event-stream\r\n"))
            #expect(try events.readUntil("\n\n") == "retry: 1000\n\n")
            #expect(try events.readUntil("\n\n") == "event: hello\ndata: 0\n\n")
            server.scheduleRebuild(changedPaths: ["/x/content/a.md"])
            #expect(try events.readUntil("\n\n") == "event: reload\ndata: 1\n\n")
            server.rebuildNow()
            #expect(try events.readUntil("\n\n") == "event: reload\ndata: 2\n\n")
            // The page now carries the new build number, so its own hello will not reload it again.
            #expect(try request(server.port, "/").text.contains("var g=\"2\""))
            #expect(recorder.all.map(\.0) == ["rebuilt", "rebuilt"])
            #expect(recorder.all.allSatisfy { $0.1 == .standardOutput })
        }
    }

    @Test func eventStreamHeartbeatsWhileIdle() throws {
        var tuning = ServerTuning()
        tuning.heartbeatSeconds = 0.1
        try withServer(tuning: tuning) { server, _, _ throws in
            let events = try RawClient(port: server.port)
            try events.send("GET /__bj42/events HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try events.readUntil("event: hello\ndata: 0\n\n")
            #expect(try events.readUntil("\n\n") == ": ping\n\n")
        }
    }

    @Test func eventStreamThreadEndsSoonAfterTheClientLeaves() throws {
        try withServer { server, _, _ throws in
            let before = server.activeThreadCount
            do {
                let events = try RawClient(port: server.port)
                try events.send("GET /__bj42/events HTTP/1.1\r\nHost: x\r\n\r\n")
                _ = try events.readUntil("event: hello\ndata: 0\n\n")
                #expect(server.activeThreadCount == before + 1)
            }   // the client closes here, long before the 15 s heartbeat
            #expect(eventually(timeout: 5) { server.activeThreadCount == before })
        }
    }

    @Test func reservedPathsAreNeverSiteFiles() throws {
        try withServer(setUp: { site in try site.write("__bj42/events", "not me") }) { server, _, _ throws in
            #expect(try request(server.port, "/__bj42/other").status == 404)
            // HEAD on the event stream is an ordinary (missing) file, not a stream.
            #expect(try request(server.port, "/__bj42/events", method: "HEAD").status == 404)
        }
    }

    @Test func failedRebuildShowsDiagnosticsUntilAGoodOne() throws {
        let diagnostics = """
        content/trekkers/jong.md:4:9: error: unknown region 'twnte' (did you mean 'twente'?)
          region: twnte <b>&"'
                  ^
        """
        let fail = Locked(true)
        try withServer(rebuild: { _ in
            fail.withLock { $0 } ? .failure(diagnostics: diagnostics) : .success(summary: "rebuilt in 12 ms")
        }, setUp: { site in
            try site.write("index.html", "<html><body><p>Stale page</p></body></html>")
            try site.write("404.html", "<body>site 404</body>")
            try site.write("style.css", "css")
        }) { server, _, recorder throws in
            let events = try RawClient(port: server.port)
            try events.send("GET /__bj42/events HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try events.readUntil("event: hello\ndata: 0\n\n")

            server.rebuildNow(changedPaths: ["content/trekkers/jong.md"])
            #expect(try events.readUntil("\n\n") == "event: reload\ndata: 1\n\n")
            for path in ["/", "/missing/"] {
                let page = try request(server.port, path)
                #expect(page.status == 500)
                #expect(page.header("Content-Type") == "text/html; charset=utf-8")
                #expect(!page.text.contains("Stale page"))
                #expect(!page.text.contains("site 404"))
                #expect(page.text.contains("<pre>" + LiveReloadPage.escapeHTML(diagnostics) + "</pre>"))
                #expect(page.text.contains("region: twnte &lt;b&gt;&amp;&quot;&#39;\n          ^"))
                #expect(page.text.contains("/__bj42/events"))
            }
            #expect(try request(server.port, "/style.css").status == 200)
            #expect(recorder.all.last?.0 == diagnostics)
            #expect(recorder.all.last?.1 == .standardError)

            fail.withLock { $0 = false }
            server.scheduleRebuild(changedPaths: ["content/trekkers/jong.md"])
            #expect(try events.readUntil("\n\n") == "event: reload\ndata: 2\n\n")
            let recovered = try request(server.port, "/")
            #expect(recovered.status == 200)
            #expect(recovered.text.contains("Stale page"))
            #expect(recorder.all.last?.0 == "rebuilt in 12 ms")
            #expect(recorder.all.last?.1 == .standardOutput)
        }
    }

    @Test func rebuildsNeverOverlapAndChangesDuringOneTriggerOneMore() throws {
        let running = Locked(0)
        let maximum = Locked(0)
        let calls = Locked<[[String]]>([])
        let gate = DispatchSemaphore(value: 0)
        try withServer(rebuild: { paths in
            let now = running.withLock { $0 += 1; return $0 }
            maximum.withLock { $0 = max($0, now) }
            let first = calls.withLock { $0.append(paths); return $0.count == 1 }
            if first { gate.wait() }   // hold the first rebuild while more changes arrive
            running.withLock { $0 -= 1 }
            return .success(summary: "")
        }) { server, _, _ throws in
            server.scheduleRebuild(changedPaths: ["a"])
            #expect(eventually { calls.withLock { $0.count } == 1 })
            server.scheduleRebuild(changedPaths: ["b"])
            server.scheduleRebuild(changedPaths: ["c", "b"])
            gate.signal()
            #expect(eventually { calls.withLock { $0.count } == 2 })
            usleep(200_000)
            #expect(calls.withLock { $0 } == [["a"], ["b", "c"]])
            #expect(maximum.withLock { $0 } == 1)
        }
    }
}
