// What each markup partial (`templates/markup/<name>.mustache`) may use. The README's theme section lists the
// same fields; text fields are escaped by `{{ }}`, fields holding HTML the engine made go in `{{{ }}}`.

/// `callout`: a GitHub alert (`> [!NOTE]`) around its text.
struct CalloutMarkup: MarkupContext {
    static let shape = MarkupShape(name: "callout", fields: ["kind", "title"], wraps: true)
    /// `note`, `tip`, `important`, `warning` or `caution`.
    var kind: String
    /// `Note`, `Tip`...
    var title: String
    var values: [String?] { [kind, title] }
}

/// `heading`: a heading with its id and self-link, around the heading's text (inline HTML).
struct HeadingMarkup: MarkupContext {
    static let shape = MarkupShape(name: "heading", fields: ["level", "id"], wraps: true)
    var level: Int
    var id: String
    var values: [String?] { [String(level), id] }
}

/// `code-figure`: a highlighted code block, a companion include or an `illustrative` fence.
struct CodeFigureMarkup: MarkupContext {
    static let shape = MarkupShape(
        name: "code-figure", fields: ["code"], optionalFields: ["language", "title", "source", "sourceURL", "output"],
        flags: ["caption", "illustrative", "lineNumbers"])
    /// The highlighted lines (HTML): one `<span class="line">` each.
    var code: String
    /// Lowercased; nil for a fence without one.
    var language: String?
    /// `title="main.go"` of an ordinary fence.
    var title: String?
    /// A companion include's label: its `title=`, else `path · region`.
    var source: String?
    /// Where the included lines are online (the companion's `source_url`).
    var sourceURL: String?
    /// The demo's captured output (HTML from `demo-output`).
    var output: String?
    var illustrative = false
    var lineNumbers = false

    var values: [String?] { [code, language, title, source, sourceURL, output] }
    /// `caption`: true when there is a title, a source or the illustrative label to show.
    var flags: [Bool] { [title != nil || source != nil || illustrative, illustrative, lineNumbers] }
}

/// `demo-output`: what a companion demo printed, shown under the code that prints it.
struct DemoOutputMarkup: MarkupContext {
    static let shape = MarkupShape(name: "demo-output", fields: ["demo", "output"])
    var demo: String
    var output: String
    var values: [String?] { [demo, output] }
}

/// `diagram-figure`: a Mermaid diagram drawn as SVG, its data table (charts) and its download links.
struct DiagramFigureMarkup: MarkupContext {
    static let shape = MarkupShape(
        name: "diagram-figure", fields: ["svg"], optionalFields: ["table", "svgFile", "pngFile"])
    var svg: String
    /// A chart's data as an HTML table, for readers who cannot see the chart.
    var table: String?
    /// `/diagrams/<digest>.svg` and `.png`; nil when the diagram has no downloadable files.
    var svgFile: String?
    var pngFile: String?
    var values: [String?] { [svg, table, svgFile, pngFile] }
}

/// `footnote-reference`: the number in the text that links to its note.
struct FootnoteReferenceMarkup: MarkupContext {
    static let shape = MarkupShape(name: "footnote-reference", fields: ["number", "noteID", "referenceID"])
    var number: Int
    /// `fn:1`
    var noteID: String
    /// `fnref:1`, `fnref:1:2` for the second reference to the same note.
    var referenceID: String
    var values: [String?] { [String(number), noteID, referenceID] }
}

/// `footnotes`: the section after the text, around the notes.
struct FootnotesMarkup: MarkupContext {
    static let shape = MarkupShape(name: "footnotes", wraps: true)
    var values: [String?] { [] }
}

/// `footnote`: one note, around its text and back links.
struct FootnoteMarkup: MarkupContext {
    static let shape = MarkupShape(name: "footnote", fields: ["id", "number"], wraps: true)
    var id: String
    var number: Int
    var values: [String?] { [id, String(number)] }
}

/// `footnote-backlink`: the link from a note back to one of its references.
struct FootnoteBacklinkMarkup: MarkupContext {
    static let shape = MarkupShape(name: "footnote-backlink", fields: ["number", "referenceID"],
                                   optionalFields: ["use"])
    var number: Int
    var referenceID: String
    /// Which reference it leads back to, from 2; nil for the first.
    var use: Int?
    var values: [String?] { [String(number), referenceID, use.map(String.init)] }
}

/// `task-item`: the checkbox of a task list item, around the item's first paragraph.
struct TaskItemMarkup: MarkupContext {
    static let shape = MarkupShape(name: "task-item", flags: ["checked"], wraps: true)
    var checked: Bool
    var values: [String?] { [] }
    var flags: [Bool] { [checked] }
}
