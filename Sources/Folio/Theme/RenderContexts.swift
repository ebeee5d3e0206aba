// What a template may use: typed values, one per concept. Each answers Mustache's name lookups through a
// `switch` (MustacheParent) instead of reflection, which is about three times faster. The README lists every
// field. Values holding HTML the engine rendered (`content`, `toc`) are output with `{{{ }}}`; everything
// else is text and escaped by `{{ }}`.
import Mustache

/// Empty text reads as absent, so `{{#field}}` sections skip it.
private func present(_ text: String?) -> String? {
    guard let text, !text.isEmpty else { return nil }
    return text
}

public struct LinkItem: Sendable, MustacheParent {
    public var label: String
    public var url: String
    /// True for the navigation entry of the page being shown.
    public var isCurrent: Bool = false

    public func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "url": url
        case "isCurrent": isCurrent
        default: nil
        }
    }
}

public struct AuthorContext: Sendable, MustacheParent {
    public var name: String
    public var role: String?
    public var bio: String?
    public var email: String?
    public var links: [LinkItem]

    public func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "role": present(role)
        case "bio": present(bio)
        case "email": present(email)
        case "links": links
        default: nil
        }
    }
}

/// `site.profile`: focus areas, the stack by group, values and the roles wanted (from site.yml's `profile`).
public struct ProfileContext: Sendable, MustacheParent {
    public struct Focus: Sendable, MustacheParent {
        public var title: String
        public var text: String?
        public func child(named name: String) -> Any? {
            switch name {
            case "title": title
            case "text": present(text)
            default: nil
            }
        }
    }

    public struct StackGroup: Sendable, MustacheParent {
        public var group: String
        public var items: [String]
        public func child(named name: String) -> Any? {
            switch name {
            case "group": group
            case "items": items
            default: nil
            }
        }
    }

    public var focus: [Focus]
    public var stack: [StackGroup]
    public var values: [String]
    public var openTo: String?

    public func child(named name: String) -> Any? {
        switch name {
        case "focus": focus
        case "stack": stack
        case "values": values
        case "openTo": present(openTo)
        default: nil
        }
    }
}

public final class SiteContext: Sendable, MustacheParent {
    public let title: String
    public let tagline: String?
    public let description: String?
    public let baseURL: String
    public let language: String
    public let author: AuthorContext
    /// Nil when site.yml has no `profile`.
    public let profile: ProfileContext?
    public let navigation: [LinkItem]
    /// The Atom feed (`/feed.xml`) and the JSON Feed (`/feed.json`).
    public let feedURL: String
    public let jsonFeedURL: String
    /// Year of the newest post (or of the build when there is none), for the footer.
    public let year: Int
    public let generator: String

    init(
        title: String,
        tagline: String?,
        description: String?,
        baseURL: String,
        language: String,
        author: AuthorContext,
        profile: ProfileContext?,
        navigation: [LinkItem],
        feedURL: String,
        jsonFeedURL: String,
        year: Int,
        generator: String
    ) {
        self.title = title
        self.tagline = tagline
        self.description = description
        self.baseURL = baseURL
        self.language = language
        self.author = author
        self.profile = profile
        self.navigation = navigation
        self.feedURL = feedURL
        self.jsonFeedURL = jsonFeedURL
        self.year = year
        self.generator = generator
    }

    public func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "tagline": present(tagline)
        case "description": present(description)
        case "baseURL": baseURL
        case "language": language
        case "author": author
        case "profile": profile
        case "navigation": navigation
        case "feedURL": feedURL
        case "jsonFeedURL": jsonFeedURL
        case "year": year
        case "generator": generator
        default: nil
        }
    }
}

/// `og:image` and its companions. Width and height are known for cards and for images in Content/static/.
public struct SharedImage: Sendable, MustacheParent {
    /// Absolute URL: link previews do not resolve relative ones.
    public var url: String
    public var width: Int?
    public var height: Int?
    public var alt: String

    public func child(named name: String) -> Any? {
        switch name {
        case "url": url
        case "width": width
        case "height": height
        case "alt": alt
        default: nil
        }
    }
}

