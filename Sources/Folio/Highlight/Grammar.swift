// A grammar turns code into tokens. Most are data (`CLikeGrammar`); line-oriented formats are a little code.
// `Grammars.named(_:)` finds one by fence language or alias.

protocol Grammar: Sendable {
    /// The fence languages this grammar answers to, first the canonical one (`go`, then `golang`).
    var names: [String] { get }
    func tokenize(_ scanner: inout Scanner)
}

enum Grammars {
    static let all: [any Grammar] = ([
        SwiftGrammar.grammar, GoGrammar.grammar, TypeScriptGrammar.grammar, JavaScriptGrammar.grammar,
        SQLGrammar(), JSONGrammar(), YAMLGrammar(), ShellGrammar(), ConsoleGrammar(),
    ] + OtherGrammars.all).map { grammar in
        // A C-like grammar needs its lookup tables; filling them here means no declaration can forget to.
        (grammar as? CLikeGrammar)?.prepared() ?? grammar
    }

    private static let byName: [String: any Grammar] = {
        var table: [String: any Grammar] = [:]
        for grammar in all {
            for name in grammar.names where table[name] == nil { table[name] = grammar }
        }
        return table
    }()

    /// Languages that are shown as plain text on purpose: no warning.
    static let plain: Set<String> = ["", "text", "plain", "plaintext", "txt", "output", "mermaid"]

    static func named(_ language: String) -> (any Grammar)? {
        byName[language] ?? byName[language.lowercased()]
    }

    /// Canonical names, for messages and the README.
    static var languages: [String] { all.map { $0.names[0] } }
}

/// The grammar shape of the curly-brace languages: keywords and friends as word lists, comments, strings with
/// their escapes, raw forms and interpolation, numbers, `@attributes`, calls and capitalised types.
struct CLikeGrammar: Grammar {
    struct StringForm: Sendable {
        var open: String
        var close: String
        var escapes = true
        var multiline = false
        /// Interpolation opener inside the string (`\(` in Swift, `${` in TypeScript), closed by the bracket.
        var interpolation: String?
    }

    var names: [String]
    var keywords: Set<String>
    var types: Set<String> = []
    var builtins: Set<String> = []
    var constants: Set<String> = ["true", "false", "nil", "null"]
    var lineComments: [String] = ["//"]
    var blockComment: (open: String, close: String)? = ("/*", "*/")
    var nestedBlockComments = false
    /// Tried in order, so longer openers (`"""`) come before shorter ones (`"`).
    var strings: [StringForm]
    /// Characters that start an attribute or directive word: `@` (Swift, TypeScript decorators), `#` (Swift).
    var attributePrefixes: Set<UInt8> = [0x40]
    /// Swift raw strings: `#"..."#`, any number of `#`.
    var hashRawStrings = false
    /// Words capitalised like `OrderPlaced` are types.
    var capitalisedAreTypes = true
    /// `$name` is a variable (JavaScript identifiers may contain `$`).
    var dollarInIdentifiers = false

    /// Every listed word with its kind, built once by `prepared()`: one lookup per identifier, on its bytes.
    private(set) var wordKinds = WordTable([])
    /// First bytes of comment and string openers, as a table: most bytes start neither.
    private(set) var openers = [Bool](repeating: false, count: 256)
    /// `attributePrefixes` as a table: it is asked of every token's first byte, and a Set hashed the byte.
    private(set) var attributeStarts = [Bool](repeating: false, count: 256)

    /// The grammar with its lookup tables filled; grammars are declared as `CLikeGrammar(...).prepared()`.
    func prepared() -> CLikeGrammar {
        var grammar = self
        // A word in two lists takes the first kind here: a keyword before a constant, a type, a builtin.
        grammar.wordKinds = WordTable([(keywords, TokenKind.keyword), (constants, .constant), (types, .type),
                                       (builtins, .builtin)].flatMap { words, kind in words.map { ($0, kind) } })
        for opener in lineComments + [blockComment?.open ?? ""] + strings.map(\.open) {
            if let first = opener.utf8.first { grammar.openers[Int(first)] = true }
        }
        for byte in attributePrefixes { grammar.attributeStarts[Int(byte)] = true }
        return grammar
    }

