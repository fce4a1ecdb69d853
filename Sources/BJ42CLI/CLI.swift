import Foundation

/// The `bj42` command line: arguments in, exit status out, so tests drive it in-process.
public struct CLI {
    public var arguments: [String]

    /// `arguments` without the program name.
    public init(arguments: [String]) {
        self.arguments = arguments
    }

    /// Runs the command and returns the exit status: 0 success, 1 content errors, 2 usage.
    public func run() -> Int32 {
        guard let command = arguments.first else {
            FileHandle.standardError.write(Data((CLI.usage + "\n").utf8))
            return 2
        }
        switch command {
        case "--help", "-h", "help":
            print(CLI.usage)
            return 0
        default:
            FileHandle.standardError.write(Data("bj42: unknown command '\(command)'\n\(CLI.usage)\n".utf8))
            return 2
        }
    }

    static let usage = """
    usage: bj42 <command> [options]

    commands:
      build     build the site into the output folder
      check     validate everything; write nothing
      serve     build, serve on 127.0.0.1, rebuild on change
      new       start a new content file
      markdown  Markdown to HTML
      yaml      YAML to JSON

    Run 'bj42 <command> --help' for a command's options.
    """
}
