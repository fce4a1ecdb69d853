import SourceText
import YAML

/// `bj42 yaml [FILE]`: YAML from FILE or stdin to JSON on stdout, one JSON value per document.
enum YAMLCommand {
    static let command = Command(
        name: "yaml",
        summary: "YAML from FILE or stdin to JSON on stdout",
        usage: """
        usage: bj42 yaml [FILE]

        Parses YAML 1.2 (core schema) and prints each document of the stream as one JSON value,
        keys in document order. Errors name the file (or <stdin>), line and column.
        """,
        valueOptions: [],
        flagOptions: [],
        run: { arguments, streams throws(UsageError) in
            guard let input = try InputText.read(arguments, streams) else { return CLI.ExitStatus.contentErrors }
            guard input.isValidUTF8 else {
                streams.err("\(input.name):1:1: error: the input is not valid UTF-8 text\n")
                return CLI.ExitStatus.contentErrors
            }
            var text = input.text
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            do throws(YAMLError) {
                let documents = try YAMLParser.parseStream(text)
                streams.out(try jsonText(of: documents))
                return CLI.ExitStatus.success
            } catch {
                let lineText = LineIndex(text).text(ofLine: error.location.line)
                streams.err("\(input.name):\(error.location.line):\(error.location.column): error: \(error.message)\n"
                    + SourceExcerpt.render(lineText: lineText, line: error.location.line, column: error.location.column) + "\n")
                return CLI.ExitStatus.contentErrors
            }
        })
}
