import Foundation

/// Where each region's hexagon goes on the tile map. Tiles are pointy-top hexagons in rows;
/// odd rows (row & 1 == 1, also for negative rows) are shifted half a tile to the right, and
/// rows run top to bottom — the grid an editor's `map: {col, row}` is read in.
///
/// Placement, all in code order so the result is deterministic:
/// 1. a fixed `tile` is taken as given (if two regions name the same tile, the later code
///    moves to the nearest free tile, with a warning);
/// 2. a region with latitude/longitude goes to the tile nearest its point, or the nearest free
///    tile to it. The point is projected (longitude × cos of the mean latitude) onto the grid,
///    fitted to the regions that have both a tile and a point when at least two do, or else
///    scaled so that the bounding box of the points holds about 1.2 tiles per region;
/// 3. a region with neither is put in a row below the map, with a warning.
struct TileLayout {
    var tiles: [String: TilePosition] = [:]
    var diagnostics: [MapDiagnostic] = []
    private var taken: [TilePosition: String] = [:]

    /// The horizontal position of a tile's centre, in tile widths.
    static func centerX(_ t: TilePosition) -> Double { Double(t.column) + ((t.row & 1) == 1 ? 0.5 : 0) }
    /// Row spacing over tile width for regular pointy-top hexagons: 1.5 / √3.
    static let rowRatio = 1.5 / 3.0.squareRoot()
    static let optimalAssignmentLimit = 150

    init(regions: [MapRegion], tilesPerRegion: Double = 1.2) {
        for region in regions {
            guard let tile = region.tile else { continue }
            if let holder = taken[tile] {
                let moved = nearestFree(x: TileLayout.centerX(tile), y: Double(tile.row))
                place(region.code, at: moved)
                diagnostics.append(MapDiagnostic(
                    severity: .warning, source: nil, location: nil,
                    message: "region \(region.code) has map position col \(tile.column), row \(tile.row), which \(holder) already has; it is drawn at col \(moved.column), row \(moved.row)",
                    regionCode: region.code))
            } else {
                place(region.code, at: tile)
            }
        }

        let located = regions.filter { $0.tile == nil && $0.latitude != nil && $0.longitude != nil }
        if !located.isEmpty {
            let transform = TileLayout.gridTransform(regions: regions, located: located, tilesPerRegion: tilesPerRegion)
            let ideal = located.map { transform($0.latitude!, $0.longitude!) }
            if located.count <= TileLayout.optimalAssignmentLimit {
                for (region, tile) in zip(located, assignTiles(ideal)) { place(region.code, at: tile) }
            } else {
                // The optimal assignment is cubic; a site with hundreds of regions gets greedy placement.
                for (region, p) in zip(located, ideal) { place(region.code, at: nearestFree(x: p.0, y: p.1)) }
            }
        }

        let unplaced = regions.filter { tiles[$0.code] == nil }
        if !unplaced.isEmpty {
            let row = (taken.keys.map(\.row).max() ?? -2) + 2
            var column = taken.keys.map(\.column).min() ?? 0
            for region in unplaced {
                while taken[TilePosition(column: column, row: row)] != nil { column += 1 }
                let t = TilePosition(column: column, row: row)
                place(region.code, at: t)
                diagnostics.append(MapDiagnostic(
                    severity: .warning, source: nil, location: nil,
                    message: "region \(region.code) has no map position and no lat/lon; it is drawn in a row below the map",
                    regionCode: region.code))
            }
        }
    }

    private mutating func place(_ code: String, at tile: TilePosition) {
        tiles[code] = tile
        taken[tile] = code
    }

