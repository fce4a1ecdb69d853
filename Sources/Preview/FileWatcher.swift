import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Watches folder trees with inotify: one watch per folder (inotify is not recursive), new folders
/// watched as they appear, changes collected until things have been quiet for a moment.
///
/// Thread use: the watch table is filled in `init` and afterwards touched only by the one thread
/// that calls `run`, hence `@unchecked Sendable`.
final class FileWatcher: @unchecked Sendable {
    private let fd: Int32
    private let roots: [String]
    private let excluded: [String]
    private var watches: [Int32: String] = [:]

    private static let mask: UInt32 = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_ATTRIB
        | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF) | UInt32(IN_ONLYDIR) | UInt32(IN_DONT_FOLLOW)
        | UInt32(IN_EXCL_UNLINK)

    /// Folders never descended into: version control and build products, whose churn is no edit.
    private static let skippedFolders: Set<String> = [".git", ".build", ".swiftpm"]

    /// - Parameter excluding: paths not to watch (the served folder, which every rebuild rewrites:
    ///   watching it would rebuild forever).
    init(directories: [String], excluding: [String]) throws(PreviewError) {
        let descriptor = inotify_init1(Int32(IN_CLOEXEC) | Int32(IN_NONBLOCK))
        guard descriptor >= 0 else { throw .watchFailed(path: directories.first ?? "", errno: errno) }
        fd = descriptor
        roots = directories
        excluded = excluding.map { $0.count > 1 && $0.hasSuffix("/") ? String($0.dropLast()) : $0 }.flatMap { path in
            [path] + (StaticFileResolver.realPath(Array(path.utf8)).map { [String(decoding: $0, as: UTF8.self)] } ?? [])
        }
        // From here on `deinit` closes the descriptor if a watch fails.
        for directory in directories {
            guard StaticFileResolver.fileKind(Array(directory.utf8)) == S_IFDIR else {
                throw .watchFailed(path: directory, errno: 0)
            }
            _ = try addTree(directory)
        }
    }

    deinit { close(fd) }

    var watchedFolderCount: Int { watches.count }

    /// Watches `root` and every folder below it, without recursion (a deep tree cannot overflow the
    /// stack) and without following symlinks. Returns the files found, which matter when a folder
    /// appears with files already in it.
    private func addTree(_ root: String) throws(PreviewError) -> [String] {
        var files: [String] = []
        var stack = [root]
        while let folder = stack.popLast() {
            if isExcluded(folder) { continue }
            let wd = inotify_add_watch(fd, folder, Self.mask)
            if wd < 0 {
                let code = errno
                // A folder that vanished meanwhile, or that we may not read, is no reason to stop.
                if code == ENOENT || code == EACCES || code == ENOTDIR { continue }
                throw .watchFailed(path: folder, errno: code)
            }
            watches[wd] = folder
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for name in entries.sorted() {
                let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                if info.st_mode & S_IFMT == S_IFDIR {
                    if !Self.skippedFolders.contains(name) { stack.append(path) }
                } else if !Self.isEditorScratch(name) {
                    files.append(path)
                }
            }
        }
        return files
    }

    /// The served folder, what lies in it, and its siblings `<name>.<anything>`: an atomic build
    /// writes `output.staging-<pid>/` next to `output/` and renames it into place, and watching
    /// those would make every rebuild trigger the next.
    private func forgetTree(_ root: String) {
        for (wd, folder) in watches where folder == root || folder.hasPrefix(root + "/") {
            inotify_rm_watch(fd, wd)
            watches[wd] = nil
        }
    }

    private func isExcluded(_ path: String) -> Bool {
        excluded.contains { path == $0 || path.hasPrefix($0 + "/") || path.hasPrefix($0 + ".") }
    }

    /// Swap, backup and lock files that editors write next to the file being saved.
    static func isEditorScratch(_ name: String) -> Bool {
        name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx") || name.hasPrefix(".#")
            || name == "4913"
    }

    /// Runs until `wakeFD` becomes readable. Calls `onChange` with the sorted changed paths once no
    /// event has arrived for `debounceMilliseconds`.
    func run(wakeFD: Int32, debounceMilliseconds: Int, onChange: ([String]) -> Void) {
        var pending = Set<String>()
        var lastEvent: Int64 = 0
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let timeout: Int32 = pending.isEmpty
                ? -1 : Int32(clamping: max(0, lastEvent + Int64(debounceMilliseconds) - monotonicMilliseconds()))
            var entries = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&entries, 2, timeout)
            if ready < 0 && errno != EINTR { return }
            if entries[1].revents != 0 { return }
            if entries[0].revents != 0 {
                let before = pending.count
                readEvents(into: &pending, buffer: &buffer)
                if pending.count != before || !pending.isEmpty { lastEvent = monotonicMilliseconds() }
            }
            if !pending.isEmpty && monotonicMilliseconds() >= lastEvent + Int64(debounceMilliseconds) {
                onChange(pending.sorted())
                pending.removeAll()
            }
        }
    }

    /// Reads every queued event (the descriptor is non-blocking) and adds the paths they name.
    private func readEvents(into pending: inout Set<String>, buffer: inout [UInt8]) {
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            var offset = 0
            // struct inotify_event: int wd; uint32 mask, cookie, len; char name[len] (NUL padded).
            let header = 16
            while offset + header <= count {
                let (wd, mask, length) = buffer.withUnsafeBytes { raw in
                    (raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                     raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                     Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
                }
                let nameBytes = buffer[(offset + header)..<min(count, offset + header + length)]
                let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                offset += header + length
                handle(wd: wd, mask: mask, name: name, into: &pending)
            }
        }
    }

    private func handle(wd: Int32, mask: UInt32, name: String, into pending: inout Set<String>) {
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            // Events were lost: say the whole trees changed.
            pending.formUnion(roots)
            return
        }
        guard let folder = watches[wd] else { return }
        if mask & UInt32(IN_IGNORED) != 0 {
            watches[wd] = nil
            return
        }
        if name.isEmpty {
            pending.insert(folder)
            return
        }
        if Self.isEditorScratch(name) { return }
        let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
        if mask & UInt32(IN_ISDIR) != 0 {
            if Self.skippedFolders.contains(name) || isExcluded(path) { return }
            pending.insert(path)
            if mask & UInt32(IN_MOVED_FROM) != 0 {
                // Moved away: its watches would report the old paths. If it moved within the
                // tree, the IN_MOVED_TO that follows watches it again under its new name.
                forgetTree(path)
            }
            if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                // Files may have landed in the folder before its watch existed.
                pending.formUnion((try? addTree(path)) ?? [])
            }
            return
        }
        pending.insert(path)
    }
}
