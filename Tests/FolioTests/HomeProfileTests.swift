// The home page's profile comes from site.yml, not from the templates: focus areas, stack, values, roles wanted.
import Foundation
import Testing
@testable import Folio

@Suite struct HomeProfileTests {
    static let profile = """

        profile:
          focus:
            - title: Messaging <& retries>
              text: Outboxes and dead letters.
          stack:
            - group: Languages
              items: [Go, TypeScript]
          values: [Systems that fail predictably]
          open_to: Senior backend roles.
        """

    @Test func theHomePageShowsTheProfileEscaped() throws {
        let site = try TestSite(["Content/site.yml": TestSite.siteConfig + Self.profile], theme: .default)
        defer { site.destroy() }
        let report = site.build()
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let home = try site.read("public/index.html")
        #expect(home.contains("<h3>Messaging &lt;&amp; retries&gt;</h3>"))
        #expect(home.contains("<p>Outboxes and dead letters.</p>"))
        #expect(home.contains("<dt>Languages</dt><dd><ul><li>Go</li><li>TypeScript</li></ul></dd>"))
        #expect(home.contains("<li>Systems that fail predictably</li>"))
        #expect(home.contains("<p>Senior backend roles.</p>"))
        #expect(home.contains(#"<a href="/feed.xml">Feed</a>"#))
    }

    @Test func withoutAProfileTheSectionsAreLeftOut() throws {
        let site = try TestSite(theme: .default)
        defer { site.destroy() }
        #expect(!site.build().diagnostics.hasErrors)
        let home = try site.read("public/index.html")
        #expect(!home.contains("What I work on") && !home.contains("Open to") && !home.contains("class=\"stack\""))
    }

    @Test func aMisspeltProfileKeyIsAnError() throws {
        let site = try TestSite(
            ["Content/site.yml": TestSite.siteConfig + "\nprofile:\n  open_too: x\n"],
            theme: .default)
        defer { site.destroy() }
        #expect(site.build().diagnostics.map(\.description) == [
            "Content/site.yml:11:3: warning: unknown key 'open_too' in site.yml (under 'profile'); did you mean 'open_to'?",
        ])
    }
}
