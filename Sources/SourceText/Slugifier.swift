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
        var out = String.UnicodeScalarView()
        var pendingDash = false
        // Pure ASCII is the common case (and needs no decomposition).
        let source = text.utf8.allSatisfy { $0 < 0x80 } ? text : text.decomposedStringWithCanonicalMapping
        for scalar in source.unicodeScalars {
            if isApostrophe(scalar) || isCombiningMark(scalar) { continue }
            if let folded = fold(scalar) {
                if pendingDash, !out.isEmpty { out.append("-") }
                pendingDash = false
                out.append(contentsOf: folded.unicodeScalars)
            } else {
                pendingDash = true
            }
        }
        return String(out)
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

    /// The lower-cased form of a letter or digit (after decomposition), or nil for anything else.
    private static func fold(_ s: Unicode.Scalar) -> String? {
        if s.value < 0x80 {
            switch s.value {
            case 0x30...0x39, 0x61...0x7A: return String(s)
            case 0x41...0x5A: return String(Unicode.Scalar(s.value + 32)!)
            default: return nil
            }
        }
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