    func tokenize(_ s: inout Scanner) {
        let openers = self.openers, attributeStarts = self.attributeStarts
        var braceDepth: [Int] = []  // open braces inside each active interpolation
        var interpolationStack: [StringForm] = []
        while !s.atEnd {
            let start = s.position
            let byte = s.current!
            // Closing an interpolation: back into the string it came from.
            if !interpolationStack.isEmpty, byte == 0x29 || byte == 0x7D {
                if braceDepth[braceDepth.count - 1] == 0 {
                    braceDepth.removeLast()
                    let form = interpolationStack.removeLast()
                    s.advance()
                    s.emit(.punctuation, from: start)
                    if let nested = scanStringBody(&s, form: form) { interpolationStack.append(nested); braceDepth.append(0) }
                    continue
                }
                braceDepth[braceDepth.count - 1] -= 1
            } else if !interpolationStack.isEmpty, byte == 0x28 || byte == 0x7B {
                braceDepth[braceDepth.count - 1] += 1
            }
            if Scanner.isSpace(byte) || byte == 0x0A {
                s.advance(while: { Scanner.isSpace($0) || $0 == 0x0A })
                continue
            }
            if openers[Int(byte)], lineComments.contains(where: s.matches) {
                s.advanceToLineEnd()
                s.emit(.comment, from: start)
                continue
            }
            if openers[Int(byte)], let block = blockComment, s.matches(block.open) {
                scanBlockComment(&s, open: block.open, close: block.close)
                s.emit(.comment, from: start)
                continue
            }
            if hashRawStrings, byte == 0x23, rawString(&s) { continue }
            if openers[Int(byte)], let form = strings.first(where: { s.matches($0.open) }) {
                s.advance(form.open.utf8.count)
                if let interpolated = scanStringBody(&s, form: form, from: start) {
                    interpolationStack.append(interpolated)
                    braceDepth.append(0)
                }
                continue
            }
            if s.scanNumber() { continue }
            if attributeStarts[Int(byte)], s.peek(1).map(Scanner.isIdentifierStart) == true {
                s.advance()
                s.advance(while: Scanner.isIdentifierPart)
                s.emit(.attribute, from: start)
                continue
            }
            if Scanner.isIdentifierStart(byte) || (dollarInIdentifiers && byte == 0x24) {
                s.advance(while: { Scanner.isIdentifierPart($0) || (dollarInIdentifiers && $0 == 0x24) })
                s.emit(classify(from: start, scanner: s), from: start)
                continue
            }
            s.advance()
            s.emit(Self.isOperator(byte) ? .operator : .punctuation, from: start)
        }
    }

    /// The kind of the identifier from `start` to the cursor.
    private func classify(from start: Int, scanner s: Scanner) -> TokenKind? {
        if let kind = wordKinds.kind(of: s.bytes, from: start, to: s.position) { return kind }
        var index = s.position
        while index < s.bytes.count, s.bytes[index] == 0x20 { index += 1 }
        let next = index < s.bytes.count ? s.bytes[index] : 0
        if capitalisedAreTypes, Scanner.isUpper(s.bytes[start]) { return .type }
        if next == 0x28 { return .function }  // name(
        if start > 0, s.bytes[start - 1] == 0x2E { return .property }
        return nil
    }

    static func isOperator(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x2B, 0x2D, 0x2A, 0x2F, 0x25, 0x3D, 0x21, 0x3C, 0x3E, 0x26, 0x7C, 0x5E, 0x7E, 0x3F: return true
        default: return false
        }
    }

    private func scanBlockComment(_ s: inout Scanner, open: String, close: String) {
        s.advance(open.utf8.count)
        var depth = 1
        while !s.atEnd {
            if nestedBlockComments, s.matches(open) {
                depth += 1
                s.advance(open.utf8.count)
            } else if s.matches(close) {
                depth -= 1
                s.advance(close.utf8.count)
                if depth == 0 { return }
            } else {
                s.advance()
            }
        }
    }

    /// Scans a string body after its opener; emits it as `.string`. Returns the form when it stopped at an
    /// interpolation opener (the caller then tokenizes the expression inside).
    @discardableResult
    private func scanStringBody(_ s: inout Scanner, form: StringForm, from start: Int? = nil) -> StringForm? {
        let begin = start ?? s.position
        while !s.atEnd {
            if let interpolation = form.interpolation, s.matches(interpolation) {
                s.emit(.string, from: begin)
                let opener = s.position
                s.advance(interpolation.utf8.count)
                s.emit(.punctuation, from: opener)
                return form
            }
            if form.escapes, s.current == 0x5C {  // backslash
                s.advance(2)
                continue
            }
            if s.matches(form.close) {
                s.advance(form.close.utf8.count)
                break
            }
            if !form.multiline, s.current == 0x0A { break }
            s.advance()
        }
        s.emit(.string, from: begin)
        return nil
    }

    /// Swift `#"…"#`, `##"…"##` and `#"""…"""#`: no escapes, no interpolation unless `\#(`.
    private func rawString(_ s: inout Scanner) -> Bool {
        var hashes = 0
        while s.peek(hashes) == 0x23 { hashes += 1 }
        guard s.peek(hashes) == 0x22 else { return false }
        let start = s.position
        let fence = String(repeating: "#", count: hashes)
        let multiline = s.peek(hashes + 1) == 0x22 && s.peek(hashes + 2) == 0x22
        s.advance(hashes + (multiline ? 3 : 1))
        s.advance(past: (multiline ? "\"\"\"" : "\"") + fence)
        s.emit(.string, from: start)
        return true
    }
}
