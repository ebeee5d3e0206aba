// What a template may use: typed values, one per concept, each with its table of fields (`TemplateValue`).
// The README lists every field. Values holding HTML the engine rendered (`content`, `toc`) are output with
// `{{{ }}}`; everything else is text and escaped by `{{ }}`. The contexts of whole pages, one per page kind,
// are in `PageContexts.swift`.

struct LinkItem: TemplateValue {
    var label: String
    var url: String
    /// True for the navigation entry of the page being shown.
    var isCurrent: Bool = false

    static let templateFields = TemplateFields<Self>([
        "label": { $0.label }, "url": { $0.url }, "isCurrent": { $0.isCurrent },
    ])
}

struct AuthorContext: TemplateValue {
    var name: String
    var role: String?
    var bio: String?
    var email: String?
    var links: [LinkItem]

    static let templateFields = TemplateFields<Self>([
        "name": { $0.name }, "role": { present($0.role) }, "bio": { present($0.bio) },
        "email": { present($0.email) }, "links": { $0.links },
    ])
}

/// `site.profile`: focus areas, the stack by group, values and the roles wanted (from site.yml's `profile`).
struct ProfileContext: TemplateValue {
    struct Focus: TemplateValue {
        var title: String
        var text: String?
        static let templateFields = TemplateFields<Self>(["title": { $0.title }, "text": { present($0.text) }])
    }

    struct StackGroup: TemplateValue {
        var group: String
        var items: [String]
        static let templateFields = TemplateFields<Self>(["group": { $0.group }, "items": { $0.items }])
    }

    var focus: [Focus]
    var stack: [StackGroup]
    var values: [String]
    var openTo: String?

    static let templateFields = TemplateFields<Self>([
        "focus": { $0.focus }, "stack": { $0.stack }, "values": { $0.values }, "openTo": { present($0.openTo) },
    ])
}

struct SiteContext: TemplateValue {
    var title: String
    var tagline: String?
    var description: String?
    var baseURL: String
    var language: String
    /// Shared (as the site itself is): `{{site.author.name}}` in every page's footer read a copy of it each time.
    var author: Shared<AuthorContext>
    /// Nil when site.yml has no `profile`.
    var profile: ProfileContext?
    var navigation: [LinkItem]
    /// The Atom feed (`/feed.xml`) and the JSON Feed (`/feed.json`).
    var feedURL: String
    var jsonFeedURL: String
    /// Year of the newest post (or of the build when there is none), for the footer.
    var year: Int
    var generator: String

    static let templateFields = TemplateFields<Self>([
        "title": { $0.title }, "tagline": { present($0.tagline) }, "description": { present($0.description) },
        "baseURL": { $0.baseURL }, "language": { $0.language }, "author": { $0.author }, "profile": { $0.profile },
        "navigation": { $0.navigation }, "feedURL": { $0.feedURL }, "jsonFeedURL": { $0.jsonFeedURL },
        "year": { $0.year }, "generator": { $0.generator },
    ])
}

/// `og:image` and its companions. Width and height are known for cards and for images in Content/static/.
struct SharedImage: TemplateValue {
    /// Absolute URL: link previews do not resolve relative ones.
    var url: String
    var width: Int?
    var height: Int?
    var alt: String

    static let templateFields = TemplateFields<Self>([
        "url": { $0.url }, "width": { $0.width }, "height": { $0.height }, "alt": { $0.alt },
    ])
}

/// Head-of-page facts for every page: `<title>`, description, canonical URL, Open Graph.
struct PageMeta: TemplateValue {
    var title: String
    /// `Title · Site title`, or the site title alone on the home page.
    var fullTitle: String
    var description: String
    var url: String
    var absoluteURL: String
    var canonicalURL: String
    /// `article` for posts, `website` otherwise.
    var ogType: String
    /// `post`, `page`, `home`, `series`, `series-index`, `tag`, `tags`, `archive`, `search` or `404`.
    var kind: PageKind
    /// JSON-LD (already escaped for a <script> element): `Person` on the home page, `BlogPosting` on posts.
    var structuredData: String?
    /// The picture a shared link shows (`og:image`): the page's social card, or front matter `image:`.
    var image: SharedImage?

    static let templateFields = TemplateFields<Self>([
        "title": { $0.title }, "fullTitle": { $0.fullTitle }, "description": { present($0.description) },
        "url": { $0.url }, "absoluteURL": { $0.absoluteURL }, "canonicalURL": { $0.canonicalURL },
        "ogType": { $0.ogType }, "kind": { $0.kind.rawValue }, "structuredData": { $0.structuredData },
        "image": { $0.image }, "isPost": { $0.kind == .post }, "isHome": { $0.kind == .home },
    ])
}

