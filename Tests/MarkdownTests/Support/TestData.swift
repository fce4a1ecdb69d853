import Foundation
import Testing

/// Finds the shared test data: walk up from this file to the folder holding Package.swift,
/// then `../shared`.
enum TestData {
    static func sharedURL(_ relative: String, file: String = #filePath) -> URL {
        var dir = URL(fileURLWithPath: file).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        return dir.deletingLastPathComponent().appendingPathComponent("shared").appendingPathComponent(relative)
    }

    struct SpecExample: Decodable, Sendable, CustomTestStringConvertible {
        var example: Int
        var section: String
        var markdown: String
        var html: String
        var testDescription: String { "Example \(example) (\(section))" }
    }

    static let commonMarkExamples: [SpecExample] = {
        let url = sharedURL("testdata/commonmark/spec.json")
        guard let data = try? Data(contentsOf: url),
              let examples = try? JSONDecoder().decode([SpecExample].self, from: data) else { return [] }
        return examples
    }()
}

