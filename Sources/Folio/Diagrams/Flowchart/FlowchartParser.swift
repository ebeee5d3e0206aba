// Statements in, a `FlowchartModel` out. Errors are collected with their positions, so an author sees every
// mistake at once; syntax Folio recognises but does not draw stops at the first sighting.

struct FlowchartParser {
    private(set) var model = FlowchartModel()
    private(set) var problems: [DiagramProblem] = []
    private(set) var warnings: [DiagramProblem] = []

    /// Open subgraphs, innermost last, with the ids mentioned inside each.
    private var open: [(index: Int, column: Int, mentioned: [String])] = []
    /// Subgraphs in the order their `end` came: a node belongs to the first that mentions it (the innermost).
    private var closed: [(index: Int, mentioned: [String])] = []
    private var classUses: [(name: String, line: Int, column: Int, context: String)] = []
    private var idUses: [(id: String, line: Int, column: Int, context: String)] = []
    private var linkStyleUses: [(number: Int, line: Int, column: Int)] = []
    /// Where the chart first went over a limit (`FlowchartLimits`).
    private var overLimit: (nodes: (line: Int, column: Int)?, edges: (line: Int, column: Int)?,
                            subgraphs: (line: Int, column: Int)?, nesting: Bool) = (nil, nil, nil, false)
    /// The kind of the previous statement, so `style A fill:red;stroke:blue` (split at `;`) reads as one.
    private var previousStyleLine: Int?

    static func parse(_ source: DiagramSource) throws(DiagramFailure) -> (FlowchartModel, [DiagramProblem]) {
        var parser = FlowchartParser()
        try parser.readHeader(source.header)
        let statements = source.statements
        var index = 0
        while index < statements.count {
            if let (said, next) = AccessibilityStatement.read(statements, at: index, spelling: .exact,
                                                              problems: &parser.problems)
            {
                parser.model.accept(said)
                index = next
                continue
            }
            try parser.read(statements[index])
            index += 1
        }
        parser.finish()
        if !parser.problems.isEmpty { throw .invalid(parser.problems) }
        return (parser.model, parser.warnings)
    }

    private mutating func readHeader(_ header: DiagramStatement) throws(DiagramFailure) {
        let words = header.text.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count > 1 else { return }
        guard let direction = FlowDirection(keyword: words[1]) else {
            let column = header.column(of: words[1].startIndex)
            throw .invalid([.error("unknown direction '\(words[1])': expected TB, TD, BT, LR or RL",
                                   line: header.line, column: column)])
        }
        model.direction = direction
    }

    private mutating func read(_ statement: DiagramStatement) throws(DiagramFailure) {
        let text = statement.text
        let keyword = text.prefix { !$0.isWhitespace && $0 != ":" }
        let rest = text[keyword.endIndex...].drop { $0 == " " || $0 == "\t" }
        let wasStyleLine = previousStyleLine
        previousStyleLine = nil
        switch keyword {
        case "subgraph": try readSubgraph(rest, statement)
        case "end" where rest.isEmpty: closeSubgraph(statement)
        case "direction": readDirection(rest, statement)
        case "classDef": readClassDefinition(rest, statement)
        case "class": readClassAssignment(rest, statement)
        case "style": readStyle(rest, statement)
        case "linkStyle": readLinkStyle(rest, statement)
        case "click", "callback", "href":
            throw .unsupported(.init(severity: .warning, message: "'\(keyword)' interactions are not drawn by Folio",
                                     line: statement.line, column: statement.column))
        default:
            if let line = wasStyleLine, line == statement.line, continuesStyle(statement) { return }
            try readNodesAndEdges(statement)
        }
    }

    // MARK: Nodes and edges

    private mutating func readNodesAndEdges(_ statement: DiagramStatement) throws(DiagramFailure) {
        var scanner = FlowScanner(statement)
        do throws(DiagramFailure) {
            guard var previous = try readGroup(&scanner) else {
                problems.append(.error("expected a node id, found '\(scanner.current.map(String.init) ?? "")'",
                                       line: statement.line, column: scanner.column))
                return
            }
            while true {
                scanner.skipSpaces()
                if scanner.isAtEnd { break }
                guard let link = try scanner.readLink() else {
                    problems.append(.error(
                        "expected a link such as '-->' or the end of the statement, found '\(scanner.current!)'",
                        line: statement.line, column: scanner.column))
                    return
                }
                scanner.skipSpaces()
                let column = scanner.column
                guard let next = try readGroup(&scanner) else {
                    problems.append(.error("expected a node id after '\(link.spelling.trimmingWhitespace())'",
                                           line: statement.line, column: column))
                    return
                }
                for from in previous.map(\.id) {
                    for to in next.map(\.id) {
                        if model.edges.count == FlowchartLimits.edges, overLimit.edges == nil {
                            overLimit.edges = (statement.line, column)
                        }
                        model.edges.append(FlowEdge(
                            from: from, to: to, stroke: link.stroke, start: link.start, end: link.end,
                            length: max(link.length, 1), label: link.label, line: statement.line, column: column))
                    }
                }
                previous = next
            }
        } catch {
            if case .invalid(let found) = error { problems += found } else { throw error }
        }
    }

