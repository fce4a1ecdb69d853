@testable import RegionMap

/// Small GeoJSON texts written by the tests themselves (no third-party data).
enum Fixture {
    typealias Ring = [(Double, Double)]

    static func position(_ p: (Double, Double)) -> String { "[\(p.0),\(p.1)]" }

    static func ring(_ r: Ring) -> String {
        var closed = r
        if let f = r.first { closed.append(f) }
        return "[" + closed.map(position).joined(separator: ",") + "]"
    }

    static func polygon(_ rings: [Ring]) -> String { "[" + rings.map(ring).joined(separator: ",") + "]" }

    /// A feature; `geometry` is the full geometry object text.
    static func feature(_ properties: String, _ geometry: String) -> String {
        "{\"type\":\"Feature\",\"properties\":{\(properties)},\"geometry\":\(geometry)}"
    }

    static func polygonFeature(code: String, _ rings: [Ring], key: String = "statcode") -> String {
        feature("\"\(key)\":\"\(code)\",\"other\":\"x\"", "{\"type\":\"Polygon\",\"coordinates\":\(polygon(rings))}")
    }

    static func multiPolygonFeature(code: String, _ polygons: [[Ring]]) -> String {
        feature("\"statcode\":\"\(code)\"", "{\"type\":\"MultiPolygon\",\"coordinates\":[\(polygons.map(polygon).joined(separator: ","))]}")
    }

    static func collection(_ features: [String]) -> String {
        "{\"type\":\"FeatureCollection\",\"features\":[\n" + features.joined(separator: ",\n") + "\n]}\n"
    }

    static func source(_ features: [String], name: String = "content/kaart/test.geojson") -> GeoJSONSource {
        GeoJSONSource(name: name, text: collection(features))
    }

    static func square(_ lon: Double, _ lat: Double, _ size: Double) -> Ring {
        [(lon, lat), (lon + size, lat), (lon + size, lat + size), (lon, lat + size)]
    }

    static func region(_ code: String, vacant: Bool = false, lat: Double? = nil, lon: Double? = nil, tile: TilePosition? = nil) -> MapRegion {
        MapRegion(code: code, name: "Regio \(code)", shortLabel: String(code.suffix(2)), url: "/regios/\(code.lowercased())/",
                  latitude: lat, longitude: lon, tile: tile, isVacant: vacant)
    }

    /// Two regions, west (A) and east (B), sharing a long wiggly border along lon 5.0: small
    /// wiggles (well under a pixel) that simplification must remove, and large ones it keeps.
    static let border: Ring = (0...60).map { i -> (Double, Double) in
        let lat = 52.0 + Double(i) * 0.2 / 60
        let wiggle = i % 10 == 5 ? 0.02 : (i % 2 == 0 ? 0.0001 : -0.0001)
        return (i == 0 || i == 60 ? 5.0 : 5.0 + wiggle, lat)
    }

    static var twoNeighbours: GeoJSONSource {
        let a: Ring = [(4.8, 52.0)] + border + [(4.8, 52.2)]
        // B starts elsewhere and runs the border the other way round.
        let b: Ring = [(5.2, 52.1), (5.2, 52.2)] + border.reversed() + [(5.2, 52.0)]
        return source([polygonFeature(code: "A", [a]), polygonFeature(code: "B", [b])])
    }
}
