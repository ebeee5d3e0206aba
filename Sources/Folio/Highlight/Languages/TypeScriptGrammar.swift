// TypeScript and JavaScript: template literals with `${…}` interpolation, decorators, `$` in identifiers.

enum TypeScriptGrammar {
    static let keywords: Set<String> = [
        "abstract", "as", "async", "await", "break", "case", "catch", "class", "const", "continue", "debugger",
        "declare", "default", "delete", "do", "else", "enum", "export", "extends", "finally", "for", "from",
        "function", "get", "if", "implements", "import", "in", "instanceof", "interface", "keyof", "let", "new",
        "of", "private", "protected", "public", "readonly", "return", "satisfies", "set", "static", "super",
        "switch", "this", "throw", "try", "type", "typeof", "var", "void", "while", "with", "yield",
    ]
    static let strings: [CLikeGrammar.StringForm] = [
        .init(open: "`", close: "`", multiline: true, interpolation: "${"),
        .init(open: "\"", close: "\""),
        .init(open: "'", close: "'"),
    ]
    static let builtins: Set<String> = ["console", "JSON", "Math", "Object", "Array", "Promise", "Number", "String",
                                        "Boolean", "Date", "Error", "Map", "Set", "Symbol", "process", "require"]

    static let grammar = CLikeGrammar(
        names: ["typescript", "ts", "tsx"],
        keywords: keywords,
        types: ["string", "number", "boolean", "unknown", "never", "any", "object", "bigint", "symbol", "void"],
        builtins: builtins,
        constants: ["true", "false", "null", "undefined", "NaN", "Infinity"],
        strings: strings,
        dollarInIdentifiers: true
    ).prepared()
}

enum JavaScriptGrammar {
    static let grammar = CLikeGrammar(
        names: ["javascript", "js", "jsx", "mjs", "cjs"],
        keywords: TypeScriptGrammar.keywords,
        builtins: TypeScriptGrammar.builtins,
        constants: ["true", "false", "null", "undefined", "NaN", "Infinity"],
        strings: TypeScriptGrammar.strings,
        dollarInIdentifiers: true
    ).prepared()
}