    /// `A & B[Label] & C`.
    private mutating func readGroup(_ scanner: inout FlowScanner) throws(DiagramFailure) -> [FlowNodeReference]? {
        guard let first = try scanner.readNodeReference() else { return nil }
        var group = [first]
        while true {
            let save = scanner
            scanner.skipSpaces()
            guard scanner.current == "&" else {
                scanner = save
                break
            }
            scanner.advance()
            scanner.skipSpaces()
            let column = scanner.column
            guard let next = try scanner.readNodeReference() else {
                throw .invalid([.error("expected a node id after '&'", line: scanner.statement.line, column: column)])
            }
            group.append(next)
        }
        for reference in group { declare(reference, scanner.statement) }
        return group
    }

    private mutating func declare(_ reference: FlowNodeReference, _ statement: DiagramStatement) {
        let index: Int
        if let existing = model.nodeIndex[reference.id] {
            index = existing
        } else {
            index = model.nodes.count
            if index == FlowchartLimits.nodes { overLimit.nodes = (statement.line, reference.column) }
            model.nodeIndex[reference.id] = index
            model.nodes.append(FlowNode(id: reference.id, label: [reference.id]))
        }
        if let (shape, label) = reference.shape {
            model.nodes[index].shape = shape
            model.nodes[index].label = label
        }
        warnings += reference.warnings
        for (name, column) in reference.classes {
            model.nodes[index].classes.append(name)
            classUses.append((name, statement.line, column, "\(reference.id):::\(name)"))
        }
        mention(reference.id)
    }

    private mutating func mention(_ id: String) {
        guard !open.isEmpty, !open[open.count - 1].mentioned.contains(id) else { return }
        open[open.count - 1].mentioned.append(id)
    }

    // MARK: Subgraphs

    private mutating func readSubgraph(_ rest: Substring, _ statement: DiagramStatement) throws(DiagramFailure) {
        var id: String?
        var title: [String]
        if rest.isEmpty {
            title = []  // an anonymous subgraph: a frame without a title
        } else if rest.first == "\"" {
            let inside = rest.dropFirst().prefix { $0 != "\"" }
            title = DiagramText.lines(inside, backslashN: true)
            if !inside.contains(where: \.isWhitespace) { id = String(inside) }
        } else {
            let name = rest.prefix { !$0.isWhitespace && $0 != "[" }
            let after = rest[name.endIndex...].drop { $0 == " " || $0 == "\t" }
            if after.first == "[" {
                id = String(name)
                guard after.last == "]" else {
                    let column = statement.column(of: after.startIndex)
                    problems.append(.error("unclosed '[' in the title of subgraph '\(name)' (opened at column \(column))",
                                           line: statement.line, column: column))
                    return
                }
                var inside = after.dropFirst().dropLast().trimmingWhitespace()[...]
                if inside.count >= 2, inside.first == "\"", inside.last == "\"" { inside = inside.dropFirst().dropLast() }
                title = DiagramText.lines(inside, backslashN: true)
            } else if after.isEmpty {
                id = String(name)
                title = DiagramText.lines(name, backslashN: true)
            } else {
                title = DiagramText.lines(rest, backslashN: true)
            }
        }
        let subgraphID = id ?? "subGraph\(model.subgraphs.count)"
        if model.subgraphIndex[subgraphID] != nil {
            problems.append(.error("subgraph '\(subgraphID)' is defined twice", at: statement))
            return
        }
        if rest.contains(":::") {
            throw .unsupported(.init(severity: .warning,
                                     message: "':::' classes on subgraphs are not drawn by Folio; use 'class id name'",
                                     line: statement.line, column: statement.column))
        }
        if model.subgraphs.count == FlowchartLimits.subgraphs { overLimit.subgraphs = (statement.line, statement.column) }
        if open.count == FlowchartLimits.nesting, !overLimit.nesting {
            overLimit.nesting = true
            problems.append(.error("subgraphs nest more than \(FlowchartLimits.nesting) deep here; Folio draws at most "
                                       + "\(FlowchartLimits.nesting) levels", at: statement))
        }
        let parent = open.last.map { model.subgraphs[$0.index].id }
        if let parent, let parentIndex = model.subgraphIndex[parent] {
            model.subgraphs[parentIndex].children.append(subgraphID)
        }
        model.subgraphIndex[subgraphID] = model.subgraphs.count
        model.subgraphs.append(FlowSubgraph(id: subgraphID, title: title, parent: parent, line: statement.line))
        open.append((model.subgraphs.count - 1, statement.column, []))
    }

