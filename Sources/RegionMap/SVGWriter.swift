import SourceText
/// Numbers as the SVGs write them: fixed decimals, no locale, no exponent, no `-0`,
/// trailing zeros dropped, so the same map always gives the same bytes.
enum SVGNumber {
    /// `value` in units of 10^-decimals, rounded half away from zero.
    static func quantize(_ value: Double, decimals: Int) -> Int {
        let scaled = (value * power(decimals)).rounded()
        guard scaled.isFinite, abs(scaled) < 1e15 else { return 0 }
        return Int(scaled)
    }

    /// A quantized value written out: `quantized` × 10^-decimals.
    static func text(quantized: Int, decimals: Int) -> String {
        if quantized == 0 { return "0" }
        let negative = quantized < 0
        let magnitude = quantized.magnitude
        let unit = UInt(power(decimals))
        let whole = magnitude / unit
        var fraction = magnitude % unit
        var out = negative ? "-" : ""
        out += String(whole)
        if decimals > 0, fraction != 0 {
            var digits = decimals
            while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
            let f = String(fraction)
            out += "." + String(repeating: "0", count: digits - f.count) + f
        }
        return out
    }

    static func fixed(_ value: Double, decimals: Int) -> String {
        text(quantized: quantize(value, decimals: decimals), decimals: decimals)
    }

    /// For messages: up to six decimals.
    static func plain(_ value: Double) -> String {
        fixed(value, decimals: 6)
    }

    private static func power(_ decimals: Int) -> Double {
        var p = 1.0
        for _ in 0..<max(0, decimals) { p *= 10 }
        return p
    }
}

/// A map point rounded to the output grid; equality here is equality of the written text.
struct GridPoint: Hashable {
    var x: Int
    var y: Int
}

enum XML {
    /// Escapes for text and for attribute values in double quotes.
    static func escape(_ s: String) -> String { MarkupEscaping.escape(s) }

    /// An id made safe for `id` attributes and `url(#...)`: letters, digits, `-` and `_`.
    static func idPart(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x5F: out.unicodeScalars.append(scalar)
            default: out += "_"
            }
        }
        return out
    }
}

/// Path data for closed rings: `M x y x y ...Z` per ring (the pairs after `M` are implicit
/// line-tos), numbers on the quantized grid.
enum PathData {
    static func rings(_ rings: [[GridPoint]], decimals: Int) -> String {
        var d = ""
        for ring in rings {
            var first = true
            for p in ring {
                d += first ? "M" : " "
                first = false
                d += SVGNumber.text(quantized: p.x, decimals: decimals)
                d += " "
                d += SVGNumber.text(quantized: p.y, decimals: decimals)
            }
            if !first { d += "Z" }
        }
        return d
    }
}

extension PathData {
    /// The same rings, smaller: `M x y` then relative line-tos (`l dx dy ...`), a minus sign
    /// doubling as separator. For locators, whose borders need no comparing by text.
    static func relativeRings(_ rings: [[GridPoint]], decimals: Int) -> String {
        var d = ""
        for ring in rings {
            guard let first = ring.first else { continue }
            d += "M" + SVGNumber.text(quantized: first.x, decimals: decimals) + " " + SVGNumber.text(quantized: first.y, decimals: decimals)
            var previous = first
            var needsSeparator = false
            if ring.count > 1 { d += "l" }
            for p in ring.dropFirst() {
                for delta in [p.x - previous.x, p.y - previous.y] {
                    let t = SVGNumber.text(quantized: delta, decimals: decimals)
                    if needsSeparator, t.first != "-" { d += " " }
                    d += t
                    needsSeparator = true
                }
                previous = p
            }
            d += "z"
        }
        return d
    }
}

