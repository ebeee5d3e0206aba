// Social cards: one PNG per post, series page and the home page, og:image meta pointing at them, titles that
// always fit, a cache that skips unchanged cards, and errors for a missing font or a file in the cards' way.
import Foundation
import Testing
@testable import Folio

@Suite struct SocialCardTests {
    static let series = "title: Outbox\nsummary: Reliable events.\n"

    @Test func everyPostSeriesAndHomeGetsACardAndMetaPointingAtIt() throws {
        let site = try TestSite([
            "Content/posts/hello.md": post("Hello"),
            "Content/series/outbox/series.yml": Self.series,
            "Content/series/outbox/01-dual-writes.md": post("Dual writes"),
        ], theme: .default)
        defer { site.destroy() }
        let report = site.build()
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics)")
        for card in ["cards/home.png", "cards/posts/hello.png", "cards/posts/dual-writes.png", "cards/series/outbox.png"] {
            let data = try #require(FileManager.default.contents(atPath: site.root + "/public/" + card), "\(card)")
            #expect(ImageSize.read(data) == ImageSize(width: 1200, height: 630), "\(card)")
        }
        let html = try site.read("public/posts/dual-writes/index.html")
        #expect(html.contains(#"<meta property="og:image" content="https://example.org/cards/posts/dual-writes.png">"#))
        #expect(html.contains(#"<meta property="og:image:width" content="1200">"#))
        #expect(html.contains(#"<meta property="og:image:height" content="630">"#))
        #expect(html.contains(#"<meta property="og:image:alt" content="Dual writes · Part 1 of 1 · Outbox · Test Site">"#))
        #expect(html.contains(#"<meta name="twitter:card" content="summary_large_image">"#))
        // Pages without a card of their own share the home page's.
        #expect(try site.read("public/archive/index.html").contains("https://example.org/cards/home.png"))
        #expect(try site.read("public/series/outbox/index.html").contains("https://example.org/cards/series/outbox.png"))
    }

    @Test func frontMatterImageReplacesTheCard() throws {
        let site = try TestSite([
            "Content/posts/hello.md": post("Hello", extra: "image: /images/cover.svg"),
            "Content/static/images/cover.svg": #"<svg xmlns="http://www.w3.org/2000/svg" width="800" height="400"/>"#,
            "Content/posts/bad.md": post("Bad", extra: "image: cover.png"),
            "Content/posts/gone.md": post("Gone", extra: "image: /images/missing.png"),
        ], theme: .default)
        defer { site.destroy() }
        let report = site.build(write: false)
        let errors = report.diagnostics.filter { $0.severity == .error }.map(\.description)
        #expect(errors == [
            "Content/posts/bad.md:4:1: error: image 'cover.png' must be a path on the site starting with / (a file in "
                + "Content/static/) or an https:// URL",
            "Content/posts/gone.md:4:1: error: image '/images/missing.png': nothing on the site at that path (put the "
                + "file in Content/static/images/missing.png)",
        ])

        try site.remove("Content/posts/bad.md")
        try site.remove("Content/posts/gone.md")
        #expect(!site.build().diagnostics.hasErrors)
        let html = try site.read("public/posts/hello/index.html")
        #expect(html.contains(#"<meta property="og:image" content="https://example.org/images/cover.svg">"#))
        #expect(html.contains(#"<meta property="og:image:width" content="800">"#))
        #expect(!html.contains("cards/posts/hello.png"))
    }

    @Test func anUnchangedCardIsNotRasterisedAgain() throws {
        let site = try TestSite(
            ["Content/posts/hello.md": post("Hello"), "Content/posts/other.md": post("Other")],
            theme: .default)
        defer { site.destroy() }
        #expect(site.build().cardsDrawn == 3)  // home and two posts
        #expect(site.build(output: "second").cardsDrawn == 0)
        try site.write("Content/posts/hello.md", post("Hello again"))
        #expect(site.build(output: "third").cardsDrawn == 1)
        #expect(site.exists(".build/folio-cache/cards"))
        // The site's card is the cached file itself, hard-linked: no second copy on disk.
        let links = try FileManager.default.attributesOfItem(atPath: site.root + "/public/cards/posts/other.png")[.referenceCount]
        #expect((links as? Int ?? (links as? NSNumber)?.intValue ?? 0) >= 2)
        #expect(!site.exists("public/.build"))
    }

    /// Wraps and shrinks, then draws the card and looks at the pixels: nothing but background may appear in the
    /// side margins of the title's band, whatever the title.
    @Test(arguments: [
        "Prometheus metrics, OpenTelemetry tracing and health checks",
        String(repeating: "Exactly-once delivery is a lie told by brokers ", count: 5).prefix(200).description,
        "Supercalifragilisticexpialidocious_identifier_that_has_no_spaces_and_is_longer_than_the_card_is_wide",
    ])
    func titlesNeverOverflowTheMargins(title: String) throws {
        let site = try TestSite(["Content/posts/a.md": post("A")], theme: .default)
        defer { site.destroy() }
        var diagnostics: [Diagnostic] = []
        let theme = try #require(ThemeLoader(files: ProjectFiles(root: site.root)).load(named: "default", into: &diagnostics))
        let style = try #require(theme.card)
        let card = SocialCard(path: "/cards/posts/a.png", title: title, eyebrow: "Part 12 of 12 · A series",
                              siteTitle: "Test Site", author: "Test Author", host: "example.org")
        let layout = CardLayout(font: style.font).fitTitle(title)
        #expect(!layout.lines.isEmpty)
        #expect(layout.baselines.last! <= CardLayout.titleBottom)
        let pixels = try SVGRasteriser.pixels(card.svg(theme: theme, style: style), width: 1200, height: 630)
        let background = pixels[0]
        var stray = 0
        for y in Int(CardLayout.titleTop - 20)..<Int(CardLayout.titleBottom + 20) {
            for x in Array(0..<CardLayout.margin - 4) + Array((1200 - CardLayout.margin + 4)..<1200)
            where pixels[y * 1200 + x] != background {
                stray += 1
            }
        }
        #expect(stray == 0, "\(stray) pixels of ink in the margins for \(layout.lines)")
        // And the title really is drawn: ink inside the box.
        let inked = (Int(CardLayout.titleTop)..<Int(CardLayout.titleBottom)).contains { y in
            (CardLayout.margin..<600).contains { pixels[y * 1200 + $0] != background }
        }
        #expect(inked)
    }

    /// Our own PNG writer (libdeflate) must be lossless: decoded by libpng, the file holds exactly the pixels
    /// librsvg drew, for a card and for an odd size whose rows are not a multiple of four bytes.
    @Test func aPNGHoldsExactlyThePixelsDrawn() throws {
        let card = SocialCard(path: "/cards/posts/a.png", title: "Prometheus metrics, OpenTelemetry tracing and health checks",
                              eyebrow: "Part 4 of 4 · Designing Go Microservices", siteTitle: "Test Site",
                              author: "Test Author", host: "example.org")
        let site = try TestSite()
        defer { site.destroy() }
        var diagnostics: [Diagnostic] = []
        let theme = try #require(ThemeLoader(files: ProjectFiles(root: site.root)).load(named: "default", into: &diagnostics))
        let odd = ##"<svg xmlns="http://www.w3.org/2000/svg" width="333" height="77"><rect width="333" height="77" "## +
            ##"fill="#fafbfc"/><circle cx="40" cy="38" r="30" fill="#6cb6ff"/><text x="80" y="50" font-size="30">"## +
            ##"Odd size</text></svg>"##
        for (svg, width, height) in [(try card.svg(theme: theme, style: try #require(theme.card)), 1200, 630), (odd, 333, 77)] {
            let png = try SVGRasteriser.png(svg, width: width, height: height, opaque: true)
            #expect(ImageSize.read(png) == ImageSize(width: width, height: height))
            #expect(png.count < 200_000)
            let decoded = try SVGRasteriser.pixels(png: png, width: width, height: height)
            let drawn = try SVGRasteriser.pixels(svg, width: width, height: height).map { $0 & 0xffffff }
            // A count, not `decoded == drawn`: on failure Swift Testing would diff two arrays of 756,000 pixels.
            #expect(zip(decoded, drawn).count { $0 != $1 } == 0 && decoded.count == drawn.count, "at \(width)x\(height)")
            #expect(Set(drawn).count > 2)  // really drawn: not one flat colour
        }
    }

    @Test func aMissingCardFontIsAnError() throws {
        let site = try TestSite(["Content/posts/a.md": post("A")], theme: .default)
        defer { site.destroy() }
        try site.write("Themes/default/theme.yml", "name: default\ncard:\n  font: Folio Missing Sans\n  package: fonts-folio-missing\n")
        let errors = site.build(write: false).diagnostics.filter { $0.severity == .error }.map(\.description)
        #expect(errors == ["Themes/default/theme.yml:2:1: error: the social card font 'Folio Missing Sans' is not "
                           + "installed (fontconfig has no such family); install the Debian package "
                           + "fonts-folio-missing (make deps does)"])
    }

    @Test func aStaticFileInACardsPlaceIsAnError() throws {
        let site = try TestSite([
            "Content/posts/a.md": post("A"),
            "Content/static/cards/posts/a.png": "not a card",
        ], theme: .default)
        defer { site.destroy() }
        #expect(site.build(write: false).diagnostics.map(\.description) == [
            "Content/static/cards/posts/a.png:1:1: warning: could not read this image's width and height; pages "
                + "showing it will shift as it loads (is it a valid PNG, GIF, JPEG, WebP, or an SVG with width/height "
                + "or a viewBox?)",
            "Content/static/cards/posts/a.png:1:1: error: static file would overwrite a page the site generates: "
                + "/cards/posts/a.png",
        ])
    }
}

