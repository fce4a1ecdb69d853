import Foundation
@testable import SiteCLI

/// A site in a fresh temporary folder, built by the CLI in-process.
final class TestSite {
    let root: URL
    private let captured = Captured()

    /// Writes `files` (site-relative path → text) under a new temporary folder.
    init(_ files: [String: String], theme: [String: String] = FixtureTheme.templates) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("bj42-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content"), withIntermediateDirectories: true)
        for (path, text) in theme { try write("themes/test/templates/" + path, text) }
        for (path, text) in files { try write(path, text) }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func write(_ path: String, _ text: String) throws {
        try write(path, bytes: Array(text.utf8))
    }

    func write(_ path: String, bytes: [UInt8]) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    func remove(_ path: String) throws { try FileManager.default.removeItem(at: root.appendingPathComponent(path)) }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        /// The first line of each diagnostic (continuation lines start with a space).
        var diagnostics: [String] { stderr.split(separator: "\n").filter { !$0.hasPrefix(" ") && !$0.hasPrefix("::") }.map(String.init) }
    }

    /// Runs `bj42 ARGS` with the site root as the current folder.
    @discardableResult
    func run(_ arguments: [String], stdin: String = "", environment: [String: String] = [:]) -> Run {
        captured.reset()
        let c = captured
        let streams = CLIStreams(writeOut: { c.appendOut($0) }, writeErr: { c.appendErr($0) }, readIn: { Array(stdin.utf8) },
                                 environment: environment, currentDirectory: root.path)
        let status = CLI(arguments: arguments, streams: streams).run()
        return Run(status: status, stdout: c.out, stderr: c.err)
    }

    func build(_ extra: [String] = []) -> Run { run(["build", "--now", "2026-12-01"] + extra) }

    func output(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent("output/" + path).path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path) }

    /// Every file under `folder` with its bytes, for byte-for-byte comparisons.
    func snapshot(_ folder: String = "output") -> [String: Data] {
        let base = root.appendingPathComponent(folder)
        var result: [String: Data] = [:]
        guard let e = FileManager.default.enumerator(atPath: base.path) else { return [:] }
        for case let relative as String in e {
            var isDirectory: ObjCBool = false
            let full = base.appendingPathComponent(relative).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[relative] = FileManager.default.contents(atPath: full)
            }
        }
        return result
    }
}

private final class Captured: @unchecked Sendable {
    private let lock = NSLock()
    private var outBytes: [UInt8] = []
    private var errBytes: [UInt8] = []
    func reset() { lock.lock(); outBytes = []; errBytes = []; lock.unlock() }
    func appendOut(_ b: [UInt8]) { lock.lock(); outBytes += b; lock.unlock() }
    func appendErr(_ b: [UInt8]) { lock.lock(); errBytes += b; lock.unlock() }
    var out: String { lock.lock(); defer { lock.unlock() }; return String(decoding: outBytes, as: UTF8.self) }
    var err: String { lock.lock(); defer { lock.unlock() }; return String(decoding: errBytes, as: UTF8.self) }
}
