// The card cache's key: every input of a card's pixels changes it, no two different cards spell the same key,
// a stored key that does not match is a miss, and a design edit redraws the cards while other edits do not.
import Foundation
import Testing
@testable import Folio

@Suite struct CardCacheTests {
    static let card = SocialCard(path: "/cards/posts/a.png", title: "Dual writes", eyebrow: "Part 1 of 2 · Outbox",
                                 siteTitle: "Test Site", author: "Test Author", host: "example.org")
    static let style = CardStyle(font: "Inter", fontPackage: "fonts-inter", location: SourceLocation(path: "t.yml"),
                                 design: "11:social-card3:<svg")

    @Test func everyInputChangesTheKey() {
        var variants: [(String, SocialCard, CardStyle)] = [("base", Self.card, Self.style)]
        func vary(_ name: String, card change: (inout SocialCard) -> Void) {
            var card = Self.card
            change(&card)
            variants.append((name, card, Self.style))
        }
        func vary(_ name: String, style change: (inout CardStyle) -> Void) {
            var style = Self.style
            change(&style)
            variants.append((name, Self.card, style))
        }
        vary("title") { $0.title = "Dual writes!" }
        vary("eyebrow absent") { $0.eyebrow = nil }
        vary("eyebrow empty") { $0.eyebrow = "" }
        vary("part") { $0.eyebrow = "Part 2 of 2 · Outbox" }
        vary("series title") { $0.eyebrow = "Part 1 of 2 · Inbox" }
        vary("site title") { $0.siteTitle = "Other Site" }
        vary("author") { $0.author = "Someone Else" }
        vary("host") { $0.host = "example.com" }
        // The same characters split differently between two fields are a different card.
        vary("boundary") { $0.title = "Dual"; $0.eyebrow = "writes\n11:Part 1 of 2 · Outbox" }
        vary("font") { $0.font = "DejaVu Sans" }
        vary("template") { $0.design = "11:social-card4:<svg" }
        let keys = variants.map { CardCache.key(for: $0.1, style: $0.2) }
        #expect(Set(keys).count == variants.count, "\(zip(variants.map(\.0), keys).map { "\($0): \($1)" })")
        // The path and the font's package do not show on the card: two pages with one card share its PNG.
        var elsewhere = Self.card
        elsewhere.path = "/cards/posts/b.png"
        var package = Self.style
        package.fontPackage = nil
        #expect(CardCache.key(for: elsewhere, style: package) == keys[0])
        #expect(Set(CardCache.names(for: keys)).count == keys.count)
        #expect(CardCache.names(for: [keys[1], keys[0], keys[1]]) == CardCache.names(for: [keys[1], keys[0], keys[1]]))
        let names = CardCache.names(for: [keys[1], keys[0], keys[1]])
        #expect(names[0] == names[2] && names[0] != names[1])
    }

    @Test func aStoredKeyThatDiffersIsAMiss() throws {
        let folder = NSTemporaryDirectory() + "card-cache-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cache = CardCache(folder: folder)
        #expect(!cache.holds("key A", named: "n"))
        try cache.store(Data("png".utf8), key: "key A", named: "n")
        #expect(cache.holds("key A", named: "n"))
        #expect(!cache.holds("key B", named: "n"))
        #expect(!cache.holds("key A2", named: "n"))
        try FileManager.default.removeItem(atPath: cache.png(named: "n"))
        #expect(!cache.holds("key A", named: "n"))
    }

    @Test func designAndSiteEditsRedrawEveryCardAndOtherEditsNone() throws {
        let site = try TestSite(
            ["Content/posts/hello.md": post("Hello"), "Content/posts/other.md": post("Other")],
            theme: .default)
        defer { site.destroy() }
        #expect(site.build().cardsDrawn == 3)
        // A page template the card does not use: nothing to redraw.
        let post = try site.read("Themes/default/templates/post.mustache")
        try site.write("Themes/default/templates/post.mustache", post + "\n")
        #expect(site.build(output: "o1").cardsDrawn == 0)

        let template = try site.read("Themes/default/templates/social-card.mustache")
        try site.write("Themes/default/templates/social-card.mustache",
                       template.replacingOccurrences(of: "#111417", with: "#101010"))
        #expect(site.build(output: "o2").cardsDrawn == 3)

        // A partial the card template includes is part of its design too.
        try site.write("Themes/default/templates/card-mark.mustache", ##"<circle r="4" fill="#ffffff"/>"##)
        try site.write("Themes/default/templates/social-card.mustache",
                       template.replacingOccurrences(of: "</svg>", with: "{{> card-mark}}\n</svg>"))
        #expect(site.build(output: "o3").cardsDrawn == 3)
        try site.write("Themes/default/templates/card-mark.mustache", ##"<circle r="5" fill="#ffffff"/>"##)
        #expect(site.build(output: "o4").cardsDrawn == 3)
        #expect(site.build(output: "o5").cardsDrawn == 0)

        try site.write("Content/site.yml", TestSite.siteConfig.replacingOccurrences(of: "Test Author", with: "A. N. Other"))
        #expect(site.build(output: "o6").cardsDrawn == 3)
        let first = try #require(FileManager.default.contents(atPath: site.root + "/o5/cards/posts/hello.png"))
        let second = try #require(FileManager.default.contents(atPath: site.root + "/o6/cards/posts/hello.png"))
        #expect(first != second)
    }

    @Test func twoPagesShowingTheSameCardShareOnePNG() throws {
        let site = try TestSite(
            ["Content/posts/a.md": post("Same title"), "Content/posts/b.md": post("Same title")],
            theme: .default)
        defer { site.destroy() }
        let report = site.build()
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics)")
        #expect(report.cardsDrawn == 2)  // home, and one for both posts
        #expect(site.exists("public/cards/posts/a.png") && site.exists("public/cards/posts/b.png"))
    }
}
