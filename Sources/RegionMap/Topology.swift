/// Shared borders as shared arcs, so that simplification cannot open gaps or slivers between
/// neighbours: every ring is cut at its junctions (points where the rings meeting there stop
/// running together), each arc is stored once, and both neighbours refer to the same arc, one
/// of them backwards. Simplifying an arc once therefore changes both borders identically.
struct Topology {
    /// Every distinct position, in order of first appearance.
    var points: [GeoPoint]
    /// Arcs as indices into `points`. An arc runs between two junctions (both kept by any
    /// simplification), or is a closed loop (first == last) for a ring that meets no other.
    var arcs: [[Int]]
    /// Per region code, its rings (outer rings and holes alike; drawn with the even-odd rule).
    var rings: [String: [[ArcUse]]]

    struct ArcUse: Equatable {
        var arc: Int
        var reversed: Bool
    }

    /// Positions that are the same to 1e-7 degree (about a centimetre) are one point, so that
    /// two neighbours written with the same digits share their border.
    private struct Key: Hashable {
        var x: Int64
        var y: Int64
        init(_ p: GeoPoint) {
            x = Int64((p.longitude * 1e7).rounded())
            y = Int64((p.latitude * 1e7).rounded())
        }
    }

    /// `regions` maps a code to its rings (open rings of distinct consecutive points); the
    /// codes are visited in sorted order so that the arcs, and the output, are deterministic.
    init(regions: [String: [[GeoPoint]]]) {
        var points: [GeoPoint] = []
        var index: [Key: Int] = [:]
        let codes = regions.keys.sorted()
        var indexed: [(code: String, ring: [Int])] = []
        for code in codes {
            for ring in regions[code]! {
                var r: [Int] = []
                r.reserveCapacity(ring.count)
                for p in ring {
                    let k = Key(p)
                    let i: Int
                    if let found = index[k] {
                        i = found
                    } else {
                        i = points.count
                        index[k] = i
                        points.append(p)
                    }
                    if r.last != i { r.append(i) }
                }
                if r.count > 1, r.first == r.last { r.removeLast() }
                if r.count >= 3 { indexed.append((code, r)) }
            }
        }

        // A point is a junction when the rings through it do not all have the same two
        // neighbours there (in either direction).
        var neighbours = [(Int, Int)?](repeating: nil, count: points.count)
        var junction = [Bool](repeating: false, count: points.count)
        for (_, r) in indexed {
            let n = r.count
            for i in 0..<n {
                let a = r[(i + n - 1) % n], b = r[(i + 1) % n]
                let pair = a < b ? (a, b) : (b, a)
                if let seen = neighbours[r[i]] {
                    if seen != pair { junction[r[i]] = true }
                } else {
                    neighbours[r[i]] = pair
                }
            }
        }

        var arcs: [[Int]] = []
        var arcIndex: [[Int]: Int] = [:]
        var rings: [String: [[ArcUse]]] = [:]
        func use(_ seq: [Int]) -> ArcUse {
            let rev = Array(seq.reversed())
            // One canonical direction per arc: by its end points, or for a loop by its second point.
            let forward: Bool
            if seq.first! != seq.last! {
                forward = seq.first! < seq.last!
            } else {
                forward = seq.count < 3 || seq[1] <= rev[1]
            }
            let canonical = forward ? seq : rev
            if let i = arcIndex[canonical] { return ArcUse(arc: i, reversed: !forward) }
            arcIndex[canonical] = arcs.count
            arcs.append(canonical)
            return ArcUse(arc: arcs.count - 1, reversed: !forward)
        }
        for (code, r) in indexed {
            let n = r.count
            let cuts = (0..<n).filter { junction[r[$0]] }
            var uses: [ArcUse] = []
            if cuts.isEmpty {
                // A ring alone (an island, or an enclave and the hole it fills): start at the
                // lowest point index so that both rings of an enclave give the same loop.
                let s = r.indices.min(by: { r[$0] < r[$1] })!
                var seq = Array(r[s...] + r[..<s])
                seq.append(seq[0])
                uses.append(use(seq))
            } else {
                for (k, c) in cuts.enumerated() {
                    let next = k + 1 < cuts.count ? cuts[k + 1] : cuts[0] + n
                    var seq: [Int] = []
                    seq.reserveCapacity(next - c + 1)
                    for i in c...next { seq.append(r[i % n]) }
                    uses.append(use(seq))
                }
            }
            rings[code, default: []].append(uses)
        }
        self.points = points
        self.arcs = arcs
        self.rings = rings
    }
}
