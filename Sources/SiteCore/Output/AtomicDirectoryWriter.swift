import Foundation
import Glibc

/// Writes an `OutputPlan` so that the output folder changes all at once or not at all:
/// everything goes into a staging folder beside the output, which then replaces it.
/// Files of earlier builds that the new build does not write are gone with the old folder.
enum AtomicDirectoryWriter {
    struct WriteError: Error, CustomStringConvertible {
        var description: String
    }

    static func write(_ plan: OutputPlan, to output: URL) throws(WriteError) {
        let fm = FileManager.default
        let output = output.standardizedFileURL
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        let pid = getpid()
        let staging = parent.appendingPathComponent(".\(name).staging-\(pid)")
        let old = parent.appendingPathComponent(".\(name).old-\(pid)")
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw WriteError(description: "cannot create \(staging.path): \(error.localizedDescription)")
        }
        // Folders first (in order, so parents exist), then the files on all cores.
        let generated = plan.generatedPaths
        let copied = plan.copiedPaths
        var folders = Set<String>()
        for path in generated + copied {
            var p = Substring(path)
            while let slash = p.lastIndex(of: "/") {
                p = p[..<slash]
                if !folders.insert(String(p)).inserted { break }
            }
        }
        // Plain string paths: `URL.appendingPathComponent` asks the file system whether each is a folder.
        let stagingPath = staging.path
        for folder in folders.sorted(by: { $0.utf8.count < $1.utf8.count }) {
            if mkdir(stagingPath + "/" + folder, 0o755) != 0 && errno != EEXIST {
                let why = String(cString: strerror(errno))
                try? fm.removeItem(at: staging)
                throw WriteError(description: "cannot create the folder \(folder): \(why)")
            }
        }
        let failures = parallelMap(generated.count + copied.count) { i -> String? in
            do {
                if i < generated.count {
                    try writeFile(stagingPath + "/" + generated[i], plan.bytes(generated[i])!)
                } else {
                    let path = copied[i - generated.count]
                    let source = plan.staticSource(path)!.source
                    guard let data = FileManager.default.contents(atPath: source.path) else {
                        return "cannot read \(plan.staticSource(path)!.displayPath)"
                    }
                    try writeFile(stagingPath + "/" + path, [UInt8](data))
                }
                return nil
            } catch {
                return "\(error)"
            }
        }
        if let failure = failures.compactMap({ $0 }).first {
            try? fm.removeItem(at: staging)
            throw WriteError(description: "cannot write the output: \(failure)")
        }
        // The swap: two renames. Between them the output folder is briefly absent, never half-written.
        let hadOutput = fm.fileExists(atPath: output.path)
        if hadOutput, rename(output.path, old.path) != 0 {
            let why = String(cString: strerror(errno))
            try? fm.removeItem(at: staging)
            throw WriteError(description: "cannot move the previous output aside: \(why)")
        }
        if rename(staging.path, output.path) != 0 {
            let why = String(cString: strerror(errno))
            if hadOutput { _ = rename(old.path, output.path) }
            try? fm.removeItem(at: staging)
            throw WriteError(description: "cannot move the new output into place: \(why)")
        }
        if hadOutput { try? fm.removeItem(at: old) }
    }

    private static func writeFile(_ path: String, _ bytes: [UInt8]) throws(WriteError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError(description: "cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var written = 0
        let failed: Int32? = bytes.withUnsafeBytes { raw in
            while written < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                written += n
            }
            return nil
        }
        if let failed { throw WriteError(description: "cannot write \(path): \(String(cString: strerror(failed)))") }
    }
}
