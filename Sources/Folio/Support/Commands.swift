// The one way the engine starts a child process: a shell command from the project root, its output captured.
// Only `folio check`, `folio snippets sync` and `folio verify` are given a runner that runs anything; a build
// or the dev server gets `.refused`, so a command written in the repository can never run from them.
import Foundation

public struct Commands: Sendable {
    public struct Outcome: Sendable, Equatable {
        public var status: Int32
        public var output: String
        public var errorOutput: String
    }

    public enum Passthrough: Sendable {
        /// Standard output and error are captured and returned.
        case captured
        /// The command writes to the terminal (`folio verify`); the outcome's output fields are empty.
        case terminal
    }

    /// Runs `/bin/sh -c command` in `directory`.
    let run: @Sendable (_ command: String, _ directory: String, _ passthrough: Passthrough) throws -> Outcome

    public init(_ run: @escaping @Sendable (String, String, Passthrough) throws -> Outcome) { self.run = run }

    func shell(_ command: String, in directory: String, _ passthrough: Passthrough = .captured) throws -> Outcome {
        try run(command, directory, passthrough)
    }

    /// Runs nothing: every call fails with an error that names the command.
    public static let refused = Commands { command, _, _ in
        throw OutputError(message: "this command does not run companion commands ('\(command)' was refused)")
    }

    /// Real child processes.
    public static let system = Commands { command, directory, passthrough in
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        guard passthrough == .captured else {
            try process.run()
            process.waitUntilExit()
            return Outcome(status: process.terminationStatus, output: "", errorOutput: "")
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read standard error on another thread while this one reads standard output, so a chatty command
        // cannot fill one pipe and block.
        let errorData = CollectedData()
        let group = DispatchGroup()
        let errorHandle = err.fileHandleForReading
        DispatchQueue.global().async(group: group) { errorData.store(errorHandle.readDataToEndOfFile()) }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        group.wait()
        return Outcome(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
                       errorOutput: String(decoding: errorData.value, as: UTF8.self))
    }
}

/// Standard error collected on another thread. `@unchecked Sendable` is sound: the one write happens before
/// `DispatchGroup.wait()` returns, and the read comes after it; the lock makes that explicit.
final class CollectedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func store(_ newValue: Data) { lock.withLock { data = newValue } }
    var value: Data { lock.withLock { data } }
}
