import Foundation
import Testing
@testable import RegionMap

@Suite struct GeoMapTests {
    /// Each region's path data in the overview, by `data-code`.
    func paths(_ svg: String) -> [String: String] {
        let tree = SVGTree(svg)
        var out: [String: String] = [:]
        for a in tree.all("a") {
            let path = tree.children(of: a, named: "path").first
            out[a.attributes["data-code"] ?? "?"] = path?.attributes["d"]
        }
        return out
    }

    @Test func everyRegionIsLinkedOnceWithItsTitle() {
        let regions = ["A", "B", "C"].map { Fixture.region($0, vacant: $0 == "B") }
        let geo = Fixture.source([
            Fixture.polygonFeature(code: "C", [Fixture.square(5.4, 52.0, 0.2)]),
            Fixture.polygonFeature(code: "A", [Fixture.square(5.0, 52.0, 0.2)]),
            Fixture.polygonFeature(code: "B", [Fixture.square(5.2, 52.0, 0.2)]),
        ])
        let maps = RegionMapBuilder.build(regions: regions, geoJSON: [geo])
        #expect(maps.diagnostics.isEmpty, "\(maps.diagnostics)")
        let tree = SVGTree(maps.overview)
        #expect(tree.ok, "\(String(describing: tree.error))")
        let svg = tree.elements[0]
        #expect(svg.name == "svg")
        #expect(svg.attributes["role"] == nil)
        #expect(svg.attributes["aria-labelledby"] == "rmap-title rmap-desc")
        #expect(tree.all("title").contains { $0.attributes["id"] == "rmap-title" })
        #expect(tree.all("desc").contains { $0.attributes["id"] == "rmap-desc" })
        #expect(tree.all("style").count == 1)
        let links = tree.all("a")
        #expect(links.map { $0.attributes["href"] } == ["/regios/a/", "/regios/b/", "/regios/c/"])
        for a in links {
            let titles = tree.children(of: a, named: "title")
            #expect(titles.count == 1)
            #expect(titles.first?.text == "Regio \(a.attributes["data-code"]!)")
            #expect(a.children.first.map { tree.elements[$0].name } == "title")
            #expect(tree.children(of: a, named: "path").count == 1)
        }
        #expect(links[1].attributes["class"] == "region vacant")
        #expect(tree.children(of: links[1], named: "desc").first?.text == "geen trekker")
        #expect(links[0].attributes["class"] == "region")
    }

    @Test func holesAndMultiPolygonsAreSubpathsWithEvenOdd() {
        let outer = Fixture.square(5.0, 52.0, 0.4)
        let hole = Fixture.square(5.1, 52.1, 0.1)
        let geo = Fixture.source([
            Fixture.multiPolygonFeature(code: "A", [[outer, hole], [Fixture.square(5.6, 52.0, 0.1)]]),
        ])
        let maps = RegionMapBuilder.build(regions: [Fixture.region("A")], geoJSON: [geo])
        let d = paths(maps.overview)["A"]!
        #expect(parseRings(d).count == 3)
        #expect(maps.overview.contains("<g fill-rule=\"evenodd\">"))
    }

    @Test func enclaveAndHoleShareTheirRing() {
        let outer = Fixture.square(5.0, 52.0, 0.4)
        let inner: Fixture.Ring = [(5.1, 52.1), (5.15, 52.12), (5.2, 52.1), (5.22, 52.15), (5.2, 52.2), (5.1, 52.2)]
        let geo = Fixture.source([
            Fixture.polygonFeature(code: "D", [outer, inner]),
            Fixture.polygonFeature(code: "E", [Array(inner.reversed())]),
        ])
        let maps = RegionMapBuilder.build(regions: [Fixture.region("D"), Fixture.region("E")], geoJSON: [geo])
        let p = paths(maps.overview)
        let holeRing = parseRings(p["D"]!)[1]
        let enclave = parseRings(p["E"]!)[0]
        #expect(Set(holeRing.map { "\($0)" }) == Set(enclave.map { "\($0)" }))
    }

