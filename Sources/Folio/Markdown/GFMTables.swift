// GitHub Flavored Markdown tables (GFM spec, section 4.10), as an AST transform over plain cmark output.
// cmark reads a table as one paragraph of pipe-separated lines; this finds such paragraphs, splits the source
// lines into cells (a `\|` stays inside its cell, even inside code spans) and parses each cell as inlines.
import Foundation

struct GFMTables {
    enum Alignment { case none, left, center, right }

    func apply(to tree: MarkdownTree) {
        for paragraph in tree.root.blocks(ofKind: .paragraph) {
            convert(paragraph, in: tree)
        }
    }

    private func convert(_ paragraph: MarkdownNode, in tree: MarkdownTree) {
        guard mayHoldDelimiterRow(paragraph, in: tree) else { return }
        let lines = sourceLines(of: paragraph, in: tree)
        guard lines.count >= 2 else { return }
        // The delimiter row may follow some paragraph text: the lines before the header stay a paragraph.
        for delimiterIndex in 1..<lines.count {
            let headerText = lines[delimiterIndex - 1].text
            guard let alignments = delimiterRow(lines[delimiterIndex].text),
                  headerText.contains("|") || lines[delimiterIndex].text.contains("|")
            else { continue }
            let header = cells(of: headerText)
            guard header.count == alignments.count else { continue }
            let table = buildTable(
                header: (lines[delimiterIndex - 1], header),
                alignments: alignments,
                body: lines[(delimiterIndex + 1)...].map { ($0, cells(of: $0.text)) })
            if delimiterIndex >= 2 {
                let newParagraph = MarkdownNode.paragraph()
                // Keep the original inline nodes for the leading text: everything before the header line.
                for child in paragraph.children {
                    if child.startLine >= lines[delimiterIndex - 1].line && child.startLine > 0 { break }
                    newParagraph.append(child)
                }
                if let last = newParagraph.lastChild, last.kind == .softBreak { last.remove() }
                paragraph.insertBefore(newParagraph)
            }
            paragraph.replace(with: table)
            return
        }
    }

    /// A cheap test on the raw bytes before any string is made: some line after the first must consist only of
    /// pipes, colons, hyphens and blanks (and container markers), with at least one hyphen.
    private func mayHoldDelimiterRow(_ paragraph: MarkdownNode, in tree: MarkdownTree) -> Bool {
        let first = paragraph.startLine, last = paragraph.endLine
        guard first > 0, last > first, last <= tree.lineCount else { return false }
        for line in (first + 1)...last {
            var hyphen = false
            var onlyDelimiterBytes = true
            for byte in tree.sourceLine(line) {
                switch byte {
                case 0x2D: hyphen = true  // -
                case 0x7C, 0x3A, 0x20, 0x09, 0x0D, 0x3E: break  // | : space tab CR >
                default: onlyDelimiterBytes = false
                }
                if !onlyDelimiterBytes { break }
            }
            if onlyDelimiterBytes && hyphen { return true }
        }
        return false
    }

    struct SourceLine {
        var line: Int
        /// Byte column (1-based) where `text` starts in the body.
        var column: Int
        var text: String
    }

    /// The paragraph's lines as written, without the block-quote or list indentation around them.
    private func sourceLines(of paragraph: MarkdownNode, in tree: MarkdownTree) -> [SourceLine] {
        let first = paragraph.startLine, last = paragraph.endLine
        guard first > 0, last >= first else { return [] }
        let contentColumn = paragraph.startColumn
        var result: [SourceLine] = []
        for line in first...last {
            var column = line == first ? contentColumn : 1
            if line != first {
                // Continuation lines carry the same container prefix (`> `, list indent) as the first, except
                // lazy ones; strip the prefix when the line has it.
                let full = Array(tree.sourceText(line: line).utf8)
                var index = 0
                while index < full.count, index < contentColumn - 1, full[index] == 0x20 || full[index] == 0x3E {
                    index += 1
                }
                column = index + 1
            }
            result.append(SourceLine(line: line, column: column, text: tree.sourceText(line: line, fromColumn: column)))
        }
        return result
    }

    /// Alignments of a delimiter row such as `| :--- | :-: | --: |`, or nil when the line is not one.
    func delimiterRow(_ text: String) -> [Alignment]? {
        let parts = cells(of: text)
        guard !parts.isEmpty else { return nil }
        var alignments: [Alignment] = []
        for part in parts {
            let cell = part.text.trimmingCharacters(in: .whitespaces)
            let left = cell.hasPrefix(":"), right = cell.hasSuffix(":")
            let dashes = cell.dropFirst(left ? 1 : 0).dropLast(right && cell.count > 1 ? 1 : 0)
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            alignments.append(left && right ? .center : left ? .left : right ? .right : .none)
        }
        return alignments
    }

    struct Cell {
        var text: String
        /// Byte offset of `text` within the row text.
        var offset: Int
    }

