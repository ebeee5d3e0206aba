// A test project in a temporary folder (the repository's Themes/ copied in), served by a real DevServer on an
// ephemeral loopback port, inside a ServiceGroup as `folio serve` runs it.
import Foundation
import FolioServer
import ServiceLifecycle
import Logging

final class ServedSite: Sendable {
    let root: String
    let port: Int
    let group: ServiceGroup
    let running: Task<Void, Error>

    static let siteConfig = """
        title: Test Site
        base_url: https://example.org/
        author:
          name: Test Author
        """

    static func post(_ title: String, body: String = "Body text.", date: String = "2024-03-01") -> String {
        "---\ntitle: \(title)\ndate: \(date)\n---\n\n\(body)\n"
    }

    /// `configure` may change the server's options before it starts (tests with `@testable import` reach the
    /// internal ones, such as the build itself).
    static func start(_ files: [String: String] = [:], configure: (inout DevServer.Options) -> Void = { _ in })
        async throws -> ServedSite
    {
        let root = try makeProject(files)

        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        var options = DevServer.Options(root: root)
        options.port = 0
        options.log = { _ in }
        options.onListening = { port in portContinuation.yield(port) }
        configure(&options)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let group = ServiceGroup(configuration: .init(services: [DevServer(options: options)], logger: logger))
        let running = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw RawHTTPError(description: "server did not start") }
        return ServedSite(root: root, port: port, group: group, running: running)
    }

    /// A project in a new temporary folder: the repository's Themes/, `files`, and a site.yml unless given.
    static func makeProject(_ files: [String: String]) throws -> String {
        let root = NSTemporaryDirectory() + "folio-serve-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Themes", toPath: root + "/Themes")
        var files = files
        if files["Content/site.yml"] == nil { files["Content/site.yml"] = siteConfig }
        for (path, text) in files { try write(text, to: root + "/" + path) }
        return root
    }

    private init(root: String, port: Int, group: ServiceGroup, running: Task<Void, Error>) {
        self.root = root
        self.port = port
        self.group = group
        self.running = running
    }

    func write(_ path: String, _ text: String) throws { try Self.write(text, to: root + "/" + path) }

    func get(_ target: String, method: String = "GET", headers: [String: String] = [:]) async throws -> RawResponse {
        try await RawHTTP.get(target, port: port, method: method, headers: headers)
    }

    func events() async throws -> EventStreamClient { try await EventStreamClient(port: port) }

    func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await running.value
        try? FileManager.default.removeItem(atPath: root)
    }

    static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }
}

/// Waits for `task` to finish, up to `timeout`; true when it did. When it did not, the task is cancelled (so the
/// test ends either way).
func finishes(_ task: Task<Void, Error>, within timeout: Duration) async -> Bool {
    await withTaskGroup(of: Bool.self) { group in
        group.addTask {
            _ = try? await task.value
            return true
        }
        group.addTask {
            try? await Task.sleep(for: timeout)
            return false
        }
        let first = await group.next() ?? false
        group.cancelAll()
        if !first { task.cancel() }
        return first
    }
}