    /// The run of a cyclic ring whose points are all in `shared`, starting after a point that is not.
    func sharedRun(_ ring: [[Double]], _ shared: Set<String>) -> [String]? {
        let keys = ring.map { "\($0)" }
        guard let start = keys.firstIndex(where: { !shared.contains($0) }) else { return nil }
        let rotated = Array(keys[start...] + keys[..<start])
        let members = rotated.drop { !shared.contains($0) }
        let run = members.prefix { shared.contains($0) }
        // Contiguous: nothing shared after the run ends.
        guard !members.dropFirst(run.count).contains(where: { shared.contains($0) }) else { return nil }
        return Array(run)
    }

    @Test func sharedBordersStayIdenticalAfterSimplification() throws {
        let maps = RegionMapBuilder.build(regions: [Fixture.region("A"), Fixture.region("B")], geoJSON: [Fixture.twoNeighbours])
        #expect(maps.diagnostics.isEmpty, "\(maps.diagnostics)")
        for svg in [maps.overview, maps.locators["A"]!] {
            let tree = SVGTree(svg)
            let ds: [String]
            if svg == maps.overview {
                let p = paths(svg)
                ds = [p["A"]!, p["B"]!]
            } else {
                ds = tree.all("path").map { $0.attributes["d"]! }.reversed() // current (A), then the others (B)
            }
            let a = parseRings(ds[0])[0], b = parseRings(ds[1])[0]
            let shared = Set(a.map { "\($0)" }).intersection(b.map { "\($0)" })
            let runA = try #require(sharedRun(a, shared))
            let runB = try #require(sharedRun(b, shared))
            #expect(runA == Array(runB.reversed()), "border differs between neighbours")
            // Simplified (the sub-pixel wiggles are gone) but not flattened (the big ones stay).
            #expect(runA.count < Fixture.border.count)
            #expect(runA.count >= 8)
        }
    }

    @Test func joinPropertyIsFoundAutomatically() {
        // `code` matches one region, `statcode` all three: statcode wins.
        let features = ["A", "B", "C"].enumerated().map { i, c in
            Fixture.feature("\"code\":\"\(i == 0 ? "B" : "zz")\",\"statcode\":\"\(c)\",\"n\":\(i)",
                            "{\"type\":\"Polygon\",\"coordinates\":\(Fixture.polygon([Fixture.square(5.0 + Double(i) * 0.2, 52.0, 0.2)]))}")
        }
        let maps = RegionMapBuilder.build(regions: ["A", "B", "C"].map { Fixture.region($0) }, geoJSON: [Fixture.source(features)])
        #expect(maps.diagnostics.isEmpty, "\(maps.diagnostics)")
        #expect(Set(paths(maps.overview).keys) == ["A", "B", "C"])
    }

    @Test func unmatchedRegionsAndFeaturesAreWarnings() {
        let geo = Fixture.source([
            Fixture.polygonFeature(code: "A", [Fixture.square(5.0, 52.0, 0.2)]),
            Fixture.polygonFeature(code: "Q", [Fixture.square(5.2, 52.0, 0.2)]),
        ])
        let maps = RegionMapBuilder.build(regions: [Fixture.region("A"), Fixture.region("B")], geoJSON: [geo])
        #expect(maps.diagnostics.allSatisfy { $0.severity == .warning })
        #expect(maps.diagnostics.contains { $0.source == "content/kaart/test.geojson" && $0.message.contains("\"Q\"") && $0.location?.line == 3 })
        #expect(maps.diagnostics.contains { $0.source == nil && $0.regionCode == "B" && $0.message.contains("no boundary") })
        #expect(Set(paths(maps.overview).keys) == ["A"])
        // B's locator marks nothing it does not know; A's highlights A.
        #expect(maps.locators["A"]!.contains("class=\"current\""))
        #expect(!maps.locators["B"]!.contains("class=\"current\""))
    }

