// The dev server's small parts on their own: request paths, the error overlay, script injection, snapshots.
import Folio
import Foundation
import NIOCore
import Testing
@testable import FolioServer

struct PiecesTests {
    @Test func requestPathsDecodeAndRefuseTraversal() {
        #expect(RequestPath(target: "/")?.sitePath == "index.html")
        #expect(RequestPath(target: "/posts/a/")?.sitePath == "posts/a/index.html")
        #expect(RequestPath(target: "/posts/a?x=1")?.sitePath == "posts/a")
        #expect(RequestPath(target: "/posts/a?x=1")?.query == "x=1")
        #expect(RequestPath(target: "/caf%C3%A9.txt")?.sitePath == "café.txt")
        for refused in ["", "posts", "/../x", "/%2e%2e/x", "/..%2fx", "/a%2fb", "/a%5cb", "/a\\b", "//etc/passwd",
                        "/a//b", "/a%00b", "/%zz", "/%c0%ae", "/./a", "/a/%2E"] {
            #expect(RequestPath(target: refused) == nil, "\(refused)")
        }
    }

    @Test func theOverlayEscapesWhatItShows() {
        let diagnostic = Diagnostic.error("bad <script>alert('x')</script> & \"more\"",
                                          at: SourceLocation(path: "Content/posts/<a>.md", line: 3, column: 7))
        let html = ErrorOverlay.html(for: [diagnostic])
        #expect(html.contains("Content/posts/&lt;a&gt;.md:3:7"))
        #expect(html.contains("bad &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;"))
        #expect(!html.contains("<script>"))
        #expect(!html.contains("\n"))
    }

    @Test func theScriptGoesBeforeTheLastClosingBody() {
        let page = ByteBuffer(string: "<html><body><p>&lt;/body&gt;</p></BODY></html>")
        let injected = String(buffer: LiveReloadScript.inject(into: page))
        #expect(injected.hasSuffix("</script></BODY></html>"))
        #expect(injected.hasPrefix("<html><body><p>&lt;/body&gt;</p><script data-folio-live-reload>"))
        #expect(String(buffer: LiveReloadScript.inject(into: ByteBuffer(string: "x"))).hasPrefix("x<script"))
    }

    @Test func eventsPutEveryLineOfDataOnItsOwnDataLine() {
        let event = ServerSentEvent(name: "errors", data: "one\ntwo")
        #expect(String(buffer: event.encoded) == "event: errors\ndata: one\ndata: two\n\n")
    }
}
