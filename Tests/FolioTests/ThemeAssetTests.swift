// Themes as a user customises them: chosen in site.yml, their stylesheets minified as published without
// changing what a browser parses, and the default theme inside its budget (20 KB of CSS; 2.5 KB of
// JavaScript on every page, 6 KB on the one that loads the most, the search page).
import Foundation
import Testing
@testable import Folio

@Suite struct ThemeAssetTests {
    @Test(arguments: [
        ("a  {\n  color: red;\n  margin: 0 auto;\n}\n", "a{color:red;margin:0 auto}"),
        ("/* header */\nbody { }", "body{}"),
        ("h1, h2 > p { x: 1 }", "h1,h2>p{x:1}"),
        // A space before `:` or `(` is meaningful: a descendant pseudo-class, a media feature after `and`.
        ("nav :focus-visible { a: b }", "nav :focus-visible{a:b}"),
        ("@media screen and (min-width: 40rem) { a { b: c } }", "@media screen and (min-width:40rem){a{b:c}}"),
        ("a { width: calc(100% - 2 * var(--gap)); }", "a{width:calc(100% - 2 * var(--gap))}"),
        // Strings are copied as they are, comment markers and whitespace included.
        (#"q::before { content: "/* not  a comment */"; }"#, #"q::before{content:"/* not  a comment */"}"#),
        (#"a { font-family: 'Iowan Old Style', serif; }"#, #"a{font-family:'Iowan Old Style',serif}"#),
        (#"a { content: "\"  \"" }"#, #"a{content:"\"  \""}"#),
        ("a { b: c } /* unterminated", "a{b:c}"),
    ])
    func minifiesWithoutChangingMeaning(source: String, expected: String) {
        #expect(CSSMinifier.minify(source) == expected)
    }

    @Test func publishedStylesheetsAreMinifiedAndOtherAssetsCopied() throws {
        let site = try TestSite(["Content/posts/a.md": post("A")], theme: .default)
        defer { site.destroy() }
        try site.write("Themes/default/assets/extra.css", "/* mine */\n.x {\n  color: red;\n}\n")
        try site.write("Themes/default/assets/extra.js", "// kept as written\n")
        #expect(!site.build().diagnostics.hasErrors)
        #expect(try site.read("public/assets/extra.css") == ".x{color:red}")
        #expect(try site.read("public/assets/extra.js") == "// kept as written\n")
    }

    @Test func theDefaultThemeStaysInsideItsBudget() throws {
        let assets = TestSite.repositoryRoot + "/Themes/default/assets/"
        let css = try String(contentsOfFile: assets + "site.css", encoding: .utf8)
        let published = CSSMinifier.minify(css)
        #expect(published.utf8.count < 20_000, "site.css is \(published.utf8.count) bytes as published")
        // Every script a page loads: the layout's inline script and files, plus those of the page's own template.
        let templates = TestSite.repositoryRoot + "/Themes/default/templates/"
        let layout = try String(contentsOfFile: templates + "layout.mustache", encoding: .utf8)
        let inline = layout.components(separatedBy: "<script>").dropFirst()
            .map { $0.components(separatedBy: "</script>")[0].utf8.count }.reduce(0, +)
        func scriptFiles(_ template: String) throws -> Int {
            try template.components(separatedBy: "<script src=\"/assets/").dropFirst()
                .map { try Data(contentsOf: URL(fileURLWithPath: assets + $0.prefix { $0 != "\"" })).count }
                .reduce(0, +)
        }
        let everyPage = try inline + scriptFiles(layout)
        #expect(inline > 0 && everyPage > inline)
        #expect(everyPage < 2_500, "\(everyPage) bytes of JavaScript on every page")
        for name in Theme.pageTemplates + ["search"] {
            let own = try scriptFiles(String(contentsOfFile: templates + name + ".mustache", encoding: .utf8))
            #expect(everyPage + own < 6_000, "the \(name) page loads \(everyPage + own) bytes of JavaScript")
        }
    }

    @Test func siteYmlChoosesTheTheme() throws {
        let site = try TestSite([
            "Content/site.yml": TestSite.siteConfig + "\ntheme: mine\n",
            "Content/posts/a.md": post("A"),
        ])
        defer { site.destroy() }
        try FileManager.default.copyItem(atPath: site.root + "/Themes/default", toPath: site.root + "/Themes/mine")
        let footer = try site.read("Themes/mine/templates/footer.mustache")
        try site.write("Themes/mine/templates/footer.mustache", footer.replacingOccurrences(
            of: "<footer class=\"site-footer\">", with: "<footer class=\"site-footer\"><p>My own footer</p>"))
        #expect(!site.build().diagnostics.hasErrors)
        #expect(try site.read("public/posts/a/index.html").contains("<p>My own footer</p>"))

        try site.write("Content/site.yml", TestSite.siteConfig + "\ntheme: minr\n")
        let report = site.build()
        #expect(report.diagnostics.map(\.description) == [
            "Themes/minr:1:1: error: theme 'minr' not found (looked for Themes/minr/; available: default, mine, minimal)",
        ])
    }
}