    private mutating func closeSubgraph(_ statement: DiagramStatement) {
        guard let last = open.popLast() else {
            problems.append(.error("'end' without an open subgraph", at: statement))
            return
        }
        closed.append((last.index, last.mentioned))
    }

    private mutating func readDirection(_ rest: Substring, _ statement: DiagramStatement) {
        guard let direction = FlowDirection(keyword: rest.trimmingWhitespace()) else {
            problems.append(.error("unknown direction '\(rest)': expected TB, TD, BT, LR or RL", at: statement,
                                   rest.startIndex))
            return
        }
        if let current = open.last { model.subgraphs[current.index].direction = direction } else { model.direction = direction }
    }

    // MARK: Styles

    /// Splits `ids rest`: the first word and what follows it.
    private func split(_ rest: Substring) -> (Substring, Substring) {
        let first = rest.prefix { !$0.isWhitespace }
        return (first, rest[first.endIndex...].drop { $0 == " " || $0 == "\t" })
    }

    private mutating func readClassDefinition(_ rest: Substring, _ statement: DiagramStatement) {
        let (names, styles) = split(rest)
        guard !names.isEmpty, !styles.isEmpty else {
            problems.append(.error("expected 'classDef name property:value,…'", at: statement, rest.startIndex))
            return
        }
        let style = FlowStyle.parse(styles, in: statement, warnings: &warnings)
        for name in names.split(separator: ",") { model.classes[String(name), default: FlowStyle()].merge(style) }
        previousStyleLine = statement.line
    }

    private mutating func readClassAssignment(_ rest: Substring, _ statement: DiagramStatement) {
        let (ids, name) = split(rest)
        guard !ids.isEmpty, !name.isEmpty else {
            problems.append(.error("expected 'class id[,id…] className'", at: statement, rest.startIndex))
            return
        }
        let className = String(name.trimmingWhitespace())
        classUses.append((className, statement.line, statement.column(of: name.startIndex), "class \(ids) \(className)"))
        for id in ids.split(separator: ",") {
            let id = String(id)
            idUses.append((id, statement.line, statement.column(of: ids.startIndex), "class \(ids) \(className)"))
            if let index = model.nodeIndex[id] { model.nodes[index].classes.append(className) }
            if let index = model.subgraphIndex[id] { model.subgraphs[index].classes.append(className) }
        }
    }

    private mutating func readStyle(_ rest: Substring, _ statement: DiagramStatement) {
        let (id, styles) = split(rest)
        guard !id.isEmpty, !styles.isEmpty else {
            problems.append(.error("expected 'style id property:value,…'", at: statement, rest.startIndex))
            return
        }
        let style = FlowStyle.parse(styles, in: statement, warnings: &warnings)
        idUses.append((String(id), statement.line, statement.column(of: id.startIndex), "style \(id)"))
        if let index = model.nodeIndex[String(id)] { model.nodes[index].style.merge(style) }
        if let index = model.subgraphIndex[String(id)] { model.subgraphs[index].style.merge(style) }
        previousStyleLine = statement.line
    }

    private mutating func readLinkStyle(_ rest: Substring, _ statement: DiagramStatement) {
        var (numbers, styles) = split(rest)
        if styles.hasPrefix("interpolate") {
            let (_, afterKeyword) = split(styles)
            let (_, afterCurve) = split(afterKeyword)
            warnings.append(.init(severity: .warning, message: "'interpolate' in linkStyle is ignored; Folio draws smooth curves",
                                  line: statement.line, column: statement.column(of: styles.startIndex)))
            styles = afterCurve
        }
        guard !numbers.isEmpty else {
            problems.append(.error("expected 'linkStyle n[,n…] property:value,…'", at: statement, rest.startIndex))
            return
        }
        let style = FlowStyle.parse(styles, in: statement, warnings: &warnings)
        previousStyleLine = statement.line
        if numbers == "default" {
            model.defaultLinkStyle.merge(style)
            return
        }
        for piece in numbers.split(separator: ",") {
            guard let number = Int(piece), number >= 0 else {
                problems.append(.error("expected an edge number (0 is the first edge) in linkStyle, found '\(piece)'",
                                       at: statement, piece.startIndex))
                continue
            }
            linkStyleUses.append((number, statement.line, statement.column(of: piece.startIndex)))
            model.linkStyles[number, default: FlowStyle()].merge(style)
        }
    }

