// Bad input: each problem a user can cause is reported as `path:line:col: severity: message`, and a failed build
// leaves the previous site exactly as it was.
import Foundation
import Testing
@testable import Folio

@Suite struct DiagnosticsTests {
    static let goodPost = post("Good post", date: "2024-01-01", body: "## Section\n\nText.")

    /// Builds a good site, breaks it with `files`, rebuilds; checks the diagnostic and that public/ is unchanged.
    func expectBuildFails(
        adding files: [String: String], reports expected: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let site = try TestSite(["Content/posts/good.md": Self.goodPost,
                                 "Content/series/outbox/series.yml": "title: Outbox\n"])
        defer { site.destroy() }
        let first = site.build()
        #expect(!first.diagnostics.hasErrors, "\(first.diagnostics)", sourceLocation: sourceLocation)
        let before = site.snapshot()
        #expect(!before.isEmpty, sourceLocation: sourceLocation)
        for (path, text) in files { try site.write(path, text) }
        let report = site.build()
        let printed = report.diagnostics.map(\.description)
        #expect(printed == expected, sourceLocation: sourceLocation)
        #expect(report.diagnostics.hasErrors, sourceLocation: sourceLocation)
        #expect(report.filesWritten == 0, sourceLocation: sourceLocation)
        #expect(site.snapshot() == before, "public/ changed after a failed build", sourceLocation: sourceLocation)
        // Posts are composed while they render, before links are checked: what they wrote is gone too.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root)
            .filter { $0.contains("staging") || $0.contains(".old-") }
        #expect(leftovers.isEmpty, "a failed build leaves no staging folder: \(leftovers)", sourceLocation: sourceLocation)
    }

