import Foundation
import Testing
@testable import Preview

@Suite struct WatcherTests {
    private func recordingRebuild() -> (Locked<[[String]]>, @Sendable ([String]) -> RebuildOutcome) {
        let calls = Locked<[[String]]>([])
        return (calls, { paths in
            calls.withLock { $0.append(paths) }
            return .success(summary: "rebuilt")
        })
    }

    @Test func writingAFileCallsRebuildWithItsPath() throws {
        let (calls, rebuild) = recordingRebuild()
        try withServer(watch: true, rebuild: rebuild, setUp: { site in
            try site.write("content/regios/twente.md", "old", in: site.source)
        }) { server, site, recorder throws in
            let file = site.source.appendingPathComponent("content/regios/twente.md").path
            try site.write("content/regios/twente.md", "new", in: site.source)
            #expect(eventually { calls.withLock { $0.flatMap { $0 } }.contains(file) })
            // One save is one rebuild (debounced), not one per inotify event.
            usleep(300_000)
            #expect(calls.withLock { $0.count } == 1)
            #expect(recorder.all.map(\.0) == ["rebuilt"])
            _ = server
        }
    }

    @Test func newFoldersAreWatchedToo() throws {
        let (calls, rebuild) = recordingRebuild()
        try withServer(watch: true, rebuild: rebuild) { _, site, _ throws in
            let folder = site.source.appendingPathComponent("nieuws/2026")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let first = folder.appendingPathComponent("a.md").path
            try site.write("nieuws/2026/a.md", "a", in: site.source)
            #expect(eventually { calls.withLock { $0.flatMap { $0 } }.contains(first) })
            let later = folder.appendingPathComponent("b.md").path
            try site.write("nieuws/2026/b.md", "b", in: site.source)
            #expect(eventually { calls.withLock { $0.flatMap { $0 } }.contains(later) })
        }
    }

    @Test func deletesAndRenamesAreChanges() throws {
        let (calls, rebuild) = recordingRebuild()
        try withServer(watch: true, rebuild: rebuild, setUp: { site in
            try site.write("a.md", "a", in: site.source)
            try site.write("b.md", "b", in: site.source)
        }) { _, site, _ throws in
            let a = site.source.appendingPathComponent("a.md").path
            let b = site.source.appendingPathComponent("b.md").path
            let c = site.source.appendingPathComponent("c.md").path
            try FileManager.default.removeItem(atPath: a)
            try FileManager.default.moveItem(atPath: b, toPath: c)
            #expect(eventually {
                let seen = Set(calls.withLock { $0.flatMap { $0 } })
                return seen.isSuperset(of: [a, b, c])
            })
        }
    }

    @Test func editorScratchFilesAndTheServedFolderAreIgnored() throws {
        let (calls, rebuild) = recordingRebuild()
        let site = try TempSite()
        defer { site.remove() }
        // The served folder inside the watched one: rebuilds write there, and must not retrigger.
        let served = site.source.appendingPathComponent("output")
        try FileManager.default.createDirectory(at: served, withIntermediateDirectories: true)
        let configuration = PreviewConfiguration(servedDirectory: served, port: 0, watchedDirectories: [site.source],
                                                 rebuild: rebuild)
        let server = try PreviewServer(configuration: configuration, log: { _, _ in })
        defer { server.stop() }
        try server.start()
        try site.write("output/index.html", "x", in: site.source)
        try site.write("output.staging-123/index.html", "x", in: site.source)
        try site.write(".page.md.swp", "x", in: site.source)
        try site.write("page.md~", "x", in: site.source)
        try site.write("page.md", "x", in: site.source)
        let page = site.source.appendingPathComponent("page.md").path
        #expect(eventually { !calls.withLock { $0 }.isEmpty })
        usleep(300_000)
        #expect(calls.withLock { $0 } == [[page]])
    }

    @Test func movedFoldersReportTheirNewPaths() throws {
        let (calls, rebuild) = recordingRebuild()
        try withServer(watch: true, rebuild: rebuild, setUp: { site in
            try site.write("old/sub/a.md", "a", in: site.source)
        }) { _, site, _ throws in
            try FileManager.default.moveItem(at: site.source.appendingPathComponent("old"),
                                             to: site.source.appendingPathComponent("new"))
            #expect(eventually { !calls.withLock { $0 }.isEmpty })
            usleep(300_000)
            let before = calls.withLock { $0.count }
            try site.write("new/sub/a.md", "changed", in: site.source)
            let moved = site.source.appendingPathComponent("new/sub/a.md").path
            #expect(eventually { calls.withLock { $0.dropFirst(before).flatMap { $0 } }.contains(moved) })
            #expect(!calls.withLock { $0.dropFirst(before).flatMap { $0 } }.contains { $0.contains("/old/") })
        }
    }

    @Test func missingWatchedFolderIsATypedError() throws {
        let site = try TempSite()
        defer { site.remove() }
        let missing = site.root.appendingPathComponent("nope")
        let configuration = PreviewConfiguration(servedDirectory: site.served, port: 0, watchedDirectories: [missing]) { _ in
            .success(summary: "")
        }
        #expect(throws: PreviewError.watchFailed(path: missing.path, errno: 0)) {
            try PreviewServer(configuration: configuration, log: { _, _ in })
        }
    }

    @Test func deepTreesAreWatchedWithoutRecursion() throws {
        let site = try TempSite()
        defer { site.remove() }
        var path = site.source.path
        for index in 0..<200 { path += "/d\(index)" }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let watcher = try FileWatcher(directories: [site.source.path], excluding: [])
        #expect(watcher.watchedFolderCount == 201)
    }
}
