import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import RegionMap

/// ../shared beside the repository root (the folder holding Package.swift), if present.
func sharedFolder(_ file: String = #filePath) -> URL? {
    var dir = URL(fileURLWithPath: file).deletingLastPathComponent()
    while dir.path != "/" {
        if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
            let shared = dir.deletingLastPathComponent().appendingPathComponent("shared")
            return FileManager.default.fileExists(atPath: shared.path) ? shared : nil
        }
        dir = dir.deletingLastPathComponent()
    }
    return nil
}

/// The 42 regions of shared/data/jeugdregios.csv as MapRegions (nil when the file is absent).
func realRegions(vacant: Set<String> = ["JZ05", "JZ17", "JZ30"]) -> [MapRegion]? {
    guard let shared = sharedFolder(),
          let text = try? String(contentsOf: shared.appendingPathComponent("data/jeugdregios.csv"), encoding: .utf8) else { return nil }
    var out: [MapRegion] = []
    for line in text.split(separator: "\n").dropFirst() {
        let f = csvFields(String(line))
        guard f.count >= 6 else { continue }
        let letters = f[1].unicodeScalars.filter { CharacterSet.letters.contains($0) }
        let label = String(String.UnicodeScalarView(letters.prefix(3))).uppercased()
        out.append(MapRegion(code: f[0], name: f[1], shortLabel: label, url: "/regios/\(f[0].lowercased())/",
                             latitude: Double(f[4]), longitude: Double(f[5]), isVacant: vacant.contains(f[0])))
    }
    return out
}

func realGeoJSON(_ name: String = "jeugdregio_2025.geojson") -> GeoJSONSource? {
    guard let shared = sharedFolder(),
          let text = try? String(contentsOf: shared.appendingPathComponent("data/geo/\(name)"), encoding: .utf8) else { return nil }
    return GeoJSONSource(name: "content/kaart/\(name)", text: text)
}

func csvFields(_ line: String) -> [String] {
    var fields: [String] = []
    var current = ""
    var quoted = false
    var it = Array(line).makeIterator()
    var pending: Character? = nil
    while let c = pending ?? it.next() {
        pending = nil
        if quoted {
            if c == "\"" {
                if let n = it.next() {
                    if n == "\"" { current.append("\"") } else { quoted = false; pending = n }
                } else { quoted = false }
            } else { current.append(c) }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            fields.append(current); current = ""
        } else {
            current.append(c)
        }
    }
    fields.append(current)
    return fields
}

/// An SVG read back with XMLParser: its elements in document order, with attributes, parent
/// chain and text, so tests check structure rather than strings.
final class SVGTree: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var parent: Int?
        var text: String = ""
        var children: [Int] = []
    }
    private(set) var elements: [Element] = []
    private var stack: [Int] = []
    private(set) var error: Error?

    init(_ svg: String) {
        super.init()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = self
        if !parser.parse() { error = parser.parserError ?? NSError(domain: "xml", code: 1) }
    }

    var ok: Bool { error == nil && !elements.isEmpty }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        let e = Element(name: name, attributes: attributes, parent: stack.last)
        elements.append(e)
        if let p = stack.last { elements[p].children.append(elements.count - 1) }
        stack.append(elements.count - 1)
    }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let top = stack.last { elements[top].text += string }
    }

    func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }
    func children(of e: Element, named name: String) -> [Element] {
        e.children.map { elements[$0] }.filter { $0.name == name }
    }
}

/// The rings of path data as the maps write it: `M x y x y ...Z` (absolute) or
/// `M x y l dx dy ...z` (relative line-tos, `-` also separating numbers).
func parseRings(_ d: String) -> [[[Double]]] {
    var rings: [[[Double]]] = []
    var ring: [[Double]] = []
    var relative = false
    var numbers: [Double] = []
    var token = ""
    func flushNumber() {
        if let v = Double(token) { numbers.append(v) }
        token = ""
    }
    func flushPairs() {
        var i = 0
        while i + 1 < numbers.count {
            if relative, let last = ring.last {
                ring.append([last[0] + numbers[i], last[1] + numbers[i + 1]])
            } else {
                ring.append([numbers[i], numbers[i + 1]])
            }
            i += 2
        }
        numbers = []
    }
    for c in d {
        switch c {
        case "M", "l", "Z", "z":
            flushNumber(); flushPairs()
            if c == "M" { if !ring.isEmpty { rings.append(ring) }; ring = []; relative = false }
            if c == "l" { relative = true }
            if c == "Z" || c == "z" { rings.append(ring); ring = [] }
        case " ":
            flushNumber()
        case "-":
            flushNumber(); token = "-"
        default:
            token.append(c)
        }
    }
    flushNumber(); flushPairs()
    if !ring.isEmpty { rings.append(ring) }
    return rings
}
