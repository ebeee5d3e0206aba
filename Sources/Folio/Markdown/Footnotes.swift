// Footnotes as cmark-gfm and GitHub render them: `[^label]` references numbered by first use, and `[^label]:`
// definitions (made list items by `FootnoteSource`) moved into a section at the end, each with a link back to
// every reference. An undefined reference stays text; an unused definition is dropped with a warning; a second
// definition of a label is an error (the first is kept, as cmark-gfm does).

struct Footnotes {
    var source: FootnoteSource
    /// Front matter lines before the body, for line numbers in messages.
    var lineOffset = 0
    var markup: MarkupTemplates

    struct Result {
        /// Every id the footnote markup adds to the page, for the link checker.
        var ids: Set<String> = []
        var problems: [DocumentProblem] = []
        /// The references put into the text, for the word count (`words[^1].` is one word).
        var references: Set<MarkdownNode> = []
    }

    private struct Note {
        var definition: FootnoteSource.Definition
        var item: MarkdownNode
        var number = 0
        var uses = 0
    }

    func apply(to tree: MarkdownTree) -> Result {
        var result = Result()
        guard !source.definitions.isEmpty else { return result }
        var notes: [String: Note] = [:]
        var order: [String] = []
        var duplicates: [MarkdownNode] = []
        // A definition's item starts in column 1, so its list is a top-level block.
        let items = tree.root.children.filter { $0.kind == .list }.flatMap(\.children)
        for item in items where item.startColumn == 1 {
            guard let definition = source.definitions[item.startLine] else { continue }
            if let first = notes[definition.label] {
                result.problems.append(.error(
                    "footnote '[^\(definition.written)]' is defined twice; the definition at line "
                        + "\(first.definition.line + lineOffset) is the one used",
                    line: definition.line, column: definition.column))
                duplicates.append(item)
            } else {
                notes[definition.label] = Note(definition: definition, item: item)
                order.append(definition.label)
            }
        }
        // Freed only now: the walk above listed the nodes inside them.
        for item in duplicates { Self.discard(item) }
        // `[^` looked for in cmark's bytes, so most text nodes never become a String.
        let textNodes = tree.root.descendants(ofKind: .text).filter {
            $0.literalContains("[^") && !$0.hasAncestor(of: .link) && !$0.hasAncestor(of: .image)
        }
        // A reference is read where it stands, in document order, so notes are numbered by first use.
        var numbered: [String] = []
        for text in textNodes {
            replaceReferences(in: text, notes: &notes, numbered: &numbered, references: &result.references)
        }
        for label in order where notes[label]?.uses == 0 {
            let definition = notes[label]!.definition
            result.problems.append(.warning(
                "footnote '[^\(definition.written)]' is never referenced, so it is left out; "
                    + "refer to it with [^\(definition.written)] or delete it",
                line: definition.line, column: definition.column))
            Self.discard(notes[label]!.item)
        }
        guard !numbered.isEmpty else { return result }
        let (sectionEnter, sectionExit) = markup.wrap(FootnotesMarkup())
        let section = MarkdownNode.customBlock(enter: sectionEnter, exit: sectionExit)
        for label in numbered {
            let note = notes[label]!
            let (enter, exit) = markup.wrap(FootnoteMarkup(id: FootnoteIDs.note(note.number), number: note.number))
            let entry = MarkdownNode.customBlock(enter: enter, exit: exit)
            entry.adoptChildren(of: note.item)
            appendBackReferences(to: entry, number: note.number, uses: note.uses)
            section.append(entry)
            Self.discard(note.item)
            result.ids.insert(FootnoteIDs.note(note.number))
            for use in 1...note.uses {
                result.ids.insert(FootnoteIDs.reference(note.number, use: use))
            }
        }
        tree.root.append(section)
        return result
    }

    /// Splits `text` around each `[^label]` with a definition, putting a reference between the pieces.
    private func replaceReferences(
        in text: MarkdownNode, notes: inout [String: Note], numbered: inout [String],
        references: inout Set<MarkdownNode>
    ) {
        let literal = text.literal
        guard literal.contains("[^") else { return }
        var pending = Substring(literal)
        var replaced = false
        var rest = Substring(literal)
        while let open = rest.range(of: "[^") {
            let labelStart = open.upperBound
            guard let close = rest[labelStart...].firstIndex(where: { $0 == "]" || $0 == "[" || $0.isWhitespace }),
                  rest[close] == "]", close > labelStart
            else {
                rest = rest[labelStart...]
                continue
            }
            let label = rest[labelStart..<close].lowercased()
            guard var note = notes[label] else {
                rest = rest[rest.index(after: close)...]
                continue
            }
            if note.uses == 0 {
                numbered.append(label)
                note.number = numbered.count
            }
            note.uses += 1
            notes[label] = note
            let before = pending[pending.startIndex..<open.lowerBound]
            if !before.isEmpty { text.insertBefore(MarkdownNode.text(String(before))) }
            let reference = MarkdownNode.customInline(
                enter: markup.render(FootnoteReferenceMarkup(
                    number: note.number, noteID: FootnoteIDs.note(note.number),
                    referenceID: FootnoteIDs.reference(note.number, use: note.uses))),
                exit: "")
            text.insertBefore(reference)
            references.insert(reference)
            rest = rest[rest.index(after: close)...]
            pending = rest
            replaced = true
        }
        guard replaced else { return }
        if pending.isEmpty { text.remove() } else { text.literal = String(pending) }
    }

    /// Like cmark-gfm: into the note's last paragraph when it ends with one, else in a paragraph of their own.
    private func appendBackReferences(to entry: MarkdownNode, number: Int, uses: Int) {
        let paragraph: MarkdownNode
        if let last = entry.lastChild, last.kind == .paragraph {
            paragraph = last
        } else {
            paragraph = MarkdownNode.paragraph()
            entry.append(paragraph)
        }
        for use in 1...uses {
            if paragraph.firstChild != nil { paragraph.append(MarkdownNode.text(" ")) }
            let backlink = FootnoteBacklinkMarkup(number: number, referenceID: FootnoteIDs.reference(number, use: use),
                                                  use: use == 1 ? nil : use)
            paragraph.append(MarkdownNode.customInline(enter: markup.render(backlink), exit: ""))
        }
    }

    /// Frees a definition's list item, and its list when no other item is left in it.
    private static func discard(_ item: MarkdownNode) {
        let list = item.parent
        item.remove()
        if let list, list.kind == .list, list.firstChild == nil { list.remove() }
    }
}