    @Test func fileMatchingNothingIsOneWarningAndTiles() {
        let geo = Fixture.source([Fixture.polygonFeature(code: "GM0001", [Fixture.square(5.0, 52.0, 0.2)])])
        let maps = RegionMapBuilder.build(regions: [Fixture.region("A", lat: 52.1, lon: 5.1)], geoJSON: [geo])
        #expect(maps.diagnostics.contains { $0.message.contains("the file is not used") })
        #expect(maps.diagnostics.map(\.regionCode) == [nil, nil], "\(maps.diagnostics)")
        #expect(maps.overview.contains("rmap-tiles"))
    }

    @Test func projectionKeepsTheShape() {
        // A 1° × 1° square at 52°N is cos(52°) ≈ 0.616 as wide as it is high.
        let geo = Fixture.source([Fixture.polygonFeature(code: "A", [Fixture.square(5.0, 51.5, 1.0)])])
        let svg = RegionMapBuilder.build(regions: [Fixture.region("A")], geoJSON: [geo]).overview
        let box = SVGTree(svg).elements[0].attributes["viewBox"]!.split(separator: " ").compactMap { Double($0) }
        #expect(box.count == 4)
        let ratio = (box[2] - 8) / (box[3] - 8)
        #expect(abs(ratio - 0.6157) < 0.01, "\(box)")
        #expect(box[3] <= 600 && box[2] <= 500)
    }

    @Test func outputIsDeterministicAndOrderIndependent() {
        let regions = ["B", "A"].map { Fixture.region($0, vacant: $0 == "A") }
        let one = RegionMapBuilder.build(regions: regions, geoJSON: [Fixture.twoNeighbours])
        let two = RegionMapBuilder.build(regions: regions.reversed(), geoJSON: [Fixture.twoNeighbours])
        #expect(one.overview == two.overview)
        #expect(one.locators == two.locators)
        for d in paths(one.overview).values {
            #expect(d.allSatisfy { "M0123456789. Z".contains($0) }, "\(d)")
        }
    }

    @Test func locatorsAreSmallPicturesWithoutLinks() {
        let regions = [Fixture.region("A"), Fixture.region("B")]
        let maps = RegionMapBuilder.build(regions: regions, geoJSON: [Fixture.twoNeighbours])
        for code in ["A", "B"] {
            let tree = SVGTree(maps.locators[code]!)
            #expect(tree.ok)
            let svg = tree.elements[0]
            #expect(svg.attributes["role"] == "img")
            #expect(tree.all("a").isEmpty)
            let id = "rmap-loc-\(code)-title"
            #expect(svg.attributes["aria-labelledby"] == id)
            #expect(tree.all("title").first { $0.attributes["id"] == id }?.text == "Ligging van Regio \(code)")
            #expect(tree.all("path").filter { $0.attributes["class"] == "current" }.count == 1)
            let width = Double(svg.attributes["viewBox"]!.split(separator: " ")[2])!
            #expect(width <= 220)
        }
    }

    @Test func idsAreUniqueAcrossTheOverviewAndALocator() {
        let maps = RegionMapBuilder.build(regions: [Fixture.region("A"), Fixture.region("B")], geoJSON: [Fixture.twoNeighbours])
        let ids = [maps.overview, maps.locators["A"]!].flatMap { SVGTree($0).elements.compactMap { $0.attributes["id"] } }
        #expect(Set(ids).count == ids.count)
        #expect(ids.count == 4)
    }

    @Test func textIsEscaped() {
        var r = Fixture.region("A")
        r.name = "Noord & <Zuid> \"x\""
        r.url = "/regios/a/?x=1&y=2"
        let geo = Fixture.source([Fixture.polygonFeature(code: "A", [Fixture.square(5.0, 52.0, 0.2)])])
        let maps = RegionMapBuilder.build(regions: [r], geoJSON: [geo])
        let tree = SVGTree(maps.overview)
        #expect(tree.ok)
        #expect(tree.all("a").first?.attributes["href"] == "/regios/a/?x=1&y=2")
        #expect(tree.all("title").last?.text == "Noord & <Zuid> \"x\"")
    }
}

@Suite struct SimplifierTests {
    @Test func keepsEndsAndDropsSubPixelDetail() {
        let line = (0...100).map { MapPoint(x: Double($0), y: $0 % 2 == 0 ? 0 : 0.1) }
        #expect(Simplifier.keep(line, tolerance: 0.5) == [0, 100])
    }

