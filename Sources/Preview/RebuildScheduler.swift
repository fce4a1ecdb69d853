import Foundation

/// Runs the rebuild closure on a background thread: never two at once, and changes that arrive during
/// a rebuild are gathered into exactly one more.
final class RebuildScheduler: Sendable {
    private struct State {
        var pending = Set<String>()
        var hasPending = false
        var workerRunning = false
        var stopped = false
    }

    private let state = Locked(State())
    /// Held for the length of every rebuild, the synchronous ones included.
    private let serial = NSLock()
    private let rebuild: @Sendable ([String]) -> RebuildOutcome
    private let report: @Sendable (RebuildOutcome) -> Void
    private let workers: WorkerGroup

    init(rebuild: @escaping @Sendable ([String]) -> RebuildOutcome,
         report: @escaping @Sendable (RebuildOutcome) -> Void, workers: WorkerGroup) {
        self.rebuild = rebuild
        self.report = report
        self.workers = workers
    }

    func schedule(_ paths: [String]) {
        let startWorker = state.withLock { state -> Bool in
            state.pending.formUnion(paths)
            state.hasPending = true
            if state.workerRunning || state.stopped { return false }
            state.workerRunning = true
            return true
        }
        guard startWorker else { return }
        workers.spawn(name: "bj42 rebuild") { [self] in
            while true {
                let next = state.withLock { state -> [String]? in
                    guard state.hasPending, !state.stopped else {
                        state.workerRunning = false
                        return nil
                    }
                    let paths = state.pending.sorted()
                    state.pending.removeAll()
                    state.hasPending = false
                    return paths
                }
                guard let paths = next else { return }
                _ = runNow(paths)
            }
        }
    }

    /// Rebuilds on the calling thread (waiting for a running rebuild first), reports and returns.
    func runNow(_ paths: [String]) -> RebuildOutcome {
        serial.lock()
        defer { serial.unlock() }
        let outcome = rebuild(paths)
        report(outcome)
        return outcome
    }

    /// No rebuild starts after this; one that runs is let finish.
    func stop() {
        state.withLock { $0.stopped = true }
    }
}
