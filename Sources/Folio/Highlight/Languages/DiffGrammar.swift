// Unified diffs (`git diff`, patches): added and removed lines, `@@ … @@` hunk headers, and the file headers
// (`diff --git`, `index`, modes as comments; the `---`/`+++` file names as properties). Context lines stay plain.

struct DiffGrammar: Grammar {
    let names = ["diff", "patch", "udiff"]

    /// Lines of git's extended header; a line in a hunk starts with a space, `+`, `-` or `\`, never with these.
    static let headers = [
        "diff ", "index ", "new file mode", "deleted file mode", "old mode", "new mode", "similarity index",
        "dissimilarity index", "rename from", "rename to", "copy from", "copy to", "Binary files", "Only in ",
    ]

    func tokenize(_ s: inout Scanner) {
        while !s.atEnd {
            let start = s.position
            let kind = kindOfLine(s)
            if kind == .keyword {
                // `@@ -12,7 +12,9 @@`, then the enclosing function git shows as context, left plain.
                let end = s.endOfLine()
                s.advance(2)
                while s.position < end, !s.matches("@@") { s.advance() }
                s.advance(2)
                s.rewind(to: min(s.position, end))
                s.emit(.keyword, from: start)
            }
            s.advanceToLineEnd()
            s.emit(kind == .keyword ? nil : kind, from: start)
            s.advance()
        }
    }

    private func kindOfLine(_ s: Scanner) -> TokenKind? {
        guard let first = s.current else { return nil }
        switch first {
        case 0x2B where s.matches("+++ ") && previousLineStarts(with: "--- ", s):
            return .property
        case 0x2D where s.matches("--- ") && nextLineStarts(with: "+++ ", s):
            return .property
        case 0x2B:
            return .inserted
        case 0x2D:
            return .deleted
        case 0x40 where s.matches("@@"):
            return .keyword
        case 0x5C:
            return .comment  // \ No newline at end of file
        default:
            return Self.headers.contains(where: s.matches) ? .comment : nil
        }
    }

    /// A `---` line is a file header only right before a `+++` line: elsewhere it is a removed line that starts
    /// with `--` (a SQL comment, a flag).
    private func nextLineStarts(with prefix: String, _ s: Scanner) -> Bool {
        s.matches(prefix, at: s.endOfLine() + 1)
    }

    private func previousLineStarts(with prefix: String, _ s: Scanner) -> Bool {
        guard s.position > 0 else { return false }
        var index = s.position - 1
        while index > 0, s.bytes[index - 1] != 0x0A { index -= 1 }
        return s.matches(prefix, at: index)
    }
}
