// Shell (bash, sh) and console sessions. A console block is shell lines after a `$ ` prompt and, between them,
// the program's output.

struct ShellGrammar: Grammar {
    let names = ["bash", "sh", "shell", "zsh", "shellscript"]

    static let keywords: Set<String> = ["if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done",
                                        "case", "esac", "in", "function", "select", "time", "return", "break",
                                        "continue"]
    /// Bytes that end a word: blanks, newlines, operators, quotes and `$`.
    static let wordEnds: [Bool] = (0..<256).map { byte in
        " \t\r\n;|&<>()\"'`$".utf8.contains(UInt8(byte))
    }

    static let builtins: Set<String> = ["echo", "printf", "cd", "exit", "export", "local", "readonly", "set",
                                        "unset", "source", "test", "read", "eval", "exec", "trap", "shift", "wait",
                                        "declare", "true", "false", "command", "type", "kill", "pwd", "exec"]

    /// The two lists as tables, looked up on the word's bytes.
    static let keywordTable = WordTable(keywords.sorted().map { ($0, TokenKind.keyword) })
    static let builtinTable = WordTable(builtins.sorted().map { ($0, TokenKind.builtin) })

    func tokenize(_ s: inout Scanner) { Self.tokenize(&s, until: nil) }

    /// Tokenizes shell until the end of the code or, when `until` is set, the end of the current logical line.
    static func tokenize(_ s: inout Scanner, until lineEnd: Int?) {
        var commandPosition = true  // the next word is a command name
        var pendingHeredocs: [(terminator: String, stripTabs: Bool)] = []
        while !s.atEnd, lineEnd.map({ s.position < $0 }) ?? true {
            let start = s.position
            let byte = s.current!
            if byte == 0x0A {
                s.advance()
                commandPosition = true
                for heredoc in pendingHeredocs { scanHeredocBody(&s, terminator: heredoc.terminator, stripTabs: heredoc.stripTabs) }
                pendingHeredocs = []
                continue
            }
            if Scanner.isSpace(byte) { s.advance(); continue }
            if byte == 0x5C, s.peek(1) == 0x0A { s.advance(2); continue }  // line continuation
            if byte == 0x23, s.position == 0 || Scanner.isSpace(s.previous!) || s.previous == 0x0A || s.previous == 0x3B {
                s.advanceToLineEnd()
                s.emit(.comment, from: start)
            } else if s.matches("<<"), s.peek(2) != 0x3C {  // heredoc, not <<<
                s.advance(2)
                let stripTabs = s.current == 0x2D
                if stripTabs { s.advance() }
                s.emit(.operator, from: start)
                let wordStart = s.position
                s.advance(while: { Scanner.isSpace($0) })
                let quote = s.current == 0x27 || s.current == 0x22 ? s.current : nil
                if quote != nil { s.advance() }
                let nameStart = s.position
                s.advance(while: { Scanner.isIdentifierPart($0) || $0 == 0x2D })
                let name = s.text(from: nameStart)
                if let quote, s.current == quote { s.advance() }
                s.emit(.string, from: wordStart)
                if !name.isEmpty { pendingHeredocs.append((name, stripTabs)) }
            } else if byte == 0x27 {
                s.advance()
                s.advance(past: "'")
                s.emit(.string, from: start)
            } else if byte == 0x22 {
                scanDoubleQuoted(&s)
            } else if byte == 0x24, s.peek(1) == 0x28, s.peek(2) != 0x28 {
                // $( command ): the inside is shell again.
                s.advance(2)
                s.emit(.punctuation, from: start)
                commandPosition = true
            } else if byte == 0x24 {
                // `$GO build`: a variable in command position is the command; what follows are arguments.
                // (In `NAME=$VALUE command` it is an assignment's value, and the command is still to come.)
                let isAssignmentValue = s.previous == 0x3D
                scanDollar(&s)
                if !isAssignmentValue { commandPosition = false }
            } else if byte == 0x2D, commandPosition == false, s.peek(1).map({ Scanner.isIdentifierStart($0) || $0 == 0x2D }) == true {
                s.advance(while: { Scanner.isIdentifierPart($0) || $0 == 0x2D })
                s.emit(.attribute, from: start)
            } else if Scanner.isIdentifierStart(byte) || Scanner.isDigit(byte) || byte == 0x2E || byte == 0x2F || byte == 0x7E {
                s.advance(while: { !wordEnds[Int($0)] })
                if let ascii = asciiWord(s, from: start) {
                    if ascii.isAssignment {
                        s.emit(.variable, from: start)  // NAME= assignment
                        continue
                    }
                    if let equals = ascii.equals, commandPosition, ascii.nameBeforeEquals {
                        s.rewind(to: equals + 1)
                        s.emit(.variable, from: start)
                        s.advance(while: { !wordEnds[Int($0)] })
                        continue
                    }
                    let isKeyword = keywordTable.kind(of: s.bytes, from: start, to: s.position) != nil
                    let kind: TokenKind?
                    if isKeyword { kind = .keyword }
                    else if commandPosition { kind = builtinTable.kind(of: s.bytes, from: start, to: s.position) ?? .function }
                    else if ascii.mayBeNumber, Double(s.text(from: start)) != nil { kind = .number }
                    else { kind = nil }
                    s.emit(kind, from: start)
                    commandPosition = isKeyword && !startsAName(s, from: start)
                    continue
                }
                let word = s.text(from: start)
                if word.hasSuffix("="), let _ = word.first.map({ $0.isLetter || $0 == "_" }) {
                    s.emit(.variable, from: start)  // NAME= assignment
                    continue
                }
                if let equals = word.firstIndex(of: "="), commandPosition, word[..<equals].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                    // `NAME=value command`: the assignment, then its value, and the command still to come.
                    s.rewind(to: start + word[..<equals].utf8.count + 1)
                    s.emit(.variable, from: start)
                    s.advance(while: { !wordEnds[Int($0)] })
                    continue
                }
                let kind: TokenKind?
                if keywords.contains(word) { kind = .keyword }
                else if commandPosition { kind = builtins.contains(word) ? .builtin : .function }
                else if Double(word) != nil { kind = .number }
                else { kind = nil }
                s.emit(kind, from: start)
                // After `for`, `case` and friends comes a name, not a command.
                commandPosition = keywords.contains(word) && !["in", "for", "case", "select", "function"].contains(word)
            } else if "|&;<>".utf8.contains(byte) {
                // One operator per run: `&&`, `||`, `2>&1`'s `>&`, `>>`. A redirection is not a command separator.
                s.advance(while: { "|&;<>".utf8.contains($0) })
                s.emit(.operator, from: start)
                if byte != 0x3C && byte != 0x3E { commandPosition = true }
            } else {
                s.advance()
                s.emit("()".utf8.contains(byte) ? .operator : .punctuation, from: start)
                if byte == 0x28 { commandPosition = true }
            }
        }
    }

    /// What the word from `start` to the cursor is made of, read on its bytes, when it is all ASCII (nil
    /// otherwise: a word with other letters is read as a String, where `isLetter` knows them).
    /// - `isAssignment`: it ends with `=` (`NAME=`);
    /// - `equals`: where its first `=` is; `nameBeforeEquals`: only letters, digits and `_` come before it;
    /// - `mayBeNumber`: it starts as a number, `inf` or `nan` can (`Double` decides).
    private static func asciiWord(_ s: Scanner, from start: Int)
        -> (isAssignment: Bool, equals: Int?, nameBeforeEquals: Bool, mayBeNumber: Bool)?
    {
        let end = s.position
        guard end > start else { return nil }
        var equals: Int?
        var nameBeforeEquals = true
        for index in start..<end {
            let byte = s.bytes[index]
            if byte >= 0x80 { return nil }
            if equals == nil {
                if byte == 0x3D {
                    equals = index
                } else if !(Scanner.isIdentifierPart(byte)) {
                    nameBeforeEquals = false
                }
            }
        }
        let first = s.bytes[start]
        let mayBeNumber = Scanner.isDigit(first) || first == 0x2E || first == 0x69 || first == 0x49 || first == 0x6E
            || first == 0x4E
        return (s.bytes[end - 1] == 0x3D, equals, nameBeforeEquals, mayBeNumber)
    }

    /// Whether the keyword from `start` to the cursor is followed by a name, not a command (`for`, `case`...).
    private static func startsAName(_ s: Scanner, from start: Int) -> Bool {
        let word = s.bytes[start..<s.position]
        for name in ["in", "for", "case", "select", "function"] where word.elementsEqual(name.utf8) { return true }
        return false
    }

    static func scanDoubleQuoted(_ s: inout Scanner) {
        var start = s.position
        s.advance()
        while let c = s.current, c != 0x22 {
            if c == 0x5C { s.advance(2); continue }
            if c == 0x24, s.peek(1).map({ Scanner.isIdentifierStart($0) || $0 == 0x7B || $0 == 0x28 }) == true {
                s.emit(.string, from: start)
                scanDollar(&s)
                start = s.position
                continue
            }
            s.advance()
        }
        s.advance()
        s.emit(.string, from: start)
    }

    /// `$NAME`, `${…}`, `$(…)`, `$1`, `$?`.
    static func scanDollar(_ s: inout Scanner) {
        let start = s.position
        s.advance()
        if s.current == 0x7B {
            s.advance(past: "}")
        } else if s.current == 0x28 {
            var depth = 0
            while let c = s.current {
                s.advance()
                if c == 0x28 { depth += 1 }
                if c == 0x29 { depth -= 1; if depth == 0 { break } }
                if c == 0x0A { break }
            }
        } else if let c = s.current, Scanner.isIdentifierStart(c) {
            s.advance(while: Scanner.isIdentifierPart)
        } else {
            s.advance()  // $1, $?, $#, $@
        }
        s.emit(.variable, from: start)
    }

    static func scanHeredocBody(_ s: inout Scanner, terminator: String, stripTabs: Bool) {
        let start = s.position
        while !s.atEnd {
            let lineStart = s.position
            if stripTabs { s.advance(while: { $0 == 0x09 }) }
            if s.matches(terminator) {
                let after = s.peek(terminator.utf8.count)
                if after == nil || after == 0x0A {
                    s.rewind(to: lineStart)
                    s.emit(.string, from: start)
                    s.advance(while: { $0 == 0x09 })
                    let wordStart = s.position
                    s.advance(terminator.utf8.count)
                    s.emit(.string, from: wordStart)
                    return
                }
            }
            s.advanceToLineEnd()
            s.advance()
        }
        s.emit(.string, from: start)
    }
}

/// `console`: `$ command` lines (the prompt, then shell) and the output between them. A command ending in
/// `\` continues on the next line.
struct ConsoleGrammar: Grammar {
    let names = ["console", "terminal", "shell-session", "shellsession"]

    func tokenize(_ s: inout Scanner) {
        while !s.atEnd {
            let start = s.position
            if s.matches("$ ") || s.matches("% ") || s.matches("# ") || s.current == 0x24 && s.peek(1) == 0x0A {
                s.advance(s.current == 0x24 && s.peek(1) == 0x0A ? 1 : 2)
                s.emit(.prompt, from: start)
                // The command runs to the end of the line, or further after a trailing backslash.
                var end = s.position
                while end < s.bytes.count {
                    while end < s.bytes.count, s.bytes[end] != 0x0A { end += 1 }
                    if end > 0, s.bytes[end - 1] == 0x5C, end < s.bytes.count { end += 1; continue }
                    break
                }
                // On a copy bounded by the command's end: an unclosed quote must not swallow the output below.
                s.embed(ShellGrammar(), upTo: end)
            } else {
                s.advanceToLineEnd()
                s.emit(.output, from: start)
            }
            if s.current == 0x0A { s.advance() }
        }
    }
}
