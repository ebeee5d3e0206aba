// Protocol Buffers (proto2, proto3, editions). Not `CLikeGrammar` data: what a word is depends on where it stands
// (`rpc PlaceOrder(` names a method, `string to = 2;` is a field called `to`, `UNAVAILABLE = 14;` an enum value).

struct ProtobufGrammar: Grammar {
    let names = ["protobuf", "proto", "proto3", "proto2"]

    /// Keywords that open a statement. Elsewhere the same words are field names (`string package = 3;`).
    static let declarations: Set<String> = [
        "syntax", "edition", "package", "import", "option", "message", "enum", "service", "rpc", "repeated",
        "optional", "required", "map", "oneof", "reserved", "extend", "extensions",
    ]
    static let scalarTypes: Set<String> = [
        "double", "float", "int32", "int64", "uint32", "uint64", "sint32", "sint64", "fixed32", "fixed64",
        "sfixed32", "sfixed64", "bool", "string", "bytes",
    ]

    /// What came just before the current token, which decides what a word is.
    private enum Previous: Equatable {
        case nothing, word(String), number, symbol(UInt8)
    }

    func tokenize(_ s: inout Scanner) {
        var previous = Previous.nothing
        var statementStart = true
        var inOptionName = false  // after `option`, or at the start of a `[field = options]` entry
        var bracketDepth = 0
        while let byte = s.current {
            let start = s.position
            if Scanner.isSpace(byte) || byte == 0x0A {
                s.advance()
                continue
            }
            if s.matches("//") {
                s.advanceToLineEnd()
                s.emit(.comment, from: start)
                continue
            }
            if s.matches("/*") {
                s.advance(2)
                s.advance(past: "*/")
                s.emit(.comment, from: start)
                continue
            }
            if byte == 0x22 || byte == 0x27 {
                s.advanceOverQuoted()
                s.emit(.string, from: start)
                previous = .symbol(byte)
                statementStart = false
                continue
            }
            if s.scanNumber() {
                previous = .number
                statementStart = false
                continue
            }
            if Scanner.isIdentifierStart(byte) {
                s.advance(while: Scanner.isIdentifierPart)
                let word = s.text(from: start)
                let next = s.firstNonSpace(from: s.position)
                let kind = inOptionName ? .attribute
                    : classify(word, previous: previous, statementStart: statementStart, next: next)
                s.emit(kind, from: start)
                if kind == .keyword, word == "option" { inOptionName = true }
                previous = .word(word)
                statementStart = false
                continue
            }
            s.advanceCharacter()
            let isOperator = byte == 0x3D || byte == 0x2D || byte == 0x2B
            s.emit(isOperator ? .operator : .punctuation, from: start)
            switch byte {
            case 0x3B, 0x7B, 0x7D: statementStart = true; inOptionName = false
            case 0x3D: inOptionName = false
            case 0x5B: bracketDepth += 1; inOptionName = true
            case 0x5D: bracketDepth = max(0, bracketDepth - 1); inOptionName = false
            case 0x2C where bracketDepth > 0: inOptionName = true
            default: break
            }
            previous = .symbol(byte)
        }
    }

    private func classify(_ word: String, previous: Previous, statementStart: Bool, next: UInt8?) -> TokenKind? {
        if statementStart {
            if Self.declarations.contains(word) { return .keyword }
            // An enum value: the only statement that starts with its own name.
            if next == 0x3D { return .constant }
        }
        switch previous {
        case .word("message"), .word("enum"), .word("service"), .word("extend"): return .type
        case .word("rpc"): return .function
        case .word("import") where word == "public" || word == "weak": return .keyword
        case .number where word == "to": return .keyword
        case .word("to") where word == "max": return .keyword
        // After `=` in an option, or `:` in its text-format value, a word is an enum value (`= SPEED`) or a literal.
        case .symbol(0x3D), .symbol(0x3A): return word == "inf" || word == "nan" ? .number : .constant
        default: break
        }
        if next == 0x3A { return .property }  // a field in an option's text-format value: `{ post: "/v1/orders" }`
        if next == 0x3D { return nil }  // a field name
        if word == "returns" || word == "stream" { return .keyword }
        if Self.scalarTypes.contains(word) { return .type }
        if let first = word.utf8.first, Scanner.isUpper(first) { return .type }
        return nil
    }
}