    /// The free tile whose centre is nearest to (x, y) in grid units (x in tile widths, y in
    /// rows). Ties go to the upper row, then the left column.
    private func nearestFree(x: Double, y: Double) -> TilePosition {
        let r0 = Int(y.rounded())
        let c0 = Int((x - ((r0 & 1) == 1 ? 0.5 : 0)).rounded())
        var best: (d: Double, t: TilePosition)?
        var radius = 0
        // Rings of growing Chebyshev radius; once something is found, one more ring is
        // searched, since a tile in it can still be nearer in the plane.
        var lastRing = Int.max
        while radius <= lastRing {
            for row in (r0 - radius)...(r0 + radius) {
                for col in (c0 - radius)...(c0 + radius) {
                    if max(abs(row - r0), abs(col - c0)) != radius { continue }
                    let t = TilePosition(column: col, row: row)
                    if taken[t] != nil { continue }
                    let dx = TileLayout.centerX(t) - x
                    let dy = (Double(row) - y) * TileLayout.rowRatio
                    let d = dx * dx + dy * dy
                    if let b = best {
                        if d < b.d - 1e-12 || (abs(d - b.d) <= 1e-12 && (row, col) < (b.t.row, b.t.column)) { best = (d, t) }
                    } else {
                        best = (d, t)
                    }
                }
            }
            if best != nil, lastRing == Int.max { lastRing = radius + 1 }
            radius += 1
        }
        return best!.t
    }

    /// Free tiles for points at fractional grid positions, minimising the sum of squared
    /// distances (an optimal assignment, not first come first served: greedy placement pushes
    /// late regions far from home and frays the country's outline). The candidates are the
    /// free tiles around the points' bounding box, widened until there are enough.
    private func assignTiles(_ points: [(Double, Double)]) -> [TilePosition] {
        let minX = points.map(\.0).min()!, maxX = points.map(\.0).max()!
        let minY = points.map(\.1).min()!, maxY = points.map(\.1).max()!
        var margin = 1
        var candidates: [TilePosition] = []
        while true {
            candidates = []
            for row in (Int(minY.rounded(.down)) - margin)...(Int(maxY.rounded(.up)) + margin) {
                for col in (Int(minX.rounded(.down)) - margin)...(Int(maxX.rounded(.up)) + margin) {
                    let t = TilePosition(column: col, row: row)
                    if taken[t] == nil { candidates.append(t) }
                }
            }
            if candidates.count >= points.count { break }
            margin += 1
        }
        let cost = points.map { p in
            candidates.map { t -> Double in
                let dx = TileLayout.centerX(t) - p.0
                let dy = (Double(t.row) - p.1) * TileLayout.rowRatio
                return dx * dx + dy * dy
            }
        }
        return Assignment.minimumCost(cost).map { candidates[$0] }
    }

    /// Latitude/longitude → fractional grid position (x in tile widths, y in rows).
    private static func gridTransform(regions: [MapRegion], located: [MapRegion], tilesPerRegion: Double) -> (Double, Double) -> (Double, Double) {
        let lats = located.map { $0.latitude! }
        let meanLat = lats.reduce(0, +) / Double(lats.count)
        let k = cos(meanLat * Double.pi / 180)
        func plane(_ lat: Double, _ lon: Double) -> (Double, Double) { (lon * k, lat) }

        // Fit to the editor's own tiles when there are enough of them.
        let anchors = regions.filter { $0.tile != nil && $0.latitude != nil && $0.longitude != nil }
        if anchors.count >= 2 {
            let px = anchors.map { plane($0.latitude!, $0.longitude!).0 }
            let py = anchors.map { plane($0.latitude!, $0.longitude!).1 }
            let gx = anchors.map { centerX($0.tile!) }
            let gy = anchors.map { Double($0.tile!.row) }
            if let fx = linearFit(px, gx), let fy = linearFit(py, gy) {
                return { lat, lon in
                    let p = plane(lat, lon)
                    return (fx.a * p.0 + fx.b, fy.a * p.1 + fy.b)
                }
            }
        }

        let pts = located.map { plane($0.latitude!, $0.longitude!) }
        let minX = pts.map(\.0).min()!, maxX = pts.map(\.0).max()!
        let minY = pts.map(\.1).min()!, maxY = pts.map(\.1).max()!
        let w = maxX - minX, h = maxY - minY
        // Tile width s (in plane units) such that the bounding box holds about 1.2 tiles per
        // region: (w/s + 1) · (h/(s·rowRatio) + 1) = 1.2 n, solved for 1/s.
        let n = Double(located.count)
        let a = w * h / rowRatio, b = w + h / rowRatio, c = 1 - tilesPerRegion * n
        var u: Double
        if a > 1e-12 {
            u = (-b + (b * b - 4 * a * c).squareRoot()) / (2 * a)
        } else if b > 1e-12 {
            u = -c / b
        } else {
            u = 1
        }
        if !u.isFinite || u <= 0 { u = 1 }
        return { lat, lon in
            let p = plane(lat, lon)
            return ((p.0 - minX) * u, (maxY - p.1) * u / rowRatio)
        }
    }

