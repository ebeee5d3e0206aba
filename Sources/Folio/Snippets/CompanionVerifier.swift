// `folio verify`: runs each companion's `verify` command, so every language's code is proven the same way.
import Foundation

public struct CompanionVerifier {
    public var root: String

    public init(root: String) { self.root = root }

    public struct Result: Sendable {
        public var name: String
        public var command: String
        public var status: Int32
    }

    /// Runs the commands one after another with the terminal's output, from the project root.
    public func run(announce: (String, String) -> Void = { _, _ in }) -> [Result] {
        let files = ProjectFiles(root: root)
        var diagnostics: [Diagnostic] = []
        let config = ContentLoader(files: files).load(into: &diagnostics).config
        var results: [Result] = []
        for companion in config?.companions ?? [] {
            guard let command = companion.verify else { continue }
            announce(companion.name, command)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", command]
            process.currentDirectoryURL = URL(fileURLWithPath: root)
            var status: Int32 = 127
            do {
                try process.run()
                process.waitUntilExit()
                status = process.terminationStatus
            } catch {
                status = 127
            }
            results.append(Result(name: companion.name, command: command, status: status))
        }
        return results
    }
}
