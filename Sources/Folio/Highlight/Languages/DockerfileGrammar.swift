// Dockerfile (and Containerfile): instructions at the start of a line in any case, `--flags`, `$VAR` and `${VAR}`.
// `RUN` and shell-form `CMD` are shell; exec-form `["…"]` arrays are JSON; `ENV`/`ARG` define variables.

struct DockerfileGrammar: Grammar {
    let names = ["dockerfile", "containerfile", "docker"]

    static let instructions: Set<String> = [
        "add", "arg", "cmd", "copy", "entrypoint", "env", "expose", "from", "healthcheck", "label", "maintainer",
        "onbuild", "run", "shell", "stopsignal", "user", "volume", "workdir",
    ]
    /// Instructions that take a command: shell form, or exec form when the arguments open with `[`.
    static let commands: Set<String> = ["run", "cmd", "entrypoint"]
    static let execForms: Set<String> = ["run", "cmd", "entrypoint", "shell", "volume", "add", "copy"]

    func tokenize(_ s: inout Scanner) {
        while !s.atEnd {
            s.advance(while: { Scanner.isSpace($0) || $0 == 0x0A })
            guard let byte = s.current else { break }
            let start = s.position
            if byte == 0x23 {  // comments and parser directives (`# syntax=…`) are whole lines
                s.advanceToLineEnd()
                s.emit(.comment, from: start)
                continue
            }
            let end = instructionEnd(s)
            s.advance(while: Scanner.isIdentifierPart)
            let instruction = s.text(from: start).lowercased()
            if Self.instructions.contains(instruction) {
                s.emit(.keyword, from: start)
                arguments(of: instruction, &s, upTo: end)
            } else {
                // Not an instruction: most likely the rest of a `RUN` whose continuation a stray line broke.
                s.rewind(to: start)
                s.embed(ShellGrammar(), upTo: end)
            }
            if s.position < end { s.rewind(to: end) }
        }
    }

    /// The end of the instruction at the cursor: lines ending in `\` continue it, and comment lines inside it are
    /// skipped, as Docker does.
    private func instructionEnd(_ s: Scanner) -> Int {
        var index = s.position
        while index < s.bytes.count {
            guard s.bytes[index] == 0x0A else {
                index += 1
                continue
            }
            var before = index - 1
            while before >= 0, Scanner.isSpace(s.bytes[before]) { before -= 1 }
            guard before >= 0, s.bytes[before] == 0x5C else { return index }
            index += 1
            // Comment lines in the middle of a continued instruction do not end it.
            while index < s.bytes.count {
                var first = index
                while first < s.bytes.count, Scanner.isSpace(s.bytes[first]) { first += 1 }
                guard first < s.bytes.count, s.bytes[first] == 0x23 else { break }
                while first < s.bytes.count, s.bytes[first] != 0x0A { first += 1 }
                index = first + 1
            }
        }
        return s.bytes.count
    }

    private func arguments(of instruction: String, _ s: inout Scanner, upTo end: Int, nested: Bool = false) {
        flags(&s, upTo: end)
        if !nested, instruction == "healthcheck" || instruction == "onbuild" {
            // `HEALTHCHECK [flags] CMD …` and `ONBUILD RUN …`: another instruction follows.
            let start = s.position
            s.advance(while: Scanner.isIdentifierPart)
            let word = s.text(from: start).lowercased()
            guard Self.instructions.contains(word) || word == "none" else {
                s.rewind(to: start)
                words(&s, upTo: end, of: instruction)
                return
            }
            s.emit(.keyword, from: start)
            arguments(of: word, &s, upTo: end, nested: true)  // one level: Docker has no `ONBUILD ONBUILD`
            return
        }
        if s.current == 0x5B, Self.execForms.contains(instruction) {
            s.embed(JSONGrammar(), upTo: end)
        } else if Self.commands.contains(instruction) {
            // Embedded rather than `tokenize(until:)`: an unclosed quote must not run into the next instruction.
            s.embed(ShellGrammar(), upTo: heredocEnd(s, lineEnd: end) ?? end)
        } else {
            words(&s, upTo: end, of: instruction)
        }
    }

    /// Leading `--name=value` flags (`--from=build`, `--mount=type=cache,…`); stops at the first other word.
    private func flags(_ s: inout Scanner, upTo end: Int) {
        while s.position < end {
            skipSpaceAndContinuations(&s, upTo: end)
            guard s.matches("--") else { return }
            let start = s.position
            s.advance(while: { Scanner.isIdentifierPart($0) || $0 == 0x2D })
            s.emit(.attribute, from: start)
            guard s.current == 0x3D else { continue }
            let equals = s.position
            s.advance()
            s.emit(.punctuation, from: equals)
            value(&s, upTo: end)
        }
    }

    private func skipSpaceAndContinuations(_ s: inout Scanner, upTo end: Int) {
        while s.position < end, let byte = s.current {
            let continuation = byte == 0x5C && s.firstNonSpace(from: s.position + 1) == 0x0A
            if Scanner.isSpace(byte) || byte == 0x0A || continuation {
                s.advance()
            } else if byte == 0x23, s.previous == 0x0A || s.atLineStartIgnoringIndent {
                let start = s.position
                s.advanceToLineEnd()
                s.emit(.comment, from: start)
            } else {
                return
            }
        }
    }

