import Testing
import SourceText
@testable import RegionMap

/// Malformed or implausible GeoJSON: a diagnostic that names the source (and, where there is
/// one, the line and column), never a crash; with an error the map falls back to tiles.
@Suite struct GeoJSONDiagnosticsTests {
    static let regions = [Fixture.region("A", lat: 52.1, lon: 4.9), Fixture.region("B", lat: 52.1, lon: 5.1)]
    static let squareA = Fixture.square(4.8, 52.0, 0.2)

    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var text: String
        var severity: MapDiagnostic.Severity
        var fragment: String
        var line: Int?
    }

    static let cases: [Case] = [
        Case(description: "not JSON", text: "{\"type\": \"FeatureCollection\",\n \"features\": [,]}", severity: .error, fragment: "not valid JSON", line: 2),
        Case(description: "plain text", text: "hello", severity: .error, fragment: "not valid JSON", line: 1),
        Case(description: "an array", text: "[]", severity: .error, fragment: "found an array", line: 1),
        Case(description: "a lone Feature", text: Fixture.polygonFeature(code: "A", [squareA]), severity: .error, fragment: "expected a GeoJSON FeatureCollection", line: 1),
        Case(description: "no features", text: "{\"type\":\"FeatureCollection\"}", severity: .error, fragment: "no \"features\"", line: 1),
        Case(description: "features not an array", text: "{\"type\":\"FeatureCollection\",\"features\":{}}", severity: .error, fragment: "must be an array", line: 1),
        Case(description: "RD metres",
             text: Fixture.collection([Fixture.polygonFeature(code: "A", [[(120000, 480000), (130000, 480000), (130000, 490000)]])]),
             severity: .error, fragment: "EPSG:28992", line: 2),
        Case(description: "lat/lon swapped",
             text: Fixture.collection([Fixture.polygonFeature(code: "A", [Self.squareA.map { ($0.1, $0.0) }])]),
             severity: .error, fragment: "look swapped", line: 2),
        Case(description: "outside the country",
             text: Fixture.collection([Fixture.polygonFeature(code: "A", [Fixture.square(-74.0, 40.7, 0.2)])]),
             severity: .error, fragment: "outside the map's area", line: 2),
        Case(description: "a position that is a string",
             text: Fixture.collection([Fixture.feature("\"statcode\":\"A\"", "{\"type\":\"Polygon\",\"coordinates\":[[[4.8,52.0],\"x\",[5.0,52.2],[4.8,52.0]]]}")]),
             severity: .error, fragment: "two numbers", line: 2),
        Case(description: "a position of one number",
             text: Fixture.collection([Fixture.feature("\"statcode\":\"A\"", "{\"type\":\"Polygon\",\"coordinates\":[[[4.8],[5.0,52.0],[5.0,52.2],[4.8,52.0]]]}")]),
             severity: .error, fragment: "two numbers", line: 2),
        Case(description: "empty coordinates",
             text: Fixture.collection([Fixture.feature("\"statcode\":\"A\"", "{\"type\":\"MultiPolygon\",\"coordinates\":[]}")]),
             severity: .warning, fragment: "empty geometry", line: 2),
        Case(description: "an empty ring",
             text: Fixture.collection([Fixture.feature("\"statcode\":\"A\"", "{\"type\":\"Polygon\",\"coordinates\":[[]]}")]),
             severity: .warning, fragment: "empty geometry", line: 2),
        Case(description: "null geometry",
             text: Fixture.collection([Fixture.feature("\"statcode\":\"A\"", "null")]),
             severity: .warning, fragment: "no geometry", line: 2),
        Case(description: "a point",
             text: Fixture.collection([Fixture.feature("\"statcode\":\"A\"", "{\"type\":\"Point\",\"coordinates\":[4.9,52.1]}")]),
             severity: .warning, fragment: "not a Polygon or MultiPolygon", line: 2),
        Case(description: "a degenerate ring",
             text: Fixture.collection([Fixture.feature("\"statcode\":\"A\"", "{\"type\":\"Polygon\",\"coordinates\":[[[4.8,52.0],[5.0,52.0],[4.8,52.0]]]}")]),
             severity: .warning, fragment: "fewer than three", line: 2),
        Case(description: "deeply nested", text: String(repeating: "[", count: 100_000), severity: .error, fragment: "nested deeper", line: 1),
    ]

    @Test(arguments: cases)
    func diagnosesWithoutBreakingTheMap(_ c: Case) {
        let maps = RegionMapBuilder.build(regions: Self.regions, geoJSON: [GeoJSONSource(name: "content/kaart/bad.geojson", text: c.text)])
        let hit = maps.diagnostics.first { $0.source == "content/kaart/bad.geojson" && $0.message.contains(c.fragment) }
        #expect(hit != nil, "\(maps.diagnostics)")
        #expect(hit?.severity == c.severity)
        if let line = c.line { #expect(hit?.location?.line == line, "\(String(describing: hit))") }
        // The map is still one well-formed SVG with both regions linked.
        let tree = SVGTree(maps.overview)
        #expect(tree.ok)
        #expect(tree.all("a").count == 2)
        if c.severity == .error { #expect(maps.overview.contains("rmap-tiles")) }
        #expect(maps.locators.count == 2)
        for svg in maps.locators.values { #expect(SVGTree(svg).ok) }
    }

    @Test func locationPointsAtTheBadPosition() {
        let text = "{\"type\":\"FeatureCollection\",\"features\":[\n  {\"type\":\"Feature\",\"properties\":{\"statcode\":\"A\"},\n   \"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[4.8,52.0],[5.0,52.0],\n   [155000,463000],[4.8,52.0]]]}}]}"
        let maps = RegionMapBuilder.build(regions: Self.regions, geoJSON: [GeoJSONSource(name: "k.geojson", text: text)])
        let e = maps.diagnostics.first { $0.severity == .error }
        #expect(e?.location == SourceLocation(line: 4, column: 4))
        #expect(e?.description.hasPrefix("k.geojson:4:4: error: ") == true)
    }

    @Test func realRDFileIsOneErrorAndTiles() {
        // Covered with the real file in RealDataTests; here the same shape in small.
        let features = (0..<5).map { i in Fixture.polygonFeature(code: "A", [[(100000.0 + Double(i), 400000), (110000, 400000), (110000, 410000)]]) }
        let maps = RegionMapBuilder.build(regions: Self.regions, geoJSON: [Fixture.source(features)])
        #expect(maps.diagnostics.filter { $0.severity == .error }.count == 1)
    }

    @Test func noExpectedAreaAcceptsAnyDegrees() {
        let geo = Fixture.source([Fixture.polygonFeature(code: "A", [Fixture.square(-74.0, 40.7, 0.2)])])
        let maps = RegionMapBuilder.build(regions: [Fixture.region("A")], geoJSON: [geo], options: MapOptions(expectedArea: nil))
        #expect(maps.diagnostics.isEmpty, "\(maps.diagnostics)")
        #expect(maps.overview.contains("rmap-geo"))
    }
}
