// Fenced code blocks in Markdown: highlighting, `title`, `linenos`, `highlight`, plain text and unknown languages.
import Testing
@testable import Folio

@Suite struct CodeBlockTests {
    @Test func fenceAttributesShapeTheBlock() {
        let rendered = Folio.renderFragment("```go title=\"main.go\" linenos highlight=\"2\"\npackage main\nfunc main() {}\n```\n")
        #expect(rendered.diagnostics.isEmpty)
        #expect(rendered.html == """
            <figure class="code linenos"><figcaption><span class="code-title">main.go</span></figcaption>\
            <pre class="highlight" data-lang="go"><code class="language-go">\
            <span class="line"><span class="tok-keyword">package</span> main</span>
            <span class="line hl"><span class="tok-keyword">func</span> <span class="tok-function">main</span>\
            <span class="tok-punctuation">()</span> <span class="tok-punctuation">{}</span></span>
            </code></pre></figure>

            """)
    }

    @Test func plainLanguagesAreSilentAndUnknownOnesWarnAtTheFence() {
        let rendered = Folio.renderFragment("Intro.\n\n```text\n<b>\n```\n\n```\nbare\n```\n\n```cobol\nDISPLAY 'HI'.\n```\n",
                                            displayPath: "a.md")
        #expect(rendered.diagnostics.map(\.description) == [
            "a.md:11:1: warning: unknown language 'cobol' in a code fence; it is shown as plain text (known: "
                + Grammars.languages.joined(separator: ", ") + "; 'text' is silent)",
        ])
        #expect(rendered.html.contains("<span class=\"line\">&lt;b&gt;</span>"))
        #expect(rendered.html.contains("<span class=\"line\">DISPLAY 'HI'.</span>"))
    }

    @Test func highlightOutsideTheBlockIsAnError() {
        let rendered = Folio.renderFragment("```go highlight=\"3\"\nx := 1\n```\n", displayPath: "a.md")
        #expect(rendered.diagnostics.map(\.description) == [
            "a.md:1:7: error: highlight line 3 is outside the 1 line this block shows",
        ])
    }

    @Test func illustrativeFencesCarryTheirLabel() {
        let rendered = Folio.renderFragment("```go illustrative\nclient := grpc.NewClient(target)\n```\n")
        #expect(rendered.html.hasPrefix("<figure class=\"code illustrative\"><figcaption><span class=\"code-label\">illustrative, not compiled</span></figcaption>"))
    }
}
