// What every page's context is made of that the site alone decides (the site context, frames, navigation, tag
// links, social cards), and the context of a post or a page, which needs nothing rendered but its own document.
// So a one-off build composes each document's page as soon as that document is rendered and lets go of its HTML
// (`EarlyPages`), and `compose` makes the same contexts the same way for the dev server.
import Foundation

struct PageParts: Sendable {
    let site: Site
    /// Sizes of images in Content/static/, for `og:image:width` of a front matter `image:`.
    let imageSizes: [String: ImageSize]
    let siteContext: Shared<SiteContext>
    private let tagsBySlug: [String: Site.Tag]
    private let cardPaths: [String: String]
    private let cardAlts: [String: String]
    /// The author as JSON-LD, the same in every post's `BlogPosting`: made once.
    private let authorJSON: String

    init(site: Site, theme: Theme, imageSizes: [String: ImageSize]) {
        self.site = site
        self.imageSizes = imageSizes
        siteContext = Self.siteContext(site)
        tagsBySlug = Dictionary(site.tags.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        cardPaths = site.cardPaths
        authorJSON = StructuredData.author(site.config)
        cardAlts = theme.card == nil ? [:] : Dictionary(
            SocialCards.describe(site).map { ($0.path, $0.alt) }, uniquingKeysWith: { first, _ in first })
    }

    // MARK: Documents

    /// The context of the post or page at `index`, given its rendering.
    func documentPage(_ index: Int, markdown: RenderedMarkdown) -> DocumentContext {
        let document = site.documents[index], url = site.url(of: index)
        let description = document.summary(fallback: markdown)
        var frame = frame(kind: document.kind == .post ? .post : .page, title: document.title, url: url,
                          description: description, canonical: document.frontMatter.canonical)
        if let image = document.frontMatter.image {
            let absolute = image.hasPrefix("/") ? site.config.absoluteURL(image) : image
            let size = imageSizes[image]
            frame.page.image = SharedImage(url: absolute, width: size?.width, height: size?.height,
                                           alt: document.title)
        }
        let post = postContext(index, url: url, summary: description, markdown: markdown)
        guard document.kind == .post else { return DocumentContext(frame: frame, post: post, content: markdown.htmlBytes) }
        frame.page.structuredData = StructuredData.blogPosting(
            site.config, author: authorJSON, headline: document.title, description: description, url: url,
            published: post.dateISO, modified: post.updatedISO, tags: document.frontMatter.tags ?? [],
            wordCount: markdown.wordCount, series: post.series.map { ($0.title, $0.url) })
        return DocumentContext(frame: frame, post: post, content: nil)
    }

    private func postContext(_ index: Int, url: String, summary: String, markdown: RenderedMarkdown) -> PostContext {
        let document = site.documents[index]
        let front = document.frontMatter
        var position: Shared<SeriesPosition>?
        var previous: LinkItem?, next: LinkItem?
        if let (series, at) = site.seriesMembership(of: index) {
            position = Shared(SeriesPosition(
                title: series.config.title, url: series.url, partNumber: at + 1, partCount: series.parts.count,
                parts: windowedParts(series, current: at)))
            if at > 0 { previous = link(to: series.parts[at - 1]) }
            if at + 1 < series.parts.count { next = link(to: series.parts[at + 1]) }
        }
        return PostContext(
            title: document.title, url: url,
            date: front.date.map { DateText.readable($0.date) }, dateISO: front.date.map { DateText.iso($0.date) },
            updated: front.updated.map { DateText.readable($0.date) },
            updatedISO: front.updated.map { DateText.iso($0.date) },
            summary: summary, readingMinutes: markdown.readingMinutes,
            wordCount: markdown.wordCount, tags: tagLinks(front.tags), content: markdown.htmlBytes, toc: markdown.tocHTML,
            stamp: markdown.stamp, hasTOC: markdown.toc.count >= 2, series: position, previous: previous, next: next,
            editURL: site.config.editURL?.replacingOccurrences(of: "{path}", with: document.displayPath),
            isDraft: document.isDraft)
    }

    private func link(to index: Int) -> LinkItem {
        LinkItem(label: site.documents[index].title, url: site.url(of: index))
    }

    func seriesParts(_ series: Site.Series) -> [SeriesPart] {
        series.parts.indices.map { part(series, at: $0, isCurrent: false) }
    }

    /// The parts a page of the series shows (`PageComposer.window`), made only for those: a post of a long series
    /// does not make a link to every part.
    private func windowedParts(_ series: Site.Series, current: Int) -> [SeriesPart] {
        PageComposer.windowOffsets(count: series.parts.count, around: current).map { offset in
            offset.map { part(series, at: $0, isCurrent: $0 == current) }
                ?? SeriesPart(number: 0, title: "", url: "", isCurrent: false, isGap: true)
        }
    }

    private func part(_ series: Site.Series, at offset: Int, isCurrent: Bool) -> SeriesPart {
        let index = series.parts[offset]
        return SeriesPart(number: offset + 1, title: site.documents[index].title, url: site.url(of: index),
                          isCurrent: isCurrent)
    }

    func tagLinks(_ names: [String]?) -> [TagLink] {
        (names ?? []).compactMap { name in
            let slug = Slug.make(name)
            guard let tag = tagsBySlug[slug] else { return nil }
            return TagLink(name: tag.name, url: tag.url, count: tag.posts.count)
        }
    }

    // MARK: Frames

    private static func siteContext(_ site: Site) -> Shared<SiteContext> {
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
        return Shared(SiteContext(
            title: config.title, tagline: config.tagline, description: config.description,
            baseURL: config.normalizedBaseURL, language: config.language ?? "en", author: Shared(author), profile: profile,
            navigation: (config.navigation ?? []).map { LinkItem(label: $0.label, url: $0.url) },
            feedURL: "/feed.xml", jsonFeedURL: "/feed.json", year: DateText.year(newest),
            generator: PageComposer.generator))
    }

    func frame(kind: PageKind, title: String, url: String, description: String, canonical: String? = nil)
        -> PageFrame
    {
        PageFrame(site: siteContext, page: meta(kind: kind, title: title, url: url, description: description,
                                                canonical: canonical),
                  navigation: navigation(for: url))
    }

    /// The site's navigation with the entry for `url` (or the section holding it) marked current.
    private func navigation(for url: String) -> [LinkItem] {
        siteContext.navigation.map { item in
            var item = item
            item.isCurrent = item.url == url || (item.url != "/" && item.url.hasSuffix("/") && url.hasPrefix(item.url))
            return item
        }
    }

    private func meta(kind: PageKind, title: String, url: String, description: String, canonical: String?) -> PageMeta {
        var navigationAware = site.config.title
        if kind != .home { navigationAware = "\(title) · \(site.config.title)" }
        let absolute = site.config.absoluteURL(url)
        var meta = PageMeta(
            title: title, fullTitle: navigationAware, description: PageComposer.clip(description, to: 200), url: url,
            absoluteURL: absolute, canonicalURL: canonical ?? absolute, ogType: kind == .post ? "article" : "website",
            kind: kind)
        if let card = cardPaths[url] ?? cardPaths["/"] {
            meta.image = SharedImage(url: site.config.absoluteURL(card), width: CardLayout.width,
                                     height: CardLayout.height, alt: cardAlts[card] ?? title)
        }
        return meta
    }
}
