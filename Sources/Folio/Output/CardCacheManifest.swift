// The card cache's one index file: every cached PNG's name with the full key it was drawn for. Text, with each
// key length-prefixed (keys hold newlines: the template is part of them), and the shared style part of the keys
// written once. Anything that does not parse exactly, a truncated file included, reads as no manifest at all.
import Foundation

enum CardCacheManifest {
    static let fileName = "manifest"
    static let header = "folio card cache manifest 1"

    /// ```
    /// folio card cache manifest 1
    /// styles 1
    /// 1234:<style key>
    /// cards 2
    /// <name> 0 56:<card key>
    /// ...
    /// end
    /// ```
    static func encode(_ entries: [String: CardCache.Key]) -> Data {
        var styles: [String] = []
        var styleIndex: [String: Int] = [:]
        var lines: [String] = []
        for name in entries.keys.sorted() {
            let key = entries[name]!
            let index = styleIndex[key.style] ?? styles.count
            if index == styles.count {
                styles.append(key.style)
                styleIndex[key.style] = index
            }
            lines.append("\(name) \(index) \(key.card.utf8.count):\(key.card)")
        }
        var text = "\(header)\nstyles \(styles.count)\n"
        for style in styles { text += "\(style.utf8.count):\(style)\n" }
        text += "cards \(lines.count)\n"
        for line in lines { text += line + "\n" }
        text += "end\n"
        return Data(text.utf8)
    }

    /// The entries, or nil when `data` is not exactly a manifest. A style equal to `sharing` is replaced by it.
    static func decode(_ data: Data, sharing current: String) -> [String: CardCache.Key]? {
        var reader = Reader(bytes: [UInt8](data))
        guard reader.line() == header, reader.word() == "styles", let styleCount = reader.number(), reader.newline()
        else { return nil }
        var styles: [String] = []
        for _ in 0..<styleCount {
            guard let style = reader.counted(), reader.newline() else { return nil }
            styles.append(style == current ? current : style)
        }
        guard reader.word() == "cards", let cardCount = reader.number(), reader.newline() else { return nil }
        var entries: [String: CardCache.Key] = [:]
        entries.reserveCapacity(cardCount)
        for _ in 0..<cardCount {
            guard let name = reader.word(), let index = reader.number(), index < styles.count,
                  let card = reader.counted(), reader.newline()
            else { return nil }
            entries[name] = CardCache.Key(style: styles[index], card: card)
        }
        guard reader.line() == "end", reader.atEnd else { return nil }
        return entries
    }

    /// Reads the manifest's few shapes from its bytes; every method returns nil (or false) rather than guess.
    private struct Reader {
        var bytes: [UInt8]
        var position = 0

        var atEnd: Bool { position == bytes.count }

        /// Up to the next newline, which is consumed.
        mutating func line() -> String? {
            guard let end = bytes[position...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            defer { position = end + 1 }
            return String(decoding: bytes[position..<end], as: UTF8.self)
        }

        /// Up to the next space (consumed) or newline (left for `newline()`); never empty.
        mutating func word() -> String? {
            let start = position
            while position < bytes.count, bytes[position] != UInt8(ascii: " "), bytes[position] != UInt8(ascii: "\n") {
                position += 1
            }
            guard position > start else { return nil }
            let word = String(decoding: bytes[start..<position], as: UTF8.self)
            if position < bytes.count, bytes[position] == UInt8(ascii: " ") { position += 1 }
            return word
        }

        mutating func number() -> Int? {
            guard let word = word(), word.utf8.count <= 9, let value = Int(word), value >= 0 else { return nil }
            return value
        }

        mutating func newline() -> Bool {
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\n") else { return false }
            position += 1
            return true
        }

        /// `<byte count>:<that many bytes>`, which may hold spaces and newlines.
        mutating func counted() -> String? {
            let start = position
            while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
                position += 1
            }
            guard position > start, position - start <= 9, position < bytes.count,
                  bytes[position] == UInt8(ascii: ":"),
                  let count = Int(String(decoding: bytes[start..<position], as: UTF8.self)),
                  bytes.count - (position + 1) >= count
            else { return nil }
            let text = String(decoding: bytes[(position + 1)..<(position + 1 + count)], as: UTF8.self)
            position += 1 + count
            return text
        }
    }
}
