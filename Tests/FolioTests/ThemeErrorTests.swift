// A theme's mistakes are located diagnostics, at load time where they can be found then, and never an empty page:
// templates that do not parse, partials named by data, a template the engine asks for that is not there, and a
// theme.yml that is not YAML.
import Foundation
import Testing
@testable import Folio

struct ThemeErrorTests {
    /// The errors a build of a site with `files` reports, as text.
    func errors(_ files: [String: String]) throws -> [String] {
        let site = try TestSite(files)
        defer { site.destroy() }
        return site.build(write: false).diagnostics.filter { $0.severity == .error }.map(\.description)
    }

    @Test func renderingATemplateTheThemeLacksIsAnErrorNotAnEmptyPage() throws {
        let site = try TestSite()
        defer { site.destroy() }
        var diagnostics: [Diagnostic] = []
        let loader = ThemeLoader(files: ProjectFiles(root: site.root))
        let theme = try #require(loader.load(named: "minimal", into: &diagnostics))
        #expect(diagnostics == [])
        var failure: Diagnostic?
        do {
            let output = try theme.render(LinkItem(label: "x", url: "/"), template: "gallery")
            Issue.record("rendered \(output.utf8.count) bytes from a template that does not exist")
        } catch {
            failure = error
        }
        #expect(failure?.description
            == "Themes/minimal/templates/gallery.mustache:1:1: error: theme 'minimal' has no template 'gallery' to render")
    }

    @Test func aPartialNamedByDataIsRefusedWhereItIsWritten() throws {
        let page = "{{<layout}}{{$main}}\n<h1>{{page.title}}</h1> {{>*page.kind}}\n{{/main}}{{/layout}}\n"
        #expect(try errors(["Themes/minimal/templates/page.mustache": page]) == [
            "Themes/minimal/templates/page.mustache:2:25: error: template 'page' includes a partial named by its data "
                + "({{>*page.kind}}); Folio checks every partial before rendering and a name it cannot check would "
                + "render nothing, so name the partial ({{>name}})",
        ])
    }

    @Test func aTransformSwiftMustacheDoesNotHaveIsAnError() throws {
        let tag = "<h1>{{post.title}}</h1>\n{{^isEmpty(post.tags)}}<ul></ul>{{/isEmpty(post.tags)}} {{uppercased(post.title)}}\n"
        #expect(try errors(["Themes/minimal/templates/post.mustache": tag]) == [
            "Themes/minimal/templates/post.mustache:2:1: error: template 'post' applies 'isEmpty', which is not a "
                + "Mustache transform: {{^isEmpty(post.tags)}} renders as if its value were missing (transforms: capitalized, "
                + "count, empty, enumerated, equalzero, even, first, last, lowercased, minusone, odd, plusone, "
                + "reversed, sorted, uppercased)",
        ])
    }

    @Test func anUnclosedSectionIsReportedWhereItOpens() throws {
        #expect(try errors(["Themes/minimal/templates/404.mustache": "<h1>Gone</h1>\n  {{#posts}}<li>{{title}}</li>\n"])
            == ["Themes/minimal/templates/404.mustache:2:3: error: template '404' does not parse: "
                + "section 'posts' is never closed"])
    }

    @Test func aSectionClosedInsideAnotherIsReportedWhereTheInnerOneOpens() throws {
        let post = "{{<layout}}{{$main}}\n<h1>{{post.title}}</h1>\n{{#post.series}}<p>{{title}}</p>\n{{/main}}{{/layout}}\n"
        #expect(try errors(["Themes/minimal/templates/post.mustache": post]) == [
            "Themes/minimal/templates/post.mustache:3:1: error: template 'post' does not parse: section 'post.series' "
                + "is never closed ({{/main}} at line 4, column 1 closes the section around it first)",
        ])
    }

    @Test func aMisspeltCloseIsReportedAtTheCloseTag() throws {
        #expect(try errors(["Themes/minimal/templates/tags.mustache": "<ul>\n{{#tags}}<li>{{name}}</li>{{/tag}}\n</ul>\n"])
            == ["Themes/minimal/templates/tags.mustache:2:27: error: template 'tags' does not parse: {{/tag}} closes "
                + "no open section (the innermost open one is 'tags', at line 2, column 1)"])
    }

    @Test func anUnfinishedTagIsReportedAtTheColumnTheParserStopped() throws {
        #expect(try errors(["Themes/minimal/templates/page.mustache": "<p>{{title</p>\n"])
            == ["Themes/minimal/templates/page.mustache:1:11: error: template 'page' does not parse: a tag is not closed"])
    }

    @Test func aMalformedThemeYmlIsALocatedError() throws {
        #expect(try errors(["Themes/minimal/theme.yml": "name: minimal\ncard: [font: Inter\n"]) == [
            "Themes/minimal/theme.yml:3:1: error: malformed YAML in theme.yml: did not find expected ',' or ']' "
                + "(while parsing a flow sequence)",
        ])
    }

    @Test func anUnknownThemeYmlKeyIsAWarningWithASuggestion() throws {
        let site = try TestSite(["Themes/minimal/theme.yml": "name: minimal\ncrad:\n  font: Inter\n"])
        defer { site.destroy() }
        #expect(site.build(write: false).diagnostics.map(\.description) == [
            "Themes/minimal/theme.yml:2:1: warning: unknown key 'crad' in theme.yml; did you mean 'card'?",
        ])
    }
}
