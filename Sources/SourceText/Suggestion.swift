/// "Did you mean ...?": the candidate nearest to a misspelt word.
public enum Suggestion {
    /// The candidate with the smallest edit distance to `word`, when it is close enough to be a
    /// likely typo (at most a third of its length, and at least 2 edits allowed); ties go to the
    /// earlier candidate, so pass candidates in a stable order.
    public static func nearest(to word: String, in candidates: some Sequence<String>) -> String? {
        let w = Array(word.utf8)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let c = Array(candidate.utf8)
            let limit = max(2, max(c.count, w.count) / 3)
            if abs(c.count - w.count) > limit { continue }
            let d = editDistance(w, c)
            if d <= limit, best == nil || d < best!.distance { best = (candidate, d) }
        }
        return best?.candidate
    }

    /// Damerau–Levenshtein distance (optimal string alignment) over bytes: a swapped pair
    /// of letters, the commonest typo, counts as one edit.
    public static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        var d = [Int](repeating: 0, count: (a.count + 1) * width)
        for j in 0...b.count { d[j] = j }
        for i in 1...a.count {
            d[i * width] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(d[(i - 1) * width + j] + 1, d[i * width + j - 1] + 1, d[(i - 1) * width + j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    v = min(v, d[(i - 2) * width + j - 2] + 1)
                }
                d[i * width + j] = v
            }
        }
        return d[a.count * width + b.count]
    }
}
