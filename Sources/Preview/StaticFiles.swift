#if canImport(Glibc)
import Glibc
#endif

/// A request path, percent-decoded and split into segments that are safe to join under the root.
struct DecodedPath: Equatable {
    /// Decoded segments; never empty, `.` or `..`, never holding `/` or NUL.
    var segments: [[UInt8]]
    /// The path as sent (still encoded), without query or fragment: the base of a redirect.
    var rawPath: [UInt8]
    /// The query string, `?` excluded (kept on redirects, ignored otherwise).
    var query: [UInt8]?
    /// The path ends in `/`: a folder is meant.
    var isFolderForm: Bool
}

enum PathRejection: Error, Equatable {
    /// Not a path, or bad percent-encoding: 400.
    case badRequest
    /// A path that tries to leave the served folder (`..`, an encoded `/`, NUL): 403.
    case forbidden
}

enum RequestPathDecoder {
    static func decode(_ target: [UInt8]) -> Result<DecodedPath, PathRejection> {
        var end = target.endIndex
        var query: [UInt8]?
        if let mark = target.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) {
            end = mark
            if target[mark] == UInt8(ascii: "?") {
                let rest = target[(mark + 1)...]
                query = Array(rest.prefix { $0 != UInt8(ascii: "#") })
            }
        }
        let raw = Array(target[..<end])
        guard raw.first == UInt8(ascii: "/") else { return .failure(.badRequest) }
        var segments: [[UInt8]] = []
        for rawSegment in raw.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
            var segment: [UInt8] = []
            segment.reserveCapacity(rawSegment.count)
            var index = rawSegment.startIndex
            while index < rawSegment.endIndex {
                let byte = rawSegment[index]
                if byte == UInt8(ascii: "%") {
                    guard index + 2 < rawSegment.endIndex,
                          let high = hexValue(rawSegment[index + 1]), let low = hexValue(rawSegment[index + 2]) else {
                        return .failure(.badRequest)
                    }
                    let decoded = high << 4 | low
                    // An encoded slash would smuggle a separator past the segment checks.
                    if decoded == UInt8(ascii: "/") || decoded == 0 { return .failure(.forbidden) }
                    segment.append(decoded)
                    index += 3
                } else {
                    segment.append(byte)
                    index += 1
                }
            }
            if segment == [UInt8(ascii: ".")] || segment == [UInt8(ascii: "."), UInt8(ascii: ".")] {
                return .failure(.forbidden)
            }
            segments.append(segment)
        }
        return .success(DecodedPath(segments: segments, rawPath: raw, query: query,
                                    isFolderForm: raw.last == UInt8(ascii: "/")))
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }
}

/// What a decoded path leads to in the served folder.
enum FileResolution: Equatable {
    /// A regular file inside the root: its real path, and the name the request used (for the type).
    case file(realPath: [UInt8], name: String)
    /// A folder asked for without the final `/`.
    case redirect(location: String)
    case notFound
    /// Leads outside the root (through a symlink).
    case forbidden
}

/// Maps request paths onto the served folder. Everything is byte paths and Glibc calls, so file names
/// need not be valid UTF-8 and nothing is ever recovered by string searching.
struct StaticFileResolver: Sendable {
    let rootPath: String

    func resolve(_ path: DecodedPath) -> FileResolution {
        // Resolved per request: the build may replace the served folder as a whole (atomic output).
        guard let root = Self.realPath(Array(rootPath.utf8)) else { return .notFound }
        var candidate = root
        for segment in path.segments {
            if candidate.last != UInt8(ascii: "/") { candidate.append(UInt8(ascii: "/")) }
            candidate += segment
        }
        guard let kind = Self.fileKind(candidate) else { return .notFound }
        var name = path.segments.last.map { String(decoding: $0, as: UTF8.self) } ?? ""
        if kind == S_IFDIR {
            if !path.isFolderForm && !path.segments.isEmpty {
                // Rebuilt from the decoded segments, not echoed: `//host` as sent would be a
                // protocol-relative redirect to another site.
                var location = "/" + path.segments.map(Self.percentEncode).joined(separator: "/") + "/"
                if let query = path.query { location += "?" + String(decoding: query, as: UTF8.self) }
                return .redirect(location: location)
            }
            if candidate.last != UInt8(ascii: "/") { candidate.append(UInt8(ascii: "/")) }
            candidate += Array("index.html".utf8)
            name = "index.html"
        } else if path.isFolderForm {
            return .notFound
        }
        guard let real = Self.realPath(candidate) else { return .notFound }
        guard Self.isInside(real, root: root) else { return .forbidden }
        guard Self.fileKind(real) == S_IFREG else { return .notFound }
        return .file(realPath: real, name: name)
    }

    /// A path segment for a URL: unreserved characters and sub-delimiters as they are, the rest
    /// as `%XX` (RFC 3986 §3.3).
    static func percentEncode(_ segment: [UInt8]) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var result: [UInt8] = []
        result.reserveCapacity(segment.count)
        for byte in segment {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"), UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"),
                 UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","),
                 UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: "@"):
                result.append(byte)
            default:
                result += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    static func isInside(_ path: [UInt8], root: [UInt8]) -> Bool {
        if path == root { return true }
        let prefix = root.last == UInt8(ascii: "/") ? root : root + [UInt8(ascii: "/")]
        return path.count > prefix.count && path.starts(with: prefix)
    }

    /// `realpath(3)` on a byte path; nil when it does not exist.
    static func realPath(_ path: [UInt8]) -> [UInt8]? {
        let resolved: UnsafeMutablePointer<CChar>? = (path + [0]).withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { realpath($0, nil) }
        }
        guard let resolved else { return nil }
        defer { free(resolved) }
        return Array(UnsafeRawBufferPointer(start: resolved, count: strlen(resolved)))
    }

    /// The `S_IFMT` bits of what the path names (following symlinks), or nil.
    static func fileKind(_ path: [UInt8]) -> mode_t? {
        var info = stat()
        let result = (path + [0]).withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { stat($0, &info) }
        }
        return result == 0 ? info.st_mode & S_IFMT : nil
    }

    /// Reads a regular file whole. Opened non-blocking and checked again on the descriptor, so a FIFO
    /// swapped in after `resolve` can neither block the thread nor be read.
    static func readFile(_ path: [UInt8]) -> [UInt8]? {
        let fd = (path + [0]).withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
            }
        }
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            bytes += chunk[0..<count]
        }
        return bytes
    }
}
