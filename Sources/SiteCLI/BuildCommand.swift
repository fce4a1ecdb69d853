import Foundation
import SiteCore

/// `bj42 build` and `bj42 check`: the same pipeline; `check` renders everything and writes nothing.
enum BuildCommand {
    static let build = Command(
        name: "build",
        summary: "build the site into the output folder",
        usage: """
        usage: bj42 build [--source DIR] [--output DIR] [--base-url URL] [--drafts] [--now YYYY-MM-DD]

          --source DIR      the site root, holding content/ and themes/ (default: the current folder)
          --output DIR      where the site is written (default: output/ in the current folder)
          --base-url URL    use URL instead of site.yaml's base_url
          --drafts          build drafts as if they were published
          --now YYYY-MM-DD  the build date ("today"), for reproducible builds
        A failed build leaves the previous output untouched.
        """,
        valueOptions: ["--source", "--output", "--base-url", "--now"],
        flagOptions: ["--drafts"],
        run: { arguments, streams throws(UsageError) in try run(arguments, streams, writing: true) })

    static let check = Command(
        name: "check",
        summary: "validate everything; write nothing",
        usage: """
        usage: bj42 check [--source DIR] [--drafts] [--now YYYY-MM-DD]

        Does everything 'build' does, rendering included, except write.
          --source DIR      the site root, holding content/ and themes/ (default: the current folder)
          --drafts          check drafts as if they were published
          --now YYYY-MM-DD  the build date ("today")
        """,
        valueOptions: ["--source", "--now"],
        flagOptions: ["--drafts"],
        run: { arguments, streams throws(UsageError) in try run(arguments, streams, writing: false) })

    static func run(_ arguments: CommandLineArguments, _ streams: CLIStreams, writing: Bool) throws(UsageError) -> Int32 {
        guard arguments.positional.isEmpty else { throw UsageError("unexpected argument '\(arguments.positional[0])'") }
        let options = try buildOptions(arguments, streams, writing: writing)
        let clock = ContinuousClock()
        let started = clock.now
        let result = BuildPipeline.run(options)
        let elapsed = clock.now - started
        report(result.diagnostics, streams, sourceDirectory: options.sourceDirectory)
        if streams.environment["BJ42_TIMINGS"] != nil {
            let lines = result.stageTimes.map { "  \($0.stage): \(Int($0.duration / .milliseconds(1))) ms" }
            streams.err("bj42: stage times\n" + lines.joined(separator: "\n") + "\n")
        }
        let seconds = String(format: "%.2f", Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds))
        let warnings = "\(result.warningCount) warning\(result.warningCount == 1 ? "" : "s")"
        if result.succeeded {
            let verb = writing ? "built" : "checked"
            streams.out("bj42: \(verb) \(result.pageCount) pages (\(result.fileCount) files), \(warnings), in \(seconds) s\n")
            return CLI.ExitStatus.success
        }
        let errors = "\(result.errorCount) error\(result.errorCount == 1 ? "" : "s")"
        streams.out("bj42: \(writing ? "build" : "check") failed: \(errors), \(warnings), in \(seconds) s\(writing ? "; the output was not changed" : "")\n")
        return CLI.ExitStatus.contentErrors
    }

    /// Options from the command line, checked: a bad value is wrong usage (exit 2).
    static func buildOptions(_ arguments: CommandLineArguments, _ streams: CLIStreams, writing: Bool) throws(UsageError) -> BuildOptions {
        let cwd = URL(fileURLWithPath: streams.currentDirectory, isDirectory: true)
        func resolve(_ path: String) -> URL {
            URL(fileURLWithPath: path, isDirectory: true, relativeTo: cwd).standardizedFileURL
        }
        let source = resolve(arguments["--source"] ?? ".")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source.appendingPathComponent("content").path, isDirectory: &isDirectory),
              isDirectory.boolValue else {
            throw UsageError("\(arguments["--source"] ?? "the current folder") is not a site root: it has no content/ folder")
        }
        let today: SiteDate
        if let now = arguments["--now"] {
            guard let date = SiteDate(parsing: now) else { throw UsageError("--now takes a real date written YYYY-MM-DD, not '\(now)'") }
            today = date
        } else {
            today = EuropeAmsterdam.date(atUnixTime: Int(Date().timeIntervalSince1970))
        }
        var output: URL?
        if writing {
            let out = resolve(arguments["--output"] ?? "output")
            let real = { (u: URL) in u.resolvingSymlinksInPath().path }
            let o = real(out), s = real(source)
            if o == s || s.hasPrefix(o + "/") || o == "/" {
                throw UsageError("--output \(out.path) would replace the site itself; choose a folder outside it, such as output/")
            }
            for folder in ["content", "themes"] {
                let f = real(source.appendingPathComponent(folder))
                if o == f || o.hasPrefix(f + "/") {
                    throw UsageError("--output must not lie inside \(folder)/: \(out.path)")
                }
            }
            output = out
        }
        if let base = arguments["--base-url"], let problem = BaseURL.problem(with: base) {
            throw UsageError("--base-url \(problem)")
        }
        return BuildOptions(sourceDirectory: source, outputDirectory: output, baseURLOverride: arguments["--base-url"],
                            includeDrafts: arguments.has("--drafts"), today: today)
    }

    /// Prints diagnostics to stderr; under GitHub Actions also as workflow annotations.
    static func report(_ diagnostics: [Diagnostic], _ streams: CLIStreams, sourceDirectory: URL) {
        var text = ""
        for d in diagnostics { text += d.description + "\n" }
        if streams.environment["GITHUB_ACTIONS"] == "true" {
            let cwd = URL(fileURLWithPath: streams.currentDirectory).standardizedFileURL.path
            let root = sourceDirectory.standardizedFileURL.path
            let prefix = root == cwd ? "" : root.hasPrefix(cwd + "/") ? String(root.dropFirst(cwd.count + 1)) + "/" : root + "/"
            for d in diagnostics {
                let message = d.message + (d.suggestion.map { " (\($0))" } ?? "")
                text += "::\(d.severity.rawValue) file=\(annotationEscape(prefix + d.file, property: true)),line=\(d.location.line),col=\(d.location.column)::\(annotationEscape(message, property: false))\n"
            }
        }
        if !text.isEmpty { streams.err(text) }
    }

    /// Workflow command escaping: `%`, CR and LF always; `:` and `,` in properties.
    static func annotationEscape(_ text: String, property: Bool) -> String {
        var out = text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
        if property { out = out.replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C") }
        return out
    }
}