/// The `<style>` every map carries, so a map looks right in any page. It is written for a
/// `<style>` inside inline SVG, which applies to the whole page:
/// - every selector is inside `:where()`, so it has no specificity and any rule of the theme
///   wins over it (these are defaults, not a fight);
/// - the overview's rules only match inside `.rmap-overview` and a locator's only inside
///   `.rmap-locator`, so an overview and a locator on one page cannot override each other
///   whatever their order, and within one block the later rule wins (vacant over plain,
///   hover and focus over vacant).
/// Colours are custom properties with high-contrast defaults. Vacancy is hatching (a texture,
/// not a colour alone); focus is a thick dark outline plus the hover fill; forced-colours mode
/// gets system colours.
enum MapStyle {
    static func css(hatchID: String?, locator: Bool) -> String {
        var css = ":where(.rmap){max-width:100%;height:auto}"
        if locator {
            css += ":where(.rmap-locator path.region){fill:var(--rmap-fill,#cfe0f1);stroke:var(--rmap-stroke,#1f3a5f);stroke-width:.5px;stroke-linejoin:round;vector-effect:non-scaling-stroke}"
            css += ":where(.rmap-locator .current){fill:var(--rmap-current,#c8102e);stroke:var(--rmap-current-stroke,#000);stroke-width:1px;stroke-linejoin:round;vector-effect:non-scaling-stroke}"
            css += ":where(.rmap-locator circle.current){stroke:#fff}"
            css += "@media (forced-colors:active){:where(.rmap-locator path.region){fill:Canvas;stroke:CanvasText}:where(.rmap-locator .current){fill:Highlight}}"
            return "<style>" + css + "</style>"
        }
        css += ":where(.rmap-overview .region path){fill:var(--rmap-fill,#cfe0f1);stroke:var(--rmap-stroke,#1f3a5f);stroke-width:1px;stroke-linejoin:round;vector-effect:non-scaling-stroke}"
        if let hatchID {
            css += ":where(.rmap-overview .region.vacant path){fill:var(--rmap-vacant,url(#\(hatchID)))}"
            css += ":where(.rmap-overview .hatch-bg){fill:var(--rmap-vacant-bg,#fff)}:where(.rmap-overview .hatch-line){stroke:var(--rmap-vacant-line,#5d6b7e)}"
        }
        css += ":where(.rmap-tiles .region.vacant path){stroke-dasharray:4 3}"
        css += ":where(.rmap-overview a.region:hover path,.rmap-overview a.region:focus path){fill:var(--rmap-hover,#ffd23f)}"
        css += ":where(.rmap-overview a.region:focus-visible path){stroke:var(--rmap-focus,#000);stroke-width:3px}"
        css += ":where(.rmap-overview a.region:focus-visible){outline:2px solid var(--rmap-focus,#000);outline-offset:1px}"
        css += ":where(.rmap-overview text){font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-weight:600;fill:var(--rmap-text,#111);stroke:var(--rmap-text-halo,#fff);stroke-width:3px;stroke-linejoin:round;paint-order:stroke;pointer-events:none}"
        css += "@media (forced-colors:active){:where(.rmap-overview .region path){fill:Canvas;stroke:CanvasText}"
        css += ":where(.rmap-overview a.region:hover path,.rmap-overview a.region:focus path){fill:Highlight}:where(.rmap-overview text){fill:CanvasText;stroke:none}}"
        return "<style>" + css + "</style>"
    }

    static func hatchPattern(id: String) -> String {
        "<defs><pattern id=\"\(id)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
            + "<rect class=\"hatch-bg\" width=\"6\" height=\"6\"/><path class=\"hatch-line\" d=\"M0 0V6\" stroke-width=\"2.5\"/></pattern></defs>"
    }

    /// The opening tag and the accessible name of a map.
    static func open(classes: String, width: Int, height: Int, labelledBy: String, role: String?) -> String {
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"\(classes)\" viewBox=\"0 0 \(width) \(height)\""
        s += " width=\"\(width)\" height=\"\(height)\""
        if let role { s += " role=\"\(role)\"" }
        s += " aria-labelledby=\"\(labelledBy)\">"
        return s
    }
}
