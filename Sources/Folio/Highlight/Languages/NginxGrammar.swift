// nginx configuration: the first word of each statement is a directive (a keyword), blocks nest in braces,
// `$variables` (also inside strings), numbers and sizes, `on`/`off`, `name=value` parameters, `location` paths.

struct NginxGrammar: Grammar {
    let names = ["nginx", "nginxconf"]

    /// Blocks whose statements are entries, not directives: `map … { default 0; ~^/api 1; }`, `types { … }`.
    static let tables: Set<String> = ["map", "geo", "types", "split_clients", "charset_map", "match"]
    static let tableKeywords: Set<String> = ["default", "hostnames", "include", "volatile", "ranges"]

    func tokenize(_ s: inout Scanner) {
        var blocks: [String] = []  // the directive that opened each enclosing block
        var directive: String?  // the current statement's directive; nil before its first word
        while let byte = s.current {
            let start = s.position
            if Scanner.isSpace(byte) || byte == 0x0A {
                s.advance()
                continue
            }
            let isConditionParenthesis = (byte == 0x28 || byte == 0x29) && directive == "if"
            switch byte {
            case 0x23:
                s.advanceToLineEnd()
                s.emit(.comment, from: start)
            case 0x3B, 0x7B, 0x7D:
                s.advance()
                s.emit(.punctuation, from: start)
                if byte == 0x7B { blocks.append(directive ?? "") }
                if byte == 0x7D, !blocks.isEmpty { blocks.removeLast() }
                directive = nil
            case 0x22, 0x27:
                quoted(&s)
                if directive == nil { directive = "" }
            case 0x24:
                variable(&s)
                if directive == nil { directive = "" }
            case _ where isConditionParenthesis:
                s.advance()
                s.emit(.punctuation, from: start)
            default:
                let inIf = directive == "if"
                s.advance(while: { !Scanner.isSpace($0) && !"\n;{}\"'$".utf8.contains($0) && !(inIf && $0 == 0x29) })
                if s.position == start { s.advanceCharacter() }
                let word = s.text(from: start)
                if let directive {
                    argument(word, of: directive, &s, from: start)
                } else if let block = blocks.last, Self.tables.contains(block) {
                    s.emit(Self.tableKeywords.contains(word) ? .keyword : nil, from: start)
                    directive = ""
                } else {
                    s.emit(.keyword, from: start)
                    directive = word
                }
            }
        }
    }

    private func argument(_ word: String, of directive: String, _ s: inout Scanner, from start: Int) {
        let isModifier = word.utf8.allSatisfy { "=~*^!".utf8.contains($0) }
        if isModifier || (directive == "if" && (word.hasPrefix("-") || word.hasPrefix("!-"))) {
            s.emit(.operator, from: start)  // `location ~*`, `if ($x = y)`, `if (!-f $file)`
        } else if directive == "location" {
            s.emit(.string, from: start)
        } else if word == "on" || word == "off" {
            s.emit(.constant, from: start)
        } else if Self.isNumber(word) {
            s.emit(.number, from: start)
        } else if let equals = word.utf8.firstIndex(of: 0x3D), equals != word.utf8.startIndex,
                  word.utf8[..<equals].allSatisfy({ Scanner.isIdentifierPart($0) }) {
            // `max_fails=3`, `keepalive_timeout=60s`: a named parameter.
            let end = s.position
            let nameEnd = start + word.utf8.distance(from: word.utf8.startIndex, to: equals)
            s.rewind(to: nameEnd)
            s.emit(.attribute, from: start)
            s.advance()
            s.emit(.operator, from: nameEnd)
            s.rewind(to: end)
            let value = String(decoding: word.utf8[word.utf8.index(after: equals)...], as: UTF8.self)
            s.emit(Self.isNumber(value) ? .number : nil, from: nameEnd + 1)
        }
    }

    /// `8080`, `1.1`, `30s`, `512k`, `10m`, and addresses with ports (`10.0.0.7:50051`).
    static func isNumber(_ word: String) -> Bool {
        guard let first = word.utf8.first, Scanner.isDigit(first) else { return false }
        if word.utf8.allSatisfy({ Scanner.isDigit($0) || $0 == 0x2E || $0 == 0x3A }) { return true }
        let digits = word.utf8.prefix(while: { Scanner.isDigit($0) || $0 == 0x2E })
        let unit = word.utf8.dropFirst(digits.count)
        return unit.count <= 2 && unit.allSatisfy { $0 >= 0x61 && $0 <= 0x7A || $0 >= 0x41 && $0 <= 0x5A }
    }

    /// A quoted string; nginx expands `$variables` inside both kinds of quotes. One line at most, so that a stray
    /// quote does not colour the rest of the file.
    private func quoted(_ s: inout Scanner) {
        let quote = s.current!
        var start = s.position
        s.advance()
        while let byte = s.current, byte != quote, byte != 0x0A {
            if byte == 0x5C {
                s.advance(2)
            } else if byte == 0x24, s.peek(1).map({ Scanner.isIdentifierStart($0) || $0 == 0x7B }) == true {
                s.emit(.string, from: start)
                variable(&s)
                start = s.position
            } else {
                s.advance()
            }
        }
        if s.current == quote { s.advance() }
        s.emit(.string, from: start)
    }

    /// `$name`, `${name}`, `$1`.
    private func variable(_ s: inout Scanner) {
        let start = s.position
        s.advance()
        if s.current == 0x7B {
            s.advance(while: { $0 != 0x7D && $0 != 0x0A })
            if s.current == 0x7D { s.advance() }
        } else {
            s.advance(while: Scanner.isIdentifierPart)
        }
        s.emit(s.position - start > 1 ? .variable : nil, from: start)
    }
}
