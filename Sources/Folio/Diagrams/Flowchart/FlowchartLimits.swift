// How big a flowchart Folio draws. Graphviz's dot lays out sparse charts of hundreds of nodes in well under a
// second, but its time grows steeply with edges per node. On the project's 2-core machine, by the dot command:
// 100 nodes and 300 edges 0.35 s, 40 nodes and 300 edges 0.6 s, 100 and 400 1.9 s, 100 and 600 3.8 s; in a
// debug build of Folio, 100 nodes and 300 edges with a third labelled took 2.1 s. Dot also walks nested
// clusters recursively. Past these limits a chart is an error at the place it goes over.

enum FlowchartLimits {
    static let nodes = 200
    static let edges = 250
    static let subgraphs = 100
    /// Subgraphs inside subgraphs; real charts use two or three.
    static let nesting = 20
}
