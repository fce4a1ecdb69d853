import Foundation

/// The contract's `slugify`: shared by the Markdown engine (heading ids) and the
/// template filter `slugify`, because a link to `#anchor` must find the id that the
/// heading got, so the two must never disagree.
///
/// Rules (content-model.md): lower-case; accents folded (`Súdwest-Fryslân` →
/// `sudwest-fryslan`); apostrophes dropped (`regio's` → `regios`); every other run of
/// characters that are not letters or digits becomes one `-`; `-` stripped from both ends.
public enum Slugifier {
    public static func slugify(_ text: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count)
        var pendingDash = false
        func emit(_ bytes: some Sequence<UInt8>) {
            if pendingDash, !out.isEmpty { out.append(UInt8(ascii: "-")) }
            pendingDash = false
            out.append(contentsOf: bytes)
        }
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII, the common case: one pass over the bytes, nothing allocated per character.
            for b in text.utf8 {
                switch b {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): emit(CollectionOfOne(b))
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): emit(CollectionOfOne(b + 32))
                case UInt8(ascii: "'"), UInt8(ascii: "`"): continue
                default: pendingDash = true
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        // Canonical decomposition first, so that accents become combining marks to drop.
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if isApostrophe(scalar) || isCombiningMark(scalar) { continue }
            if scalar.value < 0x80 {
                let b = UInt8(scalar.value)
                switch b {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): emit(CollectionOfOne(b))
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): emit(CollectionOfOne(b + 32))
                default: pendingDash = true
                }
            } else if let folded = fold(scalar) {
                emit(folded.utf8)
            } else {
                pendingDash = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isApostrophe(_ s: Unicode.Scalar) -> Bool {
        s == "'" || s == "\u{2019}" || s == "\u{2018}" || s == "`" || s == "\u{02BC}"
    }

    private static func isCombiningMark(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x300 { return false }
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// The lower-cased form of a non-ASCII letter or digit (after decomposition), or nil for anything else.
    private static func fold(_ s: Unicode.Scalar) -> String? {
        // Letters without a canonical decomposition that still have a plain Latin reading.
        switch s {
        case "ß": return "ss"
        case "æ", "Æ": return "ae"
        case "œ", "Œ": return "oe"
        case "ø", "Ø": return "o"
        case "đ", "Đ", "ð", "Ð": return "d"
        case "ł", "Ł": return "l"
        case "þ", "Þ": return "th"
        case "ı": return "i"
        default: break
        }
        let props = s.properties
        guard props.isAlphabetic || props.numericType != nil else { return nil }
        return props.lowercaseMapping
    }
}
