// `folio serve`: argument parsing for the dev server in FolioServer.
import ArgumentParser
import Folio
import FolioServer
import Foundation

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site, serve it from memory, and rebuild and reload the browser on every save.",
        discussion: """
            Watches Content/ (site.yml included), Themes/ and the companion sources. Pages reload by themselves; \
            a failed build keeps the last good site and shows its errors over the page. Nothing is written to \
            public/. Stop with Ctrl-C.
            """)

    @Option(help: "Port to listen on.")
    var port = 8000

    @Option(help: """
        Address to bind. Anything but 127.0.0.1 lets other machines see your drafts. Requests must name this \
        address, localhost, 127.0.0.1 or [::1] in their Host header.
        """)
    var host = "127.0.0.1"

    @Flag(help: "Include posts and pages marked 'draft: true'.")
    var drafts = false

    @Flag(help: "Open the site in the default browser once it is served.")
    var open = false

    func run() async throws {
        var options = DevServer.Options(root: try projectRoot())
        options.host = host
        options.port = port
        options.includeDrafts = drafts
        options.log = Self.say
        if !["127.0.0.1", "localhost", "::1"].contains(host) {
            var stderr = StandardError()
            print("folio: warning: serving on \(host): other machines on the network can read this site, drafts "
                  + "included", to: &stderr)
        }
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let open = open
        options.onListening = { port in
            let address = "http://\(shownHost):\(port)/"
            Self.say("folio: serving \(address) (Ctrl-C to stop)")
            if open { Self.openBrowser(address) }
        }
        do {
            try await DevServer(options: options).runUntilSignalled()
        } catch let failure as DevServer.Failure {
            var stderr = StandardError()
            print("folio: error: \(failure)", to: &stderr)
            throw ExitCode.failure
        }
        print("folio: stopped")
    }

    /// Unbuffered, unlike `print` into a pipe: whoever reads the output (make bench) sees each line at once.
    @Sendable private static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    private static func openBrowser(_ address: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open", address]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
    }
}
