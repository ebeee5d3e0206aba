// The `resolve` step's result: one immutable value with every page, its URL, series order, tags and
// neighbours. Templates and feeds read from it; nothing here touches the disk.

public struct Site: Sendable {
    public var config: SiteConfig
    /// Every document that is built (drafts only with `--drafts`), posts newest first, then pages.
    public var documents: [Document]
    /// URL path of each built document (`/posts/a/`), by content path.
    public var urls: [String: String]
    /// Posts, newest first (indices into `documents`).
    public var postIndices: [Int]
    public var pageIndices: [Int]
    public var series: [Series]
    public var tags: [Tag]
    /// Content paths of drafts left out of this build, so links to them get a precise message.
    public var skippedDrafts: Set<String>
    /// Every path the site generates, pages first in sitemap order (see `Routes`).
    public var routes = Routes()
    /// True when the theme draws social cards (see `cardPaths`).
    public var hasCards = false

    public struct Series: Sendable {
        public var slug: String
        public var config: SeriesConfig
        /// Indices into `documents`, in reading order.
        public var parts: [Int]
        public var url: String { "/series/\(slug)/" }
    }

    public struct Tag: Sendable {
        public var name: String
        public var slug: String
        /// Indices into `documents`, newest first.
        public var posts: [Int]
        public var url: String { "/tags/\(slug)/" }
    }

    public var posts: [Document] { postIndices.map { documents[$0] } }

    /// For each document in a series: which series (index into `series`) and its position there.
    var membership: [Int: (series: Int, position: Int)] = [:]

    /// The series a post belongs to, with its position.
    public func seriesMembership(of index: Int) -> (series: Series, position: Int)? {
        membership[index].map { (series[$0.series], $0.position) }
    }

}

struct SiteResolver {
    var includeDrafts: Bool

    func resolve(_ project: Project, into diagnostics: inout [Diagnostic]) -> Site {
        let content = project.content, config = project.config
        let seriesBySlug = Dictionary(content.series.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })

        // The documents are kept and ordered by index, and copied once, into their final order: a document is a
        // large value, and filtering, checking and sorting the values copied each one several times.
        var skippedDrafts: Set<String> = []
        var kept: [Int] = []
        kept.reserveCapacity(content.documents.count)
        for index in content.documents.indices {
            if content.documents[index].isDraft && !includeDrafts {
                skippedDrafts.insert(content.documents[index].contentPath)
            } else {
                kept.append(index)
            }
        }

        // Posts need a date; a post under posts/ may name its series.
        for index in kept where content.documents[index].kind == .post {
            let document = content.documents[index]
            if document.frontMatter.date == nil {
                diagnostics.append(.error("missing required key 'date' in front matter of a post (write date: YYYY-MM-DD)",
                                          at: SourceLocation(path: document.displayPath, line: 1, column: 1)))
            }
            if let named = document.frontMatter.series {
                if seriesBySlug[named] == nil {
                    var message = "unknown series '\(named)'"
                    if let suggestion = Suggestion.closest(to: named, among: Array(seriesBySlug.keys)) {
                        message += "; did you mean '\(suggestion)'?"
                    } else if seriesBySlug.isEmpty {
                        message += " (there is no folder under Content/series/)"
                    } else {
                        message += " (known: \(seriesBySlug.keys.sorted().joined(separator: ", ")))"
                    }
                    diagnostics.append(.error(message, at: document.location(ofKey: "series")))
                } else if let folder = document.seriesFolder, folder != named {
                    diagnostics.append(.error(
                        "front matter says series '\(named)' but the file is in the series folder '\(folder)'",
                        at: document.location(ofKey: "series")))
                }
            }
        }

        // Newest first; ties broken by path so the order is the same on every machine.
        // The keys are read out first: reading them through the document in the comparison copied it each time.
        let keys = content.documents.map { ($0.kind == .post, $0.frontMatter.date?.date, $0.contentPath) }
        kept.sort { left, right in
            let (lPost, l, lPath) = keys[left], (rPost, r, rPath) = keys[right]
            if lPost != rPost { return lPost }
            if l != r, let l, let r { return l > r }
            return lPath < rPath
        }
        let documents = kept.map { content.documents[$0] }

