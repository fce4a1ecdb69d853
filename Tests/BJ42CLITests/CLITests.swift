import Testing
@testable import BJ42CLI

@Suite struct CLITests {
    @Test func unknownCommandIsWrongUsage() {
        #expect(CLI(arguments: ["frobnicate"]).run() == 2)
        #expect(CLI(arguments: []).run() == 2)
    }
}
