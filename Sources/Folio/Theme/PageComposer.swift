// The `compose` step: builds a typed context for every page of the site and renders it with the theme.
import Foundation

/// A file of the finished site, by its path under the output folder.
public struct OutputFile: Sendable {
    public var path: String
    public var contents: Data

    public init(path: String, contents: Data) {
        self.path = path
        self.contents = contents
    }
}

struct PageComposer {
    var rendered: RenderedSite
    var theme: Theme
    let parts: PageParts
    /// The pages of the build before (the dev server's): a page whose context digest is the same is reused.
    var earlier: ComposedPages?
    /// Documents whose pages were composed while rendering (`EarlyPages`): their routes are skipped.
    var composedEarly: Set<Int> = []
    private var site: Site { rendered.site }
    static let generator = "Folio"

    init(rendered: RenderedSite, theme: Theme, parts: PageParts) {
        self.rendered = rendered
        self.theme = theme
        self.parts = parts
    }

    /// One file per route, composed in parallel and handed to `sink` as soon as it is made, so no more than a
    /// page per core is held at once. Cards and diagram PNGs are drawn by the images step, and assets and static
    /// files are copied; every other kind has its composer here. Returns the paths of the files it added, and the
    /// pages with their digests when the composer was given `earlier` pages to reuse.
    func compose(to sink: some SiteSink, into diagnostics: inout [Diagnostic]) -> (paths: [String], pages: ComposedPages?) {
        let siteContext = parts.siteContext
        let summaries = Array(site.documents.indices).parallelMap { summary(of: $0) }
        let seriesContexts = site.series.map { seriesContext($0, summaries: summaries) }
        let tagLinks = site.tags.map { TagLink(name: $0.name, url: $0.url, count: $0.posts.count) }
        // Both feeds carry the same posts: what they are made of is digested once, and only for the dev server.
        let feedInputs = earlier == nil ? nil : FeedEntries(rendered).digest(of: site)
        let lists = Lists(site: siteContext, summaries: summaries, series: seriesContexts, tags: tagLinks,
                          feedInputs: feedInputs)
        var jobs: [@Sendable () throws -> Made] = []
        var weights: [Int] = []
        for route in rendered.routes.all {
            guard let job = composer(for: route, lists) else { continue }
            jobs.append { [self] in try make(route.file, from: job()) }
            weights.append(weight(of: route))
        }
        var paths: [String] = []
        var pages = earlier.map { _ in ComposedPages() }
        for result in Self.run(jobs, to: sink, heaviestFirst: weights) {
            switch result {
            case .success(let made):
                paths.append(made.file.path)
                if let digest = made.digest {
                    pages?.pages[made.file.path] = .init(digest: digest, contents: made.file.contents)
                }
                if let fragments = made.fragments { pages?.feedFragments[made.file.path] = fragments }
                if made.wasReused { pages?.reused += 1 }
            case .failure(let problem): diagnostics.append(problem)
            }
        }
        for file in DiagramImages(rendered: rendered.documents.map(\.markdown), cacheFolder: "").svgOutputs {
            do {
                try sink.add(file)
                paths.append(file.path)
            } catch {
                diagnostics.append(error as? Diagnostic ?? .error("\(error)", at: nil))
            }
        }
        return (paths, pages)
    }

    /// A route's file, and the digest of the context it was rendered from (nil when no pages are kept).
    struct Made: Sendable {
        var file: OutputFile
        var digest: Int?
        var wasReused = false
        /// A feed's entries, for the next build.
        var fragments: FeedFragments?
    }

    /// What a route's file is made from: a context for the theme's template of its kind, bytes made directly
    /// (sitemap, robots, search index: made again every time), or a feed with a digest of its inputs.
    enum Composition {
        case page(any PageContext, PageKind)
        case bytes(() -> Data)
        /// A feed, made from the entries an earlier build made where theirs are unchanged.
        case feed(inputs: Int?, make: (FeedFragments) -> (Data, FeedFragments))
    }

    /// The file at `path`: the earlier build's bytes when its context and templates have the same digest,
    /// otherwise rendered now.
    private func make(_ path: String, from composition: Composition) throws -> Made {
        switch composition {
        case .bytes(let make):
            return Made(file: OutputFile(path: path, contents: make()))
        case .feed(let inputs, let make):
            if let inputs, let page = earlier?.pages[path], page.digest == inputs {
                return Made(file: OutputFile(path: path, contents: page.contents), digest: inputs, wasReused: true,
                            fragments: earlier?.feedFragments[path])
            }
            let (contents, fragments) = make(earlier?.feedFragments[path] ?? [:])
            guard earlier != nil else { return Made(file: OutputFile(path: path, contents: contents)) }
            return Made(file: OutputFile(path: path, contents: contents), digest: inputs, fragments: fragments)
        case .page(let context, let kind):
            guard let earlier else {
                return Made(file: OutputFile(path: path, contents: Data(try Self.page(context, kind: kind, theme: theme))))
            }
            let template = kind.template ?? kind.rawValue
            var digest = ContextDigest()
            digest.combine(theme.templatesDigest)
            digest.combine(template)
            context.digest(into: &digest)
            if let key = digest.value, let page = earlier.pages[path], page.digest == key {
                return Made(file: OutputFile(path: path, contents: page.contents), digest: key, wasReused: true)
            }
            let contents = Data(try theme.renderBytes(context, template: template))
            return Made(file: OutputFile(path: path, contents: contents), digest: digest.value)
        }
    }

