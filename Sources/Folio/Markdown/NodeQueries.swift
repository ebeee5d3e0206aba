// Finding the nodes of one kind below a node with libcmark's own iterator: no Swift recursion, and an array of
// only the matches. The GFM transforms each look for one kind (text, items) in every document.
import CMark

extension MarkdownNode {
    /// Every node of `kind` below this one, in document order, collected before the caller changes the tree.
    func descendants(ofKind kind: Kind) -> [MarkdownNode] {
        descendants { MarkdownNode($0).kind == kind }
    }

    /// Every node below this one that `keeps`, in document order.
    private func descendants(where keeps: (OpaquePointer) -> Bool) -> [MarkdownNode] {
        guard let iterator = cmark_iter_new(pointer) else { return [] }
        defer { cmark_iter_free(iterator) }
        var result: [MarkdownNode] = []
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator), node != pointer else { continue }
            if keeps(node) { result.append(MarkdownNode(node)) }
        }
        return result
    }
}

extension MarkdownTree {
    /// The text nodes of the top-level blocks whose source lines include one of `lines` (ascending, 1-based),
    /// in document order. A block a transform made has no position and is always walked, as is the line after
    /// a block's last (cheap insurance against an end line reported one short). Most of a post's paragraphs
    /// hold no trigger at all: their inlines are never visited.
    func textNodes(onLines lines: [Int]) -> [MarkdownNode] {
        guard !lines.isEmpty else { return [] }
        var result: [MarkdownNode] = []
        var block = root.firstChild
        while let current = block {
            block = current.next
            switch current.kind {
            case .codeBlock, .htmlBlock, .thematicBreak: continue  // no inlines
            default: break
            }
            let start = current.startLine, end = current.endLine
            if start > 0, end >= start, !Self.contains(lines, between: start, and: end + 1) { continue }
            result += current.descendants(ofKind: .text)
        }
        return result
    }

    /// Whether the sorted `lines` hold a value in `low...high` (a binary search).
    private static func contains(_ lines: [Int], between low: Int, and high: Int) -> Bool {
        var lower = 0, upper = lines.count
        while lower < upper {
            let middle = (lower + upper) / 2
            if lines[middle] < low { lower = middle + 1 } else { upper = middle }
        }
        return lower < lines.count && lines[lower] <= high
    }
}

extension MarkdownNode {
    /// Every block of `kind` below this one, in document order. Only blocks that hold blocks are entered
    /// (document, quotes, lists, items, custom blocks), so the inlines of paragraphs and headings, most of a
    /// document's nodes, are never visited. Iterative, as `descendants`.
    func blocks(ofKind kind: Kind) -> [MarkdownNode] {
        var result: [MarkdownNode] = []
        var node = cmark_node_first_child(pointer)
        while let current = node {
            let type = cmark_node_get_type(current)
            if MarkdownNode(current).kind == kind { result.append(MarkdownNode(current)) }
            // Down into a container's first child; else on to the next sibling, climbing up as needed.
            if Self.holdsBlocks(type), let child = cmark_node_first_child(current) {
                node = child
                continue
            }
            var climb: OpaquePointer? = current
            node = nil
            while let up = climb, up != pointer {
                if let sibling = cmark_node_next(up) {
                    node = sibling
                    break
                }
                climb = cmark_node_parent(up)
            }
        }
        return result
    }

    /// Every link and image below this one, in document order (libcmark's iterator, as `descendants(ofKind:)`).
    var linksAndImages: [MarkdownNode] {
        descendants { node in
            let type = cmark_node_get_type(node)
            return type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE
        }
    }

    /// Whether nodes of this cmark type hold blocks: a custom block may instead hold one custom inline (a
    /// heading's wrapper), which is not a block and is not entered.
    private static func holdsBlocks(_ type: cmark_node_type) -> Bool {
        switch type {
        case CMARK_NODE_DOCUMENT, CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_ITEM, CMARK_NODE_CUSTOM_BLOCK: true
        default: false
        }
    }
}
