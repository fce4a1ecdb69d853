import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where a line the server prints goes.
public enum PreviewLogStream: Sendable {
    case standardOutput
    case standardError
}

/// The server behind `bj42 serve`: static files from `servedDirectory` over HTTP/1.1, a file watcher
/// that calls `rebuild` when sources change, and live reload in every HTML page it sends.
///
/// Lifecycle: `init` (sets up the watcher) → `start()` (binds, listens, starts the threads; returns
/// the bound port) → `run()` (blocks until `stop()` or Ctrl-C) → `stop()`. `start()` alone serves in
/// the background, as the tests do; `stop()` may be called from any thread, more than once.
///
/// After a failed rebuild every HTML response (pages and 404s alike) is an error page with status 500
/// showing the diagnostics, until the next successful rebuild reloads the browsers. Other files (CSS,
/// images) are still served from the last good output.
public final class PreviewServer: Sendable {
    public let configuration: PreviewConfiguration

    private enum Phase { case created, running, stopping, stopped }
    private struct Lifecycle {
        var phase = Phase.created
        var port: Int?
        var listenFD: Int32 = -1
        var wake: (read: Int32, write: Int32)?
        /// `run()` is waiting with its SIGINT source in place (tests wait for this before raising one).
        var interruptHandlerInstalled = false
        /// A `run()` owns the signal handlers.
        var runActive = false
    }

    private let lifecycle = Locked(Lifecycle())
    private let stopped = NSCondition()
    private let tuning: ServerTuning
    private let log: @Sendable (String, PreviewLogStream) -> Void
    private let hub = LiveReloadHub()
    private let registry = ConnectionRegistry()
    private let workers = WorkerGroup()
    private let watcher: FileWatcher
    private let scheduler: RebuildScheduler
    private let handler: RequestHandler

    /// Prints a line to standard output or standard error: the default log.
    public static let standardLog: @Sendable (String, PreviewLogStream) -> Void = { line, stream in
        let text = line.hasSuffix("\n") ? line : line + "\n"
        let handle = stream == .standardOutput ? FileHandle.standardOutput : FileHandle.standardError
        handle.write(Data(text.utf8))
    }

    /// Sets up the watches on every folder under `configuration.watchedDirectories` (the served
    /// folder excluded). Nothing listens until `start()`.
    /// - Parameter log: receives the outcome of every rebuild: the summary for standard output, the
    ///   diagnostics for standard error.
    public convenience init(configuration: PreviewConfiguration,
                            log: @escaping @Sendable (String, PreviewLogStream) -> Void = PreviewServer.standardLog)
        throws(PreviewError) {
        try self.init(configuration: configuration, tuning: ServerTuning(), log: log)
    }

    init(configuration: PreviewConfiguration, tuning: ServerTuning,
         log: @escaping @Sendable (String, PreviewLogStream) -> Void) throws(PreviewError) {
        guard (0...65535).contains(configuration.port) else { throw .invalidPort(configuration.port) }
        self.configuration = configuration
        self.tuning = tuning
        self.log = log
        let served = configuration.servedDirectory.standardizedFileURL.path
        watcher = try FileWatcher(directories: configuration.watchedDirectories.map { $0.standardizedFileURL.path },
                                  excluding: [served])
        handler = RequestHandler(files: StaticFileResolver(rootPath: served), hub: hub)
        let hub = self.hub
        scheduler = RebuildScheduler(rebuild: configuration.rebuild, report: { outcome in
            switch outcome {
            case .success(let summary): if !summary.isEmpty { log(summary, .standardOutput) }
            case .failure(let diagnostics): log(diagnostics, .standardError)
            }
            // Tell the browsers after the terminal, so both show the same build.
            hub.publish(outcome)
        }, workers: workers)
    }

    /// The bound port once `start()` has run (the kernel's choice when the configuration says 0),
    /// the configured port before.
    public var port: Int {
        lifecycle.withLock { $0.port } ?? configuration.port
    }

