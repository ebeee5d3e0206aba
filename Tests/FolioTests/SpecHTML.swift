// HTML compared the way the CommonMark/GFM spec runner compares it (cmark-gfm's test/normalize.py): tags with
// lowercased names and sorted attributes (`disabled` and `disabled=""` alike, `<br />` as `<br>`), entities
// decoded and text re-escaped, runs of whitespace as one space, and no whitespace next to a block-level tag.
// `undoingFolioDifferences` then removes what Folio adds on purpose, each difference named, so a spec example
// compares equal only when the rest is exactly the spec's.

import Foundation

enum SpecHTML {
    /// What Folio writes differently from the spec's reference output, by design:
    /// - external links carry `rel="noopener"`, images `loading="lazy"` (Links.swift);
    /// - a table sits in `<div class="table-wrap">` so it scrolls on its own on a phone (GFMTables.swift);
    /// - table alignment is `style="text-align: x"` (valid HTML5) where the spec writes `align="x"`;
    /// - a task item's checkbox has a class and sits with the item's text in a `<label class="task-list-item">`
    ///   (FootnoteAndTaskMarkup.swift);
    /// - smart punctuation is on: ’ ‘ ” “ … – — in text stand for ' ' " " ... -- ---.
    static func undoingFolioDifferences(_ html: String) -> String {
        var tokens: [Token] = []
        var divs: [Bool] = []  // for each open <div>: whether it is a table wrapper
        for token in tokenize(html) {
            switch token {
            case .start(let name, var attributes, _):
                if name == "div" {
                    let isWrapper = attributes.contains { $0 == ("class", "table-wrap") }
                    divs.append(isWrapper)
                    if isWrapper { continue }
                }
                if name == "label", attributes.contains(where: { $0 == ("class", "task-list-item") }) { continue }
                if name == "a" { attributes.removeAll { $0 == ("rel", "noopener") } }
                if name == "img" { attributes.removeAll { $0 == ("loading", "lazy") } }
                if name == "input" { attributes.removeAll { $0 == ("class", "task-list-item-checkbox") } }
                if let index = attributes.firstIndex(where: { $0.0 == "style" && $0.1.hasPrefix("text-align: ") }) {
                    attributes[index] = ("align", String(attributes[index].1.dropFirst("text-align: ".count)))
                }
                tokens.append(.start(name, attributes, selfClosing: false))
            case .end(let name):
                if name == "div", divs.popLast() == true { continue }
                if name == "label" { continue }
                tokens.append(token)
            case .text(let text):
                tokens.append(.text(text.replacingOccurrences(of: "’", with: "'").replacingOccurrences(of: "‘", with: "'")
                    .replacingOccurrences(of: "”", with: "\"").replacingOccurrences(of: "“", with: "\"")
                    .replacingOccurrences(of: "…", with: "...").replacingOccurrences(of: "—", with: "---")
                    .replacingOccurrences(of: "–", with: "--")))
            case .other:
                tokens.append(token)
            }
        }
        return tokens.map(\.html).joined()
    }

    static func normalized(_ html: String, decodingHrefs: Bool = false) -> String {
        var tokens = tokenize(html)
        if decodingHrefs {
            tokens = tokens.map { token in
                guard case .start(let name, let attributes, let selfClosing) = token else { return token }
                let decoded = attributes.map { $0.0 == "href" ? ($0.0, $0.1.removingPercentEncoding ?? $0.1) : $0 }
                return .start(name, decoded, selfClosing: selfClosing)
            }
        }
        var out = ""
        for (index, token) in tokens.enumerated() {
            guard case .text(let raw) = token else {
                out += token.html
                continue
            }
            var text = collapsingWhitespace(raw)
            if index == 0 || tokens[index - 1].isBlockTag { text = String(text.drop { $0 == " " }) }
            if index == tokens.count - 1 || tokens[index + 1].isBlockTag {
                while text.last == " " { text.removeLast() }
            }
            out += escape(text)
        }
        return out
    }

    enum Token {
        case start(String, [(String, String)], selfClosing: Bool)
        case end(String)
        case text(String)
        /// Comments, declarations, processing instructions: kept as written.
        case other(String)

        var html: String {
            switch self {
            case .start(let name, let attributes, _):
                let sorted = attributes.sorted { $0.0 < $1.0 }
                return "<" + name + sorted.map { " \($0.0)=\"\(SpecHTML.escape($0.1))\"" }.joined() + ">"
            case .end(let name): return "</\(name)>"
            case .text(let text): return SpecHTML.escape(text)
            case .other(let text): return text
            }
        }