    /// Splits a row at unescaped pipes, dropping the optional leading and trailing pipe; `\|` becomes `|`.
    func cells(of row: String) -> [Cell] {
        let bytes = Array(row.utf8)
        var start = 0, end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        if start < end, bytes[start] == 0x7C { start += 1 }
        if end > start, bytes[end - 1] == 0x7C, !(end - 2 >= start && bytes[end - 2] == 0x5C) { end -= 1 }
        guard start <= end else { return [] }
        var cells: [Cell] = []
        var current: [UInt8] = []
        var cellStart = start
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte == 0x5C, index + 1 < end, bytes[index + 1] == 0x7C {
                current.append(0x7C)
                index += 2
                continue
            }
            if byte == 0x7C {
                cells.append(trimmed(current, offset: cellStart))
                current = []
                index += 1
                cellStart = index
                continue
            }
            current.append(byte)
            index += 1
        }
        cells.append(trimmed(current, offset: cellStart))
        return cells
    }

    private func trimmed(_ bytes: [UInt8], offset: Int) -> Cell {
        var start = 0, end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return Cell(text: String(decoding: bytes[start..<end], as: UTF8.self), offset: offset + start)
    }

    private func buildTable(
        header: (SourceLine, [Cell]), alignments: [Alignment], body: [(SourceLine, [Cell])]
    ) -> MarkdownNode {
        let table = MarkdownNode.customBlock(enter: "<div class=\"table-wrap\"><table>", exit: "</table></div>")
        let head = MarkdownNode.customBlock(enter: "<thead>", exit: "</thead>")
        head.append(row(header.1, line: header.0, tag: "th", alignments: alignments))
        table.append(head)
        if !body.isEmpty {
            let tbody = MarkdownNode.customBlock(enter: "<tbody>", exit: "</tbody>")
            for (line, cells) in body {
                tbody.append(row(cells, line: line, tag: "td", alignments: alignments))
            }
            table.append(tbody)
        }
        return table
    }

    private func row(_ cells: [Cell], line: SourceLine, tag: String, alignments: [Alignment]) -> MarkdownNode {
        let row = MarkdownNode.customBlock(enter: "<tr>", exit: "</tr>")
        // Excess cells are ignored; missing cells are empty (GFM spec, example 204).
        let header = tag == "th"
        for (index, alignment) in alignments.enumerated() {
            let cellNode = MarkdownNode.customInline(enter: Self.openingTag(header: header, alignment),
                                                     exit: header ? "</th>" : "</td>")
            if index < cells.count, let plain = Self.plainText(cells[index].text) {
                cellNode.append(MarkdownNode.text(plain))
            } else if index < cells.count, !cells[index].text.isEmpty {
                let cell = cells[index]
                let fragment = InlineFragment(parsing: Self.neutralizingBlockSyntax(cell.text))
                for inline in fragment.inlines {
                    // Record where links in the cell are in the real file, for diagnostics.
                    for node in [inline] + inline.descendants where node.kind == .link || node.kind == .image {
                        node.recordedPosition = (line.line, line.column + cell.offset + node.startColumn - 1)
                    }
                    cellNode.append(inline)
                }
            }
            row.append(cellNode)
        }
        return row
    }

    /// `<th>` or `<td>` with the column's alignment, as a literal: a table makes one per cell.
    private static func openingTag(header: Bool, _ alignment: Alignment) -> String {
        switch (header, alignment) {
        case (true, .none): "<th>"
        case (true, .left): "<th style=\"text-align: left\">"
        case (true, .center): "<th style=\"text-align: center\">"
        case (true, .right): "<th style=\"text-align: right\">"
        case (false, .none): "<td>"
        case (false, .left): "<td style=\"text-align: left\">"
        case (false, .center): "<td style=\"text-align: center\">"
        case (false, .right): "<td style=\"text-align: right\">"
        }
    }

    /// The cell's text when parsing it could only give one text node of that very text (nil otherwise): no byte
    /// that starts inline syntax or an entity, no quote, `..` or `--` for smart punctuation, no control character,
    /// and no block marker at the start (`neutralizingBlockSyntax` would escape it). Most cells are such words
    /// and numbers, and a cmark parse per cell was most of the cost of a table.
    static func plainText(_ text: String) -> String? {
        guard !text.isEmpty, neutralizingBlockSyntax(text) == text else { return nil }
        var previous: UInt8 = 0
        for byte in text.utf8 {
            switch byte {
            case 0..<0x20, 0x7F, UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "&"), UInt8(ascii: "<"),
                 UInt8(ascii: ">"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "!"), UInt8(ascii: "*"),
                 UInt8(ascii: "_"), UInt8(ascii: "'"), UInt8(ascii: "\""):
                return nil
            case UInt8(ascii: "."), UInt8(ascii: "-"):
                if previous == byte { return nil }
            default:
                break
            }
            previous = byte
        }
        // cmark drops blanks at the ends of a paragraph; a cell is trimmed of them already.
        guard let first = text.utf8.first, let last = text.utf8.last, first != 0x20, last != 0x20 else { return nil }
        return text
    }

    /// A cell holds inline content only, but parsing it alone would read `- x` as a list or `# x` as a
    /// heading; escaping the marker keeps the text as the reader wrote it.
    static func neutralizingBlockSyntax(_ text: String) -> String {
        guard let first = text.first else { return text }
        let rest = text.dropFirst()
        let followedBySpace = rest.first.map { $0 == " " || $0 == "\t" } ?? true
        switch first {
        case ">", "#", "=": return "\\" + text
        case "-", "+", "*":
            // A list marker or a thematic break; `-1` or `*emphasis*` stay as they are.
            let isBlockMarker = followedBySpace || rest.allSatisfy { $0 == first || $0 == " " }
            return isBlockMarker ? "\\" + text : text
        case "~" where rest.hasPrefix("~~"): return "\\" + text
        default:
            if first.isASCII, first.isNumber {
                let digits = text.prefix { $0.isASCII && $0.isNumber }
                let after = text.dropFirst(digits.count)
                if digits.count <= 9, let marker = after.first, marker == "." || marker == ")" {
                    let afterMarker = after.dropFirst()
                    if afterMarker.isEmpty || afterMarker.first == " " {
                        return digits + "\\" + after
                    }
                }
            }
            return text
        }
    }
}