/// Head-of-page facts for every page: `<title>`, description, canonical URL, Open Graph.
public final class PageMeta: MustacheParent {
    public let title: String
    /// `Title · Site title`, or the site title alone on the home page.
    public let fullTitle: String
    public let description: String
    public let url: String
    public let absoluteURL: String
    public let canonicalURL: String
    /// `article` for posts, `website` otherwise.
    public let ogType: String
    /// `post`, `page`, `home`, `series`, `series-index`, `tag`, `tags`, `archive`, `search` or `404`.
    public let kind: PageKind
    /// JSON-LD (already escaped for a <script> element): `Person` on the home page, `BlogPosting` on posts.
    public var structuredData: String?
    /// The picture a shared link shows (`og:image`): the page's social card, or front matter `image:`.
    public var image: SharedImage?

    init(
        title: String,
        fullTitle: String,
        description: String,
        url: String,
        absoluteURL: String,
        canonicalURL: String,
        ogType: String,
        kind: PageKind
    ) {
        self.title = title
        self.fullTitle = fullTitle
        self.description = description
        self.url = url
        self.absoluteURL = absoluteURL
        self.canonicalURL = canonicalURL
        self.ogType = ogType
        self.kind = kind
    }

    public func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "fullTitle": fullTitle
        case "description": present(description)
        case "url": url
        case "absoluteURL": absoluteURL
        case "canonicalURL": canonicalURL
        case "ogType": ogType
        case "kind": kind.rawValue
        case "structuredData": structuredData
        case "image": image
        case "isPost": kind == .post
        case "isHome": kind == .home
        default: nil
        }
    }
}

public struct TagLink: Sendable, MustacheParent {
    public var name: String
    public var url: String
    public var count: Int

    public func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "url": url
        case "count": count
        default: nil
        }
    }
}

/// A post in a list: home, tag, archive and series pages.
public final class PostSummary: Sendable, MustacheParent {
    public let title: String
    public let url: String
    public let date: String
    public let dateISO: String
    public let summary: String
    public let readingMinutes: Int
    public let tags: [TagLink]
    /// "Part 2 of 4 · Series title" when the post is in a series.
    public let seriesLabel: String?
    public let isDraft: Bool

    init(
        title: String,
        url: String,
        date: String,
        dateISO: String,
        summary: String,
        readingMinutes: Int,
        tags: [TagLink],
        seriesLabel: String?,
        isDraft: Bool
    ) {
        self.title = title
        self.url = url
        self.date = date
        self.dateISO = dateISO
        self.summary = summary
        self.readingMinutes = readingMinutes
        self.tags = tags
        self.seriesLabel = seriesLabel
        self.isDraft = isDraft
    }

    public func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "url": url
        case "date": date
        case "dateISO": dateISO
        case "summary": present(summary)
        case "readingMinutes": readingMinutes
        case "tags": tags
        case "seriesLabel": present(seriesLabel)
        case "isDraft": isDraft
        default: nil
        }
    }
}

public struct SeriesPart: Sendable, MustacheParent {
    public var number: Int
    public var title: String
    public var url: String
    public var isCurrent: Bool
    /// Stands for parts left out of a long series' list on a post page.
    public var isGap: Bool = false

    public func child(named name: String) -> Any? {
        switch name {
        case "number": number
        case "title": title
        case "url": url
        case "isCurrent": isCurrent
        case "isGap": isGap
        default: nil
        }
    }
}

public struct SeriesContext: Sendable, MustacheParent {
    public var slug: String
    public var title: String
    public var summary: String?
    /// `planned`, `ongoing` or `complete`.
    public var status: String?
    public var url: String
    public var partCount: Int
    public var readingMinutes: Int
    public var parts: [SeriesPart]
    public var posts: [PostSummary]

    public func child(named name: String) -> Any? {
        switch name {
        case "slug": slug
        case "title": title
        case "summary": present(summary)
        case "status": present(status)
        case "url": url
        case "partCount": partCount
        case "readingMinutes": readingMinutes
        case "parts": parts
        case "posts": posts
        default: nil
        }
    }
}

