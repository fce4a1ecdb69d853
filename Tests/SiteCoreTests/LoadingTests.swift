import Testing
import SourceText
@testable import SiteCore

@Suite struct SourceFileTests {
    @Test func bomAndCRLFAreRemovedAndLinesKept() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: x\r\n---\r\nbody\r".utf8)
        let file = try SourceFile.decode(bytes, path: "content/paginas/a.md").get()
        #expect(file.text == "---\ntitle: x\n---\nbody\n")
    }

    @Test func invalidUTF8IsAnErrorAtItsPosition() {
        let bytes: [UInt8] = Array("---\ntitle: caf".utf8) + [0xE9] + Array("\n---\n".utf8)
        guard case .failure(let d) = SourceFile.decode(bytes, path: "content/paginas/a.md") else {
            Issue.record("expected an error")
            return
        }
        #expect(d.headline == "content/paginas/a.md:2:11: error: this file is not valid UTF-8 text (byte 0xE9 at byte 14)")
    }

    @Test(arguments: [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xE2, 0x82]] as [[UInt8]])
    func overlongSurrogatesAndTruncatedSequencesAreInvalid(bytes: [UInt8]) {
        #expect(SourceFile.firstInvalidUTF8(bytes) == 0)
    }
}

@Suite struct FrontMatterTests {
    @Test func splitsYAMLAndBodyWithLineOffsets() throws {
        let f = try FrontMatter.split("---\ntitle: x\nweight: 2\n---\n# Kop\n").get()
        #expect(f.yaml == "title: x\nweight: 2\n")
        #expect(f.yamlLineOffset == 1)
        #expect(f.body == "# Kop\n")
        #expect(f.bodyLineOffset == 4)
    }

    @Test func acceptsTrailingSpacesDotsAndAnEmptyBody() throws {
        let f = try FrontMatter.split("--- \ntitle: x\n...").get()
        #expect(f.yaml == "title: x\n")
        #expect(f.body == "")
        let empty = try FrontMatter.split("---\n---\n").get()
        #expect(empty.yaml == "")
    }

    @Test func missingAndUnterminated() {
        #expect(FrontMatter.split("title: x\n") == .failure(.missing))
        #expect(FrontMatter.split("") == .failure(.missing))
        #expect(FrontMatter.split("---\ntitle: x\n") == .failure(.unterminated))
        #expect(FrontMatter.split("----\ntitle: x\n---\n") == .failure(.missing))
    }
}

@Suite struct SlugAndPathTests {
    @Test(arguments: ["twente", "jz-12", "a", "2017-06-16"])
    func goodSlugs(slug: String) { #expect(SlugRule.problem(with: slug) == nil) }

    @Test(arguments: ["Twente", "../etc", "a/b", "a.b", "", "één", "a b", "a_b"])
    func badSlugs(slug: String) { #expect(SlugRule.problem(with: slug) != nil) }

    @Test func outputPathsNeverLeaveTheFolder() {
        #expect(OutputPath.problem(with: "regios/twente/index.html") == nil)
        #expect(OutputPath.problem(with: "../x") != nil)
        #expect(OutputPath.problem(with: "a/../../x") != nil)
        #expect(OutputPath.problem(with: "/etc/passwd") != nil)
        #expect(OutputPath.problem(with: "a//b") != nil)
        #expect(OutputPath.file(forURLPath: "/") == "index.html")
        #expect(OutputPath.file(forURLPath: "/regios/") == "regios/index.html")
        #expect(OutputPath.file(forURLPath: "/oud/pagina") == "oud/pagina/index.html")
        #expect(OutputPath.file(forURLPath: "/oud.html") == "oud.html")
    }
}

@Suite struct FeedTests {
    @Test func icsLinesFoldAt75OctetsNeverInsideACharacter() {
        let line = "SUMMARY:" + String(repeating: "é", count: 60)
        let folded = Feeds.fold(line)
        let parts = folded.components(separatedBy: "\r\n")
        #expect(parts.count > 1)
        for (i, part) in parts.enumerated() {
            #expect(part.utf8.count <= 75)
            if i > 0 { #expect(part.hasPrefix(" ")) }
        }
        #expect(parts.enumerated().map { $0.offset == 0 ? $0.element : String($0.element.dropFirst()) }.joined() == line)
    }

    @Test func icsTextIsEscaped() {
        #expect(Feeds.icsText("a, b; c\\d\ne") == "a\\, b\\; c\\\\d\\ne")
    }

    @Test func baseURLParts() {
        #expect(BaseURL.origin(of: "https://example.github.io/bj42/") == "https://example.github.io")
        #expect(BaseURL.path(of: "https://example.github.io/bj42/") == "/bj42")
        #expect(BaseURL.path(of: "https://bj42.example.nl/") == "")
        #expect(BaseURL.host(of: "https://bj42.example.nl:8443/") == "bj42.example.nl")
        #expect(BaseURL.problem(with: "bj42.example.nl") != nil)
        #expect(BaseURL.problem(with: "https:///x") != nil)
    }

    @Test func tileLabels() {
        #expect(BuildPipeline.shortLabel("Groningen") == "GRO")
        #expect(BuildPipeline.shortLabel("Amsterdam-Amstelland") == "AA")
        #expect(BuildPipeline.shortLabel("Midden IJssel / Oost Veluwe") == "MIO")
    }
}
