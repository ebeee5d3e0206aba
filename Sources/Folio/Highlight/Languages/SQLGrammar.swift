// SQL, PostgreSQL dialect: case-insensitive keywords, `--` and `/* */` comments, '…' strings with '' escapes,
// E'…' strings, "quoted identifiers", dollar quoting ($$…$$, $tag$…$tag$), $1 parameters, ::casts.

struct SQLGrammar: Grammar {
    let names = ["sql", "postgresql", "postgres", "psql", "plpgsql"]

    static let keywords: Set<String> = [
        "add", "all", "alter", "analyze", "and", "any", "as", "asc", "begin", "between", "by", "cascade", "case",
        "check", "column", "commit", "conflict", "constraint", "create", "cross", "cte", "default", "delete", "desc",
        "distinct", "do", "drop", "else", "end", "except", "exists", "explain", "extension", "false", "fetch",
        "first", "for", "foreign", "from", "full", "function", "grant", "group", "having", "if", "ilike", "in",
        "index", "inner", "insert", "intersect", "into", "is", "isolation", "join", "key", "language", "lateral",
        "left", "level", "like", "limit", "locked", "materialized", "not", "nothing", "nowait", "null", "nulls",
        "offset", "on", "only", "or", "order", "outer", "over", "partition", "policy", "primary", "references",
        "release", "rename", "replace", "returning", "returns", "revoke", "right", "rollback", "row", "rows",
        "savepoint", "schema", "select", "sequence", "serializable", "set", "share", "skip", "table", "then", "to",
        "transaction", "trigger", "true", "truncate", "union", "unique", "unlogged", "update", "using", "vacuum",
        "values", "view", "when", "where", "window", "with", "read", "committed", "repeatable", "work", "concurrently",
        "notify", "listen", "generated", "always", "identity", "stored", "temporary", "temp", "execute", "prepare",
        "deferrable", "initially", "deferred", "immediate", "filter", "within", "recursive", "lock", "mode",
    ]
    static let types: Set<String> = [
        "bigint", "bigserial", "bit", "boolean", "bool", "bytea", "char", "character", "date", "decimal", "double",
        "float", "int", "int2", "int4", "int8", "integer", "interval", "json", "jsonb", "numeric", "precision",
        "real", "serial", "smallint", "text", "time", "timestamp", "timestamptz", "uuid", "varchar", "varying",
        "zone", "inet", "cidr", "tsvector", "regclass", "oid", "xid8",
    ]

    /// Both lists as one table, keywords first; `true`, `false` and `null` are constants.
    static let words = WordTable(
        keywords.sorted().map { ($0, $0 == "true" || $0 == "false" || $0 == "null" ? TokenKind.constant : .keyword) }
            + types.sorted().map { ($0, TokenKind.type) })

    /// The listed kind of the word from `start` to the cursor, in any case.
    private static func kind(from start: Int, _ s: Scanner) -> TokenKind? {
        if !s.bytes[start..<s.position].contains(where: { $0 >= 0x80 }) {
            return words.kindIgnoringCase(of: s.bytes, from: start, to: s.position)
        }
        // Unicode lower-casing can make ASCII of other letters (the Kelvin sign is a `k`): the word lower-cased
        // as text, looked up in the same table.
        let word = Array(s.text(from: start).lowercased().utf8)
        return words.kind(of: word, from: 0, to: word.count)
    }

    func tokenize(_ s: inout Scanner) {
        while !s.atEnd {
            let start = s.position
            let byte = s.current!
            if Scanner.isSpace(byte) || byte == 0x0A { s.advance(); continue }
            if byte == 0x2D, s.peek(1) == 0x2D {  // --
                s.advanceToLineEnd()
                s.emit(.comment, from: start)
            } else if byte == 0x2F, s.peek(1) == 0x2A {  // /*
                s.advance(2)
                s.advance(past: "*/")
                s.emit(.comment, from: start)
            } else if byte == 0x27 || ((byte == 0x45 || byte == 0x65) && s.peek(1) == 0x27) {  // '…' or E'…'
                let escapes = byte != 0x27
                s.advance(byte == 0x27 ? 1 : 2)
                while let c = s.current {
                    if escapes, c == 0x5C { s.advance(2); continue }
                    s.advance()
                    if c == 0x27 {
                        if s.current == 0x27 { s.advance(); continue }  // '' is an escaped quote
                        break
                    }
                }
                s.emit(.string, from: start)
            } else if byte == 0x22 {
                s.advance()
                s.advance(past: "\"")
                s.emit(.property, from: start)
            } else if byte == 0x24, let tag = dollarQuoteTag(s) {
                s.advance(tag.utf8.count)
                s.advance(past: tag)
                s.emit(.string, from: start)
            } else if byte == 0x24, s.peek(1).map(Scanner.isDigit) == true {
                s.advance()
                s.advance(while: Scanner.isDigit)
                s.emit(.variable, from: start)
            } else if s.scanNumber() {
            } else if Scanner.isIdentifierStart(byte) {
                s.advance(while: Scanner.isIdentifierPart)
                s.emit(Self.kind(from: start, s) ?? (s.current == 0x28 ? .function : nil), from: start)
            } else if byte == 0x3A, s.peek(1) == 0x3A {  // ::
                s.advance(2)
                s.emit(.operator, from: start)
            } else {
                s.advance()
                s.emit(CLikeGrammar.isOperator(byte) ? .operator : .punctuation, from: start)
            }
        }
    }

    /// `$$` or `$tag$` at the cursor, as the full opening delimiter.
    private func dollarQuoteTag(_ s: Scanner) -> String? {
        var offset = 1
        while let byte = s.peek(offset), Scanner.isIdentifierPart(byte) { offset += 1 }
        guard s.peek(offset) == 0x24 else { return nil }
        if offset > 1, let first = s.peek(1), Scanner.isDigit(first) { return nil }
        return String(decoding: s.bytes[s.position...(s.position + offset)], as: UTF8.self)
    }
}
