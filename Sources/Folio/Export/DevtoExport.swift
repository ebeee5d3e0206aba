// `folio export devto`: every published post (or the ones named) as a dev.to article. Pure: it reads the
// project, runs the build up to the check step, and returns values; writing files is one small function.
import Foundation

public enum DevtoExport {
    public struct Result: Sendable {
        public var articles: [DevtoArticle]
        public var diagnostics: [Diagnostic]
    }

    /// dev.to takes at most this many tags.
    static let tagLimit = 4

    /// The articles for `posts` (slugs, or paths such as `Content/posts/a.md`; all published posts when empty).
    /// Drafts are never exported. Errors in the site (a broken link...) are reported and nothing is exported.
    public static func articles(_ options: BuildOptions, posts: [String] = []) -> Result {
        var options = options
        options.writeOutput = false
        options.includeDrafts = false
        let (report, products) = Pipeline.run(options, through: "check")
        guard let rendered = products.rendered, !report.diagnostics.hasErrors else {
            return Result(articles: [], diagnostics: report.diagnostics)
        }
        let site = rendered.site
        var diagnostics = report.diagnostics
        var chosen: [Int] = site.postIndices
        if !posts.isEmpty {
            chosen = []
            for name in posts {
                let path = name.hasPrefix("Content/") ? String(name.dropFirst("Content/".count)) : name
                if let index = site.postIndices.first(where: {
                    site.documents[$0].slug == name || site.documents[$0].contentPath == path
                }) {
                    chosen.append(index)
                } else {
                    var message = "no published post '\(name)' (name a post by its slug or its path under Content/)"
                    let slugs = site.postIndices.map { site.documents[$0].slug }
                    if let guess = Suggestion.closest(to: name, among: slugs) { message += "; did you mean '\(guess)'?" }
                    diagnostics.append(.error(message, at: nil))
                }
            }
        }
        let cards = site.cardPaths
        var articles: [DevtoArticle] = []
        for index in chosen {
            let document = site.documents[index]
            guard let url = site.urls[document.contentPath] else { continue }
            let body = DevtoBody(contentPath: document.contentPath, pageURL: url, urlsByContentPath: site.urls,
                                 config: site.config).rewrite(document.body)
            // The card the post shares on the site: its own, or the home card for posts older than `cards.newest`.
            var cover = (cards[url] ?? cards["/"]).map(site.config.absoluteURL)
            if let image = document.frontMatter.image {
                cover = image.hasPrefix("/") ? site.config.absoluteURL(image) : image
            }
            articles.append(DevtoArticle(
                contentPath: document.contentPath, slug: document.slug, title: document.title,
                description: rendered[index].summary,
                tags: tags(of: document, into: &diagnostics), canonicalURL: site.config.absoluteURL(url),
                series: site.seriesMembership(of: index)?.series.config.title, coverImage: cover, body: body))
        }
        return Result(articles: articles, diagnostics: diagnostics.sortedForDisplay())
    }

    /// The post's tags as dev.to allows them, with a warning for each one that had to change or be dropped.
    static func tags(of document: Document, into diagnostics: inout [Diagnostic]) -> [String] {
        var result: [String] = []
        let location = document.location(ofKey: "tags")
        for tag in document.frontMatter.tags ?? [] {
            guard let devto = DevtoArticle.devtoTag(tag) else {
                diagnostics.append(.warning("tag '\(tag)' is left out on dev.to: it has no letters or digits", at: location))
                continue
            }
            if result.contains(devto) { continue }
            guard result.count < tagLimit else {
                diagnostics.append(.warning("tag '\(tag)' is left out on dev.to, which takes at most \(tagLimit) tags",
                                            at: location))
                continue
            }
            if devto != tag {
                diagnostics.append(.warning("tag '\(tag)' becomes '\(devto)' on dev.to (lowercase letters and digits only)",
                                            at: location))
            }
            result.append(devto)
        }
        return result
    }

    /// Writes one `<slug>.md` per article into `folder` (created if needed). Returns the paths written.
    public static func write(_ articles: [DevtoArticle], to folder: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return try articles.map { article in
            let path = "\(folder)/\(article.fileName)"
            try Data(article.markdown.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
    }
}
