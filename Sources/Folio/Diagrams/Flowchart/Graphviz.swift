// Graphviz's one context, used under a lock. Graphviz keeps global state (its error handler, its string pools,
// the layout in progress) and is not thread-safe, while Folio renders pages in parallel: every layout runs
// inside `layout(_:read:)`, one at a time. Graphviz's messages go to a buffer here instead of stderr.
// Graphviz's defaults (`AgDefaultDisc`, `Agdirected`) are C globals it never writes: read without concurrency checks.
@preconcurrency import CGraphviz
import Synchronization

typealias DotGraph = UnsafeMutablePointer<Agraph_t>
typealias DotNode = UnsafeMutablePointer<Agnode_t>
typealias DotEdge = UnsafeMutablePointer<Agedge_t>

enum Graphviz {
    /// The `GVC_t`, made on first use; nil until then.
    private static let context = Mutex<OpaquePointer?>(nil)

    /// What Graphviz reported during the layout in progress. Written by `collect` and read by `layout`, both
    /// only while `context`'s lock is held.
    nonisolated(unsafe) private static var messages = ""

    /// Makes a graph with `build`, lays it out with dot, reads the result with `read` (given what `build`
    /// returned, such as the objects it made), and frees the graph and its layout whatever happens. Fails with
    /// Graphviz's own words when it could not lay the graph out.
    static func layout<Built, T: Sendable>(_ build: (DotGraph) -> Built, read: (DotGraph, Built) -> T)
        -> Result<T, GraphvizError>
    {
        context.withLock { context -> Result<T, GraphvizError> in
            if context == nil {
                agseterr(AGWARN)
                _ = agseterrf { text in
                    if let text { Graphviz.messages += String(cString: text) }
                    return 0
                }
                context = gvContext()
            }
            guard let gvc = context else { return .failure(GraphvizError(message: "Graphviz did not start")) }
            messages = ""
            let opened = "flowchart".withCString { agopen(UnsafeMutablePointer(mutating: $0), Agdirected, Self.discipline) }
            guard let graph = opened else {
                return .failure(GraphvizError(message: "Graphviz could not make a graph"))
            }
            defer { agclose(graph) }
            let built = build(graph)
            let status = gvLayout(gvc, graph, "dot")
            let reported = messages.trimmingWhitespace()
            guard status == 0 else {
                return .failure(GraphvizError(message: reported.isEmpty ? "dot failed" : reported))
            }
            defer { gvFreeLayout(gvc, graph) }
            if reported.contains("Error") { return .failure(GraphvizError(message: reported)) }
            return .success(read(graph, built))
        }
    }
}

extension Graphviz {
    /// Graphviz's usual discipline numbers a named object by the address of its interned name, and keeps a
    /// graph's subgraphs in that order: dot's clusters then came in whatever order malloc gave out, so one chart
    /// could be drawn differently from one run to the next. This one declines to number names (Graphviz then
    /// keeps each name beside an anonymous number) and gives out numbers in creation order, so clusters follow
    /// declaration order every time.
    nonisolated(unsafe) private static var nextID: IDTYPE = 1

    /// Lives as long as the process: every graph Folio opens refers to it.
    nonisolated(unsafe) fileprivate static let discipline: UnsafeMutablePointer<Agdisc_t> = {
        let ids = UnsafeMutablePointer<Agiddisc_t>.allocate(capacity: 1)
        ids.initialize(to: Agiddisc_t(
            open: { graph, _ in UnsafeMutableRawPointer(graph) },
            map: { _, _, name, id, _ in
                guard name == nil, let id else { return 0 }
                id.pointee = Graphviz.nextID  // only under `context`'s lock, as every Graphviz call
                Graphviz.nextID += 2
                return 1
            },
            alloc: { _, _, _ in 0 },
            free: { _, _, _ in },
            print: { _, _, _ in nil },
            close: { _ in },
            idregister: { _, _, _ in }))
        let discipline = UnsafeMutablePointer<Agdisc_t>.allocate(capacity: 1)
        discipline.initialize(to: AgDefaultDisc)
        discipline.pointee.id = ids
        return discipline
    }()
}

struct GraphvizError: Error, Sendable {
    /// Graphviz's message, such as `Layout type: "dot" not recognized`.
    var message: String
}
