// Makefiles (GNU make): rule targets as functions, assignments, directives, `$(VAR)` and `$(function args)`
// references, and recipe lines (after a tab) as shell.

struct MakefileGrammar: Grammar {
    let names = ["makefile", "make", "mk", "gnumake"]

    static let directives: Set<String> = [
        "ifeq", "ifneq", "ifdef", "ifndef", "else", "endif", "include", "-include", "sinclude", "define", "endef",
        "export", "unexport", "override", "private", "undefine", "vpath",
    ]
    static let functions: Set<String> = [
        "subst", "patsubst", "strip", "findstring", "filter", "filter-out", "sort", "word", "words", "wordlist",
        "firstword", "lastword", "dir", "notdir", "suffix", "basename", "addsuffix", "addprefix", "join", "wildcard",
        "realpath", "abspath", "error", "warning", "info", "shell", "origin", "flavor", "foreach", "if", "or", "and",
        "call", "eval", "file", "value", "let", "intcmp",
    ]
    /// Nested references deeper than this are shown as one variable: real makefiles never come close, and it
    /// bounds the recursion on hostile input.
    static let maximumNesting = 16

    /// What a statement line was, which decides how the next lines read.
    private enum Statement {
        case rule, define, comment, other
    }

    func tokenize(_ s: inout Scanner) {
        var insideDefine = false  // between `define` and `endef` the lines are text, not statements
        var afterRule = false  // recipe lines follow a rule; blocks pasted into articles often lose their tabs
        while !s.atEnd {
            if s.current == 0x0A {
                s.advance()
                continue
            }
            let end = s.endOfContinuedLine()
            if insideDefine {
                s.advance(while: Scanner.isSpace)
                let start = s.position
                if s.matches("endef"), s.peek(5).map({ Scanner.isSpace($0) || $0 == 0x0A || $0 == 0x23 }) ?? true {
                    s.advance(5)
                    s.emit(.keyword, from: start)
                    insideDefine = false
                }
                text(&s, upTo: end)
            } else if s.current == 0x09 || (afterRule && s.current == 0x20) {
                s.advance(while: Scanner.isSpace)
                let start = s.position
                s.advance(while: { $0 == 0x40 || $0 == 0x2D || $0 == 0x2B })  // @silent, -ignore errors, +always
                s.emit(.punctuation, from: start)
                recipe(&s, upTo: end)
            } else {
                let statement = statement(&s, upTo: end)
                insideDefine = statement == .define
                if statement != .comment { afterRule = statement == .rule }
            }
            if s.position < end { s.rewind(to: end) }
        }
    }

    // MARK: Statements

    /// A line that is not a recipe.
    private func statement(_ s: inout Scanner, upTo end: Int, depth: Int = 0) -> Statement {
        s.advance(while: Scanner.isSpace)
        let start = s.position
        guard s.position < end else { return .comment }
        if s.current == 0x23 {
            s.rewind(to: end)
            s.emit(.comment, from: start)
            return .comment
        }
        s.advance(while: { Scanner.isIdentifierPart($0) || $0 == 0x2D })
        let word = s.text(from: start)
        let after = s.current ?? 0x0A
        if Self.directives.contains(word), Scanner.isSpace(after) || after == 0x0A || after == 0x28 {
            s.emit(.keyword, from: start)
            return directive(word, &s, upTo: end, depth: depth)
        }
        s.rewind(to: start)
        guard let found = findOperator(s, upTo: end) else {
            text(&s, upTo: end)
            return .other
        }
        if found.isAssignment {
            assignment(&s, operatorAt: found.start, length: found.length, upTo: end)
            return .other
        }
        rule(&s, colonAt: found.start, length: found.length, upTo: end)
        return .rule
    }

