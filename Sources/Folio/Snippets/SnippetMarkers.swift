// Region markers in companion sources, with Swift-DocC's meaning: `// snippet.NAME` starts a region,
// `// snippet.end` ends it, `// snippet.hide` and `// snippet.show` bracket lines no reader sees. Where DocC
// silently does something surprising (a name it reads as `end`, a second region with the same name, a region
// that vanishes because it is empty or hidden), this parser reports an error instead.

/// A companion source file, parsed for regions.
public struct SnippetFile: Sendable {
    public struct Region: Sendable {
        public var name: String
        /// Line of the `// snippet.NAME` marker.
        public var markerLine: Int
        /// The region as a reader sees it: hidden lines dropped, blank edges trimmed, indentation removed.
        public var lines: [String]
        /// First and last source line the region shows, for links to the source.
        public var firstLine: Int
        public var lastLine: Int
    }

    /// Path relative to the companion's root, as written in `snippet="..."`.
    public var path: String
    public var regions: [String: Region]
    /// The whole file as a reader sees it (for an include without `#region`).
    public var wholeFile: [String]
    public var diagnostics: [Diagnostic]

    public var regionNames: [String] { regions.values.sorted { $0.markerLine < $1.markerLine }.map(\.name) }
}

enum SnippetMarkers {
    enum Marker: Equatable {
        case start(String), end, hide, show
    }

    /// Recognises a marker line: a line comment (`//`, `#`, or SQL's `--`) whose text starts with
    /// `snippet.`, case-insensitively as DocC does. Returns nil for any other line.
    static func marker(in line: Substring) -> (Marker, column: Int)? {
        var rest = line.drop { $0 == " " || $0 == "\t" }
        let column = line.count - rest.count + 1
        if rest.hasPrefix("//") || rest.hasPrefix("--") {
            rest = rest.dropFirst(2)
        } else if rest.hasPrefix("#") {
            rest = rest.dropFirst(1)
        } else {
            return nil
        }
        rest = rest.drop { $0 == " " || $0 == "\t" }
        guard rest.lowercased().hasPrefix("snippet.") else { return nil }
        let word = String(rest.dropFirst("snippet.".count).prefix { !$0.isWhitespace })
        switch word.lowercased() {
        case "end": return (.end, column)
        case "hide": return (.hide, column)
        case "show": return (.show, column)
        default: return (.start(word), column)
        }
    }

    static func parse(_ text: String, path: String, displayPath: String) -> SnippetFile {
        var diagnostics: [Diagnostic] = []
        func report(_ severity: Diagnostic.Severity, _ message: String, line: Int, column: Int = 1) {
            diagnostics.append(Diagnostic(severity, message, at: SourceLocation(path: displayPath, line: line, column: column)))
        }

        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        var hidden = false
        var hiddenSince = 0
        var open: (name: String, line: Int, column: Int, lines: [(Int, Substring)])?
        var regions: [String: SnippetFile.Region] = [:]
        var visible: [Substring] = []

        func close(at line: Int) {
            guard let region = open else { return }
            open = nil
            let shown = dedent(trimBlankEdges(region.lines))
            guard !shown.isEmpty else {
                report(.error, "region '\(region.name)' is empty: there is nothing between its markers to show",
                       line: region.line, column: region.column)
                return
            }
            regions[region.name] = SnippetFile.Region(
                name: region.name, markerLine: region.line, lines: shown.map(\.text),
                firstLine: shown.first!.line, lastLine: shown.last!.line)
        }

        for (offset, rawLine) in lines.enumerated() {
            let number = offset + 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            guard let (marker, column) = marker(in: line) else {
                if !hidden {
                    visible.append(line)
                    open?.lines.append((number, line))
                }
                continue
            }
            switch marker {
            case .hide:
                if hidden { report(.warning, "'snippet.hide' while lines are already hidden (since line \(hiddenSince))", line: number, column: column) }
                hidden = true
                hiddenSince = number
            case .show:
                if !hidden { report(.warning, "'snippet.show' without an earlier 'snippet.hide'", line: number, column: column) }
                hidden = false
            case .end:
                if open == nil {
                    report(.warning, "'snippet.end' with no region open", line: number, column: column)
                }
                close(at: number)
            case .start(let name):
                if let problem = problem(withName: name) {
                    report(.error, problem, line: number, column: column)
                    continue
                }
                if hidden {
                    report(.error, "region '\(name)' starts inside hidden lines (hidden since line \(hiddenSince)); "
                        + "DocC would drop it. Add '// snippet.show' before it", line: number, column: column)
                    continue
                }
                if let previous = regions[name] {
                    report(.error, "duplicate region name '\(name)' (first defined on line \(previous.markerLine))",
                           line: number, column: column)
                    continue
                }
                if let current = open {
                    if current.name == name {
                        report(.error, "duplicate region name '\(name)' (first defined on line \(current.line))",
                               line: number, column: column)
                        continue
                    }
                    report(.error, "region '\(name)' starts while '\(current.name)' (line \(current.line)) is open; "
                        + "end it with '// snippet.end' first (DocC would end it silently)", line: number, column: column)
                    close(at: number)
                }
                open = (name, number, column, [])
            }
        }
        if let region = open {
            report(.warning, "region '\(region.name)' is never ended; it runs to the end of the file",
                   line: region.line, column: region.column)
            close(at: lines.count)
        }
        return SnippetFile(
            path: path, regions: regions, wholeFile: dedent(trimBlankEdges(visible.enumerated().map { ($0.offset + 1, $0.element) })).map(\.text),
            diagnostics: diagnostics)
    }

    /// Why a region name cannot be used, or nil when it can.
    static func problem(withName name: String) -> String? {
        if name.isEmpty { return "'snippet.' needs a region name, e.g. '// snippet.publish-batch'" }
        for keyword in ["end", "hide", "show"] where name.lowercased().hasPrefix(keyword) {
            return "region name '\(name)' starts with '\(keyword)'; DocC reads it as 'snippet.\(keyword)'. Rename the region"
        }
        if let bad = name.first(where: { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-")) }) {
            return "region name '\(name)' contains '\(bad)'; use only letters, digits, '_' and '-'"
        }
        return nil
    }

    private static func trimBlankEdges(_ lines: [(Int, Substring)]) -> [(Int, Substring)] {
        func blank(_ line: (Int, Substring)) -> Bool { line.1.allSatisfy { $0 == " " || $0 == "\t" } }
        guard let first = lines.firstIndex(where: { !blank($0) }), let last = lines.lastIndex(where: { !blank($0) })
        else { return [] }
        return Array(lines[first...last])
    }

    /// Removes the indentation every non-blank line shares; blank lines become empty.
    private static func dedent(_ lines: [(Int, Substring)]) -> [(line: Int, text: String)] {
        let indents = lines.compactMap { line -> Int? in
            let trimmed = line.1.drop { $0 == " " || $0 == "\t" }
            return trimmed.isEmpty ? nil : line.1.count - trimmed.count
        }
        let common = indents.min() ?? 0
        return lines.map { number, text in
            let isBlank = text.allSatisfy { $0 == " " || $0 == "\t" }
            return (number, isBlank ? "" : String(text.dropFirst(common)))
        }
    }
}
