import Testing
@testable import Templates

@Suite struct TemplateMapTests {
    @Test func keysKeepInsertionOrder() {
        var map = TemplateMap([("b", .int(1)), ("a", .int(2))])
        map["c"] = .string("x")
        map["b"] = nil
        #expect(map.keys == ["a", "c"])
    }
}
