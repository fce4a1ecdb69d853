import Testing
import SourceText
@testable import YAML

@Suite struct YAMLErrorTests {
    @Test func descriptionHasLineAndColumn() {
        let error = YAMLError("expected ':' after the key 'title'", at: SourceLocation(line: 3, column: 6))
        #expect(error.description == "3:6: error: expected ':' after the key 'title'")
    }
}
