// Grammars for configuration and protocol formats (filled in per language; see Grammar.swift).

enum OtherGrammars {
    static let all: [any Grammar] = []
}
