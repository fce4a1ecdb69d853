/// A position in a source text. Both numbers are 1-based; `column` counts
/// Unicode scalars (a tab counts as one, a byte order mark is not counted).
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The first position of a text: line 1, column 1.
    public static let start = SourceLocation(line: 1, column: 1)

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    /// This location moved down by `lines` lines: for a text embedded in a larger
    /// file (front matter after its `---` line, a body after its front matter).
    public func shifted(byLines lines: Int) -> SourceLocation {
        SourceLocation(line: line + lines, column: column)
    }

    public var description: String { "\(line):\(column)" }
}