    /// The address to open in a browser, e.g. `http://127.0.0.1:8042/`.
    public var url: String {
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        return "http://\(host):\(port)/"
    }

    /// Binds and listens on `host:port` and starts serving and watching in the background.
    /// - Returns: the bound port.
    /// - Throws: `.portInUse` ("port 8042 is already in use; try --port 8043"), `.invalidHost`,
    ///   `.socketFailed`, or `.alreadyStarted`.
    @discardableResult
    public func start() throws(PreviewError) -> Int {
        let canStart = lifecycle.withLock { $0.phase == .created }
        guard canStart else { throw .alreadyStarted }
        let listening = try Socket.listen(host: configuration.host, port: configuration.port)
        let wake: (read: Int32, write: Int32)
        do {
            wake = try Socket.makeWakePipe()
        } catch {
            close(listening.fd)
            throw error
        }
        let started = lifecycle.withLock { state -> Bool in
            guard state.phase == .created else { return false }
            state.phase = .running
            state.port = listening.port
            state.listenFD = listening.fd
            state.wake = wake
            return true
        }
        guard started else {
            close(listening.fd)
            close(wake.read)
            close(wake.write)
            throw .alreadyStarted
        }
        workers.spawn(name: "bj42 accept") { [self] in acceptLoop(listenFD: listening.fd, wakeFD: wake.read) }
        workers.spawn(name: "bj42 watch") { [self] in
            watcher.run(wakeFD: wake.read, debounceMilliseconds: tuning.debounceMilliseconds) { paths in
                scheduler.schedule(paths)
            }
        }
        return listening.port
    }

    /// Serves until `stop()` is called or the process gets SIGINT (Ctrl-C) or SIGTERM, then returns
    /// with every server thread ended. Starts the server first if `start()` has not run.
    ///
    /// Process-wide state, for the length of the call only (so one `run()` at a time per process):
    /// SIGINT and SIGTERM go to a handler that writes one byte to a pipe (the self-pipe pattern; the
    /// pipe's write end is the one global variable, `interruptPipeWriteFD`, since a C signal handler
    /// can capture nothing), and SIGPIPE is ignored (sends use MSG_NOSIGNAL anyway). The previous
    /// dispositions are restored on return. A dispatch signal source is not used: on Linux it only
    /// sees a signal that every thread blocks, and the signal would be lost to the other threads.
    public func run() throws(PreviewError) {
        if lifecycle.withLock({ $0.phase == .created }) { try start() }
        let owner = lifecycle.withLock { state -> Bool in
            if state.runActive { return false }
            state.runActive = true
            return true
        }
        guard owner else {
            // Another thread's run() owns the signal handler: just wait with it.
            waitUntilStopped()
            return
        }
        let interrupts: (read: Int32, write: Int32)
        do {
            interrupts = try Socket.makeWakePipe()
        } catch {
            lifecycle.withLock { $0.runActive = false }
            throw error
        }
        interruptPipeWriteFD = interrupts.write
        let previousInterrupt = signal(SIGINT, handleInterruptSignal)
        let previousTerminate = signal(SIGTERM, handleInterruptSignal)
        let previousPipe = signal(SIGPIPE, SIG_IGN)
        lifecycle.withLock { $0.interruptHandlerInstalled = true }
        while lifecycle.withLock({ $0.phase != .stopped }) {
            if Socket.waitReadable(interrupts.read, milliseconds: 100) {
                stop()
            }
        }
        lifecycle.withLock { $0.interruptHandlerInstalled = false }
        signal(SIGINT, previousInterrupt)
        signal(SIGTERM, previousTerminate)
        signal(SIGPIPE, previousPipe)
        interruptPipeWriteFD = -1
        close(interrupts.read)
        close(interrupts.write)
        lifecycle.withLock { $0.runActive = false }
    }

    /// Server threads still running (accept, watcher, connections, rebuild): 0 after `stop()`.
    var activeThreadCount: Int { workers.count }

    var interruptHandlerInstalled: Bool { lifecycle.withLock { $0.interruptHandlerInstalled } }

