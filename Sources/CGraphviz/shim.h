// Graphviz (Debian: libgraphviz-dev), read only by Sources/Folio/Diagrams/Flowchart/. The layout results live in
// structs that Graphviz reaches through macros Swift cannot import; these accessors read them after gvLayout.
#include <gvc.h>

static inline double folio_node_x(Agnode_t *node) { return ND_coord(node).x; }
static inline double folio_node_y(Agnode_t *node) { return ND_coord(node).y; }
/// The ranks dot gave an edge's tail and head: 0 first, growing along the flow whatever the direction.
static inline int folio_tail_rank(Agedge_t *edge) { return ND_rank(agtail(edge)); }
static inline int folio_head_rank(Agedge_t *edge) { return ND_rank(aghead(edge)); }

static inline boxf folio_graph_box(Agraph_t *graph) { return GD_bb(graph); }

/// The edge's route: one Bézier list per spline piece (dot makes one, except for some concentrated edges).
static inline int folio_edge_piece_count(Agedge_t *edge) { return ED_spl(edge) ? ED_spl(edge)->size : 0; }
static inline int folio_edge_point_count(Agedge_t *edge, int piece) { return ED_spl(edge)->list[piece].size; }
static inline pointf folio_edge_point(Agedge_t *edge, int piece, int index) {
    return ED_spl(edge)->list[piece].list[index];
}

// Building a graph: Graphviz takes `char *` where it only reads, so these take `const char *` from Swift.
static inline Agraph_t *folio_open_graph(void) { return agopen("flowchart", Agdirected, NULL); }
static inline Agraph_t *folio_subgraph(Agraph_t *parent, const char *name) { return agsubg(parent, (char *)name, 1); }
static inline Agnode_t *folio_node(Agraph_t *graph, const char *name) { return agnode(graph, (char *)name, 1); }
static inline void folio_add_node(Agraph_t *subgraph, Agnode_t *node) { agsubnode(subgraph, node, 1); }
static inline Agedge_t *folio_edge(Agraph_t *graph, Agnode_t *tail, Agnode_t *head, const char *key) {
    return agedge(graph, tail, head, (char *)key, 1);
}
static inline void folio_set(void *object, const char *name, const char *value) {
    agsafeset(object, (char *)name, (char *)value, "");
}
/// An HTML-like label (`<TABLE …>`): the only label whose size Graphviz takes as given instead of measuring text.
static inline void folio_set_html(Agraph_t *root, void *object, const char *name, const char *html) {
    agsafeset(object, (char *)name, agstrdup_html(root, (char *)html), "");
}

/// Where an edge's route really starts and ends: with arrows on (Folio asks for both, and draws its own), dot
/// stops the curve short of the node and records the outline point here.
static inline int folio_edge_has_start(Agedge_t *edge, int piece) { return ED_spl(edge)->list[piece].sflag; }
static inline pointf folio_edge_start(Agedge_t *edge, int piece) { return ED_spl(edge)->list[piece].sp; }
static inline int folio_edge_has_end(Agedge_t *edge, int piece) { return ED_spl(edge)->list[piece].eflag; }
static inline pointf folio_edge_end(Agedge_t *edge, int piece) { return ED_spl(edge)->list[piece].ep; }
