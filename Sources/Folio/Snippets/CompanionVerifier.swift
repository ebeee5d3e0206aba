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

    /// How the commands run (tests can record them).
    public var commands = Commands.system

    /// Runs the commands one after another with the terminal's output, from the project root. The companions
    /// are read by the build's own load step.
    public func run(announce: (String, String) -> Void = { _, _ in }) -> [Result] {
        var diagnostics: [Diagnostic] = []
        var options = BuildOptions(root: root)
        options.writeOutput = false
        let project = BuildSteps.load(options, files: ProjectFiles(root: root), into: &diagnostics)
        var results: [Result] = []
        for companion in project?.config.companions ?? [] {
            guard let command = companion.verify else { continue }
            announce(companion.name, command)
            // A command that cannot start is reported as the shell reports one it cannot find.
            let status = (try? commands.shell(command, in: root, .terminal))?.status ?? 127
            results.append(Result(name: companion.name, command: command, status: status))
        }
        return results
    }
}