    /// The rest of a directive's line.
    private func directive(_ word: String, _ s: inout Scanner, upTo end: Int, depth: Int) -> Statement {
        s.advance(while: Scanner.isSpace)
        switch word {
        case "define", "ifdef", "ifndef", "undefine":
            let start = s.position
            s.advance(while: { !Scanner.isSpace($0) && $0 != 0x0A && $0 != 0x23 })
            s.emit(.variable, from: start)
            if word == "define" {
                s.advance(while: Scanner.isSpace)
                let start = s.position
                s.advance(while: { "=:?+!".utf8.contains($0) })
                s.emit(.operator, from: start)
            }
            text(&s, upTo: end)
            return word == "define" ? .define : .other
        case "export", "unexport", "override", "private", "else":
            // `export NAME := value`, `else ifeq (…)`: a statement follows; `export A B` names variables.
            if word == "export" || word == "unexport", findOperator(s, upTo: end) == nil {
                while s.position < end, let byte = s.current, byte != 0x23 {
                    let start = s.position
                    s.advance(while: { !Scanner.isSpace($0) && $0 != 0x0A })
                    s.emit(.variable, from: start)
                    s.advance(while: { Scanner.isSpace($0) || $0 == 0x0A || $0 == 0x5C })
                }
                text(&s, upTo: end)
                return .other
            }
            // `override export NAME = …` nests two deep; the bound keeps `else else else …` off the stack.
            if depth < 4 { return statement(&s, upTo: end, depth: depth + 1) }
            text(&s, upTo: end)
            return .other
        default:
            text(&s, upTo: end)
            return .other
        }
    }

    /// The first `:`, `::`, `=`, `:=`, `::=`, `?=`, `+=` or `!=` outside references: whether the line is a rule or
    /// an assignment. After a rule's colon, an inline recipe (`;`) ends the search.
    private func findOperator(_ s: Scanner, upTo end: Int, inRule: Bool = false)
        -> (start: Int, length: Int, isAssignment: Bool)? {
        var index = s.position
        while index < end {
            let byte = s.bytes[index]
            let next = index + 1 < end ? s.bytes[index + 1] : 0
            switch byte {
            case 0x24 where next == 0x28 || next == 0x7B:
                index = Self.referenceEnd(s.bytes, at: index, limit: end)
                continue
            case 0x23:
                return nil
            case 0x3B where inRule:
                return nil
            case 0x3A:
                var length = 1
                while index + length < end, s.bytes[index + length] == 0x3A, length < 3 { length += 1 }
                if index + length < end, s.bytes[index + length] == 0x3D { return (index, length + 1, true) }
                return (index, min(length, 2), false)
            case 0x3D:
                return (index, 1, true)
            case 0x3F, 0x2B, 0x21:
                if next == 0x3D { return (index, 2, true) }
                index += 1
            default:
                index += 1
            }
        }
        return nil
    }

    private func assignment(_ s: inout Scanner, operatorAt operatorStart: Int, length: Int, upTo end: Int) {
        let start = s.position
        var nameEnd = operatorStart
        while nameEnd > start, Scanner.isSpace(s.bytes[nameEnd - 1]) { nameEnd -= 1 }
        s.rewind(to: nameEnd)
        s.emit(.variable, from: start)
        s.rewind(to: operatorStart)
        s.advance(length)
        s.emit(.operator, from: operatorStart)
        text(&s, upTo: end)
    }

    /// `targets: prerequisites | order-only ; recipe`. Special targets (`.PHONY`) are keywords, the others
    /// functions; a target-specific assignment (`test: GOFLAGS += -race`) is an assignment.
    private func rule(_ s: inout Scanner, colonAt colon: Int, length: Int, upTo end: Int) {
        while s.position < colon, let byte = s.current {
            let start = s.position
            if byte == 0x24 {
                reference(&s, upTo: colon)
                continue
            }
            s.advance(while: { !Scanner.isSpace($0) && $0 != 0x24 && $0 != 0x0A && $0 != 0x5C })
            s.rewind(to: min(s.position, colon))
            if s.position == start { s.advance() }
            let word = s.text(from: start)
            let special = word.count > 1 && word.hasPrefix(".")
                && word.dropFirst().allSatisfy { $0.isUppercase || $0 == "_" }
            s.emit(Scanner.isSpace(byte) || byte == 0x0A || byte == 0x5C ? nil : special ? .keyword : .function,
                   from: start)
        }
        s.rewind(to: colon)
        s.advance(length)
        s.emit(.punctuation, from: colon)
        if let found = findOperator(s, upTo: end, inRule: true), found.isAssignment {
            s.advance(while: Scanner.isSpace)
            assignment(&s, operatorAt: found.start, length: found.length, upTo: end)
        } else {
            text(&s, upTo: end, inRule: true)
        }
    }

