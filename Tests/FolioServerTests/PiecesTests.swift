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

    @Test func hostsAreTheBoundAddressesNamesWithAnyPort() {
        let named = AllowedHosts(boundTo: "Preview.Local")
        for allowed in ["preview.local", "PREVIEW.local:8000", "localhost", "127.0.0.1:1", "[::1]:65535"] {
            #expect(named.allows(allowed), "\(allowed)")
        }
        for refused in ["preview.local.evil.example", "evil.example", "preview.local:0x1f", "[preview.local]",
                        "192.168.1.10", "localhost:65536"] {
            #expect(!named.allows(refused), "\(refused)")
        }
        #expect(AllowedHosts(boundTo: "::1").allows("[::1]:8000"))
        #expect(AllowedHosts(boundTo: "[fe80::1]").allows("[FE80::1]"))
        // Bound to every interface: the loopback address is among the machine's own, another name is not.
        let everywhere = AllowedHosts(boundTo: "0.0.0.0")
        #expect(everywhere.allows("0.0.0.0:8000"))
        #expect(everywhere.names.contains("127.0.0.1"))
        #expect(!everywhere.allows("evil.example"))
    }

    @Test func theFirstFailurePageDoesNotClaimALastGoodBuild() {
        let diagnostics = [Diagnostic.error("broken", at: SourceLocation(path: "Content/site.yml"))]
        #expect(!ErrorOverlay.page(for: diagnostics).contains("last good build"))
        #expect(ErrorOverlay.page(for: diagnostics).contains("No build has succeeded yet"))
        #expect(ErrorOverlay.html(for: diagnostics).contains("Showing the last good build underneath"))
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
