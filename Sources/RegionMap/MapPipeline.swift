/// One build of the maps: read the GeoJSON, join it to the regions, draw boundaries — or,
/// without usable GeoJSON, tiles.
struct MapPipeline {
    let regions: [MapRegion]
    let geoJSON: [GeoJSONSource]
    let options: MapOptions
    private var diagnostics: [MapDiagnostic] = []

    init(regions: [MapRegion], geoJSON: [GeoJSONSource], options: MapOptions) {
        self.regions = regions
        self.geoJSON = geoJSON
        self.options = options
    }

    func run() -> RegionMaps {
        var me = self
        return me.make()
    }

    private mutating func make() -> RegionMaps {
        // Code order everywhere (drawing, tab order, ties): the output must not depend on the
        // order the site core happens to list regions in. A repeated code keeps its first region.
        var seen = Set<String>()
        var sorted: [MapRegion] = []
        for region in regions.sorted(by: { ($0.code, $0.url) < ($1.code, $1.url) }) {
            if seen.insert(region.code).inserted {
                sorted.append(region)
            } else {
                diagnostics.append(MapDiagnostic(severity: .warning, source: nil, location: nil,
                                                 message: "two regions have the code \(region.code); the map shows only the first",
                                                 regionCode: region.code))
            }
        }

        if !geoJSON.isEmpty, let (topology, bounds) = boundaries(for: sorted) {
            let renderer = GeoMapRenderer(topology: topology, bounds: bounds, options: options)
            return RegionMaps(overview: renderer.overview(regions: sorted),
                              locators: renderer.locators(regions: sorted),
                              diagnostics: diagnostics)
        }
        let layout = TileLayout(regions: sorted)
        diagnostics += layout.diagnostics
        let renderer = TileMapRenderer(layout: layout, options: options)
        return RegionMaps(overview: renderer.overview(regions: sorted),
                          locators: renderer.locators(regions: sorted),
                          diagnostics: diagnostics)
    }

    /// The regions' boundaries from every GeoJSON source, or nil (after saying why) when the
    /// map must fall back to tiles.
    private mutating func boundaries(for regions: [MapRegion]) -> (Topology, GeoBounds)? {
        let codes = Set(regions.map(\.code))
        let files = geoJSON.sorted { $0.name < $1.name }.map { GeoJSONLoader.load($0, expectedArea: options.expectedArea) }
        for file in files { diagnostics += file.diagnostics }
        if files.contains(where: \.hasErrors) {
            diagnostics.append(MapDiagnostic(severity: .warning, source: nil, location: nil,
                                             message: "the region map is drawn as tiles because a GeoJSON file has errors"))
            return nil
        }

        var rings: [String: [[GeoPoint]]] = [:]
        var owner: [String: String] = [:]
        for file in files {
            guard let key = FeatureMatcher.joinKey(features: file.features, codes: codes) else {
                if !file.features.isEmpty {
                    diagnostics.append(MapDiagnostic(
                        severity: .warning, source: file.name, location: nil,
                        message: "no feature has a property whose value is a region code (such as \(regions.first?.code ?? "JZ01")); the file is not used"))
                }
                continue
            }
            for feature in file.features {
                guard let value = feature.property(key) else {
                    diagnostics.append(MapDiagnostic(severity: .warning, source: file.name, location: feature.location,
                                                     message: "feature \(feature.number) has no property \"\(key)\"; it is left off the map"))
                    continue
                }
                guard codes.contains(value) else {
                    diagnostics.append(MapDiagnostic(severity: .warning, source: file.name, location: feature.location,
                                                     message: "feature \(feature.number) has \(key) \"\(value)\", which is no region's code; it is left off the map"))
                    continue
                }
                // Two files drawing one region would overlap, and even-odd filling would cancel
                // the overlap out: the first file (by name) keeps the region.
                if let first = owner[value], first != file.name {
                    diagnostics.append(MapDiagnostic(severity: .warning, source: file.name, location: feature.location,
                                                     message: "feature \(feature.number) is region \(value), which \(first) already draws; it is left off the map"))
                    continue
                }
                owner[value] = file.name
                for polygon in feature.polygons { rings[value, default: []] += polygon }
            }
        }
        guard !rings.isEmpty, let bounds = GeoBounds(enclosing: rings.values.joined().joined()) else {
            diagnostics.append(MapDiagnostic(severity: .warning, source: nil, location: nil,
                                             message: "no GeoJSON feature matches a region; the region map is drawn as tiles"))
            return nil
        }
        // Said once the boundary map is certain, not for every region of a file that matched nothing.
        for region in regions where rings[region.code] == nil {
            diagnostics.append(MapDiagnostic(severity: .warning, source: nil, location: nil,
                                             message: "region \(region.code), \(region.name), has no boundary in the GeoJSON; it is missing from the map",
                                             regionCode: region.code))
        }
        for region in regions {
            guard let lat = region.latitude, let lon = region.longitude, let own = rings[region.code],
                  let box = GeoBounds(enclosing: own.joined()), !box.contains(latitude: lat, longitude: lon) else { continue }
            // Only a point outside the region's bounding box is flagged: a seat near a concave
            // border is fine, a point in another part of the country (or swapped) is not.
            let swapped = box.contains(latitude: lon, longitude: lat)
            diagnostics.append(MapDiagnostic(
                severity: .warning, source: nil, location: nil,
                message: "region \(region.code), \(region.name), has lat \(SVGNumber.plain(lat)), lon \(SVGNumber.plain(lon)), which lies outside its boundary"
                    + (swapped ? "; lat and lon look swapped" : ""),
                regionCode: region.code))
        }
        return (Topology(regions: rings), bounds)
    }
}

/// Which property joins features to regions: the one whose values equal the most region codes
/// (ties to the name that sorts first), e.g. `statcode` in CBS files, where `jrstatcode`
/// (`2025JZ01`) matches nothing.
enum FeatureMatcher {
    static func joinKey(features: [GeoFeature], codes: Set<String>) -> String? {
        var counts: [String: Int] = [:]
        for feature in features {
            var counted = Set<String>()
            for (key, value) in feature.properties where codes.contains(value) && counted.insert(key).inserted {
                counts[key, default: 0] += 1
            }
        }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }
}
