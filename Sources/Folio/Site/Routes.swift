// Every path the site generates, declared once. The resolve step builds the table; reserved slugs, the link
// checker, the sitemap, compose and the static-file check read it. A new output is a `PageKind`, a line in
// `Routes.resolve` and a composer (`Output/Composers.swift`), nothing else.

/// What a generated path is. The raw value is the name templates see as `page.kind`.
public enum PageKind: String, Sendable, CaseIterable {
    case home, post, page
    case seriesIndex = "series-index", series, tags, tag, archive, search
    case notFound = "404"
    case atomFeed = "atom-feed", jsonFeed = "json-feed", sitemap, robots, searchIndex = "search-index"
    case card, diagram
    /// Copied as they are: theme assets and files from `Content/static/`.
    case asset, staticFile = "static-file"

    /// The theme template an HTML page of this kind is rendered with; nil for files that are not pages.
    public var template: String? {
        switch self {
        case .home, .post, .page, .seriesIndex, .series, .tags, .tag, .archive, .search: rawValue
        case .notFound: "404"
        default: nil
        }
    }

    /// Pages a search engine should know about (`/sitemap.xml`).
    var isInSitemap: Bool {
        switch self {
        case .home, .post, .page, .seriesIndex, .series, .tags, .tag, .archive: true
        default: false
        }
    }
}

/// One generated path.
public struct Route: Sendable, Equatable {
    /// The URL path: `/posts/a/`, `/feed.xml`.
    public var path: String
    public var kind: PageKind
    /// Posts and pages: the index of the document in `Site.documents`; series and tag pages: the index in
    /// `Site.series` or `Site.tags`; cards: nil (see `Site.cardPaths`).
    public var index: Int?

    /// The file under the output folder: `/posts/a/` -> `posts/a/index.html`; `/` -> `index.html`.
    public var file: String { Route.file(forPath: path) }

    static func file(forPath path: String) -> String {
        var file = Substring(path)
        while file.hasPrefix("/") { file = file.dropFirst() }
        return file.isEmpty || file.hasSuffix("/") ? file + "index.html" : String(file)
    }
}

public struct Routes: Sendable {
    /// In the order pages are listed in the sitemap: home, documents, series, tags, archive, then the rest.
    public private(set) var all: [Route] = []
    private var positions: [String: Int] = [:]

    /// First path segments the engine owns whatever the content: a page may not take them as its slug. Paths
    /// that exist only with a setting (`/search/`) are not reserved; a page there is reported when it collides.
    static let reservedSlugs: Set<String> = [
        "posts", "series", "tags", "archive", "assets", "cards", "diagrams", "index", "404",
        "feed.xml", "feed.json", "sitemap.xml", "robots.txt",
    ]

    public func route(at path: String) -> Route? { positions[path].map { all[$0] } }
    public func contains(_ path: String) -> Bool { positions[path] != nil }
    public func routes(of kind: PageKind) -> [Route] { all.filter { $0.kind == kind } }
    public var paths: Set<String> { Set(positions.keys) }

    /// Adds a route; returns the one already at that path instead when the path is taken.
    @discardableResult
    mutating func add(_ route: Route) -> Route? {
        if let taken = positions[route.path] { return all[taken] }
        positions[route.path] = all.count
        all.append(route)
        return nil
    }
}

extension Routes {
    /// The table for a resolved site. Documents already have their URLs (and duplicate or reserved slugs were
    /// reported); here a page that lands on a path the engine generates, and a static file that would
    /// overwrite a generated file, are errors at their files.
    static func resolve(_ site: Site, project: Project, into diagnostics: inout [Diagnostic]) -> Routes {
        let searchIsOn = project.config.search == true
        let searchPage = searchIsOn && project.theme?.templates.contains("search") == true
        var generated: [Route] = [Route(path: "/series/", kind: .seriesIndex)]
        generated += site.series.indices.map { Route(path: site.series[$0].url, kind: .series, index: $0) }
        generated.append(Route(path: "/tags/", kind: .tags))
        generated += site.tags.indices.map { Route(path: site.tags[$0].url, kind: .tag, index: $0) }
        generated.append(Route(path: "/archive/", kind: .archive))
        if searchPage { generated.append(Route(path: "/search/", kind: .search)) }
        generated += [
            Route(path: "/404.html", kind: .notFound), Route(path: "/feed.xml", kind: .atomFeed),
            Route(path: "/feed.json", kind: .jsonFeed), Route(path: "/sitemap.xml", kind: .sitemap),
            Route(path: "/robots.txt", kind: .robots),
        ]
        if searchIsOn { generated.append(Route(path: "/search.json", kind: .searchIndex)) }
        generated += site.cardPaths.values.sorted().map { Route(path: $0, kind: .card) }
        let generatedKinds = Dictionary(generated.map { ($0.path, $0.kind) }, uniquingKeysWith: { first, _ in first })

        var routes = Routes()
        let home = site.documents.indices.first { site.urls[site.documents[$0].contentPath] == "/" }
        routes.add(Route(path: "/", kind: .home, index: home))
        for index in site.documents.indices {
            guard let url = site.urls[site.documents[index].contentPath], url != "/" else { continue }
            if let kind = generatedKinds[url] {
                let document = site.documents[index]
                let setting = kind == .search ? " (site.yml has search: true)" : ""
                diagnostics.append(.error(
                    "page slug '\(document.slug)' is taken by the site's own \(url) page\(setting); choose another slug",
                    at: document.location(ofKey: "slug")))
                continue
            }
            // A duplicate slug was reported by the resolver; the first document keeps the path.
            routes.add(Route(path: url, kind: site.documents[index].kind == .post ? .post : .page, index: index))
        }
        for route in generated { routes.add(route) }

        var files = Set(routes.all.map(\.file))
        for asset in project.theme?.assets ?? [] {
            routes.add(Route(path: "/assets/\(asset)", kind: .asset))
            files.insert("assets/\(asset)")
        }
        for file in project.content.staticFiles {
            guard !files.contains(file) else {
                diagnostics.append(.error("static file would overwrite a page the site generates: /\(file)",
                                          at: SourceLocation(path: "Content/static/\(file)")))
                continue
            }
            routes.add(Route(path: "/\(file)", kind: .staticFile))
        }
        return routes
    }

    /// The table with the diagram files render drew (`/diagrams/<digest>.svg` and `.png`), which resolve cannot know.
    func addingDiagramFiles(_ files: [DiagramFile], into diagnostics: inout [Diagnostic]) -> Routes {
        var routes = self
        for file in files {
            for path in [file.svgPath, file.pngPath] {
                if let taken = routes.add(Route(path: path, kind: .diagram)), taken.kind == .staticFile {
                    diagnostics.append(.error("static file would overwrite a page the site generates: \(path)",
                                              at: SourceLocation(path: "Content/static\(path)")))
                }
            }
        }
        return routes
    }
}