    /// The arguments of the instructions that are not commands: `ENV`/`ARG` names are variables, `LABEL` keys are
    /// properties, `FROM … AS name` has a keyword, and the rest are values.
    private func words(_ s: inout Scanner, upTo end: Int, of instruction: String) {
        let keyKind: TokenKind? = instruction == "env" || instruction == "arg" ? .variable
            : instruction == "label" ? .property : nil
        var first = true
        while s.position < end {
            skipSpaceAndContinuations(&s, upTo: end)
            guard s.position < end, let byte = s.current else { return }
            let start = s.position
            if let keyKind, Scanner.isIdentifierStart(byte) {
                s.advance(while: { Scanner.isIdentifierPart($0) || $0 == 0x2E || $0 == 0x2D })
                if s.current == 0x3D {
                    s.emit(keyKind, from: start)
                    let equals = s.position
                    s.advance()
                    s.emit(.operator, from: equals)
                    value(&s, upTo: end)
                } else if instruction == "arg" || (instruction == "env" && first) {
                    // `ARG NAME` declares without a default; `ENV NAME value` is the older form.
                    s.emit(.variable, from: start)
                } else {
                    s.rewind(to: start)
                    value(&s, upTo: end)
                }
            } else if instruction == "from", !first, s.matchesIgnoringCase("as"),
                      s.peek(2).map({ Scanner.isSpace($0) || $0 == 0x0A }) ?? true {
                s.advance(2)
                s.emit(.keyword, from: start)
            } else {
                value(&s, upTo: end, numbers: instruction != "from")  // `golang:1.22` is an image, not a number
            }
            first = false
        }
    }

    /// One space-separated value: strings, `$VAR`, numbers (`8080`, `1.22`, `30s`), the rest plain.
    private func value(_ s: inout Scanner, upTo end: Int, numbers: Bool = true) {
        while s.position < end, let byte = s.current, !Scanner.isSpace(byte), byte != 0x0A {
            let start = s.position
            if byte == 0x22 {
                doubleQuoted(&s, upTo: end)
            } else if byte == 0x27 {
                s.advanceOverQuoted(escapes: false)
                s.emit(.string, from: start)
            } else if byte == 0x24 {
                variable(&s, upTo: end)
            } else if byte == 0x5C {
                s.advance(s.peek(1) == 0x0A ? 1 : 2)
            } else if byte == 0x3A {
                s.advance()  // alone, so that a number after it is seen: `65532:65532`
            } else if numbers, Scanner.isDigit(byte), start == 0 || !Scanner.isIdentifierPart(s.previous!) {
                // A number only when it stands alone: `8080`, `=0`, `65532:65532`; not the `22` of `1.22-alpine`.
                s.advance(while: { Scanner.isDigit($0) || $0 == 0x2E })
                s.advance(while: { $0 >= 0x61 && $0 <= 0x7A })  // units: 30s, 512m
                let after = s.current
                let alone = after == nil || Scanner.isSpace(after!) || after == 0x0A || after == 0x2F || after == 0x3A
                s.emit(alone ? .number : nil, from: start)
                if !alone { s.advance(while: { !Scanner.isSpace($0) && $0 != 0x0A && $0 != 0x24 && $0 != 0x22 }) }
            } else {
                s.advanceCharacter()
                s.advance(while: { !Scanner.isSpace($0) && !"\n$\"':".utf8.contains($0) })
            }
        }
    }

    /// `"…"` with `$VAR` expanded inside, as Docker does.
    private func doubleQuoted(_ s: inout Scanner, upTo end: Int) {
        var start = s.position
        s.advance()
        while s.position < end, let byte = s.current, byte != 0x22 {
            if byte == 0x5C {
                s.advance(2)
            } else if byte == 0x24, s.peek(1).map({ Scanner.isIdentifierStart($0) || $0 == 0x7B }) == true {
                s.emit(.string, from: start)
                variable(&s, upTo: end)
                start = s.position
            } else {
                s.advance()
            }
        }
        if s.current == 0x22 { s.advance() }
        s.emit(.string, from: start)
    }

    /// `$NAME` or `${NAME:-default}`.
    private func variable(_ s: inout Scanner, upTo end: Int) {
        let start = s.position
        s.advance()
        if s.current == 0x7B {
            while s.position < end, let byte = s.current, byte != 0x0A {
                s.advance()
                if byte == 0x7D { break }
            }
        } else {
            s.advance(while: Scanner.isIdentifierPart)
        }
        s.emit(s.position - start > 1 ? .variable : nil, from: start)
    }

    /// A `RUN <<EOF` heredoc runs past the instruction's line, to its terminator line. Nil without a terminator
    /// line, so that a `<<` in a string (`echo "<<EOF"`) does not turn the rest of the file into shell.
    private func heredocEnd(_ s: Scanner, lineEnd: Int) -> Int? {
        var index = s.position
        while index + 2 < lineEnd, !(s.bytes[index] == 0x3C && s.bytes[index + 1] == 0x3C) { index += 1 }
        guard index + 2 < lineEnd else { return nil }
        index += 2
        if index < lineEnd, s.bytes[index] == 0x2D { index += 1 }
        if index < lineEnd, s.bytes[index] == 0x22 || s.bytes[index] == 0x27 { index += 1 }
        let nameStart = index
        while index < lineEnd, Scanner.isIdentifierPart(s.bytes[index]) { index += 1 }
        guard index > nameStart else { return nil }
        let terminator = Array(s.bytes[nameStart..<index])
        var line = lineEnd + 1
        while line < s.bytes.count {
            var first = line
            while first < s.bytes.count, s.bytes[first] == 0x09 { first += 1 }
            var next = first
            while next < s.bytes.count, s.bytes[next] != 0x0A { next += 1 }
            if Array(s.bytes[first..<next]) == terminator { return next }
            line = next + 1
        }
        return nil
    }
}
