import Foundation

/// Everything a build depends on besides the files: passed in, never read from globals.
public struct BuildOptions: Sendable {
    /// The site root (holding `content/` and `themes/`).
    public var sourceDirectory: URL
    /// Where `build` writes; nil for `check` (render everything, write nothing).
    public var outputDirectory: URL?
    /// `--base-url`: replaces site.yaml's `base_url`.
    public var baseURLOverride: String?
    /// `--drafts`: build drafts as if they were published.
    public var includeDrafts: Bool
    /// "Today" (`--now`, or the current date in Europe/Amsterdam).
    public var today: SiteDate
    /// Render pages on all cores.
    public var concurrent: Bool
    /// With a `BuildCache`: the absolute paths the file watcher saw change. When every one is a
    /// content file, the others are taken as unchanged without a `stat` each.
    public var changedPaths: Set<String>?

    public init(sourceDirectory: URL, outputDirectory: URL?, baseURLOverride: String? = nil,
                includeDrafts: Bool = false, today: SiteDate, concurrent: Bool = true) {
        self.sourceDirectory = sourceDirectory
        self.outputDirectory = outputDirectory
        self.baseURLOverride = baseURLOverride
        self.includeDrafts = includeDrafts
        self.today = today
        self.concurrent = concurrent
    }
}

/// Runs `body` for 0..<count on all cores and returns the results in index order.
func parallelMap<T: Sendable>(_ count: Int, concurrent: Bool = true, _ body: @Sendable (Int) -> T) -> [T] {
    if !concurrent || count < 2 { return (0..<count).map(body) }
    let results = ResultSlots<T>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { i in
        results.set(i, body(i))
    }
    return results.values
}

/// Write-once slots filled from several threads; each index is written by exactly one thread.
private final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: T) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [T] { slots.map { $0! } }
}