    /// A page of `kind` rendered from `context` with the theme's template for it.
    static func page(_ context: some PageContext, kind: PageKind, theme: Theme) throws(Diagnostic) -> [UInt8] {
        try theme.renderBytes(context, template: kind.template ?? kind.rawValue)
    }

    /// Runs the jobs on all cores; each file goes to `sink` before the thread that made it starts another, so a
    /// build holds one page per core, never the whole site. Returns what each job made, or why it failed.
    /// The jobs start in order of `heaviestFirst` (larger first; ties in the given order), so that the archive and
    /// the largest tag pages do not start last and leave the other cores idle; the results are in the jobs' order.
    static func run(_ jobs: [@Sendable () throws -> Made], to sink: some SiteSink, heaviestFirst weights: [Int] = [])
        -> [Result<Made, Diagnostic>]
    {
        let order = weights.count == jobs.count
            ? jobs.indices.sorted { (weights[$0], $1) > (weights[$1], $0) } : Array(jobs.indices)
        let made = order.parallelMap { index in Self.runJob(jobs[index], to: sink) }
        var results = made
        for (position, slot) in order.enumerated() { results[slot] = made[position] }
        return results
    }

    /// One job's file, handed to `sink`.
    private static func runJob(_ job: @Sendable () throws -> Made, to sink: some SiteSink) -> Result<Made, Diagnostic> {
        // A job throws the Diagnostic of a template the theme cannot render or of a file the sink could not store
        // (typed throws in these closures crash the Swift 6.3.1 compiler, so they are untyped).
        do {
            var made = try job()
            try sink.add(made.file)
            // The sink has the bytes now. Only a page kept for the next build (with a digest) holds on to them:
            // holding every page here would hold the whole site until compose ends.
            if made.digest == nil { made.file.contents = Data() }
            return .success(made)
        } catch {
            return .failure(error as? Diagnostic ?? .error("\(error)", at: nil))
        }
    }

    /// About how much a route's file costs to make, in posts it lists: only the order in which jobs start.
    private func weight(of route: Route) -> Int {
        switch route.kind {
        case .archive, .sitemap, .searchIndex: site.postIndices.count
        case .tag: route.index.map { site.tags[$0].posts.count } ?? 0
        case .series: route.index.map { site.series[$0].parts.count } ?? 0
        case .home, .seriesIndex, .tags, .atomFeed, .jsonFeed: site.series.count + site.tags.count
        default: 0
        }
    }

    /// What list pages share, made once per build.
    struct Lists: Sendable {
        var site: Shared<SiteContext>
        var summaries: [Shared<PostSummary>]
        var series: [SeriesContext]
        var tags: [TagLink]
        /// `FeedEntries.digest(of:)`, when pages are kept for the next build.
        var feedInputs: Int?
    }

    /// The composer of a route's file; nil for files another step writes.
    private func composer(for route: Route, _ lists: Lists) -> (@Sendable () -> Composition)? {
        let title = site.config.title
        switch route.kind {
        case .post, .page:
            guard let index = route.index, !composedEarly.contains(index) else { return nil }
            return { [self] in .page(parts.documentPage(index, markdown: rendered[index].markdown), route.kind) }
        case .home: return { [self] in .page(homePage(lists), .home) }
        case .seriesIndex:
            return { [self] in
                let frame = parts.frame(kind: .seriesIndex, title: "Series", url: route.path,
                                  description: "Every series on \(title).")
                return .page(SeriesIndexContext(frame: frame, seriesList: lists.series), .seriesIndex)
            }
        case .series:
            guard let index = route.index else { return nil }
            let series = lists.series[index]
            return { [self] in
                let frame = parts.frame(kind: .series, title: series.title, url: series.url,
                                  description: series.summary
                                      ?? "\(series.title): a series of \(series.posts.count) parts on \(title).")
                return .page(SeriesPageContext(frame: frame, series: series, posts: series.posts), .series)
            }
        case .tags:
            return { [self] in
                let frame = parts.frame(kind: .tags, title: "Tags", url: route.path,
                                  description: "Every tag on \(title).")
                return .page(TagsContext(frame: frame, tags: lists.tags), .tags)
            }
        case .tag:
            guard let index = route.index else { return nil }
            let tag = site.tags[index], link = lists.tags[index]
            return { [self] in
                let frame = parts.frame(kind: .tag, title: "Tagged “\(tag.name)”", url: tag.url,
                                  description: "Posts tagged \(tag.name) on \(title).")
                return .page(TagPageContext(frame: frame, tag: link, tags: lists.tags,
                                            posts: tag.posts.map { lists.summaries[$0] }), .tag)
            }
        case .archive: return { [self] in .page(archivePage(lists), .archive) }
        case .search:
            return { [self] in
                let frame = parts.frame(kind: .search, title: "Search", url: route.path,
                                  description: "Search every post on \(title).")
                return .page(PlainPageContext(frame: frame), .search)
            }
        case .notFound:
            return { [self] in
                let frame = parts.frame(kind: .notFound, title: "Page not found", url: route.path,
                                  description: "There is no page at this address on \(title).")
                return .page(PlainPageContext(frame: frame), .notFound)
            }
        case .atomFeed:
            return { [rendered] in
                .feed(inputs: lists.feedInputs) { known in
                    let (xml, entries) = AtomFeed(rendered: rendered, earlierEntries: known).document()
                    return (Data(xml.utf8), entries)
                }
            }
        case .jsonFeed:
            return { [rendered] in
                .feed(inputs: lists.feedInputs) { known in
                    JSONFeed(rendered: rendered, earlierItems: known).document()
                }
            }
        case .sitemap: return { [rendered] in .bytes { Data(Sitemap(rendered: rendered).xml().utf8) } }
        case .robots: return { [rendered] in .bytes { Data(Sitemap(rendered: rendered).robots().utf8) } }
        case .searchIndex: return { [rendered] in .bytes { SearchIndex(rendered: rendered).json() } }
        case .card, .diagram, .asset, .staticFile: return nil
        }
    }

