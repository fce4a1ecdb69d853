import Foundation

/// What a rebuild reports to the preview server.
public enum RebuildOutcome: Sendable {
    /// The site was rebuilt into the served folder; `summary` is the line the terminal printed.
    case success(summary: String)
    /// The build failed; `diagnostics` are the `path:line:column` lines the terminal printed.
    case failure(diagnostics: String)
}

/// Settings of a preview session, handed to `PreviewServer` (issue #9).
///
/// Typical `bj42 serve` glue:
/// ```swift
/// let server = try PreviewServer(configuration: PreviewConfiguration(
///     servedDirectory: output, port: port, watchedDirectories: [content, themes]) { paths in build() })
/// try server.start()      // binds 127.0.0.1:port; throws PreviewError.portInUse etc.
/// server.rebuildNow()     // the first build: printed, and shown as the error page if it fails
/// print("serving \(server.url)")
/// try server.run()        // until Ctrl-C
/// ```
public struct PreviewConfiguration: Sendable {
    /// The folder whose files are served.
    public var servedDirectory: URL
    public var host: String
    public var port: Int
    /// Folders watched for changes, recursively. Each must exist. The served folder (and its
    /// `output.*` siblings, where an atomic build stages) is never watched, even when inside one.
    public var watchedDirectories: [URL]
    /// Called after a change settles, with the changed paths (absolute, sorted); rebuilds into
    /// `servedDirectory`. Runs on a background thread, never two at once.
    public var rebuild: @Sendable ([String]) -> RebuildOutcome

    public init(servedDirectory: URL, host: String = "127.0.0.1", port: Int = 8042,
                watchedDirectories: [URL], rebuild: @escaping @Sendable ([String]) -> RebuildOutcome) {
        self.servedDirectory = servedDirectory
        self.host = host
        self.port = port
        self.watchedDirectories = watchedDirectories
        self.rebuild = rebuild
    }
}
