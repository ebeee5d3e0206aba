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
    var site: Site
    var rendered: [RenderedMarkdown]
    var theme: Theme
    /// Sizes of images in Content/static/, for `og:image:width` of a front matter `image:`.
    var imageSizes: [String: ImageSize] = [:]
    private let tagsBySlug: [String: Site.Tag]
    private let cardPaths: [String: String]
    private let cardAlts: [String: String]
    static let generator = "Folio"

    init(site: Site, rendered: [RenderedMarkdown], theme: Theme) {
        self.site = site
        self.rendered = rendered
        self.theme = theme
        tagsBySlug = Dictionary(site.tags.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        cardPaths = site.cardPaths
        cardAlts = theme.card == nil ? [:] : Dictionary(
            SocialCards.describe(site).map { ($0.path, $0.alt) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every page, and a diagnostic for each one the theme could not render (never an empty page in its place).
    func compose() -> (pages: [OutputFile], diagnostics: [Diagnostic]) {
        let siteContext = makeSiteContext()
        let summaries = site.documents.indices.map { summary(of: $0) }
        // A job throws only the Diagnostic of a template the theme cannot render (typed throws in these closures
        // crash Swift 6.3's IR generation, hence the cast below).
        var jobs: [@Sendable () throws -> OutputFile] = []

        for index in site.documents.indices where site.urls[site.documents[index].contentPath] != "/" {
            jobs.append { [self] in try documentPage(index, siteContext: siteContext) }
        }
        let recent = Array(site.postIndices.prefix(site.config.homeRecentPosts ?? 5).map { summaries[$0] })
        let seriesContexts = site.series.map { seriesContext($0, summaries: summaries) }
        let tagLinks = site.tags.map { TagLink(name: $0.name, url: $0.url, count: $0.posts.count) }

        jobs.append { [self] in
            let home = site.documents.firstIndex { $0.kind == .page && site.urls[$0.contentPath] == "/" }
            let context = listContext(siteContext, kind: "home", title: site.config.title, url: "/",
                                      description: site.config.description ?? site.config.tagline ?? "")
            context.content = home.map { rendered[$0].html }
            context.page.structuredData = StructuredData.person(site.config)
            context.posts = recent
            context.seriesList = seriesContexts
            context.tags = tagLinks
            return try page("/", template: "home", context)
        }
        jobs.append { [self] in
            let context = listContext(siteContext, kind: "series-index", title: "Series", url: "/series/",
                                      description: "Every series on \(site.config.title).")
            context.seriesList = seriesContexts
            return try page("/series/", template: "series-index", context)
        }
        for series in seriesContexts {
            jobs.append { [self] in
                let context = listContext(siteContext, kind: "series", title: series.title, url: series.url,
                                          description: series.summary
                                              ?? "\(series.title): a series of \(series.posts.count) parts on \(site.config.title).")
                context.series = series
                context.posts = series.posts
                return try page(series.url, template: "series", context)
            }
        }
        jobs.append { [self] in
            let context = listContext(siteContext, kind: "tags", title: "Tags", url: "/tags/",
                                      description: "Every tag on \(site.config.title).")
            context.tags = tagLinks
            return try page("/tags/", template: "tags", context)
        }
        for (tag, link) in zip(site.tags, tagLinks) {
            jobs.append { [self] in
                let context = listContext(siteContext, kind: "tag", title: "Tagged “\(tag.name)”", url: tag.url,
                                          description: "Posts tagged \(tag.name) on \(site.config.title).")
                context.tag = link
                context.tags = tagLinks
                context.posts = tag.posts.map { summaries[$0] }
                return try page(tag.url, template: "tag", context)
            }
        }
        jobs.append { [self] in
            let context = listContext(siteContext, kind: "archive", title: "Archive", url: "/archive/",
                                      description: "Every post on \(site.config.title), by year.")
            context.posts = site.postIndices.map { summaries[$0] }
            var years: [YearGroup] = []
            for index in site.postIndices {
                let year = site.documents[index].frontMatter.date.map { DateText.year($0.date) } ?? 0
                if years.last?.year == year {
                    years[years.count - 1].posts.append(summaries[index])
                } else {
                    years.append(YearGroup(year: year, posts: [summaries[index]]))
                }
            }
            context.years = years
            return try page("/archive/", template: "archive", context)
        }
        jobs.append { [self] in
            let context = listContext(siteContext, kind: "404", title: "Page not found", url: "/404.html",
                                      description: "There is no page at this address on \(site.config.title).")
            return OutputFile(path: "404.html", contents: Data(try theme.render(context, template: "404").utf8))
        }
        if site.config.search == true {
            jobs.append { [self] in
                OutputFile(path: SearchIndex.path, contents: SearchIndex(site: site, rendered: rendered).json())
            }
        }
        if SearchIndex.publishesPage(site.config, theme: theme) {
            jobs.append { [self] in
                let context = listContext(siteContext, kind: "search", title: "Search", url: "/search/",
                                          description: "Search every post on \(site.config.title).")
                return try page("/search/", template: "search", context)
            }
        }
        let results = jobs.parallelMap { job -> Result<OutputFile, Diagnostic> in
            do {
                return .success(try job())
            } catch {
                return .failure(error as? Diagnostic ?? .error("\(error)", at: nil))
            }
        }
        return (results.compactMap { try? $0.get() },
                results.compactMap { if case .failure(let problem) = $0 { problem } else { nil } })
    }

    // MARK: Pages

    private func page(_ url: String, template: String, _ context: PageContext) throws(Diagnostic) -> OutputFile {
        OutputFile(path: Self.filePath(forURL: url), contents: Data(try theme.render(context, template: template).utf8))
    }

    /// `/posts/a/` -> `posts/a/index.html`; `/` -> `index.html`.
    static func filePath(forURL url: String) -> String {
        var path = url
        while path.hasPrefix("/") { path.removeFirst() }
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        return path
    }

    private func documentPage(_ index: Int, siteContext: SiteContext) throws(Diagnostic) -> OutputFile {
        let document = site.documents[index]
        let url = site.urls[document.contentPath] ?? "/"
        let markdown = rendered[index]
        let description = document.summary(fallback: markdown)
        let context = PageContext(
            site: siteContext,
            page: meta(kind: document.kind == .post ? "post" : "page", title: document.title, url: url,
                       description: description, canonical: document.frontMatter.canonical),
            navigation: navigation(for: url, site: siteContext))
        if let image = document.frontMatter.image {
            let absolute = image.hasPrefix("/") ? site.config.absoluteURL(image) : image
            let size = imageSizes[image]
            context.page.image = SharedImage(url: absolute, width: size?.width, height: size?.height,
                                             alt: document.title)
        }
        if document.kind == .post {
            let post = postContext(index, url: url)
            context.post = post
            context.page.structuredData = StructuredData.blogPosting(
                site.config, headline: document.title, description: description, url: url,
                published: post.dateISO, modified: post.updatedISO, tags: document.frontMatter.tags ?? [],
                wordCount: markdown.wordCount, series: post.series.map { ($0.title, $0.url) })
        } else {
            context.content = markdown.html
            context.post = postContext(index, url: url)
        }
        return try page(url, template: document.kind == .post ? "post" : "page", context)
    }

    private func postContext(_ index: Int, url: String) -> PostContext {
        let document = site.documents[index]
        let markdown = rendered[index]
        let front = document.frontMatter
        var position: SeriesPosition?
        var previous: LinkItem?, next: LinkItem?
        if let (series, at) = site.seriesMembership(of: index) {
            position = SeriesPosition(
                title: series.config.title, url: series.url, partNumber: at + 1, partCount: series.parts.count,
                parts: Self.window(seriesParts(series, current: index), around: at))
            if at > 0 { previous = link(to: series.parts[at - 1]) }
            if at + 1 < series.parts.count { next = link(to: series.parts[at + 1]) }
        }
        return PostContext(
            title: document.title, url: url,
            date: front.date.map { DateText.readable($0.date) }, dateISO: front.date.map { DateText.iso($0.date) },
            updated: front.updated.map { DateText.readable($0.date) },
            updatedISO: front.updated.map { DateText.iso($0.date) },
            summary: document.summary(fallback: markdown), readingMinutes: markdown.readingMinutes,
            wordCount: markdown.wordCount, tags: tagLinks(front.tags), content: markdown.html, toc: markdown.tocHTML,
            hasTOC: markdown.toc.count >= 2, series: position, previous: previous, next: next,
            editURL: site.config.editURL?.replacingOccurrences(of: "{path}", with: document.displayPath),
            isDraft: document.isDraft)
    }

    private func link(to index: Int) -> LinkItem {
        LinkItem(label: site.documents[index].title, url: site.urls[site.documents[index].contentPath] ?? "/")
    }

    private func seriesParts(_ series: Site.Series, current: Int?) -> [SeriesPart] {
        series.parts.enumerated().map { offset, index in
            SeriesPart(number: offset + 1, title: site.documents[index].title,
                       url: site.urls[site.documents[index].contentPath] ?? "/", isCurrent: index == current)
        }
    }

    /// A long series shows its first and last parts and those near the current one, with gaps between, so a
    /// page of a 200-part series does not list 200 links (and rendering stays linear in the number of parts).
    static func window(_ parts: [SeriesPart], around current: Int, radius: Int = 3, limit: Int = 12) -> [SeriesPart] {
        guard parts.count > limit else { return parts }
        var result: [SeriesPart] = []
        for (offset, part) in parts.enumerated() {
            if offset == 0 || offset == parts.count - 1 || abs(offset - current) <= radius {
                result.append(part)
            } else if result.last?.isGap == false {
                result.append(SeriesPart(number: 0, title: "", url: "", isCurrent: false, isGap: true))
            }
        }
        return result
    }

    private func seriesContext(_ series: Site.Series, summaries: [PostSummary]) -> SeriesContext {
        SeriesContext(
            slug: series.slug, title: series.config.title, summary: series.config.summary,
            status: series.config.status?.rawValue, url: series.url, partCount: series.parts.count,
            readingMinutes: series.parts.reduce(0) { $0 + rendered[$1].readingMinutes },
            parts: seriesParts(series, current: nil), posts: series.parts.map { summaries[$0] })
    }

    private func summary(of index: Int) -> PostSummary {
        let document = site.documents[index]
        var label: String?
        if let (series, at) = site.seriesMembership(of: index) {
            label = "Part \(at + 1) of \(series.parts.count) · \(series.config.title)"
        }
        return PostSummary(
            title: document.title, url: site.urls[document.contentPath] ?? "/",
            date: document.frontMatter.date.map { DateText.readable($0.date) } ?? "",
            dateISO: document.frontMatter.date.map { DateText.iso($0.date) } ?? "",
            summary: document.summary(fallback: rendered[index]),
            readingMinutes: rendered[index].readingMinutes, tags: tagLinks(document.frontMatter.tags),
            seriesLabel: label, isDraft: document.isDraft)
    }

    private func tagLinks(_ names: [String]?) -> [TagLink] {
        (names ?? []).compactMap { name in
            let slug = Slug.make(name)
            guard let tag = tagsBySlug[slug] else { return nil }
            return TagLink(name: tag.name, url: tag.url, count: tag.posts.count)
        }
    }

    // MARK: Shared pieces

    private func makeSiteContext() -> SiteContext {
        let config = site.config
        let author = AuthorContext(
            name: config.author.name, role: config.author.role, bio: config.author.bio, email: config.author.email,
            links: (config.author.links ?? []).map { LinkItem(label: $0.label, url: $0.url) })
        let newest = site.postIndices.first.flatMap { site.documents[$0].frontMatter.date?.date } ?? Date()
        let profile = config.profile.map { profile in
            ProfileContext(
                focus: (profile.focus ?? []).map { ProfileContext.Focus(title: $0.title, text: $0.text) },
                stack: (profile.stack ?? []).map { ProfileContext.StackGroup(group: $0.group, items: $0.items) },
                values: profile.values ?? [], openTo: profile.openTo)
        }
        return SiteContext(
            title: config.title, tagline: config.tagline, description: config.description,
            baseURL: config.normalizedBaseURL, language: config.language ?? "en", author: author, profile: profile,
            navigation: (config.navigation ?? []).map { LinkItem(label: $0.label, url: $0.url) },
            feedURL: "/feed.xml", year: DateText.year(newest), generator: Self.generator)
    }

    private func listContext(_ siteContext: SiteContext, kind: String, title: String, url: String, description: String)
        -> PageContext
    {
        PageContext(site: siteContext, page: meta(kind: kind, title: title, url: url, description: description,
                                                  canonical: nil),
                    navigation: navigation(for: url, site: siteContext))
    }

    /// The site's navigation with the entry for `url` (or the section holding it) marked current.
    private func navigation(for url: String, site siteContext: SiteContext) -> [LinkItem] {
        siteContext.navigation.map { item in
            var item = item
            item.isCurrent = item.url == url || (item.url != "/" && item.url.hasSuffix("/") && url.hasPrefix(item.url))
            return item
        }
    }

    private func meta(kind: String, title: String, url: String, description: String, canonical: String?) -> PageMeta {
        var navigationAware = site.config.title
        if kind != "home" { navigationAware = "\(title) · \(site.config.title)" }
        let absolute = site.config.absoluteURL(url)
        let meta = PageMeta(
            title: title, fullTitle: navigationAware, description: Self.clip(description, to: 200), url: url,
            absoluteURL: absolute, canonicalURL: canonical ?? absolute, ogType: kind == "post" ? "article" : "website",
            kind: kind)
        if let card = cardPaths[url] ?? cardPaths["/"] {
            meta.image = SharedImage(url: site.config.absoluteURL(card), width: CardLayout.width,
                                     height: CardLayout.height, alt: cardAlts[card] ?? title)
        }
        return meta
    }

    /// Shortens a description at a word boundary, for meta tags.
    static func clip(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        let cut = text.prefix(limit)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<end]) + "…"
    }
}