    /// `fill:red;stroke:blue` after `style A`: the `;` split one declaration list in two.
    private mutating func continuesStyle(_ statement: DiagramStatement) -> Bool {
        let name = statement.text.prefix { $0.isLetter || $0 == "-" }
        guard name.endIndex < statement.text.endIndex, statement.text[name.endIndex] == ":",
            !statement.text[name.endIndex...].hasPrefix(":::")
        else { return false }
        warnings.append(.init(severity: .warning,
                              message: "style declarations are separated by ',' not ';': '\(name)' is ignored",
                              line: statement.line, column: statement.column))
        previousStyleLine = statement.line
        return true
    }

    // MARK: Finishing

    private mutating func finish() {
        let counts = [(overLimit.nodes, model.nodes.count, FlowchartLimits.nodes, "node"),
                      (overLimit.edges, model.edges.count, FlowchartLimits.edges, "edge"),
                      (overLimit.subgraphs, model.subgraphs.count, FlowchartLimits.subgraphs, "subgraph")]
        for case let (place?, count, limit, noun) in counts {
            problems.append(.error("flowchart has \(count) \(noun)s; Folio draws at most \(limit)",
                                   line: place.line, column: place.column))
        }
        // Past a limit, the checks below (some quadratic) have nothing to add that the author needs first.
        if overLimit.nodes != nil || overLimit.edges != nil || overLimit.subgraphs != nil || overLimit.nesting {
            problems.sort { ($0.line, $0.column) < ($1.line, $1.column) }
            return
        }
        for unclosed in open.reversed() {
            let subgraph = model.subgraphs[unclosed.index]
            problems.append(.error("unclosed subgraph '\(subgraph.id)' opened at line \(subgraph.line): expected 'end'",
                                   line: subgraph.line, column: unclosed.column))
        }
        // An id that names a subgraph is the subgraph, not a node.
        let subgraphIDs = Set(model.subgraphs.map(\.id))
        if model.nodes.contains(where: { subgraphIDs.contains($0.id) }) {
            model.nodes.removeAll { subgraphIDs.contains($0.id) }
            model.nodeIndex = Dictionary(uniqueKeysWithValues: model.nodes.enumerated().map { ($1.id, $0) })
        }
        var owner: [String: Int] = [:]
        for (index, mentioned) in closed {
            for id in mentioned where owner[id] == nil && model.nodeIndex[id] != nil { owner[id] = index }
        }
        for node in model.nodes {
            if let index = owner[node.id] { model.subgraphs[index].nodes.append(node.id) }
        }
        for use in classUses where model.classes[use.name] == nil {
            problems.append(.error("unknown class '\(use.name)' in '\(use.context)' — define it with classDef",
                                   line: use.line, column: use.column))
        }
        for use in idUses where model.nodeIndex[use.id] == nil && model.subgraphIndex[use.id] == nil {
            problems.append(.error("unknown node '\(use.id)' in '\(use.context)'", line: use.line, column: use.column))
        }
        for use in linkStyleUses where use.number >= model.edges.count {
            problems.append(.error("linkStyle \(use.number) is out of range: the diagram has \(model.edges.count) "
                                       + "edge\(model.edges.count == 1 ? "" : "s") (numbered from 0)",
                                   line: use.line, column: use.column))
        }
        for edge in model.edges {
            for (id, other) in [(edge.from, edge.to), (edge.to, edge.from)] where subgraphIDs.contains(id) {
                if isInside(other, subgraph: id) {
                    warnings.append(.init(severity: .warning,
                                          message: "the edge between subgraph '\(id)' and its own member '\(other)' is not drawn",
                                          line: edge.line, column: edge.column))
                }
            }
        }
        for index in model.edges.indices {
            let edge = model.edges[index]
            if isInside(edge.from, subgraph: edge.to) || isInside(edge.to, subgraph: edge.from) {
                model.edges[index].isSkipped = true
            }
        }
        problems.sort { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// Whether node or subgraph `id` lies inside subgraph `subgraph` (at any depth).
    func isInside(_ id: String, subgraph: String) -> Bool {
        guard let target = model.subgraphIndex[subgraph] else { return false }
        var current: String? = model.subgraphIndex[id] != nil ? model.subgraphs[model.subgraphIndex[id]!].parent
            : model.subgraphs.first { $0.nodes.contains(id) }?.id
        while let name = current {
            if name == model.subgraphs[target].id { return true }
            current = model.subgraphs[model.subgraphIndex[name]!].parent
        }
        return false
    }
}
