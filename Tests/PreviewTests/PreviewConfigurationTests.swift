import Foundation
import Testing
@testable import Preview

@Suite struct PreviewConfigurationTests {
    @Test func defaultsToLoopbackAndPort8042() {
        let config = PreviewConfiguration(servedDirectory: URL(fileURLWithPath: "/tmp"), watchedDirectories: []) { _ in
            .success(summary: "")
        }
        #expect(config.host == "127.0.0.1")
        #expect(config.port == 8042)
    }
}
