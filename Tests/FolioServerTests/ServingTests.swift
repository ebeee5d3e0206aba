// HTTP over a real loopback socket: files and their types, folders, redirects, the theme's 404, HEAD, ETags,
// and malformed requests.
import Foundation
import FolioServer
import Testing

@Suite(.serialized) struct ServingTests {
    static let files = [
        "Content/posts/hello.md": ServedSite.post("Hello there", body: "First post body."),
        "Content/pages/about.md": "---\ntitle: About\n---\n\nAbout me.\n",
        "Content/static/data.json": "{}",
        "Content/static/notes.txt": "notes",
        "Content/static/logo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        "Content/static/font.woff2": "w",
        "Content/static/picture.png": "p",
        "Content/static/photo.jpg": "j",
        "Content/static/photo.webp": "w",
        "Content/static/favicon.ico": "i",
    ]

    @Test func servesPagesWithTheLiveReloadScriptAndRightContentTypes() async throws {
        let site = try await ServedSite.start(Self.files)
        defer { Task { await site.stop() } }
        let home = try await site.get("/")
        #expect(home.status == 200)
        #expect(home.header("content-type") == "text/html; charset=utf-8")
        #expect(home.header("cache-control") == "no-cache")
        #expect(home.text.contains("Hello there"))
        #expect(home.text.contains("data-folio-live-reload"))
        let expected = [
            "/assets/site.css": "text/css; charset=utf-8", "/assets/copy.js": "text/javascript; charset=utf-8",
            "/feed.xml": "application/xml", "/sitemap.xml": "application/xml", "/robots.txt": "text/plain; charset=utf-8",
            "/data.json": "application/json", "/notes.txt": "text/plain; charset=utf-8", "/logo.svg": "image/svg+xml",
            "/font.woff2": "font/woff2", "/picture.png": "image/png", "/photo.jpg": "image/jpeg",
            "/photo.webp": "image/webp", "/favicon.ico": "image/x-icon",
        ]
        for (path, type) in expected {
            let response = try await site.get(path)
            #expect(response.status == 200, "\(path)")
            #expect(response.header("content-type") == type, "\(path)")
            #expect(!response.text.contains("data-folio-live-reload"), "only HTML gets the script: \(path)")
        }
        #expect(try await site.get("/notes.txt").text == "notes")
        #expect(!FileManager.default.fileExists(atPath: site.root + "/public"), "serve never writes public/")
    }

    @Test func foldersServeTheirIndexAndRedirectToTheTrailingSlash() async throws {
        let site = try await ServedSite.start(Self.files)
        defer { Task { await site.stop() } }
        let page = try await site.get("/posts/hello/")
        #expect(page.status == 200)
        #expect(page.text.contains("First post body."))
        let redirect = try await site.get("/posts/hello")
        #expect(redirect.status == 308)
        #expect(redirect.header("location") == "/posts/hello/")
        #expect(try await site.get("/about?x=1").header("location") == "/about/?x=1")
    }

    @Test func missingPagesGetTheThemes404PageWithStatus404() async throws {
        let site = try await ServedSite.start(Self.files)
        defer { Task { await site.stop() } }
        for path in ["/nothing/here/", "/nothing", "/posts/hello/missing.png"] {
            let response = try await site.get(path)
            #expect(response.status == 404, "\(path)")
            #expect(response.text.contains("Page not found"), "\(path)")
            #expect(response.header("content-type") == "text/html; charset=utf-8")
        }
    }

    @Test func headAnswersWithTheHeadersOfGetAndNoBody() async throws {
        let site = try await ServedSite.start(Self.files)
        defer { Task { await site.stop() } }
        let get = try await site.get("/posts/hello/")
        let head = try await site.get("/posts/hello/", method: "HEAD")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(head.header("content-length") == String(get.body.count))
        #expect(head.header("etag") == get.header("etag"))
        #expect(head.header("content-type") == "text/html; charset=utf-8")
        #expect(try await site.get("/", method: "POST").status == 405)
    }

    @Test func etagsRevalidateWithNotModified() async throws {
        let site = try await ServedSite.start(Self.files)
        defer { Task { await site.stop() } }
        let first = try await site.get("/assets/site.css")
        let etag = try #require(first.header("etag"))
        let again = try await site.get("/assets/site.css", headers: ["If-None-Match": etag])
        #expect(again.status == 304)
        #expect(again.body.isEmpty)
        #expect(again.header("etag") == etag)
        #expect(try await site.get("/assets/site.css", headers: ["If-None-Match": "W/\(etag), \"other\""]).status == 304)
        #expect(try await site.get("/assets/site.css", headers: ["If-None-Match": "\"other\""]).status == 200)
    }

    @Test func neverServesAnythingOutsideTheSite() async throws {
        let site = try await ServedSite.start(Self.files)
        defer { Task { await site.stop() } }
        try site.write("secret.txt", "TOP SECRET")
        let attempts = [
            "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/%2e%2e%2fsecret.txt", "/..%2fsecret.txt",
            "/posts/../../secret.txt", "//etc/passwd", "/..\\secret.txt", "/%5c..%5csecret.txt", "/a%00b",
            "/notes.txt%00.html", "/%2fetc%2fpasswd", "/%zz", "/%c0%ae%c0%ae/secret.txt",
        ]
        for attempt in attempts {
            let response = try await site.get(attempt)
            #expect(response.status >= 400 && response.status < 500, "\(attempt) -> \(response.status)")
            #expect(!response.text.contains("TOP SECRET") && !response.text.contains("root:"), "\(attempt)")
        }
        // Targets no client would send, sent anyway: absolute paths and a raw NUL byte.
        for raw in ["GET /etc/passwd HTTP/1.1", "GET http://evil/../secret.txt HTTP/1.1", "GET /a\u{0}b HTTP/1.1"] {
            let response = try await RawHTTP.exchange(Array("\(raw)\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8),
                                                      port: site.port)
            #expect(response.status >= 400 && response.status < 500, "\(raw.debugDescription) -> \(response.status)")
            #expect(!response.text.contains("TOP SECRET") && !response.text.contains("root:"))
        }
    }

    @Test func aPortInUseIsAClearError() async throws {
        let site = try await ServedSite.start(Self.files)
        defer { Task { await site.stop() } }
        var options = DevServer.Options(root: site.root)
        options.port = site.port
        options.log = { _ in }
        do {
            try await DevServer(options: options).run()
            Issue.record("a second server on the same port started")
        } catch let failure as DevServer.Failure {
            #expect("\(failure)" == "127.0.0.1:\(site.port) is already in use (another folio serve?); "
                    + "choose another with --port \(site.port + 1)")
        }
        #expect(try await site.get("/").status == 200, "the first server keeps serving")
    }

    @Test func malformedRequestsGetA4xxAndTheServerCarriesOn() async throws {
        let site = try await ServedSite.start(Self.files)
        defer { Task { await site.stop() } }
        let malformed = [
            "GARBAGE\r\n\r\n", "GET / HTTP/9.9\r\n\r\n", "GET / HTTP/1.1\r\nNo colon here\r\n\r\n",
            "GET /<script> HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n",
        ]
        for request in malformed {
            let response = try await RawHTTP.exchange(Array(request.utf8), port: site.port)
            #expect(response.status >= 400 && response.status < 500, "\(request.debugDescription) -> \(response.status)")
            // The path is never echoed unescaped (the theme's own pages carry an inline <script> of their own).
            #expect(!response.text.contains("/<script>"))
        }
        #expect(try await site.get("/").status == 200)
    }
}
