import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why the preview server could not start or keep watching. One sentence per case (`description`),
/// written for the terminal of someone running `bj42 serve`.
public enum PreviewError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another process listens on the port already.
    case portInUse(port: Int)
    /// The port is outside 0...65535.
    case invalidPort(Int)
    /// The host is not an IPv4 or IPv6 address literal (or `localhost`).
    case invalidHost(String)
    /// A socket call failed (other than a busy port), with `errno`.
    case socketFailed(operation: String, errno: Int32)
    /// A watched directory could not be watched, with `errno` (0 when it is not a directory).
    case watchFailed(path: String, errno: Int32)
    /// `start()` was called twice, or after `stop()`.
    case alreadyStarted

    public var description: String {
        switch self {
        case .portInUse(let port):
            let next = port < 65535 ? port + 1 : 8042
            return "port \(port) is already in use; try --port \(next)"
        case .invalidPort(let port):
            return "port \(port) is not a valid port (use 1 to 65535, or 0 for any free port)"
        case .invalidHost(let host):
            return "cannot listen on '\(host)': not an IP address (use 127.0.0.1)"
        case .socketFailed(let operation, let code):
            return "cannot serve: \(operation) failed: \(errorText(code))"
        case .watchFailed(let path, let code):
            if code == 0 { return "cannot watch '\(path)': not a directory" }
            if code == ENOSPC {
                return "cannot watch '\(path)': the inotify watch limit is reached "
                    + "(raise fs.inotify.max_user_watches)"
            }
            return "cannot watch '\(path)': \(errorText(code))"
        case .alreadyStarted:
            return "the preview server was already started"
        }
    }
}

func errorText(_ code: Int32) -> String {
    String(cString: strerror(code))
}
