// Image sizes read from file headers, and the `<img width height>` they become, so pages do not shift.
import Foundation
import Testing
@testable import Folio

@Suite struct ImageSizeTests {
    static func png(width: UInt32, height: UInt32) -> Data {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
        bytes += bigEndian(width) + bigEndian(height) + [8, 6, 0, 0, 0] + [0, 0, 0, 0]  // depth, colour…, CRC
        return Data(bytes)
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] { (0..<4).reversed().map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) } }

    @Test func readsPNG() {
        #expect(ImageSize.read(Self.png(width: 1200, height: 630)) == ImageSize(width: 1200, height: 630))
    }

    @Test func readsGIF() {
        let gif = Data(Array("GIF89a".utf8) + [0x40, 0x01, 0xF0, 0x00] + [0, 0, 0])  // 320 × 240, little-endian
        #expect(ImageSize.read(gif) == ImageSize(width: 320, height: 240))
    }

    @Test func readsJPEGPastOtherSegments() {
        var jpeg: [UInt8] = [0xFF, 0xD8]
        jpeg += [0xFF, 0xE0, 0x00, 0x10] + Array("JFIF\0".utf8) + [1, 1, 0, 0, 1, 0, 1, 0, 0]  // APP0, 16 bytes
        jpeg += [0xFF, 0xDB, 0x00, 0x04, 0, 0]  // a (truncated) quantisation table segment
        jpeg += [0xFF, 0xC2, 0x00, 0x11, 8, 0x02, 0x58, 0x03, 0x20, 3]  // progressive SOF: 600 high, 800 wide
        jpeg += [UInt8](repeating: 0, count: 9)
        #expect(ImageSize.read(Data(jpeg)) == ImageSize(width: 800, height: 600))
    }

    @Test func readsTheThreeKindsOfWebP() {
        func riff(_ chunk: String, _ payload: [UInt8]) -> Data {
            Data(Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBP".utf8) + Array(chunk.utf8) + [0, 0, 0, 0] + payload
                 + [UInt8](repeating: 0, count: 16))
        }
        // Lossy: frame tag (3 bytes), start code 9D 01 2A, then 14-bit width and height.
        let lossy = riff("VP8 ", [0, 0, 0, 0x9D, 0x01, 0x2A, 0x80, 0x02, 0xE0, 0x01])
        #expect(ImageSize.read(lossy) == ImageSize(width: 640, height: 480))
        // Lossless: signature 2F, then width-1 and height-1 in 14 bits each: 99 | 49 << 14.
        let bits = UInt32(99) | UInt32(49) << 14
        let lossless = riff("VP8L", [0x2F] + (0..<4).map { UInt8(truncatingIfNeeded: bits >> ($0 * 8)) })
        #expect(ImageSize.read(lossless) == ImageSize(width: 100, height: 50))
        // Extended: flags, then 24-bit canvas width-1 and height-1.
        let extended = riff("VP8X", [0, 0, 0, 0, 0xFF, 0x03, 0x00, 0x1F, 0x00, 0x00])
        #expect(ImageSize.read(extended) == ImageSize(width: 1024, height: 32))
    }

    @Test func readsSVGFromItsSizeOrItsViewBox() {
        #expect(ImageSize.read(Data(#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="120px" height='80'>"#.utf8))
                == ImageSize(width: 120, height: 80))
        #expect(ImageSize.read(Data(#"<svg width="100%" viewBox="0 0 640.4 360">"#.utf8)) == ImageSize(width: 640, height: 360))
        #expect(ImageSize.read(Data(#"<svg width="10em" height="5em">"#.utf8)) == nil)
    }

    @Test func rejectsWhatIsNotAnImage() {
        #expect(ImageSize.read(Data("hello".utf8)) == nil)
        #expect(ImageSize.read(Self.png(width: 0, height: 10)) == nil)
        #expect(ImageSize.read(Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01, 0, 0, 0, 0, 0, 0])) == nil)
    }

    @Test func imagesOnTheSiteGetTheirSizeAndUnreadableOnesAWarning() throws {
        let site = try TestSite([
            "Content/posts/a.md": post("A", body: "![Relay](../../images/relay.png)\n\n![Again](/images/relay.png)\n\n"
                                         + "![Remote](https://example.org/x.png)\n\n![Broken](/images/broken.png)"),
        ])
        defer { site.destroy() }
        try FileManager.default.createDirectory(atPath: site.root + "/Content/static/images", withIntermediateDirectories: true)
        try Self.png(width: 1200, height: 630).write(to: URL(fileURLWithPath: site.root + "/Content/static/images/relay.png"))
        try site.write("Content/static/images/broken.png", "not a png")
        let report = site.build()
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics)")
        #expect(report.diagnostics.map(\.description) == [
            "Content/static/images/broken.png:1:1: warning: could not read this image's width and height; pages showing it "
                + "will shift as it loads (is it a valid PNG, GIF, JPEG, WebP, or an SVG with width/height or a viewBox?)",
        ])
        let page = try site.read("public/posts/a/index.html")
        #expect(page.contains(#"<img src="../../images/relay.png" alt="Relay" width="1200" height="630" loading="lazy" />"#))
        #expect(page.contains(#"<img src="/images/relay.png" alt="Again" width="1200" height="630" loading="lazy" />"#))
        #expect(page.contains(#"<img src="https://example.org/x.png" alt="Remote" loading="lazy" />"#))
        #expect(page.contains(#"<img src="/images/broken.png" alt="Broken" loading="lazy" />"#))
    }
}