    // MARK: Text and references

    /// Values, prerequisites and directive arguments: references, comments, quoted strings, the rest plain. In a
    /// rule, `|` starts order-only prerequisites and `;` an inline recipe.
    private func text(_ s: inout Scanner, upTo end: Int, inRule: Bool = false) {
        while s.position < end, let byte = s.current {
            let start = s.position
            switch byte {
            case 0x24:
                reference(&s, upTo: end)
            case 0x23:
                s.rewind(to: end)
                s.emit(.comment, from: start)
            case 0x5C:
                s.advance(2)
            case 0x22, 0x27:
                s.advance()
                var from = start
                while s.position < end, let c = s.current, c != byte, c != 0x0A {
                    if c == 0x24 {
                        s.emit(.string, from: from)
                        reference(&s, upTo: end)
                        from = s.position
                    } else {
                        s.advance()
                    }
                }
                if s.current == byte { s.advance() }
                s.emit(.string, from: from)
            case 0x28, 0x29, 0x2C:
                s.advance()
                s.emit(.punctuation, from: start)
            case 0x7C where inRule:
                s.advance()
                s.emit(.operator, from: start)
            case 0x3B where inRule:
                s.advance()
                s.emit(.punctuation, from: start)
                recipe(&s, upTo: end)
            default:
                s.advance(while: { !"$#\\\"'(),|;\n".utf8.contains($0) })
                if s.position == start { s.advance() }
            }
        }
    }

    /// Where the reference at `index` (a `$`) ends: `$(…)` and `${…}` with nesting, `$@`, `$$`, `$X`.
    static func referenceEnd(_ bytes: [UInt8], at index: Int, limit: Int) -> Int {
        guard index + 1 < limit else { return limit }
        let open = bytes[index + 1]
        guard open == 0x28 || open == 0x7B else {
            if open == 0x0A { return index + 1 }
            var end = index + 2  // `$@`, `$<`, or `$X`: one character, which may be several bytes
            while end < limit, bytes[end] & 0xC0 == 0x80 { end += 1 }
            return end
        }
        let close: UInt8 = open == 0x28 ? 0x29 : 0x7D
        var depth = 0
        var position = index + 1
        while position < limit {
            if bytes[position] == open { depth += 1 }
            if bytes[position] == close { depth -= 1 }
            position += 1
            if depth == 0 { break }
        }
        return position
    }

