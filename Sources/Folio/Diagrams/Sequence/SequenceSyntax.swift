// The small pieces of Mermaid's sequence grammar that statements share: leading keywords (matched without
// regard to case, as Mermaid's lexer does), arrows, and where a participant name ends.

enum SequenceSyntax {
    struct Arrow: Sendable, Equatable {
        var token: String
        var line: SequenceMessage.Line
        var head: SequenceMessage.Head
    }

    /// Longest first, so `-->>` is never read as `-->` followed by `>`.
    static let arrows: [Arrow] = [
        Arrow(token: "-->>", line: .dotted, head: .arrow),
        Arrow(token: "->>", line: .solid, head: .arrow),
        Arrow(token: "--x", line: .dotted, head: .cross),
        Arrow(token: "--)", line: .dotted, head: .open),
        Arrow(token: "-->", line: .dotted, head: .none),
        Arrow(token: "-x", line: .solid, head: .cross),
        Arrow(token: "-)", line: .solid, head: .open),
        Arrow(token: "->", line: .solid, head: .none),
    ]

    /// The first arrow in `text` and where it starts. A hyphen that starts no arrow belongs to a name
    /// (`order-service->>db`), as in Mermaid; `-x` and `-)` always start one.
    static func firstArrow(in text: Substring) -> (arrow: Arrow, range: Range<Substring.Index>)? {
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == "-" {
                let ahead = text[index...].prefix(4).lowercased()
                for arrow in arrows where ahead.hasPrefix(arrow.token) {
                    return (arrow, index..<text.index(index, offsetBy: arrow.token.count))
                }
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// The statement's first word, lowercased, and the text after it and the whitespace that follows.
    static func leadingWord(of text: Substring) -> (word: String, rest: Substring) {
        let word = text.prefix { !$0.isWhitespace }
        let rest = text[word.endIndex...].drop { $0.isWhitespace }
        return (word.lowercased(), rest)
    }

    /// The text after `keyword` when `text` starts with it (any case) followed by optional spaces and `:`;
    /// nil otherwise. For the legacy `title:`.
    static func valueAfterColon(_ keyword: String, in text: Substring) -> Substring? {
        guard text.count > keyword.count, text.prefix(keyword.count).lowercased() == keyword.lowercased() else {
            return nil
        }
        let afterKeyword = text.dropFirst(keyword.count).drop { $0 == " " || $0 == "\t" }
        guard afterKeyword.first == ":" else { return nil }
        return afterKeyword.dropFirst().drop { $0.isWhitespace }
    }

    /// Splits `participant <id> as <label>` at the first ` as ` (any case, whitespace on both sides).
    static func splitAlias(_ text: Substring) -> (id: Substring, label: Substring?) {
        var index = text.startIndex
        while index < text.endIndex {
            if text[index].isWhitespace {
                let afterSpace = text[index...].drop { $0.isWhitespace }
                if afterSpace.prefix(2).lowercased() == "as" {
                    let afterAs = afterSpace.dropFirst(2)
                    if let next = afterAs.first, next.isWhitespace {
                        return (text[..<index], afterAs.drop { $0.isWhitespace })
                    }
                }
            }
            index = text.index(after: index)
        }
        return (text, nil)
    }

    /// `wrap:` and `nowrap:` prefixes on message text are Mermaid layout hints; Folio lays text out itself.
    static func droppingWrapHint(_ text: Substring) -> Substring {
        let text = text.drop(while: \.isWhitespace)
        for hint in ["wrap:", "nowrap:"] where text.prefix(hint.count).lowercased() == hint {
            return text.dropFirst(hint.count)
        }
        return text
    }

    /// First character of `text` that cannot be in a participant name, if any.
    static func firstForbiddenNameCharacter(in text: Substring) -> Substring.Index? {
        text.firstIndex { $0 == ":" || $0 == ">" || $0 == "," }
    }
}
