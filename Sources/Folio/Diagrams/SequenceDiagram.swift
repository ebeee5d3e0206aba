// Placeholder until the sequence diagram parser and layout land.

enum SequenceDiagram {
    static func render(_ source: DiagramSource, idPrefix: String) throws(DiagramFailure) -> Diagram.Rendered {
        throw .unsupported(.init(severity: .warning, message: "sequence diagrams are not drawn yet",
                                 line: source.header.line, column: source.header.column))
    }
}
