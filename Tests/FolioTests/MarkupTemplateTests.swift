// Markup owned by the theme: `templates/markup/*.mustache` decide the HTML of callouts, headings, code...;
// a theme without one inherits the default theme's, and a partial that is missing or cannot be used is an error
// at its file.
import Foundation
import Testing
@testable import Folio

@Suite struct MarkupTemplateTests {
    static let body = "## Setup\n\n> [!WARNING]\n> Mind the gap.\n"

    /// A site on theme `plain`: a copy of the default theme without its markup folder, plus `markup`.
    func plainThemeSite(markup: [String: String], keepDefaultMarkup: Bool = true) throws -> TestSite {
        let site = try TestSite(["Content/site.yml": TestSite.siteConfig + "\ntheme: plain\n",
                                 "Content/posts/a.md": post("A", body: Self.body)])
        try FileManager.default.copyItem(atPath: site.root + "/Themes/default", toPath: site.root + "/Themes/plain")
        try site.remove("Themes/plain/templates/markup")
        for (name, text) in markup { try site.write("Themes/plain/templates/markup/\(name).mustache", text) }
        if !keepDefaultMarkup { try site.remove("Themes/default/templates/markup") }
        return site
    }

    @Test func aThemeThatOverridesTheCalloutChangesItsHTMLAndInheritsTheRest() throws {
        let site = try plainThemeSite(markup: [
            "callout": "<aside class=\"box box-{{kind}}\"><b>{{title}}!</b>\n{{{content}}}\n</aside>\n",
        ])
        defer { site.destroy() }
        #expect(site.build().diagnostics.filter { $0.severity == .error }.isEmpty)
        let page = try site.read("public/posts/a/index.html")
        #expect(page.contains("<aside class=\"box box-warning\"><b>Warning!</b>\n<p>Mind the gap.</p>\n\n</aside>"),
                "cmark ends a block with a line break, the partial adds its own")
        #expect(!page.contains("class=\"callout"))
        #expect(page.contains(
            "<h2 id=\"setup\">Setup<a class=\"heading-anchor\" href=\"#setup\" aria-label=\"Link to this section\">#</a></h2>"),
            "the heading partial is the default theme's")
    }

    @Test func aMissingPartialWithNothingToInheritIsAnErrorNamingIt() throws {
        let site = try plainThemeSite(markup: ["callout": "<div>{{{content}}}</div>\n"], keepDefaultMarkup: false)
        defer { site.destroy() }
        let errors = site.build().diagnostics.filter { $0.severity == .error }.map(\.description)
        #expect(errors.count == MarkupTemplates.shapes.count - 1, "\(errors)")
        #expect(errors.contains(
            "Themes/plain/templates/markup/heading.mustache:1:1: error: the theme has no markup partial 'heading' "
                + "and there is none to inherit (looked for Themes/plain/templates/markup/heading.mustache and "
                + "Themes/default/templates/markup/heading.mustache)"))
        #expect(!site.exists("public/posts/a/index.html"))
    }

    @Test func theDefaultThemeWithoutAPartialIsAnErrorAtItsPath() throws {
        let site = try TestSite(["Content/posts/a.md": post("A", body: Self.body)], theme: .default)
        defer { site.destroy() }
        try site.remove("Themes/default/templates/markup/footnotes.mustache")
        #expect(site.build().diagnostics.filter { $0.severity == .error }.map(\.description) == [
            "Themes/default/templates/markup/footnotes.mustache:1:1: error: the theme has no markup partial "
                + "'footnotes' and there is none to inherit (looked for Themes/default/templates/markup/"
                + "footnotes.mustache and Themes/default/templates/markup/footnotes.mustache)",
        ])
    }

    @Test(arguments: [
        ("<div>{{title}}</div>\n", "1:1", "must show {{{content}}} exactly once (it wraps the callout's text), not never"),
        ("<div>\n  {{{content}}}{{{content}}}</div>\n", "2:3",
         "must show {{{content}}} exactly once (it wraps the callout's text), not 2 times"),
        ("<div>\n<p>{{content}}</p></div>\n", "2:4", "shows content with {{content}}; it is HTML: write {{{content}}}"),
        ("<div>{{uppercased(title)}}{{{content}}}</div>\n", "1:1",
         "changes a field's value (a transform such as {{uppercased(title)}}?); markup partials show fields as they are"),
    ])
    func aCalloutPartialThatCannotBeUsedIsALocatedError(text: String, place: String, message: String) throws {
        let site = try plainThemeSite(markup: ["callout": text])
        defer { site.destroy() }
        #expect(site.build().diagnostics.filter { $0.severity == .error }.map(\.description) == [
            "Themes/plain/templates/markup/callout.mustache:\(place): error: markup partial 'callout' \(message)",
        ])
    }

    @Test func editingAPartialRendersTheDocumentsAgain() throws {
        let site = try TestSite(["Content/posts/a.md": post("A", body: Self.body)])
        defer { site.destroy() }
        let options = BuildOptions(root: site.root)
        let first = Pipeline.buildInMemory(options)
        let unchanged = Pipeline.buildInMemory(options, cache: first.renderCache)
        #expect(unchanged.renderCache.misses == 0)

        try site.write("Themes/default/templates/markup/heading.mustache",
                       "<h{{level}} id=\"{{id}}\" class=\"edited\">{{{content}}}</h{{level}}>\n")
        let edited = Pipeline.buildInMemory(options, cache: unchanged.renderCache)
        #expect(edited.renderCache.hits == 0)
        let page = try #require(edited.pages.first { $0.path == "posts/a/index.html" })
        #expect(String(decoding: page.contents, as: UTF8.self).contains("<h2 id=\"setup\" class=\"edited\">Setup</h2>"))
    }

    @Test func theFilesLastLineBreakIsNotPartOfAnInlineFragment() {
        let html = Folio.renderFragment("Text[^1].\n\n[^1]: Note.\n").html
        #expect(html.contains("<p>Text<sup class=\"footnote-ref\"><a href=\"#fn:1\" id=\"fnref:1\" role=\"doc-noteref\" "
                              + "aria-label=\"Footnote 1\">1</a></sup>.</p>"))
    }
}
