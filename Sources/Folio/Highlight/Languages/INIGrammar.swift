// INI-shaped configuration: .ini, .env, Java .properties, systemd units, rabbitmq.conf. `[section]` as a tag,
// `key = value` with the key a property and the value a string (`$VAR` and `${VAR}` in it variables).

struct INIGrammar: Grammar {
    // `conf` is here: most `.conf` files are key = value (rabbitmq.conf, sysctl.conf); nginx has its own name.
    let names = ["ini", "dosini", "cfg", "conf", "env", "dotenv", "properties", "systemd", "gitconfig", "editorconfig"]

    func tokenize(_ s: inout Scanner) {
        var continued = false  // the previous value ended in `\` and goes on on this line
        while !s.atEnd {
            s.advance(while: Scanner.isSpace)
            guard let byte = s.current else { break }
            let start = s.position
            if byte == 0x0A {
                s.advance()
                continue
            }
            if continued {
                continued = value(&s)
            } else if byte == 0x23 || byte == 0x3B {
                s.advanceToLineEnd()
                s.emit(.comment, from: start)
            } else if byte == 0x5B {
                s.advance(while: { $0 != 0x5D && $0 != 0x0A })
                if s.current == 0x5D { s.advance() }
                s.emit(.tag, from: start)
                trailingComment(&s)
            } else {
                continued = entry(&s)
            }
            s.advanceToLineEnd()
        }
    }

    /// `key = value`, `KEY=value`, `key: value`, or `export KEY=value` in a .env file. Returns whether the value
    /// continues on the next line.
    private func entry(_ s: inout Scanner) -> Bool {
        let start = s.position
        if s.matches("export "), s.firstNonSpace(from: s.position + 7).map(Scanner.isIdentifierStart) == true {
            s.advance(6)
            s.emit(.keyword, from: start)
            s.advance(while: Scanner.isSpace)
        }
        let keyStart = s.position
        s.advance(while: { $0 != 0x3D && $0 != 0x3A && $0 != 0x0A })
        guard let delimiter = s.current, delimiter != 0x0A else { return false }  // a line without a value
        var keyEnd = s.position
        while keyEnd > keyStart, Scanner.isSpace(s.bytes[keyEnd - 1]) { keyEnd -= 1 }
        let operatorStart = s.position
        s.rewind(to: keyEnd)
        s.emit(.property, from: keyStart)
        s.rewind(to: operatorStart + 1)
        s.emit(.operator, from: operatorStart)
        s.advance(while: Scanner.isSpace)
        return value(&s)
    }

    /// A value to the end of its line: bare text, quoted parts (a double-quoted one may span lines, as in .env
    /// files), up to a ` #` or ` ;` comment. Returns whether it ends in `\` and so goes on on the next line.
    private func value(_ s: inout Scanner) -> Bool {
        var start = s.position  // the bare text not yet emitted
        var end = start  // after its last byte that is not a space
        while let byte = s.current, byte != 0x0A {
            if byte == 0x23 || byte == 0x3B, Scanner.isSpace(s.previous ?? 0x20) { break }
            if byte == 0x22 || byte == 0x27 || (byte == 0x24 && isVariableStart(s)) {
                s.emit(.string, from: start)
                if byte == 0x24 { variable(&s) } else { quoted(&s) }
                start = s.position
                end = start
                continue
            }
            s.advance()
            if !Scanner.isSpace(byte) { end = s.position }
        }
        let resume = s.position
        s.rewind(to: end)
        s.emit(.string, from: start)
        s.rewind(to: resume)
        trailingComment(&s)
        return end > start && s.bytes[end - 1] == 0x5C
    }

    /// `"…"` (escapes, `$VAR` expanded) or `'…'` (literal).
    private func quoted(_ s: inout Scanner) {
        let quote = s.current!
        let spansLines = quote == 0x22 && closesOnALaterLine(s)
        var start = s.position
        s.advance()
        while let byte = s.current, byte != quote {
            if byte == 0x0A, !spansLines { break }
            if byte == 0x5C, quote == 0x22 {
                s.advance(2)
            } else if byte == 0x24, quote == 0x22, isVariableStart(s) {
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

    /// Whether the double quote at the cursor closes on a later line (a .env value such as a PEM key); looking at
    /// most a few dozen lines ahead, so a stray quote costs little and colours only its own line.
    private func closesOnALaterLine(_ s: Scanner) -> Bool {
        var index = s.position + 1
        var lines = 0
        while index < s.bytes.count, lines < 64 {
            switch s.bytes[index] {
            case 0x22: return lines > 0
            case 0x5C: index += 1
            case 0x0A: lines += 1
            default: break
            }
            index += 1
        }
        return false
    }

    private func isVariableStart(_ s: Scanner) -> Bool {
        s.peek(1).map { Scanner.isIdentifierStart($0) || $0 == 0x7B } == true
    }

    /// `$NAME` or `${NAME}`.
    private func variable(_ s: inout Scanner) {
        let start = s.position
        s.advance()
        if s.current == 0x7B {
            s.advance(while: { $0 != 0x7D && $0 != 0x0A })
            if s.current == 0x7D { s.advance() }
        } else {
            s.advance(while: Scanner.isIdentifierPart)
        }
        s.emit(.variable, from: start)
    }

    private func trailingComment(_ s: inout Scanner) {
        s.advance(while: Scanner.isSpace)
        guard s.current == 0x23 || s.current == 0x3B else { return }
        let start = s.position
        s.advanceToLineEnd()
        s.emit(.comment, from: start)
    }
}
