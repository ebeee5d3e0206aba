// A stand-in for DNS that a test can change while clients run, and the name resolver that reads it. The
// resolver works like gRPC's DNS resolver: it answers when the channel asks (at start, and when a connection
// is lost or told to go away), never on its own and never because a TTL ran out.
import GRPCCore
import GRPCNIOTransportHTTP2Posix
import Synchronization

/// The A records (and optionally a `_grpc_config` TXT record) of one service name, and how often clients
/// resolved it.
public final class LabDNS: Sendable {
    /// How the resolver turns the records into endpoints.
    public enum AnswerShape: Sendable {
        /// One endpoint per address, as grpc-go's DNS resolver answers: round_robin balances over all of them.
        case endpointPerAddress
        /// One endpoint holding every address, as grpc-swift's own DNS resolver answers: a client connects
        /// to the first address that works, whatever the policy.
        case oneEndpoint
    }

    private struct Zone {
        var addresses: [SocketAddress] = []
        var serviceConfigRecord: String?
        var resolutions = 0
    }

    public let shape: AnswerShape
    private let zone = Mutex(Zone())

    public init(shape: AnswerShape = .endpointPerAddress) {
        self.shape = shape
    }

    /// Replaces the A records with the backends' addresses, in this order.
    public func setRecords(_ backends: [Backend]) {
        zone.withLock { $0.addresses = backends.map(\.address) }
    }

    /// Sets (or with nil removes) the JSON of a `_grpc_config` TXT record: a service config from the resolver.
    public func setServiceConfigRecord(_ json: String?) {
        zone.withLock { $0.serviceConfigRecord = json }
    }

    /// How many times clients have resolved the name so far.
    public var resolutions: Int { zone.withLock { $0.resolutions } }

    /// The target a client dials to resolve through this DNS.
    public var target: Target { Target(dns: self) }

    /// A resolver registry that knows this kind of target.
    public static var resolvers: NameResolverRegistry {
        var registry = NameResolverRegistry()
        registry.registerFactory(ResolverFactory())
        return registry
    }

    public struct Target: ResolvableTarget, Sendable {
        let dns: LabDNS
    }

    // snippet.resolver
    /// One lookup: the records as they are now. The channel pulls an answer
    /// when it starts and whenever it wants to re-resolve, never on a timer.
    func lookUp() throws -> NameResolutionResult {
        let (addresses, txt) = zone.withLock { zone in
            zone.resolutions += 1
            return (zone.addresses, zone.serviceConfigRecord)
        }
        let endpoints = switch shape {
        case .endpointPerAddress: addresses.map { Endpoint(addresses: [$0]) }
        case .oneEndpoint: [Endpoint(addresses: addresses)]
        }
        // A service config from DNS takes precedence over the client's default.
        let config = try txt.map { json in
            Result<ServiceConfig, RPCError>.success(try .fromJSON(json))
        }
        return NameResolutionResult(endpoints: endpoints, serviceConfig: config)
    }

    struct ResolverFactory: NameResolverFactory {
        func resolver(for target: Target) -> NameResolver {
            let lookups = RPCAsyncSequence(wrapping: Lookups(dns: target.dns))
            return NameResolver(names: lookups, updateMode: .pull)
        }
    }
    // snippet.end

    /// An endless sequence of lookups: each `next()` is one resolution.
    struct Lookups: AsyncSequence, Sendable {
        let dns: LabDNS

        struct AsyncIterator: AsyncIteratorProtocol {
            let dns: LabDNS
            func next() async throws -> NameResolutionResult? { try dns.lookUp() }
        }

        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(dns: dns) }
    }
}