    private func homePage(_ lists: Lists) -> HomeContext {
        var frame = parts.frame(kind: .home, title: site.config.title, url: "/",
                          description: site.config.description ?? site.config.tagline ?? "")
        frame.page.structuredData = StructuredData.person(site.config)
        return HomeContext(
            frame: frame, content: site.homeContentIndex.map { rendered[$0].markdown.html },
            posts: Array(site.postIndices.prefix(site.config.homeRecentPosts ?? 5).map { lists.summaries[$0] }),
            seriesList: lists.series, tags: lists.tags)
    }

    private func archivePage(_ lists: Lists) -> ArchiveContext {
        let frame = parts.frame(kind: .archive, title: "Archive", url: "/archive/",
                          description: "Every post on \(site.config.title), by year.")
        var years: [YearGroup] = []
        for index in site.postIndices {
            let year = site.documents[index].frontMatter.date.map { DateText.year($0.date) } ?? 0
            if years.last?.year == year {
                years[years.count - 1].posts.append(lists.summaries[index])
            } else {
                years.append(YearGroup(year: year, posts: [lists.summaries[index]]))
            }
        }
        return ArchiveContext(frame: frame, posts: site.postIndices.map { lists.summaries[$0] }, years: years)
    }

    /// A long series shows its first and last parts and those near the current one, with gaps between, so a
    /// page of a 200-part series does not list 200 links (and rendering stays linear in the number of parts).
    static func window(_ parts: [SeriesPart], around current: Int, radius: Int = 3, limit: Int = 12) -> [SeriesPart] {
        windowOffsets(count: parts.count, around: current, radius: radius, limit: limit).map { offset in
            offset.map { parts[$0] } ?? SeriesPart(number: 0, title: "", url: "", isCurrent: false, isGap: true)
        }
    }

    /// Which parts `window` shows, by offset in the series; nil for a gap.
    static func windowOffsets(count: Int, around current: Int, radius: Int = 3, limit: Int = 12) -> [Int?] {
        guard count > limit else { return Array(0..<count) }
        var result: [Int?] = []
        for offset in 0..<count {
            if offset == 0 || offset == count - 1 || abs(offset - current) <= radius {
                result.append(offset)
            } else if let last = result.last, last != nil {
                result.append(nil)
            }
        }
        return result
    }

    private func seriesContext(_ series: Site.Series, summaries: [Shared<PostSummary>]) -> SeriesContext {
        SeriesContext(
            slug: series.slug, title: series.config.title, summary: series.config.summary,
            status: series.config.status?.rawValue, url: series.url, partCount: series.parts.count,
            readingMinutes: series.parts.reduce(0) { $0 + rendered[$1].markdown.readingMinutes },
            parts: parts.seriesParts(series), posts: series.parts.map { summaries[$0] })
    }

    private func summary(of index: Int) -> Shared<PostSummary> {
        let document = rendered[index].document
        var label: String?
        if let (series, at) = site.seriesMembership(of: index) {
            label = "Part \(at + 1) of \(series.parts.count) · \(series.config.title)"
        }
        return Shared(PostSummary(
            title: document.title, url: rendered[index].url,
            date: document.frontMatter.date.map { DateText.readable($0.date) } ?? "",
            dateISO: document.frontMatter.date.map { DateText.iso($0.date) } ?? "",
            summary: rendered[index].summary,
            readingMinutes: rendered[index].markdown.readingMinutes, tags: parts.tagLinks(document.frontMatter.tags),
            seriesLabel: label, isDraft: document.isDraft))
    }

    /// Shortens a description at a word boundary, for meta tags.
    static func clip(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        let cut = text.prefix(limit)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<end]) + "…"
    }
}
