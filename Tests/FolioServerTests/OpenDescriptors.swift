// What this process holds open, read from /proc: every descriptor, and the TCP sockets on one local port (the
// server side of a test server's connections). Tests in other suites open files at the same time, so a count
// of one port's sockets is the exact measure; the total is only a rough one.
import Foundation

enum OpenDescriptors {
    static func count() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0
    }

    /// Descriptors of this process that are TCP sockets bound locally to `port`: the listening socket and every
    /// connection it accepted.
    static func sockets(onLocalPort port: Int) -> Int {
        let links = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        let socketInodes = Set(links.compactMap { name -> String? in
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + name),
                  target.hasPrefix("socket:[") else { return nil }
            return String(target.dropFirst(8).dropLast())
        })
        let portSuffix = ":" + String(format: "%04X", port)
        var count = 0
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            // Read to the end: /proc files claim a size of 0, and a one-shot read stops after a page.
            guard let handle = FileHandle(forReadingAtPath: table) else { continue }
            let text = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
            try? handle.close()
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ")
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                guard fields.count > 9, fields[1].hasSuffix(portSuffix) else { continue }
                if socketInodes.contains(String(fields[9])) { count += 1 }
            }
        }
        return count
    }
}

/// Polls `condition` until it holds or `timeout` passes; whether it held.
func eventually(within timeout: Duration, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}
