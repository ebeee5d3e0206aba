// HTTP messages as articles show them: a request line or a status line, headers, a blank line, a body (JSON when
// the Content-Type says so). A block may hold several messages, such as a request and its response.

struct HTTPGrammar: Grammar {
    let names = ["http"]

    func tokenize(_ s: inout Scanner) {
        while !s.atEnd {
            s.advance(while: { Scanner.isSpace($0) || $0 == 0x0A })
            guard !s.atEnd else { break }
            let messageStart = s.position
            startLine(&s)
            let json = headers(&s)
            body(&s, json: json)
            if s.position == messageStart { s.advanceToLineEnd() }  // always make progress, whatever the text
        }
    }

    /// `POST /v1/orders HTTP/1.1` (method a keyword, target a string, version a constant) or
    /// `HTTP/2 503 Service Unavailable` (version, status code a number, reason plain). Another line is left for the
    /// headers: a block may show headers alone.
    private func startLine(_ s: inout Scanner) {
        let start = s.position
        if s.matches("HTTP/") {
            s.advance(while: { !Scanner.isSpace($0) && $0 != 0x0A })
            s.emit(.constant, from: start)
            s.advance(while: Scanner.isSpace)
            let code = s.position
            s.advance(while: Scanner.isDigit)
            s.emit(.number, from: code)
        } else {
            s.advance(while: { Scanner.isUpper($0) || $0 == 0x2D })
            guard s.position > start, s.current == 0x20 else {
                s.rewind(to: start)
                return
            }
            s.emit(.keyword, from: start)
            s.advance(while: Scanner.isSpace)
            let target = s.position
            s.advance(while: { !Scanner.isSpace($0) && $0 != 0x0A })
            s.emit(.string, from: target)
            s.advance(while: Scanner.isSpace)
            let version = s.position
            if s.matches("HTTP/") {
                s.advance(while: { !Scanner.isSpace($0) && $0 != 0x0A })
                s.emit(.constant, from: version)
            }
        }
        s.advanceToLineEnd()
        s.advance()
    }

    /// `Name: value` lines up to a blank line, with HTTP/2 pseudo-headers (`:authority`) and folded values.
    /// Returns whether the body is JSON.
    private func headers(_ s: inout Scanner) -> Bool {
        var json = false
        while !s.atEnd, !Self.isStartLine(s, at: s.position) {
            let lineStart = s.position
            let end = s.endOfLine()
            if s.firstNonSpace(from: lineStart) == 0x0A || s.firstNonSpace(from: lineStart) == nil {
                s.rewind(to: end)
                s.advance()
                break  // the blank line before the body
            }
            if s.current == 0x20 || s.current == 0x09 {  // a folded continuation of the previous value
                s.advance(while: Scanner.isSpace)
                value(&s, upTo: end)
            } else {
                s.advance()  // past the first byte, so that a pseudo-header's `:` is part of its name
                s.advance(while: { $0 != 0x3A && $0 != 0x0A })
                if s.current == 0x3A {
                    let name = s.text(from: lineStart).lowercased()
                    s.emit(.property, from: lineStart)
                    let colon = s.position
                    s.advance()
                    s.emit(.punctuation, from: colon)
                    s.advance(while: Scanner.isSpace)
                    if name == "content-type" {
                        json = String(decoding: s.bytes[s.position..<end], as: UTF8.self).lowercased().contains("json")
                    }
                    value(&s, upTo: end)
                }
            }
            s.rewind(to: end)
            s.advance()
        }
        return json
    }

    private func value(_ s: inout Scanner, upTo end: Int) {
        let start = s.position
        var last = end
        while last > start, Scanner.isSpace(s.bytes[last - 1]) { last -= 1 }
        s.rewind(to: last)
        s.emit(.string, from: start)
    }

    /// The body runs to the next message's start line; JSON is highlighted, anything else left plain.
    private func body(_ s: inout Scanner, json: Bool) {
        var end = s.position
        while end < s.bytes.count, !Self.isStartLine(s, at: end) {
            while end < s.bytes.count, s.bytes[end] != 0x0A { end += 1 }
            if end < s.bytes.count { end += 1 }
        }
        if json { s.embed(JSONGrammar(), upTo: end) } else { s.rewind(to: end) }
    }

    /// Whether a message starts at `index`: `HTTP/1.1 200 OK`, or `GET /path HTTP/1.1` (the version required, so
    /// that a line of body text is not taken for a request).
    static func isStartLine(_ s: Scanner, at index: Int) -> Bool {
        if s.matches("HTTP/", at: index) { return true }
        let bytes = s.bytes
        var position = index
        while position < bytes.count, Scanner.isUpper(bytes[position]) { position += 1 }
        guard position > index, position < bytes.count, bytes[position] == 0x20 else { return false }
        position += 1
        while position < bytes.count, bytes[position] != 0x20, bytes[position] != 0x0A { position += 1 }
        return position < bytes.count && bytes[position] == 0x20 && s.matches("HTTP/", at: position + 1)
    }
}
