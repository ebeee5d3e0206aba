// The only Swift that calls librsvg, cairo and fontconfig (through CRsvg): SVG to PNG, "is this font
// installed", and how wide a string is in a font. Everything else in Folio sees plain Swift values.
import CRsvg
import Foundation

enum SVGRasteriser {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Part of every cache key: a change in how PNGs are encoded must not serve files encoded the old way.
    static let encoding = "rgb-deflate1"

    /// The SVG rendered to fit `width` x `height` pixels, as PNG bytes; on white when `opaque`.
    static func png(_ svg: String, width: Int, height: Int, opaque: Bool = false) throws(Failure) -> Data {
        var png = FolioPNG()
        var message = [CChar](repeating: 0, count: 512)
        var bytes = Array(svg.utf8)
        let status = bytes.withUnsafeMutableBufferPointer { svgBytes in
            message.withUnsafeMutableBufferPointer { text in
                folio_rasterise_svg(svgBytes.baseAddress, svgBytes.count, Int32(width), Int32(height), opaque ? 1 : 0, &png,
                                    text.baseAddress, text.count)
            }
        }
        guard status == 0, let start = png.bytes else {
            let detail = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw Failure(description: detail.isEmpty ? "librsvg could not render the SVG" : detail)
        }
        defer { free(start) }
        return Data(bytes: start, count: png.count)
    }

    /// The SVG rendered to `width` x `height` ARGB pixels (row by row): for tests that check where ink falls.
    static func pixels(_ svg: String, width: Int, height: Int) throws(Failure) -> [UInt32] {
        var pixels = [UInt32](repeating: 0, count: width * height)
        var bytes = Array(svg.utf8)
        let status = bytes.withUnsafeMutableBufferPointer { svgBytes in
            pixels.withUnsafeMutableBufferPointer { out in
                folio_rasterise_svg_pixels(svgBytes.baseAddress, svgBytes.count, Int32(width), Int32(height),
                                           out.baseAddress)
            }
        }
        guard status == 0 else { throw Failure(description: "librsvg could not render the SVG") }
        return pixels
    }

    /// A PNG decoded to `width` x `height` 0xRRGGBB pixels (row by row): for tests of the PNG encoder.
    static func pixels(png: Data, width: Int, height: Int) throws(Failure) -> [UInt32] {
        var pixels = [UInt32](repeating: 0, count: width * height)
        let bytes = [UInt8](png)
        let status = bytes.withUnsafeBufferPointer { input in
            pixels.withUnsafeMutableBufferPointer { out in
                folio_decode_png_pixels(input.baseAddress, input.count, Int32(width), Int32(height), out.baseAddress)
            }
        }
        guard status == 0 else { throw Failure(description: "not a \(width)x\(height) PNG (status \(status))") }
        return pixels
    }

    /// True when fontconfig has `family` itself, not merely a fallback it would substitute.
    static func isFontInstalled(_ family: String) -> Bool {
        folio_font_family_installed(family) != 0
    }

    /// Advance width of `text` in pixels, from the font's own metrics (cairo through FreeType).
    static func width(of text: String, font: String, bold: Bool, size: Double) -> Double {
        folio_text_width(font, bold ? 1 : 0, size, text)
    }
}
