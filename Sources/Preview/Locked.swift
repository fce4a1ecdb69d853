import Foundation

/// A value behind a lock: the one way the server's threads share mutable state.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}

/// Counts running worker threads so that `stop()` can wait for them to end.
final class WorkerGroup: @unchecked Sendable {
    private let condition = NSCondition()
    private var running = 0

    func enter() {
        condition.lock()
        running += 1
        condition.unlock()
    }

    func leave() {
        condition.lock()
        running -= 1
        if running == 0 { condition.broadcast() }
        condition.unlock()
    }

    var count: Int {
        condition.lock()
        defer { condition.unlock() }
        return running
    }

    /// Waits until no worker runs or the deadline passes; true when all ended.
    @discardableResult
    func waitUntilIdle(timeout: TimeInterval) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while running > 0 {
            if !condition.wait(until: deadline) { return running == 0 }
        }
        return true
    }

    /// Starts `body` on a thread of its own, counted in this group.
    func spawn(name: String, _ body: @escaping @Sendable () -> Void) {
        enter()
        let thread = Thread { [self] in
            body()
            leave()
        }
        thread.name = name
        thread.start()
    }
}

/// Monotonic milliseconds, for deadlines that must not jump with the wall clock.
func monotonicMilliseconds() -> Int64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
}
