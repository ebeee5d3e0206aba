// What a flowchart says, once parsed: nodes with shapes, edges with strokes and ends, subgraphs, and the
// author's styles already validated. Layout and drawing read this and nothing else.

enum FlowDirection: String, Sendable, CaseIterable {
    case topToBottom = "TB", bottomToTop = "BT", leftToRight = "LR", rightToLeft = "RL"

    /// `TD` is Mermaid's synonym for `TB`.
    init?(keyword: some StringProtocol) {
        if keyword == "TD" { self = .topToBottom } else { self.init(rawValue: String(keyword)) }
    }

    /// Ranks run across the page (left to right or right to left).
    var isHorizontal: Bool { self == .leftToRight || self == .rightToLeft }
}

enum NodeShape: Sendable, Equatable {
    case rectangle, rounded, stadium, subroutine, cylinder, circle, doubleCircle, rhombus, hexagon, asymmetric
    case leanRight, leanLeft, trapezoid, invertedTrapezoid
}

enum EdgeStroke: Sendable, Equatable {
    case normal, thick, dotted, invisible
}

enum EdgeEnd: Sendable, Equatable {
    case none, arrow, cross, circle

    var marker: DiagramMarker? {
        switch self {
        case .none: return nil
        case .arrow: return .arrow
        case .cross: return .cross
        case .circle: return .circle
        }
    }
}

struct FlowNode: Sendable {
    var id: String
    var label: [String]
    var shape: NodeShape = .rectangle
    var classes: [String] = []
    /// From `style id …`: validated declarations, applied after the classes.
    var style = FlowStyle()
}

struct FlowEdge: Sendable {
    /// Node or subgraph ids.
    var from: String
    var to: String
    var stroke: EdgeStroke
    var start: EdgeEnd
    var end: EdgeEnd
    /// 1 for `-->`, 2 for `--->`…: the fewest ranks the edge spans.
    var length: Int
    var label: [String]?
    var line: Int
    var column: Int
    /// Between a subgraph and its own member: kept for `linkStyle` numbering, neither laid out nor drawn.
    var isSkipped = false
}

struct FlowSubgraph: Sendable {
    var id: String
    var title: [String]
    var direction: FlowDirection?
    /// Nodes and subgraphs declared directly inside, in order.
    var nodes: [String] = []
    var children: [String] = []
    var parent: String?
    var classes: [String] = []
    var style = FlowStyle()
    var line: Int
}

struct FlowchartModel: Sendable {
    var direction: FlowDirection = .topToBottom
    /// Declaration order, for stable output.
    var nodes: [FlowNode] = []
    var nodeIndex: [String: Int] = [:]
    var edges: [FlowEdge] = []
    var subgraphs: [FlowSubgraph] = []
    var subgraphIndex: [String: Int] = [:]
    var classes: [String: FlowStyle] = [:]
    /// `linkStyle` by edge number; `default` under `defaultLinkStyle`.
    var linkStyles: [Int: FlowStyle] = [:]
    var defaultLinkStyle = FlowStyle()
    var accessibleTitle: String?
    var accessibleDescription: String?

    /// The node's effective style: the `default` class, its classes in order, then its own `style`.
    func style(ofNode node: FlowNode) -> FlowStyle {
        var out = classes["default"] ?? FlowStyle()
        for name in node.classes { out.merge(classes[name] ?? FlowStyle()) }
        out.merge(node.style)
        return out
    }

    func style(ofSubgraph subgraph: FlowSubgraph) -> FlowStyle {
        var out = FlowStyle()
        for name in subgraph.classes { out.merge(classes[name] ?? FlowStyle()) }
        out.merge(subgraph.style)
        return out
    }

    func style(ofEdge number: Int) -> FlowStyle {
        var out = defaultLinkStyle
        out.merge(linkStyles[number] ?? FlowStyle())
        return out
    }
}