    @Test func imagesWithoutAltTextAreWarnings() {
        let rendered = Folio.renderFragment("Text.\n\n![](/img/relay.png)\n\n![The relay](/img/ok.png) and ![ ](x.png)\n",
                                            displayPath: "Content/posts/p.md")
        #expect(rendered.diagnostics.sortedForDisplay().map(\.description) == [
            "Content/posts/p.md:3:1: warning: image '/img/relay.png' has no alt text; describe it in the brackets: "
                + "![what it shows](/img/relay.png) (for a purely decorative image, leave it out of the Markdown "
                + "and put it in the theme)",
            "Content/posts/p.md:5:31: warning: image 'x.png' has no alt text; describe it in the brackets: "
                + "![what it shows](x.png) (for a purely decorative image, leave it out of the Markdown and put it "
                + "in the theme)",
        ])
    }

    @Test func malformedYAML() throws {
        try expectBuildFails(
            adding: ["Content/posts/bad.md": "---\ntitle: A\ndate: 2024-01-01\ntags: [a\n---\nBody\n"],
            reports: ["Content/posts/bad.md:5:1: error: malformed YAML in front matter: "
                + "did not find expected ',' or ']' (while parsing a flow sequence)"])
    }

    @Test func missingTitle() throws {
        try expectBuildFails(
            adding: ["Content/posts/bad.md": "---\ndate: 2024-01-01\n---\nBody\n"],
            reports: ["Content/posts/bad.md:2:1: error: missing required key 'title' in front matter"])
    }

    @Test func badDate() throws {
        try expectBuildFails(
            adding: ["Content/posts/bad.md": "---\ntitle: Bad date\ndate: 2024-02-30\n---\nBody\n"],
            reports: ["Content/posts/bad.md:3:7: error: invalid value for key 'date' in front matter: "
                + "'2024-02-30' is not a date; write YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ"])
    }

    @Test func postWithoutDate() throws {
        try expectBuildFails(
            adding: ["Content/posts/bad.md": "---\ntitle: Undated\n---\nBody\n"],
            reports: ["Content/posts/bad.md:1:1: error: missing required key 'date' in front matter of a post "
                + "(write date: YYYY-MM-DD)"])
    }

    @Test func wrongType() throws {
        try expectBuildFails(
            adding: ["Content/posts/bad.md": "---\ntitle: T\ndate: 2024-01-01\ndraft: maybe\n---\nBody\n"],
            reports: ["Content/posts/bad.md:4:8: error: key 'draft' in front matter must be true or false, found 'maybe'"])
    }

    @Test func wrongTypeInsideAList() throws {
        try expectBuildFails(
            adding: ["Content/posts/bad.md": "---\ntitle: T\ndate: 2024-01-01\ntags:\n  - go\n  - [nested]\n---\nBody\n"],
            reports: ["Content/posts/bad.md:6:5: error: key 'tags[1]' in front matter must be text, found a list"])
    }

    @Test func everyBadKeyOfOneFileIsReported() throws {
        try expectBuildFails(
            adding: ["Content/posts/bad.md": "---\ntitle: T\ndate: 2024-13-01\ndraft: maybe\npart: two\ntags: go\n---\nBody\n"],
            reports: [
                "Content/posts/bad.md:3:7: error: invalid value for key 'date' in front matter: '2024-13-01' is not a date; write YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ",
                "Content/posts/bad.md:4:8: error: key 'draft' in front matter must be true or false, found 'maybe'",
                "Content/posts/bad.md:5:7: error: key 'part' in front matter must be a whole number, found 'two'",
                "Content/posts/bad.md:6:7: error: key 'tags' in front matter must be a list, found 'go'",
            ])
    }

    @Test func unclosedFrontMatter() throws {
        try expectBuildFails(
            adding: ["Content/posts/bad.md": "---\ntitle: T\n\nBody\n"],
            reports: ["Content/posts/bad.md:1:1: error: front matter is not closed: add a line '---' after it"])
    }

    @Test func unknownSeries() throws {
        try expectBuildFails(
            adding: ["Content/posts/bad.md": post("T", extra: "series: outbx")],
            reports: ["Content/posts/bad.md:4:1: error: unknown series 'outbx'; did you mean 'outbox'?"])
    }

    @Test func duplicateSlugs() throws {
        try expectBuildFails(
            adding: ["Content/posts/other.md": post("Other", date: "2023-06-01", extra: "slug: good")],
            reports: ["Content/posts/other.md:4:1: error: duplicate slug 'good': Content/posts/good.md already has the URL /posts/good/"])
    }

    @Test func duplicatePartNumbers() throws {
        try expectBuildFails(
            adding: ["Content/series/outbox/01-a.md": post("A"), "Content/series/outbox/02-b.md": post("B", extra: "part: 1")],
            reports: ["Content/series/outbox/02-b.md:4:1: error: part 1 of series 'outbox' is also "
                + "Content/series/outbox/01-a.md; give each part its own number"])
    }

    @Test func brokenLinkToMarkdownFile() throws {
        try expectBuildFails(
            adding: ["Content/posts/bad.md": post("T", body: "Intro.\n\nSee [the other post](missing.md) here.")],
            reports: ["Content/posts/bad.md:8:5: error: link to 'missing.md' does not match any Markdown file "
                + "(looked for Content/posts/missing.md)"])
    }

    @Test func brokenAnchor() throws {
        try expectBuildFails(
            adding: ["Content/posts/bad.md": post("T", body: "See [it](good.md#secton).")],
            reports: ["Content/posts/bad.md:6:5: error: link 'good.md#secton': Content/posts/good.md has no heading "
                + "'#secton'; did you mean '#section'?"])
    }

    @Test func brokenSitePath() throws {
        try expectBuildFails(
            adding: ["Content/posts/bad.md": post("T", body: "| a |\n|---|\n| [x](/nowhere/) |")],
            reports: ["Content/posts/bad.md:8:3: error: broken link '/nowhere/': nothing on the site at /nowhere/"])
    }

    @Test func linkToDraftLeftOut() throws {
        try expectBuildFails(
            adding: ["Content/posts/wip.md": post("WIP", extra: "draft: true"),
                     "Content/posts/bad.md": post("T", body: "[wip](wip.md)")],
            reports: ["Content/posts/bad.md:6:1: error: link 'wip.md': Content/posts/wip.md is a draft, which this "
                + "build leaves out (build with --drafts, or publish it)"])
    }

    @Test func missingTemplate() throws {
        let site = try TestSite(["Content/posts/good.md": Self.goodPost])
        defer { site.destroy() }
        site.build()
        let before = site.snapshot()
        try site.remove("Themes/minimal/templates/archive.mustache")
        let report = site.build()
        #expect(report.diagnostics.map(\.description) == [
            "Themes/minimal/templates/archive.mustache:1:1: error: theme 'minimal' has no template 'archive'; "
                + "every theme needs one for its archive pages",
        ])
        #expect(site.snapshot() == before)
    }

    @Test func missingPartial() throws {
        let site = try TestSite(["Content/posts/good.md": Self.goodPost])
        defer { site.destroy() }
        let home = try site.read("Themes/minimal/templates/home.mustache")
        let line = try #require(home.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("{{>post-list}}") }) + 1
        try site.write("Themes/minimal/templates/home.mustache",
                       home.replacingOccurrences(of: "{{>post-list}}", with: "{{>post-lst}}"))
        let report = site.build()
        #expect(report.diagnostics.map(\.description) == [
            "Themes/minimal/templates/home.mustache:\(line):1: error: template 'home' uses partial 'post-lst', "
                + "which does not exist (expected Themes/minimal/templates/post-lst.mustache)",
        ])
        #expect(!site.exists("public"))
    }

    @Test func unknownKeyIsAWarningWithASuggestion() throws {
        let site = try TestSite(["Content/posts/typo.md": post("T", extra: "tagz: [go]")])
        defer { site.destroy() }
        let report = site.build()
        #expect(report.diagnostics.map(\.description) == [
            "Content/posts/typo.md:4:1: warning: unknown key 'tagz' in front matter; did you mean 'tags'?",
        ])
        #expect(site.exists("public/posts/typo/index.html"), "warnings do not stop the build")
    }

    @Test func everyProblemIsReportedInOneRun() throws {
        let site = try TestSite([
            "Content/posts/a.md": "---\ndate: 2024-01-01\n---\nx\n",
            "Content/posts/b.md": post("B", date: "2024-99-01"),
            "Content/posts/c.md": post("C", body: "[x](nope.md)"),
            "Content/posts/d.md": post("D", extra: "series: none"),
        ])
        defer { site.destroy() }
        let report = site.build()
        let paths = Set(report.diagnostics.compactMap { $0.location?.path })
        #expect(paths == ["Content/posts/a.md", "Content/posts/b.md", "Content/posts/c.md", "Content/posts/d.md"])
        #expect(report.diagnostics.errorCount == 4)
    }

    @Test func siteConfigProblems() throws {
        let site = try TestSite(["Content/site.yml": "title: T\nbase_url: https://e.org/\nauthor:\n  nme: X\n",
                                 "Content/posts/good.md": Self.goodPost], withDefaultSiteConfig: false)
        defer { site.destroy() }
        let printed = site.build().diagnostics.map(\.description)
        #expect(printed == [
            "Content/site.yml:4:3: warning: unknown key 'nme' in site.yml (under 'author'); did you mean 'name'?",
            "Content/site.yml:4:3: error: missing required key 'author.name' in site.yml",
        ])
    }

    @Test func refusesToReplaceAFolderFolioDidNotWrite() throws {
        let site = try TestSite(["Content/posts/good.md": Self.goodPost, "public/notes.txt": "mine"])
        defer { site.destroy() }
        let report = site.build()
        #expect(report.diagnostics.map(\.description) == [
            "public:1:1: error: refusing to replace public/: it was not written by Folio (it has no .folio-output "
                + "marker). Move it away or build elsewhere with --output",
        ])
        #expect(try site.read("public/notes.txt") == "mine")
    }

    @Test func everyFileAddedToTheSiteIsNamedAndLinksAreNotFollowed() throws {
        // Files at any depth, hidden ones, and a link to a folder elsewhere (listed as itself: what it leads to is
        // not the site's), in sorted order; the folders that hold them are not files.
        let site = try TestSite(["Content/posts/good.md": Self.goodPost])
        defer { site.destroy() }
        site.build()
        try site.write("public/z/deep/er/notes.txt", "mine")
        try site.write("public/.hidden", "mine")
        try site.write("public/posts/good/a.txt", "mine")
        let elsewhere = site.root + "/Content"
        #expect(symlink(elsewhere, site.root + "/public/linked") == 0)
        let report = site.build()
        #expect(report.diagnostics.map(\.description) == [
            "public:1:1: error: refusing to replace public/: it holds files Folio did not write (public/.hidden, "
                + "public/linked, public/posts/good/a.txt, public/z/deep/er/notes.txt). Move them out; static files "
                + "belong in Content/static/",
        ])
        #expect(try site.read("public/z/deep/er/notes.txt") == "mine")
    }

    @Test func neverDeletesFilesItDidNotWrite() throws {
        let site = try TestSite(["Content/posts/good.md": Self.goodPost])
        defer { site.destroy() }
        site.build()
        try site.write("public/posts/good/notes.txt", "mine")
        let report = site.build()
        #expect(report.diagnostics.map(\.description) == [
            "public:1:1: error: refusing to replace public/: it holds files Folio did not write "
                + "(public/posts/good/notes.txt). Move them out; static files belong in Content/static/",
        ])
        #expect(try site.read("public/posts/good/notes.txt") == "mine")
    }
}
