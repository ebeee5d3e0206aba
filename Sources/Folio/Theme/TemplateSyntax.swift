// A reading of a template's tags for what the parser, which stops at the first thing it cannot read, places
// badly or does not check: it stops at the end of the file for an unclosed section and at the name inside the
// tag for a misspelt close, and a partial named by data (`{{>*name}}`) renders as nothing when the name is wrong.
import Foundation

enum TemplateSyntax {
    struct Tag: Equatable {
        /// The character after `{{` that gives the tag its meaning (`#`, `/`, `>`...); nil for a variable.
        var sigil: Character?
        /// What follows the sigil, trimmed: a name, a partial's name, a comment.
        var body: String
        /// The tag as written, e.g. `{{/posts}}`.
        var text: String
        var line: Int
        var column: Int
    }

    /// Every tag with its position (1-based, in characters, as the parser counts them). Nil when the template
    /// sets other delimiters (`{{=<% %>=}}`), which this reading does not follow.
    static func tags(in text: String) -> [Tag]? {
        let characters = Array(text)
        var tags: [Tag] = []
        var line = 1, column = 1, index = 0
        func advance(to end: Int) {
            while index < end {
                if characters[index] == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                index += 1
            }
        }
        while index + 1 < characters.count {
            guard characters[index] == "{", characters[index + 1] == "{" else {
                advance(to: index + 1)
                continue
            }
            let triple = index + 2 < characters.count && characters[index + 2] == "{"
            let close: [Character] = triple ? ["}", "}", "}"] : ["}", "}"]
            let start = index + (triple ? 3 : 2)
            guard let end = firstIndex(of: close, in: characters, from: start) else { break }
            let inside = String(characters[start..<end])
            let sigil = triple ? "{" : inside.first.flatMap { "#^/$<>!&=%".contains($0) ? $0 : nil }
            if sigil == "=" { return nil }
            let body = (sigil == nil || triple ? inside : String(inside.dropFirst()))
                .trimmingCharacters(in: .whitespacesAndNewlines)
            tags.append(Tag(sigil: sigil, body: body, text: String(characters[index..<(end + close.count)]),
                            line: line, column: column))
            advance(to: end + close.count)
        }
        return tags
    }

    /// The first place where sections do not pair up, when a template does not parse; nil when they do.
    static func sectionProblem(in text: String) -> TemplateLimits.Problem? {
        var open: [Tag] = []
        for tag in tags(in: text) ?? [] {
            switch tag.sigil {
            case "#", "^", "$", "<":
                open.append(tag)
            case "/":
                guard let innermost = open.last else {
                    return TemplateLimits.Problem(line: tag.line, column: tag.column,
                                                  message: "\(tag.text) closes no open section")
                }
                if innermost.body == tag.body {
                    open.removeLast()
                } else if open.contains(where: { $0.body == tag.body }) {
                    return TemplateLimits.Problem(line: innermost.line, column: innermost.column, message:
                        "section '\(innermost.body)' is never closed (\(tag.text) at line \(tag.line), column "
                            + "\(tag.column) closes the section around it first)")
                } else {
                    return TemplateLimits.Problem(line: tag.line, column: tag.column, message:
                        "\(tag.text) closes no open section (the innermost open one is '\(innermost.body)', at "
                            + "line \(innermost.line), column \(innermost.column))")
                }
            default:
                break
            }
        }
        guard let innermost = open.last else { return nil }
        return TemplateLimits.Problem(line: innermost.line, column: innermost.column,
                                      message: "section '\(innermost.body)' is never closed")
    }

    /// The transforms there are, swift-mustache 2's (`{{^empty(post.tags)}}`); any other name renders as a missing
    /// value. `enumerated` is for dictionaries, which no context holds: it is accepted and renders nothing.
    static let transforms: Set<String> = [
        "capitalized", "count", "empty", "enumerated", "equalzero", "even", "first", "last", "lowercased", "minusone",
        "odd", "plusone", "reversed", "sorted", "uppercased",
    ]

    /// Tags that apply a transform there is not, with the first such name.
    static func unknownTransforms(in text: String) -> [(tag: Tag, name: String)] {
        (tags(in: text) ?? []).compactMap { tag in
            guard [nil, "#", "^", "/", "&", "{"].contains(tag.sigil), tag.body.contains("(") else { return nil }
            let names = tag.body.split(separator: "(").dropLast().map { $0.trimmingCharacters(in: .whitespaces) }
            return names.first { !transforms.contains($0) }.map { (tag, $0) }
        }
    }

    /// `{{>*name}}` and `{{<*name}}`: partials whose name is looked up in the data when the page renders.
    static func dynamicPartials(in text: String) -> [Tag] {
        (tags(in: text) ?? []).filter { ($0.sigil == ">" || $0.sigil == "<") && $0.body.hasPrefix("*") }
    }

    private static func firstIndex(of needle: [Character], in characters: [Character], from start: Int) -> Int? {
        var index = start
        while index + needle.count <= characters.count {
            if characters[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
