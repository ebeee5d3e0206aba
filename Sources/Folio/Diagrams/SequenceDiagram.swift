// Mermaid sequence diagrams: parsed (Sequence/SequenceParser), columns and rows laid out (SequenceColumns,
// SequenceLayout), drawn (SequenceSVG).

enum SequenceDiagram {
    static func render(_ source: DiagramSource, idPrefix: String) throws(DiagramFailure) -> Diagram.Rendered {
        let model = try SequenceParser.parse(source)
        guard !model.participants.isEmpty else {
            throw .invalid([.error("expected a participant or a message after 'sequenceDiagram'",
                                   line: source.header.line, column: source.header.column)])
        }
        let scene = SequenceLayout.layout(model)
        let svg = SequenceSVG.draw(scene, idPrefix: idPrefix,
                                   title: model.accessibleTitle ?? model.title ?? "Sequence diagram",
                                   description: model.accessibleDescription ?? summary(of: model))
        return Diagram.Rendered(svg: svg)
    }

    /// "Sequence diagram between Client, Relay and RabbitMQ: 7 messages."
    static func summary(of model: SequenceModel) -> String {
        let names = model.participants.map { DiagramText.flat($0.label.joined(separator: " ")) }
        var list = names.joined(separator: ", ")
        if names.count > 1 { list = names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1] }
        let count = model.messageCount
        let between = names.count > 1 ? "between" : "of"
        return "Sequence diagram \(between) \(list): \(count) message\(count == 1 ? "" : "s")."
    }
}
