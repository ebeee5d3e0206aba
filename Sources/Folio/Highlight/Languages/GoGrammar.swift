// Go: raw strings in backticks, runes, generics (`[T any]` reads as identifiers and types), builtins.

enum GoGrammar {
    static let grammar = CLikeGrammar(
        names: ["go", "golang"],
        keywords: [
            "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for", "func",
            "go", "goto", "if", "import", "interface", "map", "package", "range", "return", "select", "struct",
            "switch", "type", "var",
        ],
        types: ["any", "bool", "byte", "comparable", "complex64", "complex128", "error", "float32", "float64",
                "int", "int8", "int16", "int32", "int64", "rune", "string", "uint", "uint8", "uint16", "uint32",
                "uint64", "uintptr"],
        builtins: ["append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make", "max",
                   "min", "new", "panic", "print", "println", "real", "recover"],
        constants: ["true", "false", "nil", "iota"],
        strings: [
            .init(open: "`", close: "`", escapes: false, multiline: true),
            .init(open: "\"", close: "\""),
            .init(open: "'", close: "'"),
        ],
        attributePrefixes: [],
        capitalisedAreTypes: false
    ).prepared()
}
