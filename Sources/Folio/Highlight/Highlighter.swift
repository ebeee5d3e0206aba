// Code in, HTML out: tokens as `<span class="tok-…">`, every line in its own `<span class="line">` so lines can
// be marked and numbered, everything escaped.
import Dispatch

enum Highlighter {
    /// Tokens for `code` in `language`, or nil when no grammar knows the language.
    static func tokens(_ code: String, language: String) -> (bytes: [UInt8], tokens: [Token])? {
        guard let grammar = Grammars.named(language) else { return nil }
        var scanner = Scanner(code)
        grammar.tokenize(&scanner)
        return (scanner.bytes, scanner.tokens)
    }

    /// The inside of `<code>`: one `<span class="line">` per line, with `hl` on the lines in `highlighted`
    /// (1-based). A trailing newline does not make an extra empty line.
    static func html(_ code: String, language: String, highlighted: Set<Int> = []) -> String {
        let (bytes, tokens) = tokens(code, language: language) ?? (Array(code.utf8), [])
        // Room for the code, escaped, and for about one span per four bytes of it: most blocks never grow.
        var writer = LineWriter(tokens: tokens, highlighted: highlighted,
                                capacity: bytes.count * 2 + tokens.count * 40 + 64)
        bytes.withUnsafeBufferPointer { writer.write($0) }
        return writer.out.string()
    }

    /// The HTML of one code block, written a run of bytes at a time. A struct with mutating methods, not local
    /// functions around captured variables: those made every append a checked dynamic access.
    private struct LineWriter: ~Copyable {
        let tokens: [Token]
        let highlighted: Set<Int>
        var out: GrowingBytes
        private var lineNumber = 1
        private var tokenIndex = 0
        private var openKind: TokenKind?

        init(tokens: [Token], highlighted: Set<Int>, capacity: Int) {
            self.tokens = tokens
            self.highlighted = highlighted
            out = GrowingBytes(capacity: capacity)
        }

        private mutating func openLine() {
            out.append(!highlighted.isEmpty && highlighted.contains(lineNumber) ? Markup.highlightedLine : Markup.line)
        }

        private mutating func openToken(_ kind: TokenKind) {
            out.append(Markup.open(kind))
            openKind = kind
        }

        private mutating func closeToken() {
            if openKind != nil {
                out.append(Markup.close)
                openKind = nil
            }
        }

        /// Every line of `bytes` (a trailing newline does not make an extra empty line).
        mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
            var end = bytes.count
            if end > 0, bytes[end - 1] == 0x0A { end -= 1 }
            openLine()
            var index = 0
            while index < end {
                // Tokens are sorted and do not overlap: close the one we left, open the one we entered.
                while tokenIndex < tokens.count, tokens[tokenIndex].end <= index { tokenIndex += 1 }
                let inToken = tokenIndex < tokens.count && tokens[tokenIndex].start <= index
                if bytes[index] == 0x0A {
                    if !inToken { closeToken() }
                    // A token that goes on past the line break is closed at the end of the line and opened again
                    // on the next one, so every line's spans are whole.
                    let reopen = openKind
                    closeToken()
                    out.append(Markup.endLine)
                    lineNumber += 1
                    openLine()
                    if let reopen, tokens[tokenIndex].end > index + 1 { openToken(reopen) }
                    index += 1
                    if inToken, tokens[tokenIndex].end == index { closeToken() }
                    continue
                }
                // A run of bytes on one line, all in the same token or all outside tokens: escaped in one pass.
                var runEnd = inToken ? min(tokens[tokenIndex].end, end)
                    : tokenIndex < tokens.count ? min(tokens[tokenIndex].start, end) : end
                if let lineFeed = UnsafeBufferPointer(rebasing: bytes[index..<runEnd]).firstIndex(of: 0x0A) {
                    runEnd = index + lineFeed
                }
                if inToken {
                    if openKind == nil { openToken(tokens[tokenIndex].kind) }
                } else {
                    closeToken()
                }
                Highlighter.appendEscaped(UnsafeBufferPointer(rebasing: bytes[index..<runEnd]), to: &out)
                index = runEnd
                if inToken, tokens[tokenIndex].end == index { closeToken() }
            }
            closeToken()
            out.append(Markup.endLine)
        }
    }

    /// `bytes` with `&`, `<`, `>` and `"` as entities: the runs between them copied whole.
    fileprivate static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout GrowingBytes) {
        var runStart = 0
        for index in 0..<bytes.count {
            let entity: StaticString
            switch bytes[index] {
            case 0x26: entity = Markup.ampersand
            case 0x3C: entity = Markup.lessThan
            case 0x3E: entity = Markup.greaterThan
            case 0x22: entity = Markup.quote
            default: continue
            }
            out.append(UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            out.append(entity)
            runStart = index + 1
        }
        out.append(UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }

    /// The markup, as static strings: no reference count to touch per token, as a table of arrays had.
    enum Markup {
        static let line: StaticString = "<span class=\"line\">"
        static let highlightedLine: StaticString = "<span class=\"line hl\">"
        static let endLine: StaticString = "</span>\n"
        static let close: StaticString = "</span>"
        static let ampersand: StaticString = "&amp;"
        static let lessThan: StaticString = "&lt;"
        static let greaterThan: StaticString = "&gt;"
        static let quote: StaticString = "&quot;"

        /// `<span class="tok-…">`, the kind's `cssClass`.
        static func open(_ kind: TokenKind) -> StaticString {
            switch kind {
            case .keyword: "<span class=\"tok-keyword\">"
            case .type: "<span class=\"tok-type\">"
            case .function: "<span class=\"tok-function\">"
            case .string: "<span class=\"tok-string\">"
            case .number: "<span class=\"tok-number\">"
            case .comment: "<span class=\"tok-comment\">"
            case .operator: "<span class=\"tok-operator\">"
            case .punctuation: "<span class=\"tok-punctuation\">"
            case .attribute: "<span class=\"tok-attribute\">"
            case .variable: "<span class=\"tok-variable\">"
            case .constant: "<span class=\"tok-constant\">"
            case .builtin: "<span class=\"tok-builtin\">"
            case .property: "<span class=\"tok-property\">"
            case .tag: "<span class=\"tok-tag\">"
            case .inserted: "<span class=\"tok-inserted\">"
            case .deleted: "<span class=\"tok-deleted\">"
            case .prompt: "<span class=\"tok-prompt\">"
            case .output: "<span class=\"tok-output\">"
            }
        }
    }
}

/// Throughput of the highlighter per language, for `make bench`.
public enum HighlightBenchmark {
    public struct Result: Sendable {
        public var language: String
        public var megabytes: Double
        public var seconds: Double
        public var megabytesPerSecond: Double { megabytes / seconds }
    }

    /// Repeats each sample to about `megabytes` of code and times highlighting it to HTML, once.
    public static func run(samples: [String: String], megabytes: Double = 4) -> [Result] {
        samples.sorted { $0.key < $1.key }.compactMap { language, sample in
            guard Grammars.named(language) != nil, !sample.isEmpty else { return nil }
            let copies = max(1, Int(megabytes * 1_000_000) / sample.utf8.count)
            let code = String(repeating: sample.hasSuffix("\n") ? sample : sample + "\n", count: copies)
            let start = DispatchTime.now().uptimeNanoseconds
            let html = Highlighter.html(code, language: language)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            precondition(!html.isEmpty)
            return Result(language: language, megabytes: Double(code.utf8.count) / 1e6, seconds: seconds)
        }
    }
}
