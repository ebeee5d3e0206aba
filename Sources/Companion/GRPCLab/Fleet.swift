// Helpers the tests and demos share: start several backends at once, and print a tally as a table row.

/// Starts backends named `backend-<first>` … in order.
public func startBackends(_ count: Int, first: Int = 1, maxConnectionAge: Duration? = nil) async throws -> [Backend] {
    var backends: [Backend] = []
    for number in first..<(first + count) {
        backends.append(try await Backend.start(name: "backend-\(number)", maxConnectionAge: maxConnectionAge))
    }
    return backends
}

/// Stops every backend.
public func stopAll(_ backends: [Backend]) async {
    for backend in backends { await backend.stop() }
}

/// The service configs of the lab, in the JSON a grpc-go client would pass to `WithDefaultServiceConfig`.
public enum LabServiceConfig {
    // snippet.service-configs
    public static let pickFirst = #"{"loadBalancingConfig": [{"pick_first":{}}]}"#
    public static let roundRobin = #"{"loadBalancingConfig": [{"round_robin":{}}]}"#
    // snippet.end
    // snippet.shuffle-config
    public static let pickFirstShuffled =
        #"{"loadBalancingConfig": [{"pick_first":{"shuffleAddressList":true}}]}"#
    // snippet.end
}

extension Tally {
    /// The counts for `backends` in columns `width` wide, in the backends' order.
    public func row(_ backends: [Backend], width: Int = 11) -> String {
        backends.map { backend in
            let count = String(self[backend])
            return String(repeating: " ", count: max(0, width - count.count)) + count
        }.joined()
    }
}

/// Column headings that line up with `Tally.row`.
public func header(_ backends: [Backend], width: Int = 11) -> String {
    backends.map { backend in
        String(repeating: " ", count: max(0, width - backend.name.count)) + backend.name
    }.joined()
}

/// Starts `count` backends, runs `body` with them and stops them all, also when `body` throws.
public func withBackends<Result>(
    _ count: Int, first: Int = 1, maxConnectionAge: Duration? = nil,
    _ body: ([Backend]) async throws -> Result
) async throws -> Result {
    let backends = try await startBackends(count, first: first, maxConnectionAge: maxConnectionAge)
    do {
        let result = try await body(backends)
        await stopAll(backends)
        return result
    } catch {
        await stopAll(backends)
        throw error
    }
}

/// Connects a client, runs `body` with it and closes it, also when `body` throws.
public func withClient<Result>(
    of dns: LabDNS, serviceConfig: String, _ body: (LabClient) async throws -> Result
) async throws -> Result {
    let client = try LabClient.connect(to: dns, serviceConfig: serviceConfig)
    do {
        let result = try await body(client)
        await client.close()
        return result
    } catch {
        await client.close()
        throw error
    }
}

/// `text` padded with spaces to `width` characters.
public func leftAligned(_ text: String, width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - text.count))
}

/// What went wrong in a lab run, in words.
public struct LabError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Connects `clients` separate clients (each its own channel, as separate processes would be) with
/// `serviceConfig`, lets each make one call, and counts how many clients each backend answered.
public func firstAnswers(clients: Int, of dns: LabDNS, serviceConfig: String) async throws -> Tally {
    var answers: [String] = []
    for _ in 0..<clients {
        let answer = try await withClient(of: dns, serviceConfig: serviceConfig) { client in
            guard await client.callUntil(window: 1, { _ in true }) else {
                throw LabError("a client never got an answer")
            }
            return try await client.whoAmI()
        }
        answers.append(answer)
    }
    return Tally(answers: answers)
}
