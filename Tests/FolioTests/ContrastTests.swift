// WCAG 2.2 AA contrast (4.5:1 for text) of the default theme's colour pairs, in the light and the dark palette,
// read from site.css itself: a palette change that makes text hard to read fails here.
import Foundation
import Testing
@testable import Folio

@Suite struct ContrastTests {
    /// Text colour, background, as custom property names.
    static let pairs: [(String, String)] = [
        ("--text", "--bg"), ("--text", "--surface"), ("--muted", "--bg"), ("--muted", "--surface"),
        ("--accent", "--bg"), ("--accent", "--surface"), ("--accent", "--accent-soft"), ("--text", "--code-bg"),
        ("--note", "--bg"), ("--tip", "--bg"), ("--important", "--bg"), ("--warning", "--bg"), ("--caution", "--bg"),
        ("--line-number", "--code-bg"), ("--dg-ink", "--dg-node"), ("--dg-ink", "--dg-cluster"),
        ("--dg-ink", "--dg-note"), ("--dg-ink", "--dg-label-bg"), ("--dg-ink", "--dg-frame-label"),
        ("--dg-ink", "--bg"), ("--dg-ink", "--dg-group"), ("--dg-chart-text", "--bg"),
    ] + ["keyword", "type", "function", "string", "number", "comment", "operator", "punctuation", "attribute",
         "variable", "constant", "builtin", "property", "tag", "prompt", "output"].map { ("--tok-\($0)", "--code-bg") }
        + [("--tok-inserted", "--tok-inserted-bg"), ("--tok-deleted", "--tok-deleted-bg")]

    static func palette(_ css: String, blocksAfter opening: String) -> [String: String] {
        var values: [String: String] = [:]
        for block in css.components(separatedBy: opening).dropFirst() {
            for declaration in block.prefix(while: { $0 != "}" }).split(separator: ";") {
                let parts = declaration.split(separator: ":", maxSplits: 1)
                guard parts.count == 2 else { continue }
                let name = parts[0].trimmingCharacters(in: .whitespacesAndNewlines)
                if name.hasPrefix("--") { values[name] = parts[1].trimmingCharacters(in: .whitespacesAndNewlines) }
            }
        }
        return values
    }

    static func ratio(_ a: String, _ b: String) -> Double? {
        guard let x = CSSColour.luminance(a), let y = CSSColour.luminance(b) else { return nil }
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    @Test(arguments: ["light", "dark"])
    func textPairsMeetAA(_ theme: String) throws {
        let css = try String(contentsOfFile: TestSite.repositoryRoot + "/Themes/default/assets/site.css", encoding: .utf8)
        let light = Self.palette(css, blocksAfter: ":root {")
        var colours = light
        if theme == "dark" {
            colours.merge(Self.palette(css, blocksAfter: ":root[data-theme=\"dark\"] {")) { $1 }
        }
        for (foreground, background) in Self.pairs {
            let fg = try #require(colours[foreground], "\(foreground) is not defined")
            let bg = try #require(colours[background], "\(background) is not defined")
            let contrast = try #require(Self.ratio(fg, bg), "cannot read \(fg) or \(bg)")
            #expect(contrast >= 4.5, "\(theme): \(foreground) \(fg) on \(background) \(bg) is \(String(format: "%.2f", contrast)):1")
        }
    }

    @Test func theRatioIsWCAGs() throws {
        #expect(try #require(Self.ratio("#000000", "#ffffff")) == 21)
        #expect(try #require(Self.ratio("#777777", "#888888")) < 1.5)
        #expect(abs(try #require(Self.ratio("#767676", "#ffffff")) - 4.54) < 0.01)
    }
}
