// The social card cache (`.build/folio-cache/cards`): a card is found by a key made of everything that decides
// its pixels, so a warm build neither lays out, templates nor writes SVG for a card that did not change.
// The PNG's file name is a 64-bit digest of the key; the full key is kept in one manifest (CardCacheManifest)
// and compared on every hit, so two different cards can never be served one picture, even if their digests
// collide. One manifest, read once, instead of a key file per card: a warm build of 10,000 cards opens one file.
import Foundation

struct CardCache {
    /// Bump when the card's drawing changes in a way the inputs below do not show (CardContext, the shim).
    static let format = "card-2"

    /// A card's identity, in two parts so that what every card of a build shares is spelled (and stored) once.
    struct Key: Hashable, Sendable {
        /// The drawing code's version, the PNG encoding, the layout constants, the font and the template.
        var style: String
        /// What this card shows.
        var card: String
    }

    var folder: String

    var manifestPath: String { "\(folder)/\(CardCacheManifest.fileName)" }

    /// Every input the cards of one theme share, each length-prefixed (see `spell`).
    static func styleKey(_ style: CardStyle) -> String {
        let layout = "\(CardLayout.width)x\(CardLayout.height) m\(CardLayout.margin) t\(CardLayout.titleTop)-"
            + "\(CardLayout.titleBottom) s\(CardLayout.sizes) l\(CardLayout.lineHeight) k\(CardLayout.slack)"
        return spell([format, SVGRasteriser.encoding, layout, style.font, style.design])
    }

    static func key(for card: SocialCard, style: String) -> Key {
        Key(style: style, card: spell([card.title, card.eyebrow, card.siteTitle, card.author, card.host]))
    }

    static func key(for card: SocialCard, style: CardStyle) -> Key { key(for: card, style: styleKey(style)) }

    /// Each field length-prefixed, an absent one as `-`: no two different lists of fields spell the same text.
    private static func spell(_ fields: [String?]) -> String {
        fields.map { field in field.map { "\($0.utf8.count):\($0)" } ?? "-" }.joined(separator: "\n")
    }

    /// File names for the keys: the key's digest, or, in the vanishingly rare case that two different keys share
    /// a digest (in this build, or with a name the manifest gives another key), the digest salted until it is
    /// free. So a PNG is never rewritten under a name the manifest on disk holds for a different card.
    static func names(for keys: [Key], taken: [String: Key] = [:]) -> [String] {
        var owners = taken
        var byKey: [Key: String] = [:]
        var styleDigests: [String: String] = [:]
        return keys.map { key in
            if let name = byKey[key] { return name }
            let style = styleDigests[key.style] ?? StableDigest.hex(key.style)
            styleDigests[key.style] = style
            var name = StableDigest.hex("\(style)\n\(key.card)")
            var salt = 0
            while let owner = owners[name], owner != key {
                salt += 1
                name = StableDigest.hex("\(style)\n\(key.card)\n\(salt)")
            }
            owners[name] = key
            byKey[key] = name
            return name
        }
    }

    func png(named name: String) -> String { "\(folder)/\(name).png" }

    /// True when the PNG the manifest names is still there (someone may have emptied part of the folder).
    func hasPNG(named name: String) -> Bool { access(png(named: name), F_OK) == 0 }

    /// What the manifest on disk says, by file name; empty when it is missing or unreadable (every card a miss).
    /// Keys whose style equals `style` share its storage, so comparing them costs a pointer check.
    func readManifest(style: String) -> [String: Key] {
        guard let data = FileManager.default.contents(atPath: manifestPath) else { return [:] }
        return CardCacheManifest.decode(data, sharing: style) ?? [:]
    }

    /// Replaces the manifest whole: written only after every PNG it names is in place, so an interrupted build
    /// leaves a miss, never a key beside a PNG drawn for another.
    func writeManifest(_ entries: [String: Key]) throws {
        try CacheFile.write(CardCacheManifest.encode(entries), to: manifestPath)
    }

    func storePNG(_ png: Data, named name: String) throws {
        try CacheFile.write(png, to: self.png(named: name))
    }
}
