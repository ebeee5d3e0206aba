// What the diagram tests share: the problems a Mermaid fence is rejected with.
@testable import Folio

/// The errors that stop `text` from being drawn; empty when it draws.
func diagramErrors(_ text: String) -> [DiagramProblem] {
    do throws(DiagramFailure) {
        _ = try Diagram.render(text, idPrefix: "t")
        return []
    } catch {
        if case .invalid(let problems) = error { return problems }
        return []
    }
}
