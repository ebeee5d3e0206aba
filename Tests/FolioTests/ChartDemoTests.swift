// Charts fed by demos: ```` ```mermaid demo="name" ```` is filled by `folio snippets sync`, drawn by the build,
// and re-checked by `folio check`, which fails on a stale chart or a failing demo, with the fence's position.
import Foundation
import Testing
@testable import Folio

@Suite struct ChartDemoTests {
    static let chart = """
        xychart-beta
            x-axis [a, b]
            bar "calls" [3, 4]
        """

    static let demos = [
        "demos/chart.sh": "cat <<'EOF'\n\(chart)\nEOF\n",
        "demos/broken.sh": "echo 'oops' >&2\nexit 3\n",
        // The demos folder names the demos a chart fence may use.
        "pins/chart.sh": "", "pins/broken.sh": "",
    ]

    func site(_ body: String) throws -> TestSite {
        var files = ["Content/site.yml": SnippetIncludeTests.siteConfig,
                     "Companion/Outbox/Relay.swift": SnippetIncludeTests.source,
                     "Content/posts/p.md": post("P", body: "Intro.\n\n" + body)]
        for (path, text) in Self.demos { files[path] = text }
        return try TestSite(files)
    }

    @Test func syncFillsTheFenceAndTheBuildDrawsIt() throws {
        let site = try site("```mermaid demo=\"chart\"\n```\n")
        defer { site.destroy() }
        #expect(site.build().diagnostics.map(\.description) == [
            "Content/posts/p.md:8:12: error: no chart from demo 'chart' in this fence yet; run 'folio snippets sync' "
                + "to capture it",
        ])
        let report = SnippetSync(root: site.root).run()
        #expect(report.outputsCaptured == 1 && report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(try site.read("Content/posts/p.md").contains("```mermaid demo=\"chart\"\n\(Self.chart)\n```\n"))
        #expect(SnippetSync(root: site.root).run().outputsCaptured == 0, "a second sync changes nothing")
        #expect(site.build().diagnostics.isEmpty)
        let page = try site.read("public/posts/p/index.html")
        #expect(page.contains("diagram-xychart"))
        #expect(page.contains(#"<tr><th scope="row">b</th><td>4</td></tr>"#))
        #expect(site.build(write: false, policy: true).diagnostics.isEmpty, "check re-runs the demo and it matches")
    }

    @Test func checkFailsOnAStaleChart() throws {
        let site = try site("```mermaid demo=\"chart\"\n\(Self.chart)\n```\n")
        defer { site.destroy() }
        #expect(site.build(write: false, policy: true).diagnostics.isEmpty)
        try site.write("demos/chart.sh", "cat <<'EOF'\n\(Self.chart.replacingOccurrences(of: "[3, 4]", with: "[3, 5]"))\nEOF\n")
        #expect(site.build().diagnostics.isEmpty, "the build draws what the post holds")
        #expect(site.build(write: false, policy: true).diagnostics.map(\.description) == [
            """
            Content/posts/p.md:8:12: error: the output of demo 'chart' shown here is stale; run 'folio snippets sync'
                (- printed now, + shown in the post)
                line 3 -     bar "calls" [3, 5]
                line 3 +     bar "calls" [3, 4]
            """,
        ])
    }

    @Test func aFailingDemoIsADiagnosticInCheckAndSync() throws {
        let site = try site("```mermaid demo=\"broken\"\n\(Self.chart)\n```\n")
        defer { site.destroy() }
        #expect(site.build(write: false, policy: true).diagnostics.map(\.description) == [
            "Content/posts/p.md:8:12: error: demo 'broken' failed with exit status 3\n    oops",
        ])
        let report = SnippetSync(root: site.root).run()
        #expect(report.diagnostics.map(\.description) == [
            "Content/posts/p.md:8:1: error: demo 'broken' failed with exit status 3: oops\n",
        ])
        #expect(try site.read("Content/posts/p.md").contains(Self.chart), "a failed run leaves the chart alone")
    }

    @Test func aChartInABlockQuoteIsLeftAloneBySync() throws {
        let site = try site("> ```mermaid demo=\"chart\"\n> ```\n")
        defer { site.destroy() }
        let report = SnippetSync(root: site.root).run()
        #expect(report.diagnostics.map(\.description) == [
            "Content/posts/p.md:8:3: warning: charts inside block quotes are not synced",
        ])
        #expect(report.filesChanged.isEmpty)
    }

    @Test func anUnknownDemoOrCompanionIsAnErrorAtItsAttribute() throws {
        let site = try site("""
            ```mermaid demo="chrat"
            \(Self.chart)
            ```

            ```mermaid demo="chart" companion="rust"
            \(Self.chart)
            ```
            """)
        defer { site.destroy() }
        #expect(site.build().diagnostics.map(\.description) == [
            "Content/posts/p.md:8:12: error: no companion has a demo 'chrat' (demos live in pins); did you mean 'chart'?",
            "Content/posts/p.md:14:25: error: unknown companion 'rust' (site.yml declares: swift)",
        ])
    }
}
