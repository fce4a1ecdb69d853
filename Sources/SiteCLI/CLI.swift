import Foundation
import SourceText

/// Where a command's output goes: the process's streams, or buffers in tests.
public struct CLIStreams: Sendable {
    public var writeOut: @Sendable ([UInt8]) -> Void
    public var writeErr: @Sendable ([UInt8]) -> Void
    public var readIn: @Sendable () -> [UInt8]
    /// The process environment (`GITHUB_ACTIONS` turns on workflow annotations).
    public var environment: [String: String]
    /// The folder relative paths are taken from (`--source`, `--output`, FILE).
    public var currentDirectory: String

    public init(writeOut: @escaping @Sendable ([UInt8]) -> Void, writeErr: @escaping @Sendable ([UInt8]) -> Void,
                readIn: @escaping @Sendable () -> [UInt8], environment: [String: String], currentDirectory: String) {
        self.writeOut = writeOut
        self.writeErr = writeErr
        self.readIn = readIn
        self.environment = environment
        self.currentDirectory = currentDirectory
    }

    /// The real standard streams of this process.
    public static var process: CLIStreams {
        CLIStreams(
            writeOut: { FileHandle.standardOutput.write(Data($0)) },
            writeErr: { FileHandle.standardError.write(Data($0)) },
            readIn: { [UInt8](FileHandle.standardInput.readDataToEndOfFile()) },
            environment: ProcessInfo.processInfo.environment,
            currentDirectory: FileManager.default.currentDirectoryPath)
    }

    func out(_ text: String) { writeOut(Array(text.utf8)) }
    func err(_ text: String) { writeErr(Array(text.utf8)) }
}

/// The `bj42` command line: arguments in, exit status out, so tests drive it in-process.
public struct CLI {
    public var arguments: [String]
    public var streams: CLIStreams

    /// `arguments` without the program name.
    public init(arguments: [String], streams: CLIStreams = .process) {
        self.arguments = arguments
        self.streams = streams
    }

    /// Exit statuses of the contract.
    public enum ExitStatus {
        public static let success: Int32 = 0
        public static let contentErrors: Int32 = 1
        public static let usage: Int32 = 2
    }

    /// Runs the command and returns the exit status: 0 success, 1 content errors, 2 usage.
    public func run() -> Int32 {
        guard let name = arguments.first else {
            streams.err(CLI.usage + "\n")
            return ExitStatus.usage
        }
        let rest = Array(arguments.dropFirst())
        guard let command = CLI.commands.first(where: { $0.name == name }) else {
            if ["--help", "-h", "help"].contains(name) {
                streams.out(CLI.usage + "\n")
                return ExitStatus.success
            }
            var message = "bj42: unknown command '\(name)'"
            if let near = Suggestion.nearest(to: name, in: CLI.commands.map(\.name)) { message += " (did you mean '\(near)'?)" }
            streams.err(message + "\n" + CLI.usage + "\n")
            return ExitStatus.usage
        }
        if rest.contains("--help") || rest.contains("-h") {
            streams.out(command.usage + "\n")
            return ExitStatus.success
        }
        do {
            let parsed = try CommandLineArguments(rest, valueOptions: command.valueOptions, flagOptions: command.flagOptions)
            return try command.run(parsed, streams)
        } catch {
            streams.err("bj42 \(name): \(error.message)\n\(command.usage)\n")
            return ExitStatus.usage
        }
    }

    static let commands: [Command] = [
        BuildCommand.build, BuildCommand.check, ServeCommand.command, NewCommand.command, MarkdownCommand.command,
        YAMLCommand.command,
    ]

    static let usage = """
    usage: bj42 <command> [options]

    commands:
    \(commands.map { "  " + $0.name.padding(toLength: 10, withPad: " ", startingAt: 0) + $0.summary }.joined(separator: "\n"))

    Run 'bj42 <command> --help' for a command's options.
    """
}

/// One subcommand: its name, options and what it does.
struct Command: Sendable {
    var name: String
    var summary: String
    var usage: String
    var valueOptions: Set<String>
    var flagOptions: Set<String>
    var run: @Sendable (CommandLineArguments, CLIStreams) throws(UsageError) -> Int32
}
