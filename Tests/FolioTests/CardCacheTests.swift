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

    @Test func theManifestReadsBackWhatWasWritten() throws {
        let style = CardCache.styleKey(Self.style) + "\nwith: colons, spaces\nand newlines 12:"
        let entries: [String: CardCache.Key] = [
            "00000000000000a1": CardCache.key(for: Self.card, style: style),
            "00000000000000b2": CardCache.Key(style: style, card: "3:a b\n-\n5:ünï\n"),
            "00000000000000c3": CardCache.Key(style: "another theme", card: ""),
        ]
        let data = CardCacheManifest.encode(entries)
        #expect(CardCacheManifest.decode(data, sharing: style) == entries)
        #expect(CardCacheManifest.decode(data, sharing: "unrelated") == entries)
        #expect(CardCacheManifest.decode(CardCacheManifest.encode([:]), sharing: style) == [:])
    }

    /// A build interrupted while writing, a disk that lost a block, an older format: each reads as no manifest,
    /// which costs a redraw and never hands a card another card's key.
    @Test func aDamagedManifestReadsAsNone() {
        let entries = ["00000000000000a1": CardCache.key(for: Self.card, style: Self.style),
                       "00000000000000b2": CardCache.Key(style: "s", card: "c")]
        let data = CardCacheManifest.encode(entries)
        for length in 0..<data.count {
            #expect(CardCacheManifest.decode(data.prefix(length), sharing: "") == nil, "a prefix of \(length) bytes")
        }
        #expect(CardCacheManifest.decode(data + Data("x".utf8), sharing: "") == nil)
        #expect(CardCacheManifest.decode(Data("11:card-2\nrgb".utf8), sharing: "") == nil)
        let text = String(decoding: data, as: UTF8.self)
        #expect(CardCacheManifest.decode(Data(text.replacingOccurrences(of: "cards 2", with: "cards 3").utf8),
                                         sharing: "") == nil)
        #expect(CardCacheManifest.decode(Data(text.replacingOccurrences(of: "styles 2", with: "styles 1").utf8),
                                         sharing: "") == nil)
    }

    /// A name the manifest holds for another key (two keys with one 64-bit digest) is never reused: the new card
    /// gets a salted name, so its PNG cannot overwrite the one the manifest vouches for.
    @Test func aNameTakenByAnotherKeyIsNotReused() {
        let key = CardCache.key(for: Self.card, style: Self.style)
        let name = CardCache.names(for: [key])[0]
        let other = CardCache.Key(style: key.style, card: "someone else's card")
        let salted = CardCache.names(for: [key, key], taken: [name: other])
        #expect(salted[0] != name && salted[0] == salted[1])
        #expect(CardCache.names(for: [key], taken: [name: key]) == [name])
    }

    @Test func aMissingDamagedOrWrongManifestRedrawsAndAWarmBuildWritesNothing() throws {
        let site = try TestSite(["Content/posts/hello.md": post("Hello"), "Content/posts/other.md": post("Other")],
                                theme: .default)
        defer { site.destroy() }
        let manifest = ".build/folio-cache/cards/manifest"
        #expect(site.build().cardsDrawn == 3)
        let hello = try #require(FileManager.default.contents(atPath: site.root + "/public/cards/posts/hello.png"))
        let other = try #require(FileManager.default.contents(atPath: site.root + "/public/cards/posts/other.png"))
        let written = try FileManager.default.attributesOfItem(atPath: site.root + "/" + manifest)
        #expect(site.build(output: "o1").cardsDrawn == 0)
        // Unchanged: not even rewritten (a rewrite would be a new file, renamed into place).
        let after = try FileManager.default.attributesOfItem(atPath: site.root + "/" + manifest)
        #expect(after[.systemFileNumber] as? Int == written[.systemFileNumber] as? Int)

        let text = try site.read(manifest)
        try site.write(manifest, String(text.dropLast(5)))
        #expect(site.build(output: "o2").cardsDrawn == 3)
        try site.remove(manifest)
        #expect(site.build(output: "o3").cardsDrawn == 3)

        // A PNG someone deleted from the cache is drawn again, though the manifest still names it.
        let cached = try FileManager.default.contentsOfDirectory(atPath: site.root + "/.build/folio-cache/cards")
            .filter { $0.hasSuffix(".png") }
        try site.remove(".build/folio-cache/cards/" + cached[0])
        #expect(site.build(output: "o4").cardsDrawn == 1)

        // The keys rotated among their names (a valid manifest, as if each digest had collided with another card's):
        // every card is a miss, drawn under a new name, and each gets its own picture back.
        let lines = try site.read(manifest).components(separatedBy: "\n")
        // An entry starts `<16 hex digits> <style> <length>:` (its key goes on over the next lines).
        let entryLines = lines.indices.filter { index in
            let words = lines[index].split(separator: " ", maxSplits: 2)
            return words.count == 3 && words[0].count == 16 && words[0].allSatisfy(\.isHexDigit) && words[1] == "0"
        }
        #expect(entryLines.count == 3, "\(lines)")
        var swapped = lines
        let names = entryLines.map { String(lines[$0].prefix(16)) }
        for (line, name) in zip(entryLines, names.dropFirst() + names.prefix(1)) {
            swapped[line] = name + lines[line].dropFirst(16)
        }
        try site.write(manifest, swapped.joined(separator: "\n"))
        #expect(CardCacheManifest.decode(Data(swapped.joined(separator: "\n").utf8), sharing: "") != nil)
        #expect(site.build(output: "o5").cardsDrawn == 3)
        #expect(FileManager.default.contents(atPath: site.root + "/o5/cards/posts/hello.png") == hello)
        #expect(FileManager.default.contents(atPath: site.root + "/o5/cards/posts/other.png") == other)
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
