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
    /// The region this is about, when it is about one (a region without a boundary, a region
    /// placed without a position): lets the site core point at that region's file.
    public var regionCode: String?

    public init(severity: Severity, source: String?, location: SourceLocation?, message: String, regionCode: String? = nil) {
        self.severity = severity
        self.source = source
        self.location = location
        self.message = message
        self.regionCode = regionCode
    }

    public var description: String {
        let place = [source, location.map { "\($0.line):\($0.column)" }].compactMap { $0 }.joined(separator: ":")
        return (place.isEmpty ? "" : place + ": ") + "\(severity.rawValue): \(message)"
    }
}

/// The maps of one build.
///
/// What a theme can rely on (both map kinds):
/// - root: `<svg class="rmap rmap-overview rmap-geo|rmap-tiles">` (overview) or
///   `<svg class="rmap rmap-locator rmap-geo|rmap-tiles" role="img">` (locator), with `viewBox`,
///   `width` and `height` (the natural size; the map's own CSS sets `max-width:100%; height:auto`,
///   so set `.rmap{width:100%}` to enlarge it).
/// - overview ids (prefix `MapOptions.idPrefix`, default `rmap`): `rmap-title`, `rmap-desc`
///   (the svg's `aria-labelledby`), `rmap-hatch` (the vacancy pattern). Include the overview
///   at most once per page. A locator's one id is `rmap-loc-<code>-title`.
/// - overview regions: `<a href class="region" data-code="JZ01">` (`class="region vacant"` for a
///   vacant one, which also holds a `<desc>`), first child `<title>` (the name), then one
///   `<path>` (tiles: also a `<text aria-hidden="true">` with the short label).
/// - locators: `<path class="region">` (all other regions, not links) and `<path class="current">`
///   (or `<circle class="current">` for a region without a boundary but with lat/lon).
/// - colours are CSS custom properties with defaults: `--rmap-fill`, `--rmap-stroke`,
///   `--rmap-hover` (hover and focus fill), `--rmap-focus` (focus outline), `--rmap-current`,
///   `--rmap-current-stroke`, `--rmap-vacant` (default the hatch pattern), `--rmap-vacant-bg`,
///   `--rmap-vacant-line`, `--rmap-text`, `--rmap-text-halo`.
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

/// A latitude/longitude box in WGS84 degrees.
public struct GeoBounds: Sendable, Equatable {
    public var minLatitude: Double
    public var maxLatitude: Double
    public var minLongitude: Double
    public var maxLongitude: Double

    public init(minLatitude: Double, maxLatitude: Double, minLongitude: Double, maxLongitude: Double) {
        self.minLatitude = minLatitude
        self.maxLatitude = maxLatitude
        self.minLongitude = minLongitude
        self.maxLongitude = maxLongitude
    }

    /// The European Netherlands with a margin (it spans about 50.75–53.56 N, 3.36–7.23 E).
    public static let netherlands = GeoBounds(minLatitude: 50, maxLatitude: 54, minLongitude: 3, maxLongitude: 8)

    public func contains(latitude: Double, longitude: Double) -> Bool {
        latitude >= minLatitude && latitude <= maxLatitude && longitude >= minLongitude && longitude <= maxLongitude
    }
}

/// The words inside the SVGs (titles and descriptions read by screen readers).
public struct MapLabels: Sendable, Equatable {
    /// The overview's `<title>`.
    public var overviewTitle: String
    /// The overview's `<desc>`: how to use it, and what the hatching means.
    public var overviewDescription: String
    /// A `<desc>` inside a vacant region's link, after its `<title>` (the name).
    public var vacantNote: String
    /// A locator's `<title>`; `{name}` is replaced by the region's name.
    public var locatorTitle: String

    public init(overviewTitle: String, overviewDescription: String, vacantNote: String, locatorTitle: String) {
        self.overviewTitle = overviewTitle
        self.overviewDescription = overviewDescription
        self.vacantNote = vacantNote
        self.locatorTitle = locatorTitle
    }

    public static let dutch = MapLabels(
        overviewTitle: "Kaart van de regio's",
        overviewDescription: "Elke regio is een link naar haar pagina. Gearceerde regio's hebben geen trekker.",
        vacantNote: "geen trekker",
        locatorTitle: "Ligging van {name}")

    public static let english = MapLabels(
        overviewTitle: "Map of the regions",
        overviewDescription: "Each region links to its page. Hatched regions have no lead.",
        vacantNote: "no lead",
        locatorTitle: "Location of {name}")
}

public struct MapOptions: Sendable, Equatable {
    public var labels: MapLabels
    /// Where the GeoJSON's positions must lie; a file mostly outside it is an error (swapped axes
    /// are named as such). nil accepts any WGS84 degrees.
    public var expectedArea: GeoBounds?
    /// Starts every `id` in the SVGs, so that they cannot clash with the theme's ids.
    public var idPrefix: String

    public init(labels: MapLabels = .dutch, expectedArea: GeoBounds? = .netherlands, idPrefix: String = "rmap") {
        self.labels = labels
        self.expectedArea = expectedArea
        self.idPrefix = idPrefix
    }
}

/// Makes the maps: real boundaries when GeoJSON is given, a tile map otherwise.
public enum RegionMapBuilder {
    /// The maps with the default options (Dutch labels, the Netherlands as expected area).
    public static func build(regions: [MapRegion], geoJSON: [GeoJSONSource]) -> RegionMaps {
        build(regions: regions, geoJSON: geoJSON, options: MapOptions())
    }

    /// Regions are drawn in code order whatever order they come in; the same input gives the
    /// same bytes. With a GeoJSON error the map falls back to tiles (and says so).
    public static func build(regions: [MapRegion], geoJSON: [GeoJSONSource], options: MapOptions) -> RegionMaps {
        MapPipeline(regions: regions, geoJSON: geoJSON, options: options).run()
    }
}
