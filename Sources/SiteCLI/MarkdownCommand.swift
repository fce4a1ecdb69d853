import Foundation
import Markdown

/// `bj42 markdown [--commonmark] [FILE]`: Markdown from FILE or stdin to HTML on stdout.
enum MarkdownCommand {
    static let command = Command(
        name: "markdown",
        summary: "Markdown from FILE or stdin to HTML on stdout",
        usage: """
        usage: bj42 markdown [--commonmark] [FILE]

        Renders CommonMark 0.31.2 with the GitHub extensions (tables, strikethrough, extended
        autolinks, task lists, the tag filter), raw HTML passed through, as cmark-gfm --unsafe.
          --commonmark   CommonMark 0.31.2 alone, no extension
        """,
        valueOptions: [],
        flagOptions: ["--commonmark"],
        run: { arguments, streams throws(UsageError) in
            guard let input = try InputText.read(arguments, streams) else { return CLI.ExitStatus.contentErrors }
            let options: MarkdownOptions = arguments.has("--commonmark") ? .commonMark : .gfm
            // Bytes in, bytes out: no String in between for a 10 MB document.
            let document = MarkdownParser(options: options).parse(bytes: input.bytes)
            streams.writeOut(HTMLRenderer(options: .standard).renderBytes(document))
            return CLI.ExitStatus.success
        })
}

/// The text of a FILE argument, or of standard input when there is none.
struct InputText {
    /// The name used in diagnostics: the path as given, or `<stdin>`.
    var name: String
    /// The input as UTF-8; invalid sequences are replaced by U+FFFD.
    var bytes: [UInt8]
    /// Whether the input was valid UTF-8 as read.
    var isValidUTF8: Bool
    var text: String { String(decoding: bytes, as: UTF8.self) }

    enum Result {
        case success(InputText)
        case failure(String)
    }

    /// The input of a filter command (`markdown`, `yaml`): its one optional FILE, or standard input.
    /// nil after printing why it cannot be read.
    static func read(_ arguments: CommandLineArguments, _ streams: CLIStreams) throws(UsageError) -> InputText? {
        guard arguments.positional.count <= 1 else { throw UsageError("expected at most one FILE") }
        switch read(arguments.positional.first, streams) {
        case .success(let text): return text
        case .failure(let message):
            streams.err(message + "\n")
            return nil
        }
    }

    static func read(_ path: String?, _ streams: CLIStreams) -> Result {
        let bytes: [UInt8]
        let name: String
        if let path, path != "-" {
            name = path
            let full = path.hasPrefix("/") ? path : streams.currentDirectory + "/" + path
            guard let data = FileManager.default.contents(atPath: full) else {
                var isDirectory: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory)
                let why = !exists ? "no such file" : isDirectory.boolValue ? "is a folder, not a file" : "cannot be read"
                return .failure("\(path):1:1: error: \(why)")
            }
            bytes = [UInt8](data)
        } else {
            name = "<stdin>"
            bytes = streams.readIn()
        }
        let valid = String(validating: bytes, as: UTF8.self) != nil
        let repaired = valid ? bytes : Array(String(decoding: bytes, as: UTF8.self).utf8)
        return .success(InputText(name: name, bytes: repaired, isValidUTF8: valid))
    }
}

