// The one token vocabulary every grammar uses, and the CSS class each kind becomes (`tok-keyword`).

public enum TokenKind: Int, CaseIterable, Sendable {
    case keyword, type, function, string, number, comment, `operator`, punctuation, attribute, variable
    case constant, builtin, property, tag, inserted, deleted, prompt, output

    /// The kind's name, as in the vocabulary: `keyword`, `type`, …
    public var name: String { String(describing: self) }

    /// Short and stable: themes style these names.
    public var cssClass: String { "tok-" + name }

    /// Position in `allCases`, for tables indexed by kind (the highlighter's markup).
    var ordinal: Int { rawValue }
}

/// A run of the source with one kind; byte offsets into the UTF-8 code.
struct Token: Equatable {
    var kind: TokenKind
    var start: Int
    var end: Int
}
