// The social card cache (`.build/folio-cache/cards`): a card is found by a key made of everything that decides
// its pixels, so a warm build neither lays out, templates nor writes SVG for a card that did not change.
// The file name is a 64-bit digest of the key; the key itself is stored beside the PNG and compared on every
// hit, so two different cards can never be served one picture, even if their digests collide.
import Foundation

struct CardCache {
    /// Bump when the card's drawing changes in a way the inputs below do not show (CardContext, the shim).
    static let format = "card-2"

    var folder: String

    /// Every input of a card's pixels, each length-prefixed so that no two different cards spell the same key.
    static func key(for card: SocialCard, style: CardStyle) -> String {
        let layout = "\(CardLayout.width)x\(CardLayout.height) m\(CardLayout.margin) t\(CardLayout.titleTop)-"
            + "\(CardLayout.titleBottom) s\(CardLayout.sizes) l\(CardLayout.lineHeight) k\(CardLayout.slack)"
        let fields: [String?] = [format, SVGRasteriser.encoding, layout, style.font, style.design, card.title,
                                 card.eyebrow, card.siteTitle, card.author, card.host]
        return fields.map { field in field.map { "\($0.utf8.count):\($0)" } ?? "-" }.joined(separator: "\n")
    }

    /// File names for the keys: the key's digest, or, in the vanishingly rare case two different keys in one
    /// build share a digest, the digest of the key salted until it is free.
    static func names(for keys: [String]) -> [String] {
        var owners: [String: String] = [:]
        var byKey: [String: String] = [:]
        return keys.map { key in
            if let name = byKey[key] { return name }
            var name = StableDigest.hex(key)
            var salt = 0
            while let owner = owners[name], owner != key {
                salt += 1
                name = StableDigest.hex("\(key)\n\(salt)")
            }
            owners[name] = key
            byKey[key] = name
            return name
        }
    }

    func png(named name: String) -> String { "\(folder)/\(name).png" }

    /// True when the PNG is there and was drawn for exactly this key.
    func holds(_ key: String, named name: String) -> Bool {
        guard let stored = FileManager.default.contents(atPath: "\(folder)/\(name).key"),
              stored.elementsEqual(key.utf8)
        else { return false }
        return FileManager.default.fileExists(atPath: png(named: name))
    }

    /// The old key goes first and the new one last: a build interrupted on the way leaves a miss, never a PNG
    /// under a key it was not drawn for.
    func store(_ png: Data, key: String, named name: String) throws {
        unlink("\(folder)/\(name).key")
        try CacheFile.write(png, to: self.png(named: name))
        try CacheFile.write(Data(key.utf8), to: "\(folder)/\(name).key")
    }
}