    /// Least squares y ≈ a·x + b; nil when x does not vary (or y does not follow it sensibly).
    private static func linearFit(_ x: [Double], _ y: [Double]) -> (a: Double, b: Double)? {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxx = 0.0, sxy = 0.0
        for i in x.indices {
            sxx += (x[i] - mx) * (x[i] - mx)
            sxy += (x[i] - mx) * (y[i] - my)
        }
        guard sxx > 1e-12, abs(sxy) > 1e-12 else { return nil }
        let a = sxy / sxx
        return (a, my - a * mx)
    }
}

/// Draws a tile layout: equal hexagons, each region's `<a>` holding its hexagon and short label.
struct TileMapRenderer {
    let layout: TileLayout
    let options: MapOptions

    private struct Frame {
        var radius: Double
        var offsetX: Double
        var offsetY: Double
        var width: Int
        var height: Int

        func center(_ t: TilePosition) -> MapPoint {
            let w = radius * 3.0.squareRoot()
            return MapPoint(x: offsetX + TileLayout.centerX(t) * w, y: offsetY + Double(t.row) * radius * 1.5)
        }
    }

    /// The largest radius (up to `maxRadius`) at which the tiles fit the box, and the offsets
    /// that put the top-left tile at the padding.
    private func frame(maxRadius: Double, maxWidth: Double, maxHeight: Double, padding: Double) -> Frame {
        let tiles = Array(layout.tiles.values)
        let xs = tiles.map(TileLayout.centerX), ys = tiles.map { Double($0.row) }
        let minX = xs.min() ?? 0, maxX = xs.max() ?? 0, minY = ys.min() ?? 0, maxY = ys.max() ?? 0
        let root3 = 3.0.squareRoot()
        // Width in radii: (maxX - minX + 1)·√3; height: (maxY - minY)·1.5 + 2.
        let spanW = (maxX - minX + 1) * root3, spanH = (maxY - minY) * 1.5 + 2
        let radius = min(maxRadius, (maxWidth - 2 * padding) / spanW, (maxHeight - 2 * padding) / spanH)
        let offsetX = padding + radius * root3 / 2 - minX * radius * root3
        let offsetY = padding + radius - minY * radius * 1.5
        return Frame(radius: radius, offsetX: offsetX, offsetY: offsetY,
                     width: Int((spanW * radius + 2 * padding).rounded(.up)),
                     height: Int((spanH * radius + 2 * padding).rounded(.up)))
    }

    private func hexagon(_ c: MapPoint, radius: Double, decimals: Int) -> [GridPoint] {
        // Pointy-top corners, clockwise from the top.
        let h = radius * 3.0.squareRoot() / 2
        let corners = [(0.0, -radius), (h, -radius / 2), (h, radius / 2), (0.0, radius), (-h, radius / 2), (-h, -radius / 2)]
        return corners.map { GridPoint(x: SVGNumber.quantize(c.x + $0.0, decimals: decimals),
                                       y: SVGNumber.quantize(c.y + $0.1, decimals: decimals)) }
    }

