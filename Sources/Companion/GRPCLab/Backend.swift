// A real gRPC server on a free loopback port that answers with its name: one "pod" of the lab.
import GRPCCore
import GRPCNIOTransportHTTP2Posix
import Synchronization

/// One backend: a `GRPCServer` over HTTP/2 on 127.0.0.1, started with `start` and stopped with `stop`.
public final class Backend: Sendable {
    public let name: String
    public let port: Int
    private let server: GRPCServer<HTTP2ServerTransport.Posix>
    private let serving: Task<Void, any Error>
    private let ledger: Ledger

    private init(name: String, port: Int, server: GRPCServer<HTTP2ServerTransport.Posix>,
                 serving: Task<Void, any Error>, ledger: Ledger) {
        self.name = name
        self.port = port
        self.server = server
        self.serving = serving
        self.ledger = ledger
    }

    /// Starts a backend. With a `maxConnectionAge`, the server sends every client connection a GOAWAY once it
    /// is that old, as `MaxConnectionAge` does in grpc-go.
    public static func start(name: String, maxConnectionAge: Duration? = nil) async throws -> Backend {
        // snippet.max-age
        var config = HTTP2ServerTransport.Posix.Config.defaults
        // GOAWAY once a connection is this old (nil: never) ...
        config.connection.maxAge = maxConnectionAge
        // ... then at most this long for its RPCs to finish.
        config.connection.maxGraceTime = .seconds(5)
        let transport = HTTP2ServerTransport.Posix(
            address: .ipv4(host: "127.0.0.1", port: 0),
            transportSecurity: .plaintext, config: config)
        // snippet.end
        let ledger = Ledger()
        let server = GRPCServer(transport: transport, services: [WhoAmIService(name: name, ledger: ledger)])
        let serving = Task { try await server.serve() }
        do {
            guard let address = try await server.listeningAddress?.ipv4 else {
                throw RPCError(code: .internalError, message: "\(name) is not listening on IPv4")
            }
            return Backend(name: name, port: address.port, server: server, serving: serving, ledger: ledger)
        } catch {
            server.beginGracefulShutdown()
            serving.cancel()
            throw error
        }
    }

    /// The address a DNS record for this backend holds.
    public var address: SocketAddress { .ipv4(host: "127.0.0.1", port: port) }

    /// How many calls this backend has answered.
    public var callsServed: Int { ledger.snapshot.calls }

    /// How many different client connections have made calls to this backend.
    public var connectionsServed: Int { ledger.snapshot.peers.count }

    /// Stops accepting connections, sends GOAWAY on the open ones, lets their RPCs finish and returns once the
    /// server has stopped: what a pod does with SIGTERM and a graceful stop.
    public func stop() async {
        server.beginGracefulShutdown()
        // The server was asked to stop; how its listener ended (it can report a cancellation while it winds
        // down) does not change that it has stopped.
        _ = await serving.result
    }

    /// Counts what a backend served. A `Mutex` because handlers run concurrently.
    final class Ledger: Sendable {
        struct Snapshot { var calls = 0; var peers: Set<String> = [] }
        private let state = Mutex(Snapshot())

        func served(peer: String) {
            state.withLock { $0.calls += 1; $0.peers.insert(peer) }
        }

        var snapshot: Snapshot { state.withLock { $0 } }
    }
}
