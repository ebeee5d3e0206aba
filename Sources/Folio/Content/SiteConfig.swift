// `Content/site.yml`: who the site is by and how it is addressed.
import Yams

public struct SiteConfig: Sendable, Hashable, YAMLKeyed {
    public struct Link: Sendable, Decodable, Hashable {
        public var label: String
        public var url: String
    }

    public struct Author: Sendable, Decodable, Hashable {
        public var name: String
        public var role: String?
        public var bio: String?
        public var email: String?
        public var links: [Link]?
    }

    /// What the home page says about the author beyond the bio: focus areas, stack, values, roles wanted.
    public struct Profile: Sendable, Decodable, Hashable {
        public struct Focus: Sendable, Decodable, Hashable {
            public var title: String
            public var text: String?
        }

        public struct StackGroup: Sendable, Decodable, Hashable {
            public var group: String
            public var items: [String]
        }

        public var focus: [Focus]?
        public var stack: [StackGroup]?
        public var values: [String]?
        public var openTo: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case focus, stack, values
            case openTo = "open_to"
        }
    }

    public var title: String
    public var tagline: String?
    public var description: String?
    public var author: Author
    /// Absolute URL the site is served from, e.g. `https://jane.dev/`. Links in feeds and sitemaps use it.
    public var baseURL: String
    public var language: String?
    public var navigation: [Link]?
    /// Pattern for "edit this page" links; `{path}` is replaced by the source path, e.g. `Content/posts/a.md`.
    public var editURL: String?
    /// How many entries the Atom feed carries (default 20).
    public var feedLimit: Int?
    /// How many recent posts the home page lists (default 5).
    public var homeRecentPosts: Int?
    /// Projects whose code the articles include by reference (`snippet="..."` fences).
    public var companions: [CompanionConfig]?
    public var profile: Profile?
    /// The folder under `Themes/` the site is rendered with (default `default`).
    public var theme: String?
    /// Publish `/search.json` (every post and page as plain text) and the theme's `/search/` page (default false).
    public var search: Bool?
    /// Which posts get a social card of their own (default: the newest 500).
    public var cards: CardsConfig?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case title, tagline, description, author, language, navigation, theme, search, cards
        case baseURL = "base_url"
        case editURL = "edit_url"
        case feedLimit = "feed_limit"
        case homeRecentPosts = "home_recent_posts"
        case companions, profile
    }

    static let knownKeys = CodingKeys.allCases.map(\.rawValue)
    static let nestedKnownKeys = [
        "author": ["name", "role", "bio", "email", "links"],
        "profile": Profile.CodingKeys.allCases.map(\.rawValue),
        "cards": CardsConfig.CodingKeys.allCases.map(\.rawValue),
    ]
    static let listItemKnownKeys = ["companions": CompanionConfig.CodingKeys.allCases.map(\.rawValue)]

    /// The base URL with exactly one trailing slash.
    public var normalizedBaseURL: String {
        var url = baseURL
        while url.hasSuffix("/") { url.removeLast() }
        return url + "/"
    }

    /// `/posts/a/` -> `https://jane.dev/posts/a/`.
    public func absoluteURL(_ sitePath: String) -> String {
        var path = sitePath
        while path.hasPrefix("/") { path.removeFirst() }
        return normalizedBaseURL + path
    }
}

/// `cards:` in site.yml. Drawing a card costs about 5 ms of CPU, so a site of 10,000 posts would spend 40 s of a
/// 2-core machine on cards nobody shares; only the newest posts get their own, older ones share the home page's card.
public struct CardsConfig: Sendable, Hashable, Decodable {
    public static let defaultNewest = 500

    /// How many of the newest posts get a card of their own; nil (`newest: all`) means every post.
    public var newest: Int? = Self.defaultNewest

    enum CodingKeys: String, CodingKey, CaseIterable {
        case newest
    }

    public init(newest: Int? = Self.defaultNewest) {
        self.newest = newest
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard container.contains(.newest) else { return }
        if let count = try? container.decode(Int.self, forKey: .newest), count >= 0 {
            newest = count
        } else if (try? container.decode(String.self, forKey: .newest)) == "all" {
            newest = nil
        } else {
            throw DecodingError.dataCorruptedError(
                forKey: .newest, in: container,
                debugDescription: "newest must be a number of posts (0 or more) or 'all'")
        }
    }
}

/// `Content/series/<slug>/series.yml`.
public struct SeriesConfig: Sendable, YAMLKeyed {
    public enum Status: String, Sendable, Decodable {
        case planned, ongoing, complete
    }

    public var title: String
    public var summary: String?
    public var status: Status?
    public var tags: [String]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case title, summary, status, tags
    }

    static let knownKeys = CodingKeys.allCases.map(\.rawValue)
}

/// The YAML between the `---` lines at the top of a Markdown file.
public struct FrontMatter: Sendable, Hashable, YAMLKeyed, NodeReadable {
    public var title: String
    public var date: ContentDate?
    public var updated: ContentDate?
    public var summary: String?
    public var tags: [String]?
    public var draft: Bool?
    public var slug: String?
    public var canonical: String?
    public var part: Int?
    /// For posts under `posts/`: the slug of a series in `series/` the post belongs to.
    public var series: String?
    /// The picture shared links show instead of the social card: a site path (`/images/a.png`) or an https URL.
    public var image: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case title, date, updated, summary, tags, draft, slug, canonical, part, series, image
    }

    static let knownKeys = CodingKeys.allCases.map(\.rawValue)

    static func read(_ mapping: Node.Mapping, root: Node, decoding: YAMLDecoding, into diagnostics: inout [Diagnostic])
        -> FrontMatter?
    {
        var fields = YAMLFields(mapping, root: root, decoding: decoding)
        let title = fields.required("title")
        let frontMatter = FrontMatter(
            title: title ?? "", date: fields.date("date"), updated: fields.date("updated"),
            summary: fields.text("summary"), tags: fields.textList("tags"), draft: fields.bool("draft"),
            slug: fields.text("slug"), canonical: fields.text("canonical"), part: fields.integer("part"),
            series: fields.text("series"), image: fields.text("image"))
        diagnostics += fields.problems
        return fields.problems.isEmpty ? frontMatter : nil
    }
}

/// One entry of `companions:` in site.yml: a folder of real, tested code that articles quote.
public struct CompanionConfig: Sendable, Decodable, Hashable {
    /// A short name for messages, e.g. `swift` or `go`.
    public var name: String
    /// Folder, relative to the project root, that `snippet="path"` is relative to.
    public var root: String
    /// Fence languages whose code comes from this companion (`swift`, `go`).
    public var languages: [String]
    /// Shell command, run from the project root, that proves the code compiles and its tests pass.
    public var verify: String?
    /// Shell command that runs one demo and prints its output; `{demo}` is replaced by the demo's name.
    public var demo: String?
    /// Shell command run once, before the first demo, by `folio check` and `folio snippets sync`: it builds what
    /// `demo` runs, so each demo starts at once instead of going through a build tool every time.
    public var build: String?
    /// Folder, relative to the project root, holding one source file per demo (named after it), where a
    /// `// Output:` comment can pin the demo's expected output.
    public var demos: String?
    /// Link to a source file for captions; `{path}` is the path under `root`, `{start}` and `{end}` the lines.
    public var sourceURL: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, root, languages, verify, demo, build, demos
        case sourceURL = "source_url"
    }
}
