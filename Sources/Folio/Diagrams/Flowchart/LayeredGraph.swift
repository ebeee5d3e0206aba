// What the layered layout takes and gives: boxes, edges and nested clusters in; centres, edge routes, label
// positions and cluster frames out. It knows nothing of Mermaid; the flowchart builds one per layout scope.

struct LayeredGraph: Sendable {
    struct Node: Sendable {
        /// Size on the page.
        var width: Double
        var height: Double
        /// Innermost cluster, if any.
        var cluster: Int?
    }

    struct Edge: Sendable {
        var from: Int
        var to: Int
        /// In ranks: 1 is adjacent.
        var minimumLength: Int = 1
        /// Size on the page of the label, if any.
        var label: (width: Double, height: Double)?
    }

    struct Cluster: Sendable {
        var parent: Int?
        /// Size on the page of the title drawn at the top of the frame.
        var titleWidth: Double
        var titleHeight: Double
    }

    var nodes: [Node] = []
    var edges: [Edge] = []
    var clusters: [Cluster] = []
    var direction: FlowDirection = .topToBottom
}

/// Where everything went, in page coordinates with the drawing's top-left corner at (0, 0).
struct LayeredResult: Sendable {
    var nodeCenters: [DiagramPoint]
    /// Per edge: source centre, bends, target centre, in the edge's own direction. Self-loops go round the node.
    var edgeRoutes: [[DiagramPoint]]
    var labelCenters: [DiagramPoint?]
    var clusterFrames: [DiagramRect]
    var width: Double
    var height: Double
    /// Crossings between layers after ordering, for tests and tuning.
    var crossings: Int
}

/// Spacing, in pixels (Mermaid's defaults are 50 between nodes and 50 between ranks).
enum LayeredSpacing {
    static let node = 50.0
    static let rank = 50.0
    /// Half the gap beside an edge's bend point.
    static let edge = 10.0
    static let clusterPadding = 14.0
    static let clusterGap = 20.0
    /// Room beside a node for a self-loop.
    static let loop = 28.0
}
