// A gRPC client of the lab: a real channel over HTTP/2, its load-balancing policy chosen by a service config
// in the same JSON a grpc-go client passes to `grpc.WithDefaultServiceConfig`.
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2Posix

/// A running client. Make it with `connect`, call `whoAmI` or `tally`, and `close` it.
public final class LabClient: Sendable {
    private let client: GRPCClient<HTTP2ClientTransport.Posix>
    private let running: Task<Void, any Error>

    private init(client: GRPCClient<HTTP2ClientTransport.Posix>) {
        self.client = client
        self.running = Task { try await client.runConnections() }
    }

    /// A client of the name `dns` answers for, with `serviceConfig` as its default service config (JSON).
    public static func connect(to dns: LabDNS, serviceConfig json: String) throws -> LabClient {
        // snippet.client
        let transport = try HTTP2ClientTransport.Posix(
            target: dns.target,
            transportSecurity: .plaintext,
            resolverRegistry: LabDNS.resolvers,
            serviceConfig: try .fromJSON(json))
        // snippet.end
        return LabClient(client: GRPCClient(transport: transport))
    }

    /// Asks a backend for its name.
    public func whoAmI() async throws -> String {
        try await client.unary(
            request: ClientRequest(message: ""), descriptor: WhoAmI.method,
            serializer: UTF8Serializer(), deserializer: UTF8Deserializer(), options: .defaults
        ) { try $0.message }
    }

    /// Makes `calls` calls one after another and counts who answered them (and which failed).
    public func tally(calls: Int) async -> Tally {
        var tally = Tally()
        for _ in 0..<calls {
            do { tally.record(answer: try await whoAmI()) } catch { tally.recordFailure(error) }
        }
        return tally
    }

    /// Calls until `condition` holds for the tally of the last `window` calls, or `limit` runs out.
    /// Returns whether it held. Failed calls are retried after a short pause; nothing here asserts on time.
    public func callUntil(window: Int, limit: Duration = .seconds(30),
                          _ condition: (Tally) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + limit
        var recent: [String] = []
        while ContinuousClock.now < deadline {
            guard let answer = try? await whoAmI() else {
                try? await Task.sleep(for: .milliseconds(10))
                continue
            }
            recent.append(answer)
            if recent.count > window { recent.removeFirst() }
            if recent.count == window, condition(Tally(answers: recent)) { return true }
        }
        return false
    }

    /// Calls until the last calls were answered by exactly `backends` (for round_robin: each once in a row of
    /// `backends.count` calls), so that every subchannel the policy will use is connected.
    @discardableResult
    public func waitUntilAnswering(_ backends: [Backend], limit: Duration = .seconds(30)) async -> Bool {
        let names = Set(backends.map(\.name))
        return await callUntil(window: names.count, limit: limit) { Set($0.counts.keys) == names }
    }

    /// Lets in-flight calls finish, closes the connections and waits until the client has stopped.
    public func close() async {
        client.beginGracefulShutdown()
        _ = await running.result
    }
}

/// Who answered a run of calls.
public struct Tally: Sendable, Equatable {
    public private(set) var counts: [String: Int] = [:]
    public private(set) var failures: [String: Int] = [:]

    public init() {}

    init(answers: [String]) {
        for answer in answers { record(answer: answer) }
    }

    mutating func record(answer: String) { counts[answer, default: 0] += 1 }

    mutating func recordFailure(_ error: any Error) {
        let code = (error as? RPCError).map { "\($0.code)" } ?? "\(type(of: error))"
        failures[code, default: 0] += 1
    }

    /// Calls answered by `backend` (0 when it answered none).
    public subscript(backend: Backend) -> Int { counts[backend.name, default: 0] }

    public var answered: Int { counts.values.reduce(0, +) }
    public var failed: Int { failures.values.reduce(0, +) }
}

extension ServiceConfig {
    /// A service config from its JSON form (gRFC A2's format, as in a `_grpc_config` TXT record).
    static func fromJSON(_ json: String) throws -> ServiceConfig {
        try JSONDecoder().decode(ServiceConfig.self, from: Data(json.utf8))
    }
}
