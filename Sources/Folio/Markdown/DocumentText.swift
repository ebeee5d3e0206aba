// The words of a document, taken from its tree after every transform: the summary's first paragraph, the word
// count (reading time) and the plain text of the search index. Diagrams, code figures, heading anchors, demo
// output and footnote numbers and back links are markup the theme's partials write, not text nodes, so they are
// not in it; nothing is read back out of the HTML.

struct DocumentText {
    /// Plain text of the first top-level paragraph.
    var firstParagraph = ""
    var wordCount = 0
    /// Every word a reader sees, one space between words and between blocks.
    var plainText = ""

    /// `references`: footnote references in the text (`words[^1].` is one word). `extraWords`: words a partial
    /// shows for a node that the tree does not hold (a callout's title).
    init(_ root: MarkdownNode, references: Set<MarkdownNode>, extraWords: [MarkdownNode: String]) {
        firstParagraph = root.children.first { $0.kind == .paragraph }?.plainText.trimmingWhitespace() ?? ""
        var out: [UInt8] = []
        var pendingSpace = false
        func append(_ byte: UInt8) {
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                pendingSpace = true
            } else {
                if pendingSpace && !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(byte)
            }
        }
        var words = 0
        root.walk { node, entering in
            let kind = node.kind
            switch kind {
            case .text, .code:
                words += node.literalWordCount
                // `words[^1].` is split around the reference; the word goes on across it.
                if kind == .text, let reference = node.previous, references.contains(reference),
                   let before = reference.previous, before.kind == .text, before.literalEndsInWord,
                   node.literalStartsInWord {
                    words -= 1
                }
                node.forEachLiteralByte(append)
            case .codeBlock:
                // Only fences no transform took are left; their words count for reading time, not for search.
                words += node.literalWordCount
                pendingSpace = true
            case .softBreak, .lineBreak:
                pendingSpace = true
            case .htmlBlock:
                // Raw HTML the author wrote: its text, without its tags.
                pendingSpace = true
                for byte in HTML.plainText(fromFragment: node.literal).utf8 { append(byte) }
                pendingSpace = true
            case .customInline:
                // Table cells are the only inlines directly in a block the transforms made: words end at a cell.
                if entering, node.parent?.kind == .customBlock { pendingSpace = true }
            case .customBlock:
                pendingSpace = true
                if entering, let extra = extraWords[node] {
                    for byte in extra.utf8 { append(byte) }
                    pendingSpace = true
                }
            case .document, .blockQuote, .list, .item, .paragraph, .heading, .thematicBreak:
                pendingSpace = true
            case .htmlInline, .emphasis, .strong, .link, .image, .unknown:
                break
            }
        }
        wordCount = words
        plainText = String(decoding: out, as: UTF8.self)
    }
}
