import Testing
@testable import RegionMap

@Suite struct TileMapTests {
    /// Tile centres by region code, read back from the overview's label positions.
    func centres(_ svg: String) -> [String: String] {
        let tree = SVGTree(svg)
        var out: [String: String] = [:]
        for a in tree.all("a") {
            let d = tree.children(of: a, named: "path").first!.attributes["d"]!
            out[a.attributes["data-code"]!] = d
        }
        return out
    }

    static let grid: [MapRegion] = (0..<30).map { i in
        // A crowded cluster and a sparse fringe, so collisions must be resolved.
        let lat = 51.0 + Double(i % 6) * (i < 15 ? 0.05 : 0.5)
        let lon = 4.0 + Double(i / 6) * (i < 15 ? 0.05 : 0.7)
        return Fixture.region("R\(i < 10 ? "0" : "")\(i)", vacant: i % 7 == 0, lat: lat, lon: lon)
    }

    @Test func noTwoRegionsShareATile() {
        let layout = TileLayout(regions: Self.grid)
        #expect(layout.tiles.count == Self.grid.count)
        #expect(Set(layout.tiles.values).count == Self.grid.count)
        let maps = RegionMapBuilder.build(regions: Self.grid, geoJSON: [])
        #expect(maps.diagnostics.isEmpty)
        let shapes = centres(maps.overview)
        #expect(shapes.count == Self.grid.count)
        #expect(Set(shapes.values).count == Self.grid.count)
    }

    @Test func tileMapIsDeterministic() {
        let a = RegionMapBuilder.build(regions: Self.grid, geoJSON: [])
        let b = RegionMapBuilder.build(regions: Self.grid.reversed(), geoJSON: [])
        #expect(a.overview == b.overview)
        #expect(a.locators == b.locators)
    }

    @Test func layoutFollowsGeography() {
        let regions = [Fixture.region("N", lat: 53.2, lon: 6.5), Fixture.region("S", lat: 50.9, lon: 5.8),
                       Fixture.region("W", lat: 51.5, lon: 3.8), Fixture.region("E", lat: 52.3, lon: 6.8),
                       Fixture.region("M", lat: 52.1, lon: 5.1)]
        let t = TileLayout(regions: regions).tiles
        #expect(t["N"]!.row < t["M"]!.row && t["M"]!.row < t["S"]!.row)
        #expect(TileLayout.centerX(t["W"]!) < TileLayout.centerX(t["M"]!) && TileLayout.centerX(t["M"]!) < TileLayout.centerX(t["E"]!))
    }

    @Test func fixedTilesAreKeptAndCollisionsMoved() {
        let regions = [Fixture.region("A", tile: TilePosition(column: 2, row: 1)),
                       Fixture.region("B", tile: TilePosition(column: 2, row: 1)),
                       Fixture.region("C", tile: TilePosition(column: 0, row: 0))]
        let layout = TileLayout(regions: regions)
        #expect(layout.tiles["A"] == TilePosition(column: 2, row: 1))
        #expect(layout.tiles["C"] == TilePosition(column: 0, row: 0))
        #expect(layout.tiles["B"] != TilePosition(column: 2, row: 1))
        #expect(Set(layout.tiles.values).count == 3)
        #expect(layout.diagnostics.count == 1 && layout.diagnostics[0].regionCode == "B")
    }

    @Test func pointsFitTheEditorsTiles() {
        // Two anchors fix the grid; a third region between them lands between them.
        let regions = [Fixture.region("A", lat: 53.0, lon: 4.0, tile: TilePosition(column: 0, row: 0)),
                       Fixture.region("B", lat: 51.0, lon: 7.0, tile: TilePosition(column: 6, row: 6)),
                       Fixture.region("C", lat: 52.0, lon: 5.5)]
        let t = TileLayout(regions: regions).tiles
        #expect(t["C"]!.row == 3)
        #expect((2...4).contains(t["C"]!.column))
    }

    @Test func regionsWithoutAPositionGoInARowWithAWarning() {
        let regions = [Fixture.region("A", lat: 52.0, lon: 5.0), Fixture.region("B", lat: 52.5, lon: 5.5),
                       Fixture.region("X"), Fixture.region("Y")]
        let maps = RegionMapBuilder.build(regions: regions, geoJSON: [])
        #expect(maps.diagnostics.map(\.regionCode) == ["X", "Y"])
        #expect(maps.diagnostics.allSatisfy { $0.severity == .warning && $0.source == nil })
        let layout = TileLayout(regions: regions)
        #expect(layout.tiles["X"]!.row == layout.tiles["Y"]!.row)
        #expect(layout.tiles["X"]!.row > max(layout.tiles["A"]!.row, layout.tiles["B"]!.row))
        #expect(Set(layout.tiles.values).count == 4)
    }

    @Test func tilesAreLinkedLabelledAndMarkVacancy() {
        let maps = RegionMapBuilder.build(regions: Self.grid, geoJSON: [])
        let tree = SVGTree(maps.overview)
        #expect(tree.ok)
        #expect(tree.elements[0].attributes["aria-labelledby"] == "rmap-title rmap-desc")
        let links = tree.all("a")
        #expect(links.count == Self.grid.count)
        for (a, r) in zip(links, Self.grid) {
            #expect(a.attributes["href"] == r.url)
            #expect(tree.children(of: a, named: "title").map(\.text) == [r.name])
            #expect(tree.children(of: a, named: "text").map(\.text) == [r.shortLabel])
            #expect(a.attributes["class"] == (r.isVacant ? "region vacant" : "region"))
        }
        #expect(maps.overview.contains("<pattern id=\"rmap-hatch\""))
    }

    @Test func tileLocatorsHighlightOneTile() {
        let maps = RegionMapBuilder.build(regions: Self.grid, geoJSON: [])
        #expect(maps.locators.count == Self.grid.count)
        for r in Self.grid {
            let tree = SVGTree(maps.locators[r.code]!)
            #expect(tree.ok)
            #expect(tree.all("a").isEmpty)
            #expect(tree.all("path").filter { $0.attributes["class"] == "current" }.count == 1)
            #expect(parseRings(tree.all("path").first { $0.attributes["class"] == "region" }!.attributes["d"]!).count == Self.grid.count - 1)
        }
    }

    @Test func emptyRegionListIsStillAnSVG() {
        let maps = RegionMapBuilder.build(regions: [], geoJSON: [])
        #expect(SVGTree(maps.overview).ok)
        #expect(maps.locators.isEmpty)
        let geo = RegionMapBuilder.build(regions: [], geoJSON: [Fixture.twoNeighbours])
        #expect(SVGTree(geo.overview).ok)
    }

    @Test func assignmentIsOptimal() {
        // Greedy row-by-row would give row 0 column 0 (cost 0) and row 1 column 1 (cost 10).
        let cost: [[Double]] = [[0, 1, 9], [1, 10, 9]]
        #expect(Assignment.minimumCost(cost) == [1, 0])
    }
}

@Suite struct ManyTilesTests {
    @Test func manyRegionsArePlacedGreedilyWithoutCollisions() {
        let regions = (0..<400).map { i in
            Fixture.region("R\(1000 + i)", lat: 51 + Double(i % 20) * 0.01, lon: 4 + Double(i / 20) * 0.01)
        }
        let layout = TileLayout(regions: regions)
        #expect(Set(layout.tiles.values).count == 400)
    }
}
