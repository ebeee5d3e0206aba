// `folio serve` as its own process, where a test may starve it of file descriptors (`ulimit -n`) and stop it
// with a real SIGTERM, as a user's shell does.
import Foundation
import Synchronization
import Testing

/// The `folio` executable `swift build` put in .build, run as `folio serve --port 0` in `root` under a
/// descriptor limit; its standard output is collected as it comes.
final class ServeProcess: Sendable {
    let process: Process
    private let output = Mutex("")
    var text: String { output.withLock { $0 } }

    init(root: String, descriptorLimit: Int) throws {
        let folio = ["debug", "release"].map { ServedSite.repositoryRoot + "/.build/\($0)/folio" }
            .first { FileManager.default.isExecutableFile(atPath: $0) } ?? ServedSite.repositoryRoot + "/.build/debug/folio"
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "ulimit -n \(descriptorLimit) && exec \"$0\" serve --port 0", folio]
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.output.withLock { $0 += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
    }

    /// The port from the `serving http://127.0.0.1:PORT/` line, once it is printed.
    func port(within timeout: Duration) async -> Int? {
        var port: Int?
        _ = await eventually(within: timeout) {
            let marker = "serving http://127.0.0.1:"
            guard let start = text.range(of: marker)?.upperBound else { return false }
            port = Int(text[start...].prefix { $0.isNumber })
            return true
        }
        return port
    }

    func contains(_ text: String, within timeout: Duration) async -> Bool {
        await eventually(within: timeout) { self.text.contains(text) }
    }
}

@Suite(.serialized) struct ServeProcessTests {
    @Test func runningOutOfDescriptorsIsReportedAsSuchAndSigtermStopsTheServer() async throws {
        let root = try ServedSite.makeProject(["Content/posts/hello.md": ServedSite.post("Hello there")])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let serve = try ServeProcess(root: root, descriptorLimit: 64)
        defer { if serve.process.isRunning { serve.process.terminate() } }
        let port = try #require(await serve.port(within: .seconds(20)), "folio serve did not start: \(serve.text)")

        // Connections that send nothing hold a descriptor each until the request timeout: 80 take all 64.
        var idle: [LoopbackConnection] = []
        for _ in 0..<80 { idle.append(try await LoopbackConnection(port: port)) }
        try await Task.sleep(for: .milliseconds(300))
        try ServedSite.write(ServedSite.post("Hello there", body: "Edited."), to: root + "/Content/posts/hello.md")
        #expect(await serve.contains("file descriptors", within: .seconds(5)), "\(serve.text)")
        #expect(serve.text.contains("build 2 not started: cannot read the project"))
        #expect(!serve.text.contains("missing Content/site.yml"))

        // Once they are gone, the next save builds.
        idle.removeAll()
        try await Task.sleep(for: .milliseconds(500))
        try ServedSite.write(ServedSite.post("Hello there", body: "Edited again."),
                            to: root + "/Content/posts/hello.md")
        #expect(await serve.contains("folio: build 3 after", within: .seconds(10)), "\(serve.text)")
        #expect(try await RawHTTP.get("/posts/hello/", port: port).text.contains("Edited again."))

        serve.process.terminate()  // SIGTERM
        let stopped = await eventually(within: .seconds(3)) { !serve.process.isRunning }
        #expect(stopped, "still running 3 s after SIGTERM")
        if stopped { #expect(serve.process.terminationStatus == 0) }
        #expect(serve.text.contains("folio: stopped"))
    }
}
