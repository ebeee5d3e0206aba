// Pages the dev server's last build composed, each with the digest of what its template read (`ContextDigest`),
// so the next build renders only the pages whose context or templates changed.
import Foundation

struct ComposedPages: Sendable {
    struct Page: Sendable {
        var digest: Int
        var contents: Data
    }

    /// By output path.
    var pages: [String: Page] = [:]
    /// The entries of each feed, by its output path: a feed that changed is made again from the entries that did
    /// not and the one or two that did.
    var feedFragments: [String: FeedFragments] = [:]
    /// Pages the build that made this took from the one before.
    var reused = 0
}
