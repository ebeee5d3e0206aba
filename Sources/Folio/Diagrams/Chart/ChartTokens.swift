// The words of a chart statement with their positions: quoted text, bare words, numbers, `[`, `]`, `,`, `:`
// and `-->`. Both chart parsers read statements through it, so every diagnostic names an exact column.

struct ChartToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case word(String)
        case quoted(String)
        case number(Double)
        case openBracket, closeBracket, comma, colon, arrow, openBrace, closeBrace
    }

    var kind: Kind
    /// The token as written, for messages.
    var text: Substring
    var column: Int

    /// The token's text when it can name something: a quoted string, a bare word or a number as written.
    var name: String? {
        switch kind {
        case .quoted(let value): return DiagramText.flat(value)
        case .word: return DiagramText.flat(text)
        case .number: return String(text)
        default: return nil
        }
    }

    var number: Double? {
        if case .number(let value) = kind { return value }
        return nil
    }
}

enum ChartTokens {
    enum Failure: Error { case unclosedQuote(column: Int) }

    /// Splits `statement` into tokens; an opening `"` with no closing one is an error at the quote.
    static func scan(_ statement: DiagramStatement) throws(Failure) -> [ChartToken] {
        let text = statement.text
        var tokens: [ChartToken] = []
        var index = text.startIndex
        func column(_ position: Substring.Index) -> Int { statement.column(of: position) }
        let single: [Character: ChartToken.Kind] = [
            "[": .openBracket, "]": .closeBracket, ",": .comma, ":": .colon, "{": .openBrace, "}": .closeBrace,
        ]
        while index < text.endIndex {
            let character = text[index]
            if character == " " || character == "\t" {
                index = text.index(after: index)
                continue
            }
            let start = index
            if character == "\"" {
                guard let close = text[text.index(after: start)...].firstIndex(of: "\"") else {
                    throw .unclosedQuote(column: column(start))
                }
                index = text.index(after: close)
                tokens.append(ChartToken(kind: .quoted(String(text[text.index(after: start)..<close])),
                                         text: text[start..<index], column: column(start)))
                continue
            }
            if let kind = single[character] {
                index = text.index(after: index)
                tokens.append(ChartToken(kind: kind, text: text[start..<index], column: column(start)))
                continue
            }
            if text[start...].hasPrefix("-->") {
                index = text.index(start, offsetBy: 3)
                tokens.append(ChartToken(kind: .arrow, text: text[start..<index], column: column(start)))
                continue
            }
            // A bare word runs to the next space or punctuation; `-->` inside it ends it too (`0-->100`).
            while index < text.endIndex, !" \t\"[],:{}".contains(text[index]),
                  !(index > start && text[index...].hasPrefix("-->"))
            {
                index = text.index(after: index)
            }
            let word = text[start..<index]
            if let value = number(word) {
                tokens.append(ChartToken(kind: .number(value), text: word, column: column(start)))
            } else {
                tokens.append(ChartToken(kind: .word(String(word)), text: word, column: column(start)))
            }
        }
        return tokens
    }

    /// A finite decimal number as Mermaid writes them: `12`, `-3.5`, `.25`, `+4`, `1e3`. Not `nan` or `inf`.
    static func number(_ word: Substring) -> Double? {
        guard let first = word.first, first.isNumber || "+-.".contains(first),
              word.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
              let value = Double(word), value.isFinite
        else { return nil }
        return value
    }
}
