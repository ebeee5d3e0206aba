// Finding the nodes of one kind below a node with libcmark's own iterator: no Swift recursion, and an array of
// only the matches. The GFM transforms each look for one kind (text, items) in every document.
import CMark

extension MarkdownNode {
    /// Every node of `kind` below this one, in document order, collected before the caller changes the tree.
    func descendants(ofKind kind: Kind) -> [MarkdownNode] {
        guard let iterator = cmark_iter_new(pointer) else { return [] }
        defer { cmark_iter_free(iterator) }
        var result: [MarkdownNode] = []
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator), node != pointer else { continue }
            let candidate = MarkdownNode(node)
            if candidate.kind == kind { result.append(candidate) }
        }
        return result
    }
}
