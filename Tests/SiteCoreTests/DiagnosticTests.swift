import Testing
import SourceText
@testable import SiteCore

@Suite struct DiagnosticTests {
    @Test func printsTheContractForm() {
        let d = Diagnostic.error("content/trekkers/jong.md", SourceLocation(line: 4, column: 9),
                                 "unknown region 'twnte'", suggestion: "did you mean 'twente'?",
                                 notes: ["4 | region: twnte"])
        #expect(d.description == "content/trekkers/jong.md:4:9: error: unknown region 'twnte' (did you mean 'twente'?)\n 4 | region: twnte")
    }
}
