// Swift: nested block comments, raw strings `#"…"#`, multi-line strings, `\(…)` interpolation, `@attributes`
// and `#directives`.

enum SwiftGrammar {
    static let grammar = CLikeGrammar(
        names: ["swift"],
        keywords: [
            "actor", "any", "as", "associatedtype", "async", "await", "borrowing", "break", "case", "catch", "class",
            "consuming", "continue", "convenience", "default", "defer", "deinit", "do", "dynamic", "else", "enum",
            "extension", "fallthrough", "fileprivate", "final", "for", "func", "get", "guard", "if", "import", "in",
            "indirect", "init", "inout", "internal", "is", "isolated", "lazy", "let", "macro", "mutating",
            "nonisolated", "nonmutating", "open", "operator", "optional", "override", "package", "precedencegroup",
            "private", "protocol", "public", "repeat", "required", "rethrows", "return", "sending", "set", "some",
            "static", "struct", "subscript", "super", "switch", "throw", "throws", "try", "typealias", "unowned",
            "var", "weak", "where", "while", "willSet", "didSet", "self", "Self",
        ],
        types: ["Int", "Int8", "Int16", "Int32", "Int64", "UInt", "UInt8", "UInt16", "UInt32", "UInt64", "Double",
                "Float", "Bool", "String", "Character", "Array", "Dictionary", "Set", "Optional", "Result", "Void",
                "Never", "Duration", "Task"],
        builtins: ["print", "precondition", "preconditionFailure", "assert", "assertionFailure", "fatalError",
                   "min", "max", "abs", "zip", "stride", "type"],
        constants: ["true", "false", "nil"],
        nestedBlockComments: true,
        strings: [
            .init(open: "\"\"\"", close: "\"\"\"", multiline: true, interpolation: "\\("),
            .init(open: "\"", close: "\"", interpolation: "\\("),
        ],
        attributePrefixes: [0x40, 0x23],
        hashRawStrings: true
    ).prepared()
}
