import Foundation

/// What a rebuild reports to the preview server.
public enum RebuildOutcome: Sendable {
    /// The site was rebuilt into the served folder; `summary` is the line the terminal printed.
    case success(summary: String)
    /// The build failed; `diagnostics` are the `path:line:column` lines the terminal printed.
    case failure(diagnostics: String)
}

/// Settings of a preview session. (The server is being written under issue #9.)
public struct PreviewConfiguration: Sendable {
    /// The folder whose files are served.
    public var servedDirectory: URL
    public var host: String
    public var port: Int
    /// Folders watched for changes.
    public var watchedDirectories: [URL]
    /// Called after a change settles, with the changed paths; rebuilds into `servedDirectory`.
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
