import SourceText
import Foundation

/// Everything a build writes, decided before anything is written: generated files in memory
/// and static files to copy. Two producers of one path are an error naming both.
struct OutputPlan: Sendable {
    private(set) var generated: [String: OutputFile] = [:]
    private(set) var copies: [String: StaticFile] = [:]
    private(set) var diagnostics: [Diagnostic] = []

    mutating func add(_ file: OutputFile) {
        if let problem = OutputPath.problem(with: file.path) {
            diagnostics.append(.error(file.ownerFile, .start, "refusing to write '\(file.path)': the path \(problem)"))
            return
        }
        if let other = generated[file.path] {
            let reportIn = file.ownerFile == SiteConfig.path ? other : file
            collision(file.path, first: other.owner, second: file.owner, file: reportIn.ownerFile, at: reportIn.ownerLocation)
            return
        }
        generated[file.path] = file
    }

    mutating func copy(_ relative: String, from file: StaticFile) {
        guard OutputPath.problem(with: relative) == nil else { return }
        if let other = generated[relative] {
            collision(relative, first: other.owner, second: file.displayPath, file: file.displayPath)
            return
        }
        copies[relative] = file
    }

    /// Records a problem found while planning (a path that cannot be written).
    mutating func reject(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    private mutating func collision(_ path: String, first: String, second: String, file: String, at location: SourceLocation = .start) {
        let url = "/" + (path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path)
        diagnostics.append(.error(file, location, "\(url) would be written twice: by \(first) and by \(second)"))
    }

    var pageCount: Int { generated.keys.filter { $0.hasSuffix(".html") }.count }
    var fileCount: Int { generated.count + copies.count }

    /// Output paths in a fixed order.
    var generatedPaths: [String] { generated.keys.sorted() }
    var copiedPaths: [String] { copies.keys.sorted() }

    func bytes(_ path: String) -> [UInt8]? { generated[path]?.bytes }
    func file(_ path: String) -> OutputFile? { generated[path] }
    func staticSource(_ path: String) -> StaticFile? { copies[path] }
}
