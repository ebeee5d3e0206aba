// The `check` step: every internal link found while rendering must reach a page, an asset, a heading or a footnote.

struct LinkChecker {
    var rendered: RenderedSite
    private var site: Site { rendered.site }

    func check() -> [Diagnostic] {
        let documents = rendered.site.documents
        var indexByPath: [String: Int] = [:]
        indexByPath.reserveCapacity(documents.count)
        for index in documents.indices { indexByPath[documents[index].contentPath] = index }
        // Each document's links on its own, on all cores; the diagnostics in the order of the documents.
        let indices = indexByPath
        return Array(rendered.documents.indices).parallelMap { index in
            check(rendered.documents[index].markdown.links, indexByPath: indices)
        }.flatMap { $0 }
    }

    private func check(_ links: [LinkReference], indexByPath: [String: Int]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for link in links {
            switch link.target {
            case .document(let contentPath, let anchor):
                guard let index = indexByPath[contentPath] else {
                    let reason = rendered.site.skippedDrafts.contains(contentPath)
                        ? "is a draft, which this build leaves out (build with --drafts, or publish it)"
                        : "is not part of the site"
                    diagnostics.append(.error("link '\(link.written)': Content/\(contentPath) \(reason)",
                                              at: link.location))
                    continue
                }
                if let anchor, !hasAnchor(anchor, in: index) {
                    diagnostics.append(missingAnchor(anchor, in: index, link: link))
                }
            case .sitePath(let path, let anchor):
                // `/posts/a` finds the page at `/posts/a/` too.
                let routes = rendered.routes
                guard let match = routes.route(at: path) ?? (path.hasSuffix("/") ? nil : routes.route(at: path + "/"))
                else {
                    diagnostics.append(.error("broken link '\(link.written)': nothing on the site at \(path)",
                                              at: link.location))
                    continue
                }
                if let anchor, match.kind == .post || match.kind == .page || match.kind == .home,
                   let index = match.index, !hasAnchor(anchor, in: index) {
                    diagnostics.append(missingAnchor(anchor, in: index, link: link))
                }
            }
        }
        return diagnostics
    }

    /// A heading or footnote id of the document at `index`, read in place (no copy of the document or its ids).
    private func hasAnchor(_ anchor: String, in index: Int) -> Bool {
        rendered.documents[index].markdown.hasAnchor(anchor)
    }

    /// Front matter `image:` replaces the social card in link previews, which need a picture that exists.
    static func checkSharedImages(_ site: Site) -> [Diagnostic] {
        let known = site.routes
        return site.documents.compactMap { document in
            guard let image = document.frontMatter.image else { return nil }
            if image.hasPrefix("https://") || image.hasPrefix("http://") { return nil }
            guard image.hasPrefix("/") else {
                return .error("image '\(image)' must be a path on the site starting with / (a file in "
                                  + "Content/static/) or an https:// URL", at: document.location(ofKey: "image"))
            }
            guard known.contains(image) else {
                return .error("image '\(image)': nothing on the site at that path (put the file in Content/static\(image))",
                              at: document.location(ofKey: "image"))
            }
            return nil
        }
    }

    private func missingAnchor(_ anchor: String, in index: Int, link: LinkReference) -> Diagnostic {
        let ids = rendered[index].markdown.headingIDs
        var message = "link '\(link.written)': \(site.documents[index].displayPath) has no heading '#\(anchor)'"
            + (anchor.contains(":") ? " (nor a footnote with that id)" : "")
        if let suggestion = Suggestion.closest(to: anchor, among: Array(ids)) {
            message += "; did you mean '#\(suggestion)'?"
        }
        return .error(message, at: link.location)
    }
}
