// Clients that are not the writer's own browser tab: another site's page reaching in through DNS rebinding,
// connections that send nothing, and pages that drop their event streams by the hundred.
import Foundation
import Testing

@Suite(.serialized) struct HostileClientTests {
    static let files = [
        "Content/posts/hello.md": ServedSite.post("Hello there", body: "First post body."),
    ]

    static func request(_ target: String = "/", hostLines: [String]) -> [UInt8] {
        let hosts = hostLines.map { $0 + "\r\n" }.joined()
        return Array("GET \(target) HTTP/1.1\r\n\(hosts)Connection: close\r\n\r\n".utf8)
    }

    @Test func onlyHostHeadersNamingTheServerAreAnswered() async throws {
        let site = try await ServedSite.start(Self.files)
        defer { Task { await site.stop() } }
        let port = site.port
        for host in ["127.0.0.1", "127.0.0.1:\(port)", "localhost", "LocalHost:\(port)", "[::1]", "[::1]:\(port)",
                     "localhost:9000"] {
            let response = try await RawHTTP.exchange(Self.request(hostLines: ["Host: \(host)"]), port: port)
            #expect(response.status == 200, "Host: \(host)")
        }
        for host in ["evil.example", "evil.example:\(port)", "127.0.0.1.evil.example", "localhost.evil.example",
                     "127.0.0.2", "", "localhost:", "localhost:abc", "localhost:99999", "[::1", "[::1]x", "::1",
                     "127.0.0.1:80:80", "user@localhost", "0.0.0.0"] {
            let response = try await RawHTTP.exchange(Self.request(hostLines: ["Host: \(host)"]), port: port)
            #expect(response.status == 400, "Host: \(host) -> \(response.status)")
            #expect(!response.text.contains("First post body."), "Host: \(host)")
            #expect(response.text.contains("DNS rebinding"), "Host: \(host)")
        }
        // The live-reload stream and the 404 page are refused the same way.
        for target in ["/_folio/events", "/posts/hello/", "/nothing/"] {
            let response = try await RawHTTP.exchange(Self.request(target, hostLines: ["Host: evil.example"]),
                                                      port: port)
            #expect(response.status == 400, "\(target)")
        }
    }

    @Test func requestsWithoutOneHostHeaderAreRefused() async throws {
        let site = try await ServedSite.start(Self.files)
        defer { Task { await site.stop() } }
        let cases: [(String, [String])] = [
            ("no Host", []),
            ("two Hosts", ["Host: 127.0.0.1", "Host: evil.example"]),
            ("the same Host twice", ["Host: 127.0.0.1", "Host: 127.0.0.1"]),
            ("a bad Host first", ["Host: evil.example", "Host: 127.0.0.1"]),
        ]
        for (name, lines) in cases {
            let response = try await RawHTTP.exchange(Self.request(hostLines: lines), port: site.port)
            #expect(response.status == 400, "\(name) -> \(response.status)")
        }
        let old = try await RawHTTP.exchange(Array("GET / HTTP/1.0\r\n\r\n".utf8), port: site.port)
        #expect(old.status == 400, "HTTP/1.0 without Host")
    }

    @Test func connectionsThatSendNoCompleteRequestAreClosed() async throws {
        let site = try await ServedSite.start(Self.files) { $0.requestTimeout = .milliseconds(500) }
        defer { Task { await site.stop() } }
        let silent = try await LoopbackConnection(port: site.port)
        // Half a request head, then a byte now and then, as a slow-loris client does.
        let trickling = try await LoopbackConnection(port: site.port)
        try await trickling.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        let started = ContinuousClock.now
        let tricklingTask = Task {
            for _ in 0..<20 {
                try? await trickling.send("X")
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
        #expect(await silent.closedByPeer(timeout: .seconds(3)))
        #expect(await trickling.closedByPeer(timeout: .seconds(3)))
        #expect(ContinuousClock.now - started < .seconds(2.5))
        tricklingTask.cancel()
        // A connection kept alive between requests is closed once idle too, after its answers.
        let keptAlive = try await LoopbackConnection(port: site.port)
        try await keptAlive.send("GET /posts/hello/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let answer = try await keptAlive.read(until: { RawHTTP.parse($0)?.complete ?? false })
        #expect(RawHTTP.parse(answer)?.response.status == 200)
        #expect(await keptAlive.closedByPeer(timeout: .seconds(3)))
        // An event stream is not idle, however quiet: it stays open.
        let events = try await site.events()
        #expect(!(await events.connection.closedByPeer(timeout: .seconds(1.2))))
    }

    @Test func droppedEventStreamsGiveBackTheirDescriptorsAtOnce() async throws {
        let site = try await ServedSite.start(Self.files)
        defer { Task { await site.stop() } }
        let listening = OpenDescriptors.sockets(onLocalPort: site.port)
        let total = OpenDescriptors.count()
        for _ in 0..<4 {
            var streams: [EventStreamClient] = []
            for _ in 0..<50 { streams.append(try await site.events()) }
            #expect(OpenDescriptors.sockets(onLocalPort: site.port) == listening + 50)
            streams.removeAll()  // each client closes its socket, as a closed tab does
        }
        // 200 streams dropped: the server's side of each must be gone, long before any heartbeat or rebuild.
        let settled = await eventually(within: .seconds(3)) {
            OpenDescriptors.sockets(onLocalPort: site.port) == listening
        }
        #expect(settled, "server sockets left: \(OpenDescriptors.sockets(onLocalPort: site.port) - listening)")
        #expect(OpenDescriptors.count() <= total + 30, "descriptors: \(total) before, \(OpenDescriptors.count()) after")
        // Nor do they count against the limit on open streams: a full set of new ones opens.
        var streams: [EventStreamClient] = []
        for _ in 0..<100 { streams.append(try await site.events()) }
        #expect(streams.count == 100)
        #expect(try await site.get("/").status == 200)
    }

    @Test func streamsBeyondTheLimitAreRefusedWithA503() async throws {
        let site = try await ServedSite.start(Self.files) { $0.maximumEventStreams = 5 }
        defer { Task { await site.stop() } }
        var streams: [EventStreamClient] = []
        for _ in 0..<5 { streams.append(try await site.events()) }
        let refused = try await RawHTTP.get("/_folio/events", port: site.port)
        #expect(refused.status == 503)
        #expect(refused.text.contains("5 live-reload streams"))
        #expect(try await site.get("/").status == 200, "pages are still served")
        streams.removeFirst()
        #expect(await eventually(within: .seconds(3)) { (try? await site.events()) != nil }, "a freed place is reused")
    }

    @Test func openStreamsGetHeartbeatComments() async throws {
        let site = try await ServedSite.start(Self.files) { $0.heartbeat = .milliseconds(100) }
        defer { Task { await site.stop() } }
        let events = try await site.events()
        // Comments, which browsers ignore: writing them is how a stream whose client vanished without a word
        // (no FIN: a machine gone to sleep, a cable pulled) fails and is closed.
        let raw = try await events.connection.read(until: { _ in false }, timeout: .milliseconds(300))
        #expect(String(decoding: raw, as: UTF8.self).components(separatedBy: ": heartbeat\n\n").count > 2)
    }
}