        var urls: [String: String] = [:]
        /// The file that has each URL (its display path): a copy of the whole document here was most of resolve.
        var owners: [String: String] = [:]
        var postIndices: [Int] = [], pageIndices: [Int] = []
        for index in documents.indices {
            let document = documents[index]
            let url: String
            switch document.kind {
            case .post:
                url = "/posts/\(document.slug)/"
                postIndices.append(index)
            case .page:
                if document.slug == "index" && document.baseName == "index" {
                    url = "/"
                } else {
                    if Routes.reservedSlugs.contains(document.slug) {
                        diagnostics.append(.error(
                            "page slug '\(document.slug)' is taken by the site's own /\(document.slug)/ section; choose another slug",
                            at: document.location(ofKey: "slug")))
                    }
                    url = "/\(document.slug)/"
                }
                pageIndices.append(index)
            }
            if let owner = owners[url] {
                diagnostics.append(.error(
                    "duplicate slug '\(document.slug)': \(owner) already has the URL \(url)",
                    at: document.location(ofKey: "slug")))
            } else {
                owners[url] = document.displayPath
            }
            urls[document.contentPath] = url
        }

        let series = orderSeries(content.series, documents: documents, into: &diagnostics)
        let tags = collectTags(documents: documents, postIndices: postIndices)
        var site = Site(
            config: config, documents: documents, urls: urls, postIndices: postIndices, pageIndices: pageIndices,
            series: series, tags: tags, skippedDrafts: skippedDrafts)
        for (seriesIndex, entry) in series.enumerated() {
            for (position, document) in entry.parts.enumerated() {
                site.membership[document] = (seriesIndex, position)
            }
        }
        site.hasCards = project.theme?.card != nil
        site.routes = Routes.resolve(site, project: project, into: &diagnostics)
        return site
    }

    private func orderSeries(_ sources: [SeriesSource], documents: [Document], into diagnostics: inout [Diagnostic])
        -> [Site.Series]
    {
        var result: [Site.Series] = []
        // A post is in the series of its folder, else in the one its front matter names. The posts are grouped in
        // one pass: a loop over every document for each series copied each document once per series.
        var membersBySlug: [String: [(number: Int?, index: Int)]] = [:]
        for index in documents.indices where documents[index].kind == .post {
            guard let slug = documents[index].seriesFolder ?? documents[index].frontMatter.series else { continue }
            membersBySlug[slug, default: []].append((documents[index].frontMatter.part ?? documents[index].fileNumber, index))
        }
        for source in sources {
            var members = membersBySlug[source.slug] ?? []
            var seen: [Int: Int] = [:]
            for member in members {
                guard let number = member.number else { continue }
                if let other = seen[number] {
                    let document = documents[member.index]
                    diagnostics.append(.error(
                        "part \(number) of series '\(source.slug)' is also \(documents[other].displayPath); give each part its own number",
                        at: document.location(ofKey: "part")))
                } else {
                    seen[number] = member.index
                }
            }
            // Numbered parts in order, then unnumbered ones by date.
            members.sort { lhs, rhs in
                switch (lhs.number, rhs.number) {
                case let (l?, r?): return l != r ? l < r : lhs.index < rhs.index
                case (_?, nil): return true
                case (nil, _?): return false
                case (nil, nil):
                    let l = documents[lhs.index].frontMatter.date?.date, r = documents[rhs.index].frontMatter.date?.date
                    if let l, let r, l != r { return l < r }
                    return documents[lhs.index].contentPath < documents[rhs.index].contentPath
                }
            }
            result.append(Site.Series(slug: source.slug, config: source.config, parts: members.map(\.index)))
        }
        return result.sorted { $0.config.title < $1.config.title }
    }

    private func collectTags(documents: [Document], postIndices: [Int]) -> [Site.Tag] {
        var bySlug: [String: Site.Tag] = [:]
        // A site has few tag names and many posts naming them: each name's slug is made once.
        var slugs: [String: String] = [:]
        for index in postIndices {
            for name in documents[index].frontMatter.tags ?? [] {
                let slug: String
                if let known = slugs[name] {
                    slug = known
                } else {
                    slug = Slug.make(name)
                    slugs[name] = slug
                }
                guard !slug.isEmpty, bySlug[slug]?.posts.last != index else { continue }
                bySlug[slug, default: Site.Tag(name: name, slug: slug, posts: [])].posts.append(index)
            }
        }
        return bySlug.values.sorted { $0.slug < $1.slug }
    }
}
