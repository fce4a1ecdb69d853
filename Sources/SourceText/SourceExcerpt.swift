/// The quoted source line and caret that follow a diagnostic's first line.
///
/// Every engine quotes the same way, so editors see one form:
///
///     content/regios/twente.md:4:9: error: unknown region 'twnte'
///      4 | region: twnte
///        |         ^
public enum SourceExcerpt {
    /// Two lines, each starting with a space (the contract's continuation form),
    /// quoting `lineText` and pointing at `column` (1-based, in Unicode scalars).
    /// Tabs before the caret are kept so the caret lines up in a terminal.
    public static func render(lineText: String, line: Int, column: Int) -> String {
        let number = String(line)
        let gutter = String(repeating: " ", count: number.count)
        var pad = ""
        var scalarsBefore = 0
        for scalar in lineText.unicodeScalars {
            if scalarsBefore >= column - 1 { break }
            pad.append(scalar == "\t" ? "\t" : " ")
            scalarsBefore += 1
        }
        if scalarsBefore < column - 1 {
            pad += String(repeating: " ", count: column - 1 - scalarsBefore)
        }
        return " \(number) | \(lineText)\n \(gutter) | \(pad)^"
    }
}
