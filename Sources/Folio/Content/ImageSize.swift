// The intrinsic size of an image in Content/static/, read from the file's header, so every `<img>` Folio writes
// carries `width` and `height`: the browser reserves the space before the image arrives, and the text below
// it does not jump (cumulative layout shift). PNG, GIF, JPEG, WebP and SVG.
import Foundation

public struct ImageSize: Hashable, Sendable {
    public var width: Int
    public var height: Int

    /// Extensions Folio reads sizes for; other files are not images to it.
    static let extensions: Set<String> = ["png", "gif", "jpg", "jpeg", "webp", "svg"]

    static func isImage(_ path: String) -> Bool {
        guard let dot = path.lastIndex(of: ".") else { return false }
        return extensions.contains(path[path.index(after: dot)...].lowercased())
    }

    /// How much of a file the size is looked for in: headers, and JPEG segments before the frame.
    static let headerBytes = 1 << 20

    /// Nil when the bytes are not a well-formed image of a kind Folio knows, or an SVG without a usable size.
    static func read(_ data: Data) -> ImageSize? {
        let bytes = [UInt8](data.prefix(headerBytes))
        return png(bytes) ?? gif(bytes) ?? jpeg(bytes) ?? webp(bytes) ?? svg(data)
    }

    private static func png(_ b: [UInt8]) -> ImageSize? {
        // Signature, then the IHDR chunk: length, "IHDR", width and height as big-endian 32-bit integers.
        guard b.count >= 24, b.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
              b[12..<16].elementsEqual(Array("IHDR".utf8)) else { return nil }
        return positive(bigEndian(b, 16, 4), bigEndian(b, 20, 4))
    }

    private static func gif(_ b: [UInt8]) -> ImageSize? {
        guard b.count >= 10, b.starts(with: Array("GIF87a".utf8)) || b.starts(with: Array("GIF89a".utf8)) else { return nil }
        return positive(littleEndian(b, 6, 2), littleEndian(b, 8, 2))
    }

    private static func jpeg(_ b: [UInt8]) -> ImageSize? {
        guard b.count >= 4, b[0] == 0xFF, b[1] == 0xD8 else { return nil }
        var index = 2
        while index + 9 < b.count {
            guard b[index] == 0xFF else { return nil }
            let marker = b[index + 1]
            if marker == 0xFF { index += 1; continue }  // fill byte
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { index += 2; continue }
            let length = bigEndian(b, index + 2, 2)
            // Start-of-frame markers C0–CF, except DHT (C4), JPG (C8) and DAC (CC), hold the frame's size.
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                return positive(bigEndian(b, index + 7, 2), bigEndian(b, index + 5, 2))
            }
            guard length >= 2 else { return nil }
            index += 2 + length
        }
        return nil
    }

    private static func webp(_ b: [UInt8]) -> ImageSize? {
        guard b.count >= 30, b.starts(with: Array("RIFF".utf8)), b[8..<12].elementsEqual(Array("WEBP".utf8)) else {
            return nil
        }
        switch String(decoding: b[12..<16], as: UTF8.self) {
        case "VP8 ":  // lossy: 14-bit sizes after the frame tag and start code
            guard b[23] == 0x9D, b[24] == 0x01, b[25] == 0x2A else { return nil }
            return positive(littleEndian(b, 26, 2) & 0x3FFF, littleEndian(b, 28, 2) & 0x3FFF)
        case "VP8L":  // lossless: signature 0x2F, then 14-bit width-1 and height-1
            guard b[20] == 0x2F else { return nil }
            let bits = littleEndian(b, 21, 4)
            return positive((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
        case "VP8X":  // extended: 24-bit canvas width-1 and height-1
            return positive(littleEndian(b, 24, 3) + 1, littleEndian(b, 27, 3) + 1)
        default:
            return nil
        }
    }

    /// The root element's `width` and `height` in pixels (or unitless), else the `viewBox`'s.
    private static func svg(_ data: Data) -> ImageSize? {
        let text = String(decoding: data.prefix(64 * 1024), as: UTF8.self)
        guard let open = text.range(of: "<svg"),
              let close = text[open.upperBound...].firstIndex(of: ">") else { return nil }
        let tag = String(text[open.upperBound..<close])
        func attribute(_ name: String) -> String? {
            for quote in ["\"", "'"] {
                if let start = tag.range(of: " \(name)=\(quote)") ?? tag.range(of: "\n\(name)=\(quote)"),
                   let end = tag[start.upperBound...].firstIndex(of: Character(quote)) {
                    return String(tag[start.upperBound..<end]).trimmingCharacters(in: .whitespaces)
                }
            }
            return nil
        }
        func pixels(_ value: String?) -> Double? {
            guard var value else { return nil }
            if value.hasSuffix("px") { value.removeLast(2) }
            return Double(value)
        }
        if let width = pixels(attribute("width")), let height = pixels(attribute("height")) {
            return positive(Int(width.rounded()), Int(height.rounded()))
        }
        let box = attribute("viewBox")?.split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
        guard let box, box.count == 4 else { return nil }
        return positive(Int(box[2].rounded()), Int(box[3].rounded()))
    }

    private static func positive(_ width: Int, _ height: Int) -> ImageSize? {
        width > 0 && height > 0 ? ImageSize(width: width, height: height) : nil
    }

    private static func bigEndian(_ b: [UInt8], _ at: Int, _ count: Int) -> Int {
        guard at + count <= b.count else { return 0 }
        return b[at..<at + count].reduce(0) { $0 << 8 | Int($1) }
    }

    private static func littleEndian(_ b: [UInt8], _ at: Int, _ count: Int) -> Int {
        guard at + count <= b.count else { return 0 }
        return b[at..<at + count].reversed().reduce(0) { $0 << 8 | Int($1) }
    }
}
