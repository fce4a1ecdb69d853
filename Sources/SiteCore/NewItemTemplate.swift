import SourceText

/// The starting text of a new content file (`bj42 new`): every key of its collection,
/// required ones filled where a sensible value exists, the others as comments saying what they mean.
public enum NewItemTemplate {
    /// The collection whose folder is `name`, or nil.
    public static func collection(named name: String) -> ContentCollection? { ContentCollection(rawValue: name) }

    public static var collectionNames: [String] { ContentCollection.allCases.map(\.folder) }

    /// nil when `slug` is usable; else the diagnostic to print (at the would-be file's line 1).
    public static func slugProblem(_ slug: String, file: String) -> Diagnostic? {
        guard let problem = SlugRule.problem(with: slug) else { return nil }
        return .error(file, .start, "the slug '\(slug)' \(problem)", suggestion: SlugRule.suggestion(for: slug))
    }

    /// The file's text. `title` defaults to the slug with dashes as spaces, capitalised.
    public static func text(for collection: ContentCollection, slug: String, title: String?, today: SiteDate) -> String {
        let title = title ?? defaultTitle(slug)
        var lines = ["---", "title: \(quoted(title))"]
        func comment(_ key: String, _ meaning: String) { lines.append("# \(key): \(meaning)") }
        switch collection {
        case .pages:
            comment("summary", "een of twee zinnen voor lijsten en zoekmachines")
            comment("weight", "volgorde in lijsten (lager eerst), bijvoorbeeld 10")
        case .themes:
            lines.append("summary: \(quoted("Korte samenvatting van het thema."))")
            comment("weight", "volgorde op de themapagina (lager eerst), bijvoorbeeld 10")
        case .news:
            lines.append("date: \(today)")
            lines.append("summary: \(quoted("Korte samenvatting van het bericht."))")
            comment("themes", "thema's van dit bericht, als lijst van slugs: [slug-van-een-thema]")
            comment("regions", "regio's van dit bericht, als lijst van slugs: [twente]")
        case .meetings:
            lines.append("date: \(today)")
            comment("start", "begintijd, tussen aanhalingstekens: \"13:30\"")
            comment("end", "eindtijd: \"16:00\"")
            comment("location", "waar de bijeenkomst is")
            comment("host_region", "slug van de regio die gastheer is, bijvoorbeeld twente")
            comment("themes", "thema's op de agenda, als lijst van slugs: [slug-van-een-thema]")
            comment("regions", "regio's die bijdragen, als lijst van slugs: [twente, ijsselland]")
            comment("attachments", "stukken onder content/static/, bijvoorbeeld:")
            lines.append("#   - {title: Verslag, file: docs/verslag.pdf}")
            comment("summary", "een of twee zinnen over de bijeenkomst")
        case .regions:
            comment("code", "CBS-code van de jeugdregio (verplicht), bijvoorbeeld JZ12")
            comment("provinces", "provincie(s): [Overijssel]")
            comment("municipalities", "de gemeenten van de regio (verplicht): [Enschede, Hengelo (O.)]")
            comment("website", "de eigen website van de regio")
            comment("lat", "breedtegraad van een punt in de regio, bijvoorbeeld 52.3")
            comment("lon", "lengtegraad, bijvoorbeeld 6.7")
            comment("map", "vaste plek op de tegelkaart: {col: 5, row: 3}")
        case .trekkers:
            comment("region", "slug van de regio die deze trekker vertegenwoordigt (verplicht), bijvoorbeeld twente")
            comment("role", "bijvoorbeeld Wethouder Jeugd")
            comment("municipality", "de gemeente van de trekker")
            comment("email", "e-mailadres")
            comment("phone", "telefoonnummer, tussen aanhalingstekens")
            comment("photo", "foto onder content/static/, bijvoorbeeld img/trekkers/naam.jpg")
            comment("since", "in functie sinds, JJJJ-MM-DD")
        }
        comment("draft", "true om dit bestand nog niet te publiceren")
        comment("aliases", "oude adressen die hierheen doorverwijzen: [/oud/adres/]")
        lines.append("---")
        lines.append("")
        lines.append(collection == .meetings ? "## Agenda\n\n1. Opening\n2. Mededelingen\n3. Rondvraag en sluiting\n" : "Schrijf hier de tekst.\n")
        return lines.joined(separator: "\n")
    }

    static func defaultTitle(_ slug: String) -> String {
        let words = slug.split(separator: "-").map(String.init)
        guard let first = words.first else { return slug }
        return ([first.prefix(1).uppercased() + first.dropFirst()] + words.dropFirst()).joined(separator: " ")
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += "\\x" + pad(Int(scalar.value), 2) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
