import Foundation
import Glibc
import YAML

/// What a preview session keeps between rebuilds, so that a rebuild redoes only what changed:
/// files whose size and modification time are unchanged are not parsed again, unchanged bodies
/// are not rendered again, and when only bodies changed, only the pages that show those bodies
/// are rendered again. Output files that did not change are not written again.
///
/// Used by one rebuild at a time (the preview server never runs two at once).
public final class BuildCache: @unchecked Sendable {
    public init() {}

    var decodedFiles: [String: (stamp: FileStamp, decoded: ItemDecoder.Decoded)] = [:]
    var bodies: [String: (text: String, body: RenderedBody)] = [:]
    var previousRender: PreviousRender?
    /// Sitemap, robots.txt, feeds and alias pages of the previous run: they depend only on the
    /// structure and on news bodies (the Atom feed carries them).
    var generatedFiles: [OutputFile]?
    /// The link check's diagnostics per item index (-1: the home page) of the previous run.
    var linkDiagnostics: [Int: [Diagnostic]]?
    /// What the output folder holds now, when this cache wrote it.
    var written: WrittenOutput?

    /// What the last rebuild reused, for the summary line and tests.
    public internal(set) var lastReport = Report()

    public struct Report: Sendable, Equatable {
        public var filesParsed = 0
        public var bodiesRendered = 0
        public var pagesRendered = 0
        public var filesWritten = 0
    }

    /// The inputs that decide everything but bodies: when they are equal, pages can be reused.
    struct Structure: Equatable {
        var config: YAMLNode?
        var baseURL: String
        var today: SiteDate
        var templates: [String: String]
        var items: [ItemShape]
        var home: ItemShape?
        var staticPaths: [String]
        var geoJSON: [String]
    }

    struct ItemShape: Equatable {
        var key: String
        var file: String
        var frontMatter: YAMLNode?
    }

    struct PreviousRender {
        var structure: Structure
        /// By URL path: the rendered page, and the items whose body it showed.
        var pages: [String: (file: OutputFile, bodiesShown: Set<Int>)]
        var bodyTexts: [String]
    }

    struct WrittenOutput {
        var directory: URL
        var generated: [String: [UInt8]]
        var copied: [String: FileStamp]
    }
}

/// Identity of a file's contents as the file system tells it (no read needed).
struct FileStamp: Equatable, Sendable {
    var size: Int
    var seconds: Int
    var nanoseconds: Int
    var inode: UInt64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        size = Int(info.st_size)
        seconds = Int(info.st_mtim.tv_sec)
        nanoseconds = Int(info.st_mtim.tv_nsec)
        inode = UInt64(info.st_ino)
    }
}

/// Records, while one page renders on this thread, which items' bodies it showed, so that a
/// later edit of one body re-renders only the pages that showed it. Thread-local on purpose:
/// the template engine knows nothing of the site, and pages render on many threads at once.
final class BodyAccessRecorder {
    private static let key = "bj42.BodyAccessRecorder"
    var indices = Set<Int>()

    /// Runs `body` with a fresh recorder installed on this thread; returns what it recorded.
    static func recording<T>(_ body: () -> T) -> (T, Set<Int>) {
        let recorder = BodyAccessRecorder()
        Thread.current.threadDictionary[key] = recorder
        defer { Thread.current.threadDictionary.removeObject(forKey: key) }
        let result = body()
        return (result, recorder.indices)
    }

    /// Notes that the body of item `index` was shown, when a recording is under way.
    static func note(_ index: Int) {
        (Thread.current.threadDictionary[key] as? BodyAccessRecorder)?.indices.insert(index)
    }
}

/// Brings an output folder that this cache wrote before up to date in place: only changed files
/// are written, and files the build no longer has are removed. (Preview only: a published build
/// is always written atomically.)
enum IncrementalWriter {
    static func update(_ plan: OutputPlan, previous: BuildCache.WrittenOutput) throws(AtomicDirectoryWriter.WriteError) -> (BuildCache.WrittenOutput, Int) {
        let fm = FileManager.default
        let dir = previous.directory
        var written = 0
        var generated: [String: [UInt8]] = [:]
        var copied: [String: FileStamp] = [:]
        do {
            for path in plan.generatedPaths {
                let bytes = plan.bytes(path)!
                generated[path] = bytes
                if previous.generated[path] == bytes { continue }
                let url = dir.appendingPathComponent(path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url, options: .atomic)
                written += 1
            }
            for path in plan.copiedPaths {
                let source = plan.staticSource(path)!.source
                guard let stamp = FileStamp(path: source.path) else { continue }
                copied[path] = stamp
                if previous.copied[path] == stamp { continue }
                let url = dir.appendingPathComponent(path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try? fm.removeItem(at: url)
                try fm.copyItem(at: source, to: url)
                written += 1
            }
            for path in previous.generated.keys where generated[path] == nil && copied[path] == nil {
                try? fm.removeItem(at: dir.appendingPathComponent(path))
            }
            for path in previous.copied.keys where generated[path] == nil && copied[path] == nil {
                try? fm.removeItem(at: dir.appendingPathComponent(path))
            }
        } catch {
            throw AtomicDirectoryWriter.WriteError(description: "cannot update the preview output: \(error)")
        }
        return (BuildCache.WrittenOutput(directory: dir, generated: generated, copied: copied), written)
    }
}
