import Foundation
import Preview
import SiteCore

/// `bj42 serve [--source DIR] [--port N] [--drafts]`: build, serve on 127.0.0.1, rebuild on change.
enum ServeCommand {
    static let command = Command(
        name: "serve",
        summary: "build, serve on 127.0.0.1, rebuild on change",
        usage: """
        usage: bj42 serve [--source DIR] [--port N] [--drafts]

        Builds the site into a temporary folder, serves it on http://127.0.0.1:PORT/ and rebuilds
        when a file under content/ or themes/ changes; open pages reload by themselves. A build
        error is shown in the browser until the next good save. Ctrl-C stops.
          --source DIR   the site root (default: the current folder)
          --port N       the port (default: 8042)
          --drafts       include drafts
        """,
        valueOptions: ["--source", "--port"],
        flagOptions: ["--drafts"],
        run: { arguments, streams throws(UsageError) in
            guard arguments.positional.isEmpty else { throw UsageError("unexpected argument '\(arguments.positional[0])'") }
            var port = 8042
            if let text = arguments["--port"] {
                guard let n = Int(text), (1...65535).contains(n) else { throw UsageError("--port takes a number from 1 to 65535, not '\(text)'") }
                port = n
            }
            var options = try BuildCommand.buildOptions(arguments, streams, writing: false)
            let served = FileManager.default.temporaryDirectory.appendingPathComponent("bj42-serve-\(getpid())/site")
            options.outputDirectory = served
            let buildOptions = options
            // One cache for the session: each rebuild redoes only what changed.
            let cache = BuildCache()
            defer { try? FileManager.default.removeItem(at: served.deletingLastPathComponent()) }

            let rebuild: @Sendable ([String]) -> RebuildOutcome = { changed in
                var options = buildOptions
                options.changedPaths = changed.isEmpty ? nil : Set(changed.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
                // "Today" moves on while a preview runs for days, unless --now fixed it.
                if arguments["--now"] == nil { options.today = EuropeAmsterdam.date(atUnixTime: Int(Date().timeIntervalSince1970)) }
                let clock = ContinuousClock()
                let started = clock.now
                let result = BuildPipeline.run(options, cache: cache)
                let ms = Int((clock.now - started) / .milliseconds(1))
                let work = cache.lastReport
                if streams.environment["BJ42_TIMINGS"] != nil {
                    streams.err("bj42: stage times " + result.stageTimes.map { "\($0.stage) \(Int($0.duration / .milliseconds(1))) ms" }.joined(separator: ", ") + "\n")
                }
                let warnings = result.diagnostics.filter { $0.severity == .warning }.map(\.description)
                if result.succeeded {
                    if !warnings.isEmpty { streams.err(warnings.joined(separator: "\n") + "\n") }
                    return .success(summary: "bj42: rebuilt in \(ms) ms (\(work.filesParsed) files parsed, \(work.pagesRendered) of \(result.pageCount) pages rendered, \(work.filesWritten) files written), \(warnings.count) warning\(warnings.count == 1 ? "" : "s")")
                }
                // Errors only: the warnings (42 vacant regions, say) would bury them.
                let lines = result.diagnostics.filter { $0.severity == .error }.map(\.description).joined(separator: "\n")
                return .failure(diagnostics: lines + "\nbj42: build failed: \(result.errorCount) error\(result.errorCount == 1 ? "" : "s") (and \(result.warningCount) warning\(result.warningCount == 1 ? "" : "s")) in \(ms) ms")
            }
            let configuration = PreviewConfiguration(
                servedDirectory: served, port: port,
                watchedDirectories: [options.sourceDirectory.appendingPathComponent("content"),
                                     options.sourceDirectory.appendingPathComponent("themes")],
                rebuild: rebuild)
            do {
                try FileManager.default.createDirectory(at: served, withIntermediateDirectories: true)
                let server = try PreviewServer(configuration: configuration, log: { line, stream in
                    let text = line.hasSuffix("\n") ? line : line + "\n"
                    if stream == .standardOutput { streams.out(text) } else { streams.err(text) }
                })
                server.rebuildNow()
                try server.start()
                streams.out("bj42: serving \(server.url) (Ctrl-C to stop)\n")
                try server.run()
                streams.out("bj42: stopped\n")
                return CLI.ExitStatus.success
            } catch let error as PreviewError {
                streams.err("bj42 serve: \(error)\n")
                return CLI.ExitStatus.contentErrors
            } catch {
                streams.err("bj42 serve: \(error.localizedDescription)\n")
                return CLI.ExitStatus.contentErrors
            }
        })
}
