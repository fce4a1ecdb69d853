import SourceText

/// A WGS84 position in degrees.
struct GeoPoint: Equatable {
    var longitude: Double
    var latitude: Double
}

/// One polygon feature of a GeoJSON file, reduced to what the map needs.
struct GeoFeature {
    /// Scalar properties as text (numbers as written), in file order: candidates for the join key.
    var properties: [(key: String, value: String)]
    /// Polygons, each a list of rings (the first the outer ring, the rest holes). A ring is
    /// open: GeoJSON's closing position and repeated consecutive positions are dropped.
    var polygons: [[[GeoPoint]]]
    /// 1-based index in the file, and where the feature starts, for messages.
    var number: Int
    var location: SourceLocation

    func property(_ key: String) -> String? {
        properties.last(where: { $0.key == key })?.value
    }
}

/// A GeoJSON source read and checked: its usable features, and what was wrong with it.
struct GeoJSONFile {
    var name: String
    var features: [GeoFeature]
    var diagnostics: [MapDiagnostic]
    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Reads a GeoJSON FeatureCollection of Polygon / MultiPolygon features in WGS84 degrees
/// (content-model.md, "The map"). Anything malformed is a diagnostic naming the source,
/// with the line and column of the offending value; nothing here traps.
enum GeoJSONLoader {
    static func load(_ source: GeoJSONSource, expectedArea: GeoBounds?) -> GeoJSONFile {
        var loader = Loader(source: source)
        loader.run(expectedArea: expectedArea)
        return GeoJSONFile(name: source.name, features: loader.features, diagnostics: loader.diagnostics)
    }

    private struct Loader {
        let source: GeoJSONSource
        let bytes: [UInt8]
        let lines: LineIndex
        var features: [GeoFeature] = []
        var diagnostics: [MapDiagnostic] = []
        /// Bounding box of every position read, and the first position outside the
        /// expected area (for the plausibility check after reading).
        var positionCount = 0
        var insideCount = 0
        var swappedInsideCount = 0
        var firstOutside: Int?
        /// Set after an error that would repeat at every position (projected metres): one message is enough.
        var abandoned = false

        init(source: GeoJSONSource) {
            self.source = source
            self.bytes = Array(source.text.utf8)
            self.lines = LineIndex(bytes: bytes)
        }

        mutating func report(_ severity: MapDiagnostic.Severity, at offset: Int?, _ message: String) {
            diagnostics.append(MapDiagnostic(severity: severity, source: source.name,
                                             location: offset.map { lines.location(ofByte: $0) },
                                             message: message))
        }

        mutating func run(expectedArea: GeoBounds?) {
            area = expectedArea
            let root: JSONNode
            switch JSONReader.parse(bytes) {
            case .failure(let error):
                report(.error, at: error.offset, "not valid JSON: \(error.message)")
                return
            case .success(let node):
                root = node
            }
            guard case .object = root.value else {
                report(.error, at: root.start, "expected a GeoJSON FeatureCollection (an object), found \(root.kindName)")
                return
            }
            guard let type = root["type"]?.stringValue else {
                report(.error, at: root.start, "not GeoJSON: the object has no \"type\"; expected \"FeatureCollection\"")
                return
            }
            guard type == "FeatureCollection" else {
                report(.error, at: root["type"]!.start, "expected a GeoJSON FeatureCollection, found type \"\(type)\"")
                return
            }
            guard let featuresNode = root["features"] else {
                report(.error, at: root.start, "the FeatureCollection has no \"features\" array")
                return
            }
            guard let items = featuresNode.arrayValue else {
                report(.error, at: featuresNode.start, "\"features\" must be an array, found \(featuresNode.kindName)")
                return
            }
            if items.isEmpty {
                report(.warning, at: featuresNode.start, "the FeatureCollection has no features")
            }
            for (i, item) in items.enumerated() where !abandoned {
                readFeature(item, number: i + 1)
            }
            if abandoned { return }
            checkArea()
        }

        mutating func readFeature(_ node: JSONNode, number: Int) {
            guard case .object = node.value else {
                report(.error, at: node.start, "feature \(number) must be an object, found \(node.kindName)")
                return
            }
            if let t = node["type"]?.stringValue, t != "Feature" {
                report(.error, at: node["type"]!.start, "feature \(number) has type \"\(t)\"; expected \"Feature\"")
                return
            }
            var properties: [(key: String, value: String)] = []
            if let props = node["properties"], case .object(let members) = props.value {
                for m in members {
                    switch m.value.value {
                    case .string(let s): properties.append((m.key, s))
                    case .number: properties.append((m.key, String(decoding: bytes[m.value.start..<m.value.end], as: UTF8.self)))
                    default: break
                    }
                }
            }
            let label = "feature \(number)"
            guard let geometry = node["geometry"], case .object = geometry.value else {
                report(.warning, at: node.start, "\(label) has no geometry; it is left off the map")
                return
            }
            guard let gtype = geometry["type"]?.stringValue else {
                report(.error, at: geometry.start, "the geometry of \(label) has no \"type\"")
                return
            }
            guard let coordinates = geometry["coordinates"] else {
                report(.error, at: geometry.start, "the geometry of \(label) has no \"coordinates\"")
                return
            }
            var polygons: [[[GeoPoint]]] = []
            switch gtype {
            case "Polygon":
                guard let p = readPolygon(coordinates) else { return }
                if !p.isEmpty { polygons.append(p) }
            case "MultiPolygon":
                guard let list = coordinates.arrayValue else {
                    report(.error, at: coordinates.start, "MultiPolygon coordinates must be an array of polygons, found \(coordinates.kindName)")
                    return
                }
                for item in list {
                    guard let p = readPolygon(item) else { return }
                    if !p.isEmpty { polygons.append(p) }
                }
            default:
                report(.warning, at: geometry["type"]!.start,
                       "\(label) is a \(gtype), not a Polygon or MultiPolygon; it is left off the map")
                return
            }
            if polygons.isEmpty {
                report(.warning, at: coordinates.start, "\(label) has an empty geometry; it is left off the map")
                return
            }
            features.append(GeoFeature(properties: properties, polygons: polygons, number: number,
                                       location: lines.location(ofByte: node.start)))
        }

