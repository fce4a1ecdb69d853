import SourceText

/// The parsed words of one command: options with values, flags, positional arguments.
///
/// Each command declares which options take a value and which are flags, so that
/// `--now 2017-06-16` and `--now=2017-06-16` both work and a typo is wrong usage.
struct CommandLineArguments {
    var values: [String: String] = [:]
    var flags: Set<String> = []
    var positional: [String] = []

    /// Splits `words` by the declared options. Throws a usage error for an unknown option,
    /// a missing value or an option given twice.
    init(_ words: [String], valueOptions: Set<String>, flagOptions: Set<String>) throws(UsageError) {
        var i = 0
        var onlyPositional = false
        while i < words.count {
            let word = words[i]
            i += 1
            if onlyPositional || !word.hasPrefix("-") || word == "-" {
                positional.append(word)
                continue
            }
            if word == "--" {
                onlyPositional = true
                continue
            }
            var name = word
            var inlineValue: String?
            if let eq = word.firstIndex(of: "=") {
                name = String(word[..<eq])
                inlineValue = String(word[word.index(after: eq)...])
            }
            if flagOptions.contains(name) {
                if inlineValue != nil { throw UsageError("option \(name) takes no value") }
                flags.insert(name)
            } else if valueOptions.contains(name) {
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else {
                    guard i < words.count else { throw UsageError("option \(name) needs a value") }
                    value = words[i]
                    i += 1
                }
                if values[name] != nil { throw UsageError("option \(name) is given twice") }
                values[name] = value
            } else {
                let known = (valueOptions.union(flagOptions)).sorted()
                var message = "unknown option '\(name)'"
                if let near = Suggestion.nearest(to: name, in: known) { message += " (did you mean '\(near)'?)" }
                throw UsageError(message)
            }
        }
    }

    func has(_ flag: String) -> Bool { flags.contains(flag) }
    subscript(option: String) -> String? { values[option] }
}

/// Wrong usage: printed with the command's usage, exit status 2.
struct UsageError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