    /// Rebuilds now on the calling thread (after any rebuild in progress), prints the outcome and
    /// tells the browsers. For the first build of a session, or a forced one.
    @discardableResult
    public func rebuildNow(changedPaths: [String] = []) -> RebuildOutcome {
        scheduler.runNow(changedPaths)
    }

    /// Queues a rebuild on the background thread, as a file change does.
    public func scheduleRebuild(changedPaths: [String]) {
        scheduler.schedule(changedPaths)
    }

    /// Stops listening, ends every connection and the watcher, and waits (a few seconds at most) for
    /// their threads. A rebuild in progress is let finish first.
    public func stop() {
        let previous = lifecycle.withLock { state -> Phase in
            let phase = state.phase
            if phase == .created || phase == .running { state.phase = .stopping }
            return phase
        }
        switch previous {
        case .stopping, .stopped:
            waitUntilStopped()
            return
        case .created:
            markStopped()
            return
        case .running:
            break
        }
        scheduler.stop()
        let wake = lifecycle.withLock { $0.wake }
        if let wake {
            var byte: UInt8 = 1
            _ = write(wake.write, &byte, 1)
        }
        hub.stop()
        registry.shutdownAll()
        let ended = workers.waitUntilIdle(timeout: tuning.stopTimeoutSeconds)
        // A thread that did not end may still poll the pipe: leak it rather than close a descriptor
        // number that could be reused under that thread.
        if ended, let wake {
            close(wake.read)
            close(wake.write)
        }
        markStopped()
    }

    private func markStopped() {
        lifecycle.withLock { $0.phase = .stopped }
        stopped.lock()
        stopped.broadcast()
        stopped.unlock()
    }

    private func waitUntilStopped() {
        stopped.lock()
        while lifecycle.withLock({ $0.phase != .stopped }) {
            _ = stopped.wait(until: Date(timeIntervalSinceNow: 0.5))
        }
        stopped.unlock()
    }

    /// Accepts connections until the wake pipe is written, giving each its own thread; then closes
    /// the listening socket.
    private func acceptLoop(listenFD: Int32, wakeFD: Int32) {
        defer { close(listenFD) }
        while true {
            var entries = [pollfd(fd: listenFD, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&entries, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            if entries[1].revents != 0 { return }
            guard entries[0].revents != 0 else { continue }
            while true {
                let client = accept(listenFD, nil, nil)
                if client < 0 {
                    if errno == EINTR || errno == ECONNABORTED { continue }
                    // Out of descriptors: back off a little instead of spinning on poll.
                    if errno == EMFILE || errno == ENFILE { usleep(10_000) }
                    break
                }
                // accept4 is not exported by Glibc's Swift module: set close-on-exec by hand.
                _ = fcntl(client, F_SETFD, FD_CLOEXEC)
                switch registry.add(client, limit: tuning.maximumConnections) {
                case true?:
                    let handler = handler, tuning = tuning, registry = registry
                    workers.spawn(name: "bj42 connection") {
                        HTTPConnection(fd: client, handler: handler, tuning: tuning).serve()
                        registry.close(client)
                    }
                case nil:
                    Socket.setSendTimeout(client, seconds: 1)
                    _ = Socket.sendAll(client, HTTPResponse.text(503, "503 Service Unavailable: too many connections")
                        .serialized(includeBody: true, keepAlive: false))
                    close(client)
                case false?:
                    close(client)
                }
            }
        }
    }
}

/// The write end of the pipe that `run()` waits on for SIGINT and SIGTERM; -1 outside `run()`.
/// The only global mutable state of the module: a C signal handler cannot capture anything.
/// Set before the handler is installed and reset after it is removed.
nonisolated(unsafe) private var interruptPipeWriteFD: Int32 = -1

/// Async-signal-safe: one `write(2)`, errno preserved.
private func handleInterruptSignal(_ signal: Int32) {
    let saved = errno
    var byte: UInt8 = 1
    _ = write(interruptPipeWriteFD, &byte, 1)
    errno = saved
}
