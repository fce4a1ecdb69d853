import Testing
import SourceText
@testable import RegionMap

@Suite struct MapDiagnosticTests {
    @Test func descriptionNamesTheSource() {
        let d = MapDiagnostic(severity: .warning, source: "content/kaart/regios.geojson",
                              location: nil, message: "no region has the code 'JZ99'")
        #expect(d.description == "content/kaart/regios.geojson: warning: no region has the code 'JZ99'")
    }
}
