/// Douglas–Peucker line simplification, iterative (an explicit stack, so a long arc cannot
/// exhaust the call stack). The end points are always kept: for arcs they are the junctions
/// that neighbouring regions share.
///
/// Douglas–Peucker takes O(n log n) on real boundaries but O(n²) on contrived ones (a spiral
/// splits one point off per pass), so the work is budgeted: past 64 distance evaluations per
/// point the arc is thinned by a linear radial-distance pass instead. Both are deterministic.
enum Simplifier {
    /// The indices of `points` to keep, in order, for a tolerance in map units.
    static func keep(_ points: [MapPoint], tolerance: Double) -> [Int] {
        let n = points.count
        guard n > 2 else { return Array(0..<n) }
        var kept = [Bool](repeating: false, count: n)
        kept[0] = true
        kept[n - 1] = true
        var stack: [(Int, Int)] = []
        let closed = points[0] == points[n - 1]
        if closed {
            // A loop: its two end points coincide, so split it at the point farthest from them
            // and simplify both halves; keep one more point if the result would be flat.
            var far = 1
            var best = -1.0
            for i in 1..<(n - 1) {
                let d = squaredDistance(points[i], points[0])
                if d > best { best = d; far = i }
            }
            kept[far] = true
            stack.append((0, far))
            stack.append((far, n - 1))
        } else {
            stack.append((0, n - 1))
        }
        let tol2 = tolerance * tolerance
        var budget = 64 * n
        while let (a, b) = stack.popLast() {
            guard b - a > 1 else { continue }
            budget -= b - a - 1
            if budget < 0 { return radial(points, tolerance: tolerance) }
            var far = -1
            var best = -1.0
            for i in (a + 1)..<b {
                let d = segmentDistanceSquared(points[i], points[a], points[b])
                if d > best { best = d; far = i }
            }
            if best > tol2 {
                kept[far] = true
                stack.append((a, far))
                stack.append((far, b))
            }
        }
        if closed, kept.lazy.filter({ $0 }).count < 4 {
            // A loop needs three distinct points to enclose anything: add the one farthest
            // from the line through the two it has.
            let far = kept.firstIndex(where: { $0 })!
            let other = (1..<(n - 1)).first(where: { kept[$0] }) ?? far
            var pick = -1
            var best = -1.0
            for i in 1..<(n - 1) where !kept[i] {
                let d = segmentDistanceSquared(points[i], points[far], points[other])
                if d > best { best = d; pick = i }
            }
            if pick >= 0 { kept[pick] = true }
        }
        return (0..<n).filter { kept[$0] }
    }

    /// Keeps a point only when it is at least `tolerance` from the last point kept (and the
    /// last point always): linear time whatever the input.
    static func radial(_ points: [MapPoint], tolerance: Double) -> [Int] {
        let n = points.count
        var out = [0]
        let tol2 = tolerance * tolerance
        for i in 1..<(n - 1) where squaredDistance(points[i], points[out.last!]) >= tol2 { out.append(i) }
        out.append(n - 1)
        if points[0] == points[n - 1], out.count < 4, n >= 4 {
            // A loop keeps enough points to enclose something.
            out = [0, n / 3, (2 * n) / 3, n - 1]
        }
        return out
    }

    static func squaredDistance(_ p: MapPoint, _ q: MapPoint) -> Double {
        let dx = p.x - q.x, dy = p.y - q.y
        return dx * dx + dy * dy
    }

    static func segmentDistanceSquared(_ p: MapPoint, _ a: MapPoint, _ b: MapPoint) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let len2 = dx * dx + dy * dy
        if len2 == 0 { return squaredDistance(p, a) }
        var t = ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2
        t = max(0, min(1, t))
        return squaredDistance(p, MapPoint(x: a.x + t * dx, y: a.y + t * dy))
    }
}