        /// A polygon's rings, or nil after an error. Rings too small to enclose anything are
        /// dropped with a warning; a polygon whose outer ring is dropped is empty.
        mutating func readPolygon(_ node: JSONNode) -> [[GeoPoint]]? {
            guard let ringNodes = node.arrayValue else {
                report(.error, at: node.start, "a polygon must be an array of rings, found \(node.kindName)")
                return nil
            }
            var rings: [[GeoPoint]] = []
            for (k, ringNode) in ringNodes.enumerated() {
                guard let positions = ringNode.arrayValue else {
                    report(.error, at: ringNode.start, "a ring must be an array of positions, found \(ringNode.kindName)")
                    return nil
                }
                var ring: [GeoPoint] = []
                ring.reserveCapacity(positions.count)
                for pos in positions {
                    guard let p = readPosition(pos) else { return nil }
                    if ring.last != p { ring.append(p) }
                }
                if ring.count > 1, ring.first == ring.last { ring.removeLast() }
                if ring.count < 3 {
                    if positions.isEmpty {
                        // An empty ring: an empty geometry when it is the outer ring (warned about by the caller).
                    } else {
                        report(.warning, at: ringNode.start, "a ring with fewer than three distinct positions encloses nothing; it is ignored")
                    }
                    if k == 0 { return [] }
                    continue
                }
                rings.append(ring)
            }
            return rings
        }

        mutating func readPosition(_ node: JSONNode) -> GeoPoint? {
            guard let items = node.arrayValue, items.count >= 2,
                  let lon = items[0].numberValue, let lat = items[1].numberValue else {
                report(.error, at: node.start, "a position must be an array of two numbers [longitude, latitude], found \(describe(node))")
                return nil
            }
            guard abs(lon) <= 180, abs(lat) <= 90 else {
                report(.error, at: node.start,
                       "the position [\(text(items[0])), \(text(items[1]))] is not in WGS84 degrees (longitude -180…180, latitude -90…90); "
                       + "these look like projected coordinates (metres, such as Dutch RD / EPSG:28992): export the file as WGS84 (EPSG:4326)")
                abandoned = true
                return nil
            }
            positionCount += 1
            recordArea(lon: lon, lat: lat, offset: node.start)
            return GeoPoint(longitude: lon, latitude: lat)
        }

        var area: GeoBounds?
        mutating func recordArea(lon: Double, lat: Double, offset: Int) {
            guard let area else { return }
            if area.contains(latitude: lat, longitude: lon) {
                insideCount += 1
            } else {
                if firstOutside == nil { firstOutside = offset }
                if area.contains(latitude: lon, longitude: lat) { swappedInsideCount += 1 }
            }
        }

        /// Positions mostly outside the expected area are an error: swapped axes are the usual
        /// cause ([lat, lon] instead of GeoJSON's [lon, lat]), so that case is named.
        mutating func checkArea() {
            guard let area, positionCount > 0, insideCount * 2 < positionCount else { return }
            let expected = "latitude \(SVGNumber.plain(area.minLatitude))…\(SVGNumber.plain(area.maxLatitude)), "
                + "longitude \(SVGNumber.plain(area.minLongitude))…\(SVGNumber.plain(area.maxLongitude))"
            if swappedInsideCount * 2 >= positionCount {
                report(.error, at: firstOutside,
                       "longitude and latitude look swapped: GeoJSON positions are [longitude, latitude], and these fit the map's area (\(expected)) only the other way round")
            } else {
                report(.error, at: firstOutside,
                       "the coordinates lie outside the map's area (\(expected)); is this file in WGS84 degrees, and of the right country?")
            }
        }

        func text(_ node: JSONNode) -> String {
            String(decoding: bytes[node.start..<node.end], as: UTF8.self)
        }

        func describe(_ node: JSONNode) -> String {
            if case .array(let items) = node.value {
                return items.count < 2 ? "an array of \(items.count) value\(items.count == 1 ? "" : "s")" : "[\(items.map { $0.kindName }.joined(separator: ", "))]"
            }
            return node.kindName
        }
    }
}
