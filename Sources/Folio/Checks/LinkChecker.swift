// The `check` step: every internal link found while rendering must reach a page, an asset, a heading or a footnote.

struct LinkChecker {
    var site: Site
    var rendered: [RenderedMarkdown]

    func check() -> [Diagnostic] {
        var indexByPath: [String: Int] = [:]
        var indexByURL: [String: Int] = [:]
        for (index, document) in site.documents.enumerated() {
            indexByPath[document.contentPath] = index
            if let url = site.urls[document.contentPath] { indexByURL[url] = index }
        }
        let known = site.knownPaths
        var diagnostics: [Diagnostic] = []
        for markdown in rendered {
            for link in markdown.links {
                switch link.target {
                case .document(let contentPath, let anchor):
                    guard let index = indexByPath[contentPath] else {
                        let reason = site.skippedDrafts.contains(contentPath)
                            ? "is a draft, which this build leaves out (build with --drafts, or publish it)"
                            : "is not part of the site"
                        diagnostics.append(.error("link '\(link.written)': Content/\(contentPath) \(reason)",
                                                  at: link.location))
                        continue
                    }
                    if let anchor, !rendered[index].anchorIDs.contains(anchor) {
                        diagnostics.append(missingAnchor(anchor, in: index, link: link))
                    }
                case .sitePath(let path, let anchor):
                    let candidates = [path, path.hasSuffix("/") ? path : path + "/"]
                    guard let match = candidates.first(where: { known.contains($0) }) else {
                        diagnostics.append(.error("broken link '\(link.written)': nothing on the site at \(path)",
                                                  at: link.location))
                        continue
                    }
                    if let anchor, let index = indexByURL[match], !rendered[index].anchorIDs.contains(anchor) {
                        diagnostics.append(missingAnchor(anchor, in: index, link: link))
                    }
                }
            }
        }
        return diagnostics
    }

    private func missingAnchor(_ anchor: String, in index: Int, link: LinkReference) -> Diagnostic {
        let ids = rendered[index].headingIDs
        var message = "link '\(link.written)': \(site.documents[index].displayPath) has no heading '#\(anchor)'"
            + (anchor.contains(":") ? " (nor a footnote with that id)" : "")
        if let suggestion = Suggestion.closest(to: anchor, among: Array(ids)) {
            message += "; did you mean '#\(suggestion)'?"
        }
        return .error(message, at: link.location)
    }
}