/// Which pages get a card of their own (`cards: newest:` in site.yml), and what a card shows.
@Suite struct SocialCardChoiceTests {
    static func site(newest: String?) throws -> TestSite {
        let config = TestSite.siteConfig + (newest.map { "\ncards:\n  newest: \($0)\n" } ?? "")
        return try TestSite([
            "Content/site.yml": config,
            "Content/posts/oldest.md": post("Oldest", date: "2024-01-01"),
            "Content/posts/middle.md": post("Middle", date: "2024-02-01"),
            "Content/posts/newest.md": post("Newest", date: "2024-03-01"),
        ], theme: .default)
    }

    @Test func onlyTheNewestPostsGetTheirOwnCardAndOlderOnesShareTheHomeCard() throws {
        let site = try Self.site(newest: "2")
        defer { site.destroy() }
        let report = site.build()
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics)")
        #expect(report.cardsDrawn == 3)  // home, newest, middle
        #expect(site.exists("public/cards/posts/newest.png") && site.exists("public/cards/posts/middle.png"))
        #expect(!site.exists("public/cards/posts/oldest.png"))
        let oldest = try site.read("public/posts/oldest/index.html")
        #expect(oldest.contains(#"<meta property="og:image" content="https://example.org/cards/home.png">"#))
        #expect(oldest.contains(#"<meta property="og:image:alt" content="Testing Folio · Test Site">"#))
        #expect(oldest.contains(#"<meta name="twitter:card" content="summary_large_image">"#))
        #expect(try site.read("public/posts/middle/index.html").contains("https://example.org/cards/posts/middle.png"))
    }

    @Test(arguments: [(nil, 3), ("all", 3), ("0", 0), ("1", 1)] as [(String?, Int)])
    func newestCountsPosts(newest: String?, own: Int) throws {
        let site = try Self.site(newest: newest)
        defer { site.destroy() }
        let report = site.build()
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics)")
        #expect(report.cardsDrawn == 1 + own)
        let posts = (try? FileManager.default.contentsOfDirectory(atPath: site.root + "/public/cards/posts")) ?? []
        #expect(posts.count == own)
    }

    @Test(arguments: ["-1", "many", "[1]", "2.5"])
    func aNewestThatIsNotACountIsALocatedError(newest: String) throws {
        let site = try Self.site(newest: newest)
        defer { site.destroy() }
        let errors = site.build(write: false).diagnostics.filter { $0.severity == .error }.map(\.description)
        let line = TestSite.siteConfig.components(separatedBy: "\n").count + 2
        #expect(errors == ["Content/site.yml:\(line):11: error: invalid value for key 'cards.newest' in site.yml: "
                           + "newest must be a number of posts (0 or more) or 'all'"], "\(errors)")
    }

    /// The author's name is on every card exactly once: at the top as the site's title when the site is named after
    /// its author (spelt with other case or spacing too), else at the bottom.
    @Test(arguments: [("Test Author", true), ("test   AUTHOR", true), ("Test Site", false)])
    func theAuthorsNameIsShownOnce(title: String, sameName: Bool) throws {
        let config = TestSite.siteConfig.replacingOccurrences(of: "title: Test Site", with: "title: \(title)")
        let site = try TestSite(["Content/site.yml": config, "Content/posts/a.md": post("A")], theme: .default)
        defer { site.destroy() }
        let (_, products) = Pipeline.run(BuildOptions(root: site.root), through: "check")
        let resolved = try #require(products.site)
        #expect(resolved.hasCards)
        let theme = try #require(products.project?.theme)
        let style = try #require(theme.card)
        let cards = SocialCards.describe(resolved)
        #expect(cards.count == 2)  // home and the post
        for card in cards {
            #expect((card.author == nil) == sameName)
            let text = try card.svg(theme: theme, style: style).lowercased()
                .split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(text.components(separatedBy: ">test author<").count - 1 == 1, "\(title): \(text)")
            #expect(text.contains(">\(title.lowercased().split(separator: " ").joined(separator: " "))<"))
        }
    }
}
