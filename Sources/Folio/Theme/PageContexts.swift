// The value each page template receives, one type per page kind. Every one holds the `PageFrame` the layout
// reads (`site`, `page`, `navigation`) and adds what its kind shows; a template sees only its kind's fields.

/// What every page has: the layout's fields.
struct PageFrame: TemplateValue {
    var site: Shared<SiteContext>
    var page: PageMeta
    /// The site's navigation, with the current section marked (`isCurrent`).
    var navigation: [LinkItem]

    static let templateFields = TemplateFields<Self>([
        "site": { $0.site }, "page": { $0.page }, "navigation": { $0.navigation },
    ])
}

/// A page context: the frame, and the kind-specific fields its type adds.
protocol PageContext: TemplateValue {
    var frame: PageFrame { get set }
}

extension PageContext {
    /// The frame's fields plus `more`.
    static func fields(_ more: KeyValuePairs<String, TemplateFields<Self>.Read>) -> TemplateFields<Self> {
        PageFrame.templateFields.lifted(\Self.frame, adding: more)
    }
}

/// `404`, `search`: the frame alone.
struct PlainPageContext: PageContext {
    var frame: PageFrame
    static let templateFields = fields([:])
}

/// `home`: `pages/index.md` as `{{{content}}}`, the newest posts, every series and tag.
struct HomeContext: PageContext {
    var frame: PageFrame
    var content: String?
    var posts: [Shared<PostSummary>]
    var seriesList: [SeriesContext]
    var tags: [TagLink]

    static let templateFields = fields([
        "content": { present($0.content) }, "posts": { $0.posts }, "seriesList": { $0.seriesList },
        "tags": { $0.tags },
    ])
}

/// `post` and `page`: the document as `post`; a page also as `{{{content}}}`.
struct DocumentContext: PageContext {
    var frame: PageFrame
    var post: PostContext
    /// A page's rendered HTML (UTF-8), also as `{{{content}}}`.
    var content: [UInt8]?

    static let templateFields = fields([
        "post": { $0.post },
        "content": { context in
            context.content.flatMap { $0.isEmpty ? nil : RenderedHTML(bytes: $0, stamp: context.post.stamp) }
        },
    ])
}

/// `series-index`: every series.
struct SeriesIndexContext: PageContext {
    var frame: PageFrame
    var seriesList: [SeriesContext]

    static let templateFields = fields(["seriesList": { $0.seriesList }])
}

/// `series`: one series and its parts in reading order.
struct SeriesPageContext: PageContext {
    var frame: PageFrame
    var series: SeriesContext
    var posts: [Shared<PostSummary>]

    static let templateFields = fields(["series": { $0.series }, "posts": { $0.posts }])
}

/// `tags`: every tag with its count.
struct TagsContext: PageContext {
    var frame: PageFrame
    var tags: [TagLink]

    static let templateFields = fields(["tags": { $0.tags }])
}

/// `tag`: one tag's posts, newest first, and every tag.
struct TagPageContext: PageContext {
    var frame: PageFrame
    var tag: TagLink
    var tags: [TagLink]
    var posts: [Shared<PostSummary>]

    static let templateFields = fields(["tag": { $0.tag }, "tags": { $0.tags }, "posts": { $0.posts }])
}

/// `archive`: every post, also grouped by year.
struct ArchiveContext: PageContext {
    var frame: PageFrame
    var posts: [Shared<PostSummary>]
    var years: [YearGroup]

    static let templateFields = fields(["posts": { $0.posts }, "years": { $0.years }])
}
