/// The boundary map: the shared-arc topology projected, simplified to the map's pixel scale and
/// rounded, then written as one `<path>` per region (all its rings as subpaths, even-odd fill,
/// so holes stay holes).
struct GeoMapRenderer {
    let topology: Topology
    let bounds: GeoBounds
    let options: MapOptions

    /// The arcs of one map size: simplified once each, rounded to the output grid.
    struct Rendition {
        var projection: Projection
        var decimals: Int
        var arcs: [[GridPoint]]
        /// The same arcs unsimplified, for a region that simplification would erase entirely.
        var fullArcs: [[GridPoint]]
    }

    func rendition(maxWidth: Double, maxHeight: Double, padding: Double, tolerance: Double, decimals: Int) -> Rendition {
        let projection = Projection(framing: bounds, maxWidth: maxWidth, maxHeight: maxHeight, padding: padding)
        var arcs: [[GridPoint]] = []
        var full: [[GridPoint]] = []
        arcs.reserveCapacity(topology.arcs.count)
        for arc in topology.arcs {
            let projected = arc.map { projection.project(topology.points[$0]) }
            let kept = Simplifier.keep(projected, tolerance: tolerance)
            arcs.append(grid(kept.map { projected[$0] }, decimals: decimals))
            full.append(grid(projected, decimals: decimals))
        }
        return Rendition(projection: projection, decimals: decimals, arcs: arcs, fullArcs: full)
    }

    private func grid(_ points: [MapPoint], decimals: Int) -> [GridPoint] {
        var out: [GridPoint] = []
        out.reserveCapacity(points.count)
        for p in points {
            let g = GridPoint(x: SVGNumber.quantize(p.x, decimals: decimals), y: SVGNumber.quantize(p.y, decimals: decimals))
            if out.last != g { out.append(g) }
        }
        return out
    }

    /// A region's rings on the grid; rings that collapse below three points are left out
    /// (islands smaller than a pixel), unless that would leave the region with nothing.
    func rings(of code: String, in r: Rendition) -> [[GridPoint]] {
        guard let uses = topology.rings[code] else { return [] }
        let simplified = uses.compactMap { assemble($0, arcs: r.arcs) }
        if !simplified.isEmpty { return simplified }
        return uses.compactMap { assemble($0, arcs: r.fullArcs) }
    }

    private func assemble(_ ring: [Topology.ArcUse], arcs: [[GridPoint]]) -> [GridPoint]? {
        var out: [GridPoint] = []
        for use in ring {
            let arc = arcs[use.arc]
            if use.reversed {
                for p in arc.reversed() where out.last != p { out.append(p) }
            } else {
                for p in arc where out.last != p { out.append(p) }
            }
        }
        while out.count > 1, out.first == out.last { out.removeLast() }
        return Set(out).count >= 3 ? out : nil
    }

    // MARK: - SVG

    func overview(regions: [MapRegion]) -> String {
        let r = rendition(maxWidth: 500, maxHeight: 600, padding: 4, tolerance: 0.45, decimals: 1)
        let p = XML.idPart(options.idPrefix)
        var svg = MapStyle.open(classes: "rmap rmap-overview rmap-geo", width: r.projection.width, height: r.projection.height,
                                labelledBy: "\(p)-title \(p)-desc", role: nil)
        svg += "<title id=\"\(p)-title\">\(XML.escape(options.labels.overviewTitle))</title>"
        svg += "<desc id=\"\(p)-desc\">\(XML.escape(options.labels.overviewDescription))</desc>\n"
        svg += MapStyle.css(hatchID: "\(p)-hatch", locator: false) + MapStyle.hatchPattern(id: "\(p)-hatch") + "\n"
        svg += "<g fill-rule=\"evenodd\">\n"
        for region in regions {
            let rings = self.rings(of: region.code, in: r)
            if rings.isEmpty { continue }
            svg += RegionLink.open(region, labels: options.labels)
            svg += "<path d=\"\(PathData.rings(rings, decimals: r.decimals))\"/></a>\n"
        }
        svg += "</g></svg>"
        return svg
    }

    func locators(regions: [MapRegion]) -> [String: String] {
        let r = rendition(maxWidth: 200, maxHeight: 240, padding: 2, tolerance: 0.9, decimals: 0)
        let p = XML.idPart(options.idPrefix)
        var ringsByCode: [String: [[GridPoint]]] = [:]
        for region in regions { ringsByCode[region.code] = rings(of: region.code, in: r) }
        var out: [String: String] = [:]
        for region in regions {
            let id = "\(p)-loc-\(XML.idPart(region.code))-title"
            var svg = MapStyle.open(classes: "rmap rmap-locator rmap-geo", width: r.projection.width, height: r.projection.height,
                                    labelledBy: id, role: "img")
            svg += "<title id=\"\(id)\">\(XML.escape(options.labels.locatorTitle.replacingName(with: region.name)))</title>"
            svg += MapStyle.css(hatchID: nil, locator: true)
            var others: [[GridPoint]] = []
            for other in regions where other.code != region.code { others += ringsByCode[other.code] ?? [] }
            svg += "<g fill-rule=\"evenodd\"><path class=\"region\" d=\"\(PathData.relativeRings(others, decimals: 0))\"/>"
            let mine = ringsByCode[region.code] ?? []
            if !mine.isEmpty {
                svg += "<path class=\"current\" d=\"\(PathData.relativeRings(mine, decimals: 0))\"/>"
            } else if let lat = region.latitude, let lon = region.longitude {
                // No boundary for this region: mark its point instead.
                let c = r.projection.project(GeoPoint(longitude: lon, latitude: lat))
                svg += "<circle class=\"current\" cx=\"\(SVGNumber.fixed(c.x, decimals: 0))\" cy=\"\(SVGNumber.fixed(c.y, decimals: 0))\" r=\"5\"/>"
            }
            svg += "</g></svg>"
            out[region.code] = svg
        }
        return out
    }
}

/// The opening of a region's link: `<a href class>` with its `<title>` (the name) first, so
/// that the link's accessible name is the region's name, and a `<desc>` when it is vacant.
enum RegionLink {
    static func open(_ region: MapRegion, labels: MapLabels) -> String {
        var s = "<a href=\"\(XML.escape(region.url))\" class=\"region\(region.isVacant ? " vacant" : "")\" data-code=\"\(XML.escape(region.code))\">"
        s += "<title>\(XML.escape(region.name))</title>"
        if region.isVacant { s += "<desc>\(XML.escape(labels.vacantNote))</desc>" }
        return s
    }
}

extension String {
    /// `{name}` replaced, without Foundation's locale-aware machinery.
    func replacingName(with name: String) -> String {
        var out = ""
        var rest = Substring(self)
        while let r = rest.firstRange(of: "{name}") {
            out += rest[..<r.lowerBound]
            out += name
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
