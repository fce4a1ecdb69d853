import Foundation
import Testing
@testable import RegionMap

/// The real CBS boundaries from ../shared (never committed); skipped when absent.
@Suite struct RealDataTests {
    @Test func realBoundaryMapIsSmallAndComplete() throws {
        guard let regions = realRegions(), let geo = realGeoJSON() else { return }
        let maps = RegionMapBuilder.build(regions: regions, geoJSON: [geo])
        #expect(regions.count == 42)
        #expect(maps.diagnostics.isEmpty, "\(maps.diagnostics)")
        #expect(maps.overview.utf8.count < 150_000)
        let tree = SVGTree(maps.overview)
        #expect(tree.ok)
        let links = tree.all("a")
        #expect(links.count == 42)
        #expect(Set(links.compactMap { $0.attributes["href"] }).count == 42)
        for (a, r) in zip(links, regions.sorted { $0.code < $1.code }) {
            #expect(a.attributes["href"] == r.url)
            #expect(tree.children(of: a, named: "title").map(\.text) == [r.name])
        }
        for svg in maps.locators.values { #expect(SVGTree(svg).ok) }
        let tiles = RegionMapBuilder.build(regions: regions, geoJSON: [])
        #expect(tiles.diagnostics.isEmpty)
        #expect(SVGTree(tiles.overview).all("a").count == 42)
        #expect(Set(TileLayout(regions: regions.sorted { $0.code < $1.code }).tiles.values).count == 42)
        #expect(maps.overview.contains("rmap-geo"))
        #expect(maps.locators.count == 42)
        for (_, svg) in maps.locators { #expect(svg.utf8.count < 15_000) }
        if let dir = ProcessInfo.processInfo.environment["RMAP_PREVIEW"] {
            try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let tiles = RegionMapBuilder.build(regions: regions, geoJSON: [])
            let page = { (body: String) in "<!doctype html><html lang=\"nl\"><meta charset=\"utf-8\"><title>map</title><body style=\"font-family:sans-serif\">\(body)</body></html>" }
            try page(maps.overview + maps.locators["JZ13"]! + maps.locators["JZ01"]!).write(toFile: dir + "/geo.html", atomically: true, encoding: .utf8)
            try page(tiles.overview + tiles.locators["JZ13"]! + tiles.locators["JZ01"]!).write(toFile: dir + "/tiles.html", atomically: true, encoding: .utf8)
            print("overview \(maps.overview.utf8.count) bytes; locators \(maps.locators.values.map { $0.utf8.count }.min()!)–\(maps.locators.values.map { $0.utf8.count }.max()!) bytes; tiles \(tiles.overview.utf8.count); tile diagnostics \(tiles.diagnostics)")
        }
    }

    @Test func rdCoordinatesFallBackToTiles() throws {
        guard let regions = realRegions(), let geo = realGeoJSON("jeugdregio_2025_rd.geojson") else { return }
        let maps = RegionMapBuilder.build(regions: regions, geoJSON: [geo])
        let errors = maps.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.source == "content/kaart/jeugdregio_2025_rd.geojson")
        #expect(errors.first?.location != nil)
        #expect(maps.overview.contains("rmap-tiles"))
    }
}
