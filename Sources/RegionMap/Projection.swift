import Foundation

/// A point on the map, in viewBox units (y grows downwards).
struct MapPoint: Equatable {
    var x: Double
    var y: Double
}

/// An equirectangular projection with longitude scaled by the cosine of the mean latitude
/// (content-model.md, "The map"): over a country the size of the Netherlands that keeps the
/// shape within a few per cent, and it is cheap and exact to reproduce.
struct Projection {
    let originLongitude: Double
    let topLatitude: Double
    let xFactor: Double
    let scale: Double
    let padding: Double
    /// The viewBox size, whole units.
    let width: Int
    let height: Int

    /// The projection that frames `bounds` in a box of at most `maxWidth` × `maxHeight` units
    /// (padding included), keeping the aspect ratio.
    init(framing bounds: GeoBounds, maxWidth: Double, maxHeight: Double, padding: Double) {
        let meanLatitude = (bounds.minLatitude + bounds.maxLatitude) / 2
        xFactor = cos(meanLatitude * Double.pi / 180)
        originLongitude = bounds.minLongitude
        topLatitude = bounds.maxLatitude
        self.padding = padding
        let spanX = max((bounds.maxLongitude - bounds.minLongitude) * xFactor, 1e-9)
        let spanY = max(bounds.maxLatitude - bounds.minLatitude, 1e-9)
        scale = min((maxWidth - 2 * padding) / spanX, (maxHeight - 2 * padding) / spanY)
        width = Int((spanX * scale + 2 * padding).rounded(.up))
        height = Int((spanY * scale + 2 * padding).rounded(.up))
    }

    func project(_ p: GeoPoint) -> MapPoint {
        MapPoint(x: padding + (p.longitude - originLongitude) * xFactor * scale,
                 y: padding + (topLatitude - p.latitude) * scale)
    }
}

extension GeoBounds {
    /// The bounding box of some positions (nil when there are none).
    init?<S: Sequence>(enclosing points: S) where S.Element == GeoPoint {
        var it = points.makeIterator()
        guard let first = it.next() else { return nil }
        self.init(minLatitude: first.latitude, maxLatitude: first.latitude,
                  minLongitude: first.longitude, maxLongitude: first.longitude)
        while let p = it.next() {
            minLatitude = min(minLatitude, p.latitude)
            maxLatitude = max(maxLatitude, p.latitude)
            minLongitude = min(minLongitude, p.longitude)
            maxLongitude = max(maxLongitude, p.longitude)
        }
    }
}