        var isBlockTag: Bool {
            switch self {
            case .start(let name, _, _), .end(let name): SpecHTML.blockTags.contains(name)
            default: false
            }
        }
    }

    static let blockTags: Set<String> = [
        "article", "header", "aside", "hgroup", "blockquote", "hr", "iframe", "body", "li", "map", "button",
        "object", "canvas", "ol", "caption", "output", "col", "p", "colgroup", "pre", "dd", "progress", "div",
        "section", "dl", "table", "td", "dt", "tbody", "embed", "textarea", "fieldset", "tfoot", "figcaption", "th",
        "figure", "thead", "footer", "tr", "form", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "video", "script",
        "style",
    ]

    /// A small HTML tokenizer, enough for what cmark writes: tags with quoted or bare attributes, text with
    /// entities, comments. Text comes back decoded.
    static func tokenize(_ html: String) -> [Token] {
        var tokens: [Token] = []
        let characters = Array(html)
        var index = 0
        var text = ""
        func flushText() {
            if !text.isEmpty { tokens.append(.text(decodingEntities(text))) }
            text = ""
        }
        while index < characters.count {
            let character = characters[index]
            guard character == "<", index + 1 < characters.count,
                  characters[index + 1].isLetter || characters[index + 1] == "/" || characters[index + 1] == "!"
                    || characters[index + 1] == "?"
            else {
                text.append(character)
                index += 1
                continue
            }
            flushText()
            if characters[index + 1] == "!" || characters[index + 1] == "?" {
                let end = characters[index...].firstIndex(of: ">") ?? characters.count - 1
                tokens.append(.other(String(characters[index...end])))
                index = end + 1
                continue
            }
            var cursor = index + 1
            let isEnd = characters[cursor] == "/"
            if isEnd { cursor += 1 }
            var name = ""
            while cursor < characters.count, characters[cursor].isLetter || characters[cursor].isNumber
                || characters[cursor] == "-" {
                name.append(characters[cursor])
                cursor += 1
            }
            var attributes: [(String, String)] = []
            var selfClosing = false
            while cursor < characters.count, characters[cursor] != ">" {
                let current = characters[cursor]
                if current.isWhitespace {
                    cursor += 1
                    continue
                }
                if current == "/" {
                    selfClosing = true
                    cursor += 1
                    continue
                }
                var attribute = ""
                while cursor < characters.count, !characters[cursor].isWhitespace, characters[cursor] != "=",
                      characters[cursor] != ">", characters[cursor] != "/" {
                    attribute.append(characters[cursor])
                    cursor += 1
                }
                var value = ""
                if cursor < characters.count, characters[cursor] == "=" {
                    cursor += 1
                    if cursor < characters.count, characters[cursor] == "\"" || characters[cursor] == "'" {
                        let quote = characters[cursor]
                        cursor += 1
                        while cursor < characters.count, characters[cursor] != quote {
                            value.append(characters[cursor])
                            cursor += 1
                        }
                        cursor += 1
                    } else {
                        while cursor < characters.count, !characters[cursor].isWhitespace, characters[cursor] != ">" {
                            value.append(characters[cursor])
                            cursor += 1
                        }
                    }
                }
                attributes.append((attribute.lowercased(), decodingEntities(value)))
            }
            tokens.append(isEnd ? .end(name.lowercased()) : .start(name.lowercased(), attributes, selfClosing: selfClosing))
            index = cursor + 1
        }
        flushText()
        return tokens
    }

    static func collapsingWhitespace(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for character in text {
            if character.isWhitespace {
                pendingSpace = true
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(character)
            }
        }
        if pendingSpace { out.append(" ") }
        return out
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func decodingEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[amp...]
            if let semicolon = after.firstIndex(of: ";"), after.distance(from: amp, to: semicolon) <= 10 {
                let name = after[after.index(after: amp)..<semicolon]
                if let decoded = decode(entity: name) {
                    out += decoded
                    rest = after[after.index(after: semicolon)...]
                    continue
                }
            }
            out += "&"
            rest = after.dropFirst()
        }
        return out + rest
    }

    private static func decode(entity name: Substring) -> String? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            let digits = name.dropFirst()
            guard name.first == "#" else { return nil }
            let value = digits.first == "x" || digits.first == "X"
                ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
    }
}
