import SourceText

/// A region as the map needs it: the site core fills these from the content model.
public struct MapRegion: Sendable, Equatable {
    /// CBS code (`JZ12`): joins the region to a GeoJSON feature.
    public var code: String
    public var name: String
    /// A short label for a tile (a few letters), e.g. `AMS`.
    public var shortLabel: String
    /// The region page's URL as served (`/regios/twente/`).
    public var url: String
    public var latitude: Double?
    public var longitude: Double?
    /// A fixed tile position (`map: {col, row}`), when the editor gave one.
    public var tile: TilePosition?
    /// No trekker: drawn differently, and the legend says so.
    public var isVacant: Bool

    public init(code: String, name: String, shortLabel: String, url: String,
                latitude: Double? = nil, longitude: Double? = nil, tile: TilePosition? = nil, isVacant: Bool = false) {
        self.code = code
        self.name = name
        self.shortLabel = shortLabel
        self.url = url
        self.latitude = latitude
        self.longitude = longitude
        self.tile = tile
        self.isVacant = isVacant
    }
}

public struct TilePosition: Sendable, Hashable {
    public var column: Int
    public var row: Int
    public init(column: Int, row: Int) {
        self.column = column
        self.row = row
    }
}

/// A GeoJSON file handed to the map: its name (for messages) and its text.
public struct GeoJSONSource: Sendable {
    public var name: String
    public var text: String
    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}

/// A problem found while making the map, about a GeoJSON source (or none: about the regions).
public struct MapDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public var severity: Severity
    /// The `GeoJSONSource.name` this is about; nil for a problem with the regions themselves.
    public var source: String?
    /// A position in that source, when known.
    public var location: SourceLocation?
    public var message: String

    public init(severity: Severity, source: String?, location: SourceLocation?, message: String) {
        self.severity = severity
        self.source = source
        self.location = location
        self.message = message
    }

    public var description: String {
        let place = [source, location.map { "\($0.line):\($0.column)" }].compactMap { $0 }.joined(separator: ":")
        return (place.isEmpty ? "" : place + ": ") + "\(severity.rawValue): \(message)"
    }
}

/// The maps of one build.
public struct RegionMaps: Sendable {
    /// One `<svg>` element with every region as an `<a href>` holding its shape and a `<title>`.
    public var overview: String
    /// Per region code: a small `<svg>` of the country with that region highlighted.
    public var locators: [String: String]
    public var diagnostics: [MapDiagnostic]

    public init(overview: String, locators: [String: String], diagnostics: [MapDiagnostic]) {
        self.overview = overview
        self.locators = locators
        self.diagnostics = diagnostics
    }
}

/// Makes the maps: real boundaries when GeoJSON is given, a tile map otherwise.
public enum RegionMapBuilder {
    public static func build(regions: [MapRegion], geoJSON: [GeoJSONSource]) -> RegionMaps {
        // Being written under issue #8: until then the map is a plain list of links in an SVG.
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 \(max(1, regions.count) * 12)\" role=\"img\">"
        for (i, r) in regions.enumerated() {
            svg += "<a href=\"\(r.url)\"><title>\(r.name)</title><text x=\"0\" y=\"\(i * 12 + 10)\">\(r.name)</text></a>"
        }
        svg += "</svg>"
        return RegionMaps(overview: svg, locators: [:], diagnostics: [])
    }
}