    @Test func loopsKeepThreeDistinctPoints() {
        let loop = (0...40).map { i -> MapPoint in
            let a = Double(i % 40) / 40 * 2 * Double.pi
            return MapPoint(x: 0.2 * cos(a), y: 0.2 * sin(a))
        }
        let kept = Simplifier.keep(loop, tolerance: 1)
        #expect(kept.first == 0 && kept.last == 40)
        #expect(kept.count >= 4)
    }

    @Test func pathologicalSpiralStaysFast() {
        // A spiral with decaying radius makes plain Douglas–Peucker quadratic.
        let n = 200_000
        let spiral = (0..<n).map { i -> MapPoint in
            let t = Double(i) * 0.05
            let r = 1000 * exp(-Double(i) / Double(n) * 8)
            return MapPoint(x: r * cos(t), y: r * sin(t))
        }
        let kept = Simplifier.keep(spiral, tolerance: 0.5)
        #expect(kept.first == 0 && kept.last == n - 1)
        #expect(kept.count < n)
    }
}

@Suite struct RegionPointTests {
    @Test func aRegionPointOutsideItsBoundaryIsAWarning() {
        let geo = Fixture.source([Fixture.polygonFeature(code: "A", [Fixture.square(5.0, 52.0, 0.2)]),
                                  Fixture.polygonFeature(code: "B", [Fixture.square(5.2, 52.0, 0.2)])])
        let regions = [Fixture.region("A", lat: 52.1, lon: 5.1), Fixture.region("B", lat: 5.3, lon: 52.1)]
        let maps = RegionMapBuilder.build(regions: regions, geoJSON: [geo])
        #expect(maps.diagnostics.count == 1)
        #expect(maps.diagnostics.first?.regionCode == "B")
        #expect(maps.diagnostics.first?.message.contains("look swapped") == true)
    }
}

@Suite struct PathDataTests {
    @Test func relativeAndAbsoluteDescribeTheSameRings() {
        let rings = [[GridPoint(x: 10, y: 20), GridPoint(x: 13, y: 18), GridPoint(x: 7, y: 25)], [GridPoint(x: -5, y: 0), GridPoint(x: 0, y: -5), GridPoint(x: 5, y: 0)]]
        let abs = PathData.rings(rings, decimals: 1)
        let rel = PathData.relativeRings(rings, decimals: 1)
        #expect(abs == "M1 2 1.3 1.8 0.7 2.5ZM-0.5 0 0 -0.5 0.5 0Z")
        #expect(rel == "M1 2l.3-.2-.6.7zM-0.5 0l.5-.5.5.5z" || rel == "M1 2l0.3-0.2-0.6 0.7zM-0.5 0l0.5-0.5 0.5 0.5z")
        let round = { (r: [[[Double]]]) in r.map { $0.map { $0.map { ($0 * 1000).rounded() } } } }
        #expect(round(parseRings(abs)) == round(parseRings(rel)))
    }
}

@Suite struct SeveralFilesTests {
    @Test func aRegionInTwoFilesIsDrawnOnce() {
        let one = Fixture.source([Fixture.polygonFeature(code: "A", [Fixture.square(5.0, 52.0, 0.2)])], name: "content/kaart/a.geojson")
        let two = Fixture.source([Fixture.polygonFeature(code: "A", [Fixture.square(5.0, 52.0, 0.2)]),
                                  Fixture.polygonFeature(code: "B", [Fixture.square(5.2, 52.0, 0.2)])], name: "content/kaart/b.geojson")
        let maps = RegionMapBuilder.build(regions: [Fixture.region("A"), Fixture.region("B")], geoJSON: [two, one])
        #expect(maps.diagnostics.count == 1)
        #expect(maps.diagnostics.first?.source == "content/kaart/b.geojson")
        let tree = SVGTree(maps.overview)
        let a = tree.all("a").first { $0.attributes["data-code"] == "A" }!
        #expect(parseRings(tree.children(of: a, named: "path")[0].attributes["d"]!).count == 1)
        #expect(tree.all("a").count == 2)
    }
}
