// The one token vocabulary every grammar uses, and the CSS class each kind becomes (`tok-keyword`).

public enum TokenKind: String, CaseIterable, Sendable {
    case keyword, type, function, string, number, comment, `operator`, punctuation, attribute, variable
    case constant, builtin, property, tag, inserted, deleted, prompt, output

    /// Short and stable: themes style these names.
    public var cssClass: String { "tok-" + rawValue }

    /// Position in `allCases`, for tables indexed by kind.
    var ordinal: Int { TokenKind.allCases.firstIndex(of: self)! }
}

/// A run of the source with one kind; byte offsets into the UTF-8 code.
struct Token: Equatable {
    var kind: TokenKind
    var start: Int
    var end: Int
}