    /// A reference at a `$`: `$(NAME)`, `${NAME}` and `$@` are variables; `$(shell …)`, `$(patsubst …)` and the
    /// other functions are calls, their arguments text. `$$` is an escaped dollar.
    private func reference(_ s: inout Scanner, upTo limit: Int, nesting: Int = 0) {
        let start = s.position
        let end = Self.referenceEnd(s.bytes, at: start, limit: limit)
        let open = end - start > 1 ? s.bytes[start + 1] : nil
        if open == 0x24 {
            s.advance(2)
            return
        }
        var nameEnd = start + 2
        while nameEnd < end, Scanner.isIdentifierPart(s.bytes[nameEnd]) || s.bytes[nameEnd] == 0x2D { nameEnd += 1 }
        let isCall = (open == 0x28 || open == 0x7B) && nameEnd < end && Scanner.isSpace(s.bytes[nameEnd])
            && nesting < Self.maximumNesting
            && Self.functions.contains(String(decoding: s.bytes[(start + 2)..<nameEnd], as: UTF8.self))
        guard isCall else {
            s.rewind(to: end)
            s.emit(end - start > 1 ? .variable : nil, from: start)
            return
        }
        s.advance(2)
        s.emit(.punctuation, from: start)
        s.rewind(to: nameEnd)
        s.emit(.builtin, from: start + 2)
        let close: UInt8 = open == 0x28 ? 0x29 : 0x7D
        let argumentsEnd = s.bytes[end - 1] == close ? end - 1 : end
        while s.position < argumentsEnd, let byte = s.current {
            let from = s.position
            if byte == 0x24 {
                reference(&s, upTo: argumentsEnd, nesting: nesting + 1)
            } else if byte == 0x2C {
                s.advance()
                s.emit(.punctuation, from: from)
            } else {
                s.advance(while: { $0 != 0x24 && $0 != 0x2C })
                s.rewind(to: min(s.position, argumentsEnd))
                if s.position == from { s.advance() }
            }
        }
        s.rewind(to: end)
        s.emit(.punctuation, from: argumentsEnd)
    }

    // MARK: Recipes

    /// A recipe line is shell, with make's references in it. The shell grammar reads a copy in which each
    /// reference is a plain word of the same length (so `$(GO) build` reads as a command and its argument, as it
    /// will after make expands it); the references then get their own tokens in place of the word.
    private func recipe(_ s: inout Scanner, upTo end: Int) {
        let start = s.position
        guard end > start else { return }
        var masked = Array(s.bytes[start..<end])
        var references: [Range<Int>] = []
        var escapedDollars: Set<Int> = []  // `$$`, a `$` for the shell: the shell sees ` $`
        var index = start
        while index < end {
            guard s.bytes[index] == 0x24 else {
                index += 1
                continue
            }
            if index + 1 < end, s.bytes[index + 1] == 0x24 {
                masked[index - start] = 0x20
                escapedDollars.insert(index)
                index += 2
                continue
            }
            let referenceEnd = Self.referenceEnd(s.bytes, at: index, limit: end)
            for offset in index..<referenceEnd where masked[offset - start] != 0x0A { masked[offset - start] = 0x5F }
            references.append(index..<referenceEnd)
            index = referenceEnd
        }
        var shell = Scanner(String(decoding: masked, as: UTF8.self))
        ShellGrammar().tokenize(&shell)
        guard shell.bytes.count == masked.count else {
            s.rewind(to: end)
            return
        }
        // `$$HOME` is the shell's `$HOME`: its token takes the escaping `$` (a space in the copy) back, from the
        // token before when that one has it (`"$$HOME"`).
        var shellTokens = shell.tokens
        for index in shellTokens.indices where escapedDollars.contains(start + shellTokens[index].start - 1) {
            if index > 0, shellTokens[index - 1].end == shellTokens[index].start { shellTokens[index - 1].end -= 1 }
            shellTokens[index].start -= 1
        }
        // The shell's tokens, less the parts inside references, then each reference, in order.
        var pieces: [(range: Range<Int>, kind: TokenKind?)] = references.map { ($0, nil) }
        var firstReference = 0  // both lists are in order: skip the references behind the current token
        for token in shellTokens where token.end > token.start {
            var from = start + token.start
            let to = start + token.end
            while firstReference < references.count, references[firstReference].upperBound <= from {
                firstReference += 1
            }
            for reference in references[firstReference...] {
                if reference.lowerBound >= to { break }
                if reference.lowerBound > from { pieces.append((from..<reference.lowerBound, token.kind)) }
                from = max(from, reference.upperBound)
            }
            if to > from { pieces.append((from..<to, token.kind)) }
        }
        for piece in pieces.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            s.rewind(to: piece.range.lowerBound)
            if let kind = piece.kind {
                s.advance(piece.range.count)
                s.emit(kind, from: piece.range.lowerBound)
            } else {
                reference(&s, upTo: piece.range.upperBound)
            }
        }
        s.rewind(to: end)
    }
}
