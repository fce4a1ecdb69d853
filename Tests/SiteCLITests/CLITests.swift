import Testing
@testable import SiteCLI

@Suite struct CLITests {
    @Test func unknownCommandIsWrongUsage() {
        #expect(CLI(arguments: ["frobnicate"]).run() == 2)
        #expect(CLI(arguments: []).run() == 2)
    }
}