    func overview(regions: [MapRegion]) -> String {
        let f = frame(maxRadius: 26, maxWidth: 500, maxHeight: 600, padding: 4)
        let p = XML.idPart(options.idPrefix)
        var svg = MapStyle.open(classes: "rmap rmap-overview rmap-tiles", width: f.width, height: f.height,
                                labelledBy: "\(p)-title \(p)-desc", role: nil)
        svg += "<title id=\"\(p)-title\">\(XML.escape(options.labels.overviewTitle))</title>"
        svg += "<desc id=\"\(p)-desc\">\(XML.escape(options.labels.overviewDescription))</desc>\n"
        svg += MapStyle.css(hatchID: "\(p)-hatch", locator: false) + MapStyle.hatchPattern(id: "\(p)-hatch") + "\n"
        // Hexagons a little smaller than their cells leave a gap, so each reads as one tile.
        let drawn = f.radius * 0.94
        for region in regions {
            guard let tile = layout.tiles[region.code] else { continue }
            let c = f.center(tile)
            svg += RegionLink.open(region, labels: options.labels)
            svg += "<path d=\"\(PathData.rings([hexagon(c, radius: drawn, decimals: 1)], decimals: 1))\"/>"
            let label = region.shortLabel
            if !label.isEmpty {
                // Long labels shrink to stay inside the tile (about 0.6 em per character).
                let count = Double(label.unicodeScalars.count)
                let size = min(f.radius * 0.46, f.radius * 1.45 / (0.62 * count))
                svg += "<text x=\"\(SVGNumber.fixed(c.x, decimals: 1))\" y=\"\(SVGNumber.fixed(c.y, decimals: 1))\" dy=\"0.35em\""
                svg += " font-size=\"\(SVGNumber.fixed(size, decimals: 1))\" text-anchor=\"middle\" aria-hidden=\"true\">\(XML.escape(label))</text>"
            }
            svg += "</a>\n"
        }
        svg += "</svg>"
        return svg
    }

    func locators(regions: [MapRegion]) -> [String: String] {
        let f = frame(maxRadius: 12, maxWidth: 200, maxHeight: 240, padding: 2)
        let p = XML.idPart(options.idPrefix)
        let drawn = f.radius * 0.9
        var hexes: [String: [GridPoint]] = [:]
        for region in regions {
            if let t = layout.tiles[region.code] { hexes[region.code] = hexagon(f.center(t), radius: drawn, decimals: 1) }
        }
        var out: [String: String] = [:]
        for region in regions {
            let id = "\(p)-loc-\(XML.idPart(region.code))-title"
            var svg = MapStyle.open(classes: "rmap rmap-locator rmap-tiles", width: f.width, height: f.height,
                                    labelledBy: id, role: "img")
            svg += "<title id=\"\(id)\">\(XML.escape(options.labels.locatorTitle.replacingName(with: region.name)))</title>"
            svg += MapStyle.css(hatchID: nil, locator: true)
            let others = regions.filter { $0.code != region.code }.compactMap { hexes[$0.code] }
            svg += "<path class=\"region\" d=\"\(PathData.relativeRings(others, decimals: 1))\"/>"
            if let mine = hexes[region.code] {
                svg += "<path class=\"current\" d=\"\(PathData.relativeRings([mine], decimals: 1))\"/>"
            }
            svg += "</svg>"
            out[region.code] = svg
        }
        return out
    }
}

/// The assignment problem (Hungarian method with potentials, O(n²·m)): for an n × m cost
/// matrix with n ≤ m, the column of each row, distinct columns, least total cost. Ties are
/// broken by index order, so the result is deterministic.
enum Assignment {
    static func minimumCost(_ cost: [[Double]]) -> [Int] {
        let n = cost.count
        guard n > 0 else { return [] }
        let m = cost[0].count
        precondition(m >= n, "more rows than columns")
        // 1-based as in the textbook formulation; column 0 is the virtual start.
        var u = [Double](repeating: 0, count: n + 1)
        var v = [Double](repeating: 0, count: m + 1)
        var owner = [Int](repeating: 0, count: m + 1)
        var way = [Int](repeating: 0, count: m + 1)
        for i in 1...n {
            owner[0] = i
            var j0 = 0
            var minv = [Double](repeating: .infinity, count: m + 1)
            var used = [Bool](repeating: false, count: m + 1)
            repeat {
                used[j0] = true
                let i0 = owner[j0]
                var delta = Double.infinity
                var j1 = 0
                for j in 1...m where !used[j] {
                    let cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j] { minv[j] = cur; way[j] = j0 }
                    if minv[j] < delta { delta = minv[j]; j1 = j }
                }
                for j in 0...m {
                    if used[j] { u[owner[j]] += delta; v[j] -= delta } else { minv[j] -= delta }
                }
                j0 = j1
            } while owner[j0] != 0
            repeat {
                let j1 = way[j0]
                owner[j0] = owner[j1]
                j0 = j1
            } while j0 != 0
        }
        var result = [Int](repeating: 0, count: n)
        for j in 1...m where owner[j] != 0 { result[owner[j] - 1] = j - 1 }
        return result
    }
}
