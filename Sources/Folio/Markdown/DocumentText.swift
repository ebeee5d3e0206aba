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
    /// Without `collectsText`, `plainText` stays empty and only the summary and the word count are taken.
    init(_ root: MarkdownNode, references: Set<MarkdownNode>, extraWords: [MarkdownNode: String],
         collectsText: Bool = true) {
        firstParagraph = root.children.first { $0.kind == .paragraph }?.plainText.trimmingWhitespace() ?? ""
        var text = Collapsed()
        var words = 0
        // A walk with no closure state but these two values: captured variables would be checked for
        // exclusive access on every byte, a third of render's time on 1,000 posts.
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
                if collectsText { node.withLiteralBytes { text.append($0) } }
            case .codeBlock:
                // Only fences no transform took are left; their words count for reading time, not for search.
                words += node.literalWordCount
                text.pendingSpace = true
            case .softBreak, .lineBreak:
                text.pendingSpace = true
            case .htmlBlock:
                // Raw HTML the author wrote: its text, without its tags.
                text.pendingSpace = true
                if collectsText {
                    var inner = HTML.plainText(fromFragment: node.literal)
                    inner.withUTF8 { text.append($0) }
                    text.pendingSpace = true
                }
            case .customInline:
                // Table cells are the only inlines directly in a block the transforms made: words end at a cell.
                if entering, node.parent?.kind == .customBlock { text.pendingSpace = true }
            case .customBlock:
                text.pendingSpace = true
                if entering, collectsText, var extra = extraWords[node] {
                    extra.withUTF8 { text.append($0) }
                    text.pendingSpace = true
                }
            case .document, .blockQuote, .list, .item, .paragraph, .heading, .thematicBreak:
                text.pendingSpace = true
            case .htmlInline, .emphasis, .strong, .link, .image, .unknown:
                break
            }
        }
        wordCount = words
        plainText = String(decoding: text.bytes, as: UTF8.self)
    }

    /// Text with every run of blanks made one space, and none at either end.
    private struct Collapsed {
        var bytes: [UInt8] = []
        var pendingSpace = false

        mutating func append(_ input: UnsafeBufferPointer<UInt8>) {
            for byte in input {
                if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                    pendingSpace = true
                } else {
                    if pendingSpace && !bytes.isEmpty { bytes.append(0x20) }
                    pendingSpace = false
                    bytes.append(byte)
                }
            }
        }
    }
}