/// Where a post sits in its series: "Part 2 of 4", the list of parts, the series page.
public struct SeriesPosition: Sendable, MustacheParent {
    public var title: String
    public var url: String
    public var partNumber: Int
    public var partCount: Int
    public var parts: [SeriesPart]

    public func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "url": url
        case "partNumber": partNumber
        case "partCount": partCount
        case "parts": parts
        default: nil
        }
    }
}

/// A class, not a struct: templates look values up through `Any`, and passing a reference there is one retain
/// where a struct of twenty fields would be copied field by field on every lookup.
public final class PostContext: MustacheParent {
    public let title: String
    public let url: String
    public let date: String?
    public let dateISO: String?
    public let updated: String?
    public let updatedISO: String?
    public let summary: String
    public let readingMinutes: Int
    public let wordCount: Int
    public let tags: [TagLink]
    /// The rendered article (HTML): use `{{{post.content}}}`.
    public let content: String
    /// Nested list of the h2/h3 headings (HTML): use `{{{post.toc}}}`.
    public let toc: String
    public let hasTOC: Bool
    public let series: SeriesPosition?
    public let previous: LinkItem?
    public let next: LinkItem?
    public let editURL: String?
    public let isDraft: Bool

    init(
        title: String,
        url: String,
        date: String?,
        dateISO: String?,
        updated: String?,
        updatedISO: String?,
        summary: String,
        readingMinutes: Int,
        wordCount: Int,
        tags: [TagLink],
        content: String,
        toc: String,
        hasTOC: Bool,
        series: SeriesPosition?,
        previous: LinkItem?,
        next: LinkItem?,
        editURL: String?,
        isDraft: Bool
    ) {
        self.title = title
        self.url = url
        self.date = date
        self.dateISO = dateISO
        self.updated = updated
        self.updatedISO = updatedISO
        self.summary = summary
        self.readingMinutes = readingMinutes
        self.wordCount = wordCount
        self.tags = tags
        self.content = content
        self.toc = toc
        self.hasTOC = hasTOC
        self.series = series
        self.previous = previous
        self.next = next
        self.editURL = editURL
        self.isDraft = isDraft
    }

    public func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "url": url
        case "date": date
        case "dateISO": dateISO
        case "updated": updated
        case "updatedISO": updatedISO
        case "summary": present(summary)
        case "readingMinutes": readingMinutes
        case "wordCount": wordCount
        case "tags": tags
        case "content": content
        case "toc": toc
        case "hasTOC": hasTOC
        case "series": series
        case "previous": previous
        case "next": next
        case "editURL": present(editURL)
        case "isDraft": isDraft
        default: nil
        }
    }
}

public struct YearGroup: Sendable, MustacheParent {
    public var year: Int
    public var posts: [PostSummary]

    public func child(named name: String) -> Any? {
        switch name {
        case "year": year
        case "posts": posts
        default: nil
        }
    }
}

/// The value every template receives. Fields a page kind does not use are empty.
/// A class for the same reason as `PostContext`; each is made and rendered by one job, never shared.
public final class PageContext: MustacheParent {
    public var site: SiteContext
    public var page: PageMeta
    /// The site's navigation, with the current section marked (`isCurrent`).
    public var navigation: [LinkItem]
    /// Rendered Markdown of a page, or of `pages/index.md` on the home page (HTML): `{{{content}}}`.
    public var content: String?
    public var post: PostContext?
    /// Home: the newest posts. Tag page: its posts. Archive: all posts (also grouped in `years`).
    public var posts: [PostSummary] = []
    public var seriesList: [SeriesContext] = []
    public var series: SeriesContext?
    public var tag: TagLink?
    public var tags: [TagLink] = []
    public var years: [YearGroup] = []

    init(site: SiteContext, page: PageMeta, navigation: [LinkItem]) {
        self.site = site
        self.page = page
        self.navigation = navigation
    }

    public func child(named name: String) -> Any? {
        switch name {
        case "site": site
        case "page": page
        case "navigation": navigation
        case "content": present(content)
        case "post": post
        case "posts": posts
        case "seriesList": seriesList
        case "series": series
        case "tag": tag
        case "tags": tags
        case "years": years
        default: nil
        }
    }
}
