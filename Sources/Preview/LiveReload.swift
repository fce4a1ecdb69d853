import Foundation
import SourceText

/// The state every connection reads: which build is current and whether it failed. Rebuilds publish
/// into it; server-sent-event connections wait on it.
final class LiveReloadHub: @unchecked Sendable {
    /// The reserved path prefix: no site file is ever served from under it.
    static let reservedPrefix: [UInt8] = Array("__bj42".utf8)
    static let eventsPath = "/__bj42/events"

    struct Snapshot: Equatable {
        /// Increases with every published outcome.
        var generation: Int
        /// The diagnostics of the last build when it failed; nil when it succeeded.
        var failure: String?
    }

    enum WaitResult: Equatable {
        case changed(Int)
        case timedOut
        case stopped
    }

    private let condition = NSCondition()
    private var state = Snapshot(generation: 0, failure: nil)
    private var stopped = false

    var snapshot: Snapshot {
        condition.lock()
        defer { condition.unlock() }
        return state
    }

    func publish(_ outcome: RebuildOutcome) {
        condition.lock()
        state.generation += 1
        switch outcome {
        case .success: state.failure = nil
        case .failure(let diagnostics): state.failure = diagnostics
        }
        condition.broadcast()
        condition.unlock()
    }

    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for a generation after `seen`, for at most `timeout` seconds.
    func wait(after seen: Int, timeout: TimeInterval) -> WaitResult {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if stopped { return .stopped }
            if state.generation != seen { return .changed(state.generation) }
            if !condition.wait(until: deadline) {
                if stopped { return .stopped }
                return state.generation != seen ? .changed(state.generation) : .timedOut
            }
        }
    }
}

/// What the server adds to HTML responses, and the page it shows after a failed build.
enum LiveReloadPage {
    /// The script that reloads the page. It knows the build it was served from: on (re)connecting
    /// the server says which build is current (`hello`), so a rebuild that finished between loading
    /// the page and connecting, or a restarted server, still reloads it.
    static func script(generation: Int) -> String {
        "<script>/* bj42 serve: live reload */(function(){var g=\"\(generation)\";"
            + "var s=new EventSource(\"\(LiveReloadHub.eventsPath)\");"
            + "s.addEventListener(\"hello\",function(e){if(e.data!==g){s.close();location.reload();}});"
            + "s.addEventListener(\"reload\",function(){s.close();location.reload();});})();</script>"
    }

    /// The HTML with the script inserted before the last `</body>` (compared without case), or at the
    /// end when there is none.
    static func inject(into html: [UInt8], generation: Int) -> [UInt8] {
        let script = Array(script(generation: generation).utf8)
        guard let index = lastBodyClose(in: html) else { return html + script }
        var result = [UInt8]()
        result.reserveCapacity(html.count + script.count)
        result += html[..<index]
        result += script
        result += html[index...]
        return result
    }

    static func lastBodyClose(in html: [UInt8]) -> Int? {
        let pattern = Array("</body".utf8)
        guard html.count >= pattern.count else { return nil }
        var start = html.count - pattern.count
        while start >= 0 {
            var matches = true
            for offset in 0..<pattern.count where (html[start + offset] | (offset >= 2 ? 0x20 : 0)) != pattern[offset] {
                matches = false
                break
            }
            if matches { return start }
            start -= 1
        }
        return nil
    }

    /// Shown in place of every HTML page while the last build failed: the diagnostics exactly as the
    /// terminal printed them, escaped, in a `<pre>`.
    static func errorPage(diagnostics: String, generation: Int) -> [UInt8] {
        let page = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Build failed · bj42 serve</title>
        <style>
        body{font:16px/1.5 system-ui,sans-serif;margin:2rem;color:#1a1a1a;background:#fff}
        h1{color:#a40000;font-size:1.5rem}
        pre{font:14px/1.4 ui-monospace,monospace;background:#fdf2f2;border-left:4px solid #a40000;padding:1rem;overflow-x:auto;white-space:pre-wrap}
        </style>
        </head>
        <body>
        <h1>Build failed</h1>
        <p>The site could not be rebuilt, so this is not the page you asked for. Fix the errors below and save: this page reloads by itself.</p>
        <pre>\(escapeHTML(diagnostics))</pre>
        </body>
        </html>

        """
        return inject(into: Array(page.utf8), generation: generation)
    }

    static func escapeHTML(_ text: String) -> String { MarkupEscaping.escape(text) }
}