struct TagLink: TemplateValue {
    var name: String
    var url: String
    var count: Int

    static let templateFields = TemplateFields<Self>(["name": { $0.name }, "url": { $0.url }, "count": { $0.count }])
}

/// A post in a list: home, tag, archive and series pages.
struct PostSummary: TemplateValue {
    var title: String
    var url: String
    var date: String
    var dateISO: String
    var summary: String
    var readingMinutes: Int
    var tags: [TagLink]
    /// "Part 2 of 4 · Series title" when the post is in a series.
    var seriesLabel: String?
    var isDraft: Bool

    static let templateFields = TemplateFields<Self>([
        "title": { $0.title }, "url": { $0.url }, "date": { $0.date }, "dateISO": { $0.dateISO },
        "summary": { present($0.summary) }, "readingMinutes": { $0.readingMinutes }, "tags": { $0.tags },
        "seriesLabel": { present($0.seriesLabel) }, "isDraft": { $0.isDraft },
    ])
}

struct SeriesPart: TemplateValue {
    var number: Int
    var title: String
    var url: String
    var isCurrent: Bool
    /// Stands for parts left out of a long series' list on a post page.
    var isGap: Bool = false

    static let templateFields = TemplateFields<Self>([
        "number": { $0.number }, "title": { $0.title }, "url": { $0.url }, "isCurrent": { $0.isCurrent },
        "isGap": { $0.isGap },
    ])
}

struct SeriesContext: TemplateValue {
    var slug: String
    var title: String
    var summary: String?
    /// `planned`, `ongoing` or `complete`.
    var status: String?
    var url: String
    var partCount: Int
    var readingMinutes: Int
    var parts: [SeriesPart]
    var posts: [Shared<PostSummary>]

    static let templateFields = TemplateFields<Self>([
        "slug": { $0.slug }, "title": { $0.title }, "summary": { present($0.summary) },
        "status": { present($0.status) }, "url": { $0.url }, "partCount": { $0.partCount },
        "readingMinutes": { $0.readingMinutes }, "parts": { $0.parts }, "posts": { $0.posts },
    ])
}

/// Where a post sits in its series: "Part 2 of 4", the list of parts, the series page.
struct SeriesPosition: TemplateValue {
    var title: String
    var url: String
    var partNumber: Int
    var partCount: Int
    var parts: [SeriesPart]

    static let templateFields = TemplateFields<Self>([
        "title": { $0.title }, "url": { $0.url }, "partNumber": { $0.partNumber }, "partCount": { $0.partCount },
        "parts": { $0.parts },
    ])
}

/// A post or a page: its text, dates, series and neighbours.
struct PostContext: TemplateValue {
    var title: String
    var url: String
    var date: String?
    var dateISO: String?
    var updated: String?
    var updatedISO: String?
    var summary: String
    var readingMinutes: Int
    var wordCount: Int
    var tags: [TagLink]
    /// The rendered article (HTML, UTF-8): use `{{{post.content}}}`.
    var content: [UInt8]
    /// Nested list of the h2/h3 headings (HTML): use `{{{post.toc}}}`.
    var toc: String
    /// The rendering `content` and `toc` come from (`RenderedMarkdown.stamp`).
    var stamp: Int?
    var hasTOC: Bool
    /// Shared: the post template reads it in three places, and each read copied it with its list of parts.
    var series: Shared<SeriesPosition>?
    var previous: LinkItem?
    var next: LinkItem?
    var editURL: String?
    var isDraft: Bool

    static let templateFields = TemplateFields<Self>([
        "title": { $0.title }, "url": { $0.url }, "date": { $0.date }, "dateISO": { $0.dateISO },
        "updated": { $0.updated }, "updatedISO": { $0.updatedISO }, "summary": { present($0.summary) },
        "readingMinutes": { $0.readingMinutes }, "wordCount": { $0.wordCount }, "tags": { $0.tags },
        "content": { RenderedHTML(bytes: $0.content, stamp: $0.stamp) },
        "toc": { RenderedHTML(text: $0.toc, stamp: $0.stamp) }, "hasTOC": { $0.hasTOC }, "series": { $0.series },
        "previous": { $0.previous }, "next": { $0.next }, "editURL": { present($0.editURL) },
        "isDraft": { $0.isDraft },
    ])
}

struct YearGroup: TemplateValue {
    var year: Int
    var posts: [Shared<PostSummary>]

    static let templateFields = TemplateFields<Self>(["year": { $0.year }, "posts": { $0.posts }])
}
