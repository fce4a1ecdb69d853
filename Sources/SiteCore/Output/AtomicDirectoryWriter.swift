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
        do {
            var made = Set<String>()
            func ensureFolder(of relative: String) throws {
                guard let slash = relative.lastIndex(of: "/") else { return }
                let folder = String(relative[..<slash])
                if made.contains(folder) { return }
                try fm.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
                made.insert(folder)
            }
            for path in plan.generatedPaths {
                try ensureFolder(of: path)
                let url = staging.appendingPathComponent(path)
                try writeFile(url, plan.bytes(path)!)
            }
            for path in plan.copiedPaths {
                try ensureFolder(of: path)
                try fm.copyItem(at: plan.staticSource(path)!.source, to: staging.appendingPathComponent(path))
            }
        } catch {
            try? fm.removeItem(at: staging)
            throw WriteError(description: "cannot write the output: \(error)")
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

    private static func writeFile(_ url: URL, _ bytes: [UInt8]) throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError(description: "cannot create \(url.path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var written = 0
        try bytes.withUnsafeBytes { raw throws in
            while written < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw WriteError(description: "cannot write \(url.path): \(String(cString: strerror(errno)))")
                }
                written += n
            }
        }
    }
}
