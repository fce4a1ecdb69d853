import Foundation
import SiteCore

/// `bj42 new COLLECTION SLUG [--source DIR] [--title TITLE]`: start a content file.
enum NewCommand {
    static let command = Command(
        name: "new",
        summary: "start content/COLLECTION/SLUG.md",
        usage: """
        usage: bj42 new COLLECTION SLUG [--source DIR] [--title TITLE]

        COLLECTION is one of: \(NewItemTemplate.collectionNames.joined(separator: ", ")).
        Writes content/COLLECTION/SLUG.md with that collection's keys; never overwrites a file.
          --source DIR    the site root (default: the current folder)
          --title TITLE   the title (default: made from the slug)
        """,
        valueOptions: ["--source", "--title"],
        flagOptions: [],
        run: { arguments, streams throws(UsageError) in
            guard arguments.positional.count == 2 else { throw UsageError("expected COLLECTION and SLUG") }
            let name = arguments.positional[0], slug = arguments.positional[1]
            guard let collection = NewItemTemplate.collection(named: name) else {
                let near = Suggestion.nearest(to: name, in: NewItemTemplate.collectionNames).map { " (did you mean '\($0)'?)" } ?? ""
                throw UsageError("unknown collection '\(name)'\(near); use one of \(NewItemTemplate.collectionNames.joined(separator: ", "))")
            }
            let cwd = URL(fileURLWithPath: streams.currentDirectory, isDirectory: true)
            let root = URL(fileURLWithPath: arguments["--source"] ?? ".", isDirectory: true, relativeTo: cwd).standardizedFileURL
            let content = root.appendingPathComponent("content")
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: content.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw UsageError("\(arguments["--source"] ?? "the current folder") is not a site root: it has no content/ folder")
            }
            let display = "content/\(collection.folder)/\(slug).md"
            if let problem = NewItemTemplate.slugProblem(slug, file: display) {
                streams.err(problem.description + "\n")
                return CLI.ExitStatus.contentErrors
            }
            let folder = content.appendingPathComponent(collection.folder)
            let file = folder.appendingPathComponent("\(slug).md")
            let today = EuropeAmsterdam.date(atUnixTime: Int(Date().timeIntervalSince1970))
            let text = NewItemTemplate.text(for: collection, slug: slug, title: arguments["--title"], today: today)
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                streams.err("\(display):1:1: error: cannot create content/\(collection.folder)/\n")
                return CLI.ExitStatus.contentErrors
            }
            // O_EXCL: never overwrite, even if the file appears between a check and the write.
            let fd = open(file.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                let why = errno == EEXIST ? "this file already exists; bj42 new never overwrites a file" : String(cString: strerror(errno))
                streams.err("\(display):1:1: error: \(why)\n")
                return CLI.ExitStatus.contentErrors
            }
            let bytes = Array(text.utf8)
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            close(fd)
            guard written == bytes.count else {
                try? FileManager.default.removeItem(at: file)
                streams.err("\(display):1:1: error: cannot write this file\n")
                return CLI.ExitStatus.contentErrors
            }
            streams.out("bj42: wrote \(display)\n")
            return CLI.ExitStatus.success
        })
}

import SourceText
