// The light/dark toggle: the choice is applied before the first paint, and a forced theme sets exactly the
// colours the system's dark mode sets, so no part of a page (code, diagrams) is left in the other palette.
import Foundation
import Testing
@testable import Folio

@Suite struct ThemeToggleTests {
    @Test func theStoredChoiceIsAppliedBeforeTheStylesheetLoads() throws {
        let site = try TestSite(["Content/posts/a.md": post("A")], theme: .default)
        defer { site.destroy() }
        #expect(!site.build().diagnostics.hasErrors)
        let page = try site.read("public/posts/a/index.html")
        let script = try #require(page.range(of: #"localStorage.getItem("folio-theme")"#))
        let stylesheet = try #require(page.range(of: #"<link rel="stylesheet" href="/assets/site.css">"#))
        #expect(script.lowerBound < stylesheet.lowerBound, "the theme must be set before the CSS applies")
        // The toggle is revealed by a class the same script sets, and labelled by the stylesheet: nothing
        // moves or changes when theme.js runs later.
        let reveal = try #require(page.range(of: #"document.documentElement.classList.add("js")"#))
        #expect(reveal.lowerBound < stylesheet.lowerBound)
        #expect(page.contains(#"<button type="button" class="theme-toggle" aria-label="#))
        let css = try site.read("public/assets/site.css")
        #expect(css.contains(".js .theme-toggle{display:inline-block}"))
        #expect(css.contains(".theme-toggle::before{content:var(--toggle-label)}"))
        #expect(site.exists("public/assets/theme.js"))
    }

    @Test func aForcedDarkThemeSetsWhatTheSystemDarkModeSets() throws {
        let css = try String(contentsOfFile: TestSite.repositoryRoot + "/Themes/default/assets/site.css",
                             encoding: .utf8)
        let system = declarations(in: css, after: "@media (prefers-color-scheme: dark) {\n  :root:not([data-theme=\"light\"]) {")
        let forced = declarations(in: css, after: ":root[data-theme=\"dark\"] {\n")
        #expect(system.count >= 3 && forced.count == system.count)
        #expect(system == forced)
        #expect(!css.contains("@media (prefers-color-scheme: dark) {\n  :root {"), "a dark block the toggle cannot override")
    }

    /// The custom properties of every block that starts with `opening`, block by block.
    private func declarations(in css: String, after opening: String) -> [[String]] {
        css.components(separatedBy: opening).dropFirst().map { block in
            block.prefix { $0 != "}" }.split(separator: ";").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                .filter { $0.hasPrefix("--") }
        }
    }
}
