// The claims the gRPC load-balancing articles make, checked against real gRPC servers and clients on loopback.
// No assertion depends on the machine being fast: waits are polls on a condition with generous limits, and the one
// fixed pause (in GRPCBackendTests) can only make a wrong backend pass, never a right one fail.
import GRPCCore
import GRPCNIOTransportHTTP2Posix
import Synchronization
import Testing
@testable import Companion

@Suite(.serialized) struct GRPCPolicyTests {
    @Test func pickFirstSendsEveryCallToTheFirstAddress() async throws {
        try await withBackends(3) { backends in
            let dns = LabDNS()
            dns.setRecords(backends)
            let tally = try await withClient(of: dns, serviceConfig: LabServiceConfig.pickFirst) { client in
                #expect(await client.waitUntilAnswering([backends[0]]))
                return await client.tally(calls: 1000)
            }
            #expect(tally.counts == ["backend-1": 1000])
            #expect(tally.failed == 0)
        }
    }

    @Test func roundRobinSpreadsCallsEvenlyOverEveryAddress() async throws {
        try await withBackends(3) { backends in
            let dns = LabDNS()
            dns.setRecords(backends)
            let tally = try await withClient(of: dns, serviceConfig: LabServiceConfig.roundRobin) { client in
                #expect(await client.waitUntilAnswering(backends))
                return await client.tally(calls: 1000)
            }
            // 1000 calls over 3 ready subchannels in turn: one backend gets the extra call.
            #expect(tally.counts.values.sorted() == [333, 333, 334], "\(tally.counts)")
            #expect(tally.failed == 0)
            // The server side agrees: each backend saw one connection from the one client.
            #expect(backends.map(\.connectionsServed) == [1, 1, 1])
        }
    }

    @Test func roundRobinOverOneEndpointWithManyAddressesUsesOneBackend() async throws {
        // grpc-swift's own DNS resolver answers this way: one endpoint listing every address.
        try await withBackends(3) { backends in
            let dns = LabDNS(shape: .oneEndpoint)
            dns.setRecords(backends)
            let tally = try await withClient(of: dns, serviceConfig: LabServiceConfig.roundRobin) { client in
                #expect(await client.waitUntilAnswering([backends[0]]))
                return await client.tally(calls: 1000)
            }
            #expect(tally.counts == ["backend-1": 1000])
        }
    }

    @Test func aServiceConfigFromDNSBeatsTheClientsDefault() async throws {
        try await withBackends(2) { backends in
            let dns = LabDNS()
            dns.setRecords(backends)
            dns.setServiceConfigRecord(LabServiceConfig.roundRobin)
            let tally = try await withClient(of: dns, serviceConfig: LabServiceConfig.pickFirst) { client in
                #expect(await client.waitUntilAnswering(backends))
                return await client.tally(calls: 1000)
            }
            #expect(tally.counts == ["backend-1": 500, "backend-2": 500])
        }
    }
}

@Suite(.serialized) struct GRPCReResolutionTests {
    @Test func aBackendAddedToDNSGetsNoCallsUntilTheClientResolvesAgain() async throws {
        try await withBackends(3) { backends in
            let (b1, b2, b3) = (backends[0], backends[1], backends[2])
            let dns = LabDNS()
            dns.setRecords([b1, b2])
            try await withClient(of: dns, serviceConfig: LabServiceConfig.roundRobin) { client in
                #expect(await client.waitUntilAnswering([b1, b2]))

                dns.setRecords([b1, b2, b3])
                let before = await client.tally(calls: 1000)
                #expect(before[b3] == 0)
                #expect(before.counts == ["backend-1": 500, "backend-2": 500])
                #expect(dns.resolutions == 1, "nothing asked the resolver again")

                // backend-1 leaves DNS and stops gracefully: its GOAWAY makes the client resolve again.
                dns.setRecords([b2, b3])
                await b1.stop()
                #expect(await client.waitUntilAnswering([b2, b3]))
                #expect(dns.resolutions >= 2)
                let after = await client.tally(calls: 1000)
                #expect(after.counts == ["backend-2": 500, "backend-3": 500])
                #expect(after.failed == 0)
            }
        }
    }

    @Test func roundRobinKeepsServingWhenABackendStopsButStaysInDNS() async throws {
        try await withBackends(3) { backends in
            let (b1, b2, b3) = (backends[0], backends[1], backends[2])
            let dns = LabDNS()
            dns.setRecords(backends)
            try await withClient(of: dns, serviceConfig: LabServiceConfig.roundRobin) { client in
                #expect(await client.waitUntilAnswering(backends))
                await b2.stop()  // DNS still lists it, as a stale record would
                #expect(await client.waitUntilAnswering([b1, b3]))
                let after = await client.tally(calls: 1000)
                #expect(after.counts == ["backend-1": 500, "backend-3": 500])
                #expect(after.failed == 0)
            }
        }
    }

    @Test func pickFirstFailsOverToTheNextAddressOfItsEndpoint() async throws {
        try await withBackends(3) { backends in
            let dns = LabDNS(shape: .oneEndpoint)
            dns.setRecords(backends)
            try await withClient(of: dns, serviceConfig: LabServiceConfig.pickFirst) { client in
                #expect(await client.waitUntilAnswering([backends[0]]))
                await backends[0].stop()
                #expect(await client.waitUntilAnswering([backends[1]]))
                let after = await client.tally(calls: 1000)
                #expect(after.counts == ["backend-2": 1000])
                #expect(after.failed == 0)
            }
        }
    }
}

extension GRPCReResolutionTests {
    @Test func grpcSwiftsPickFirstUsesOnlyTheFirstEndpoint() async throws {
        // With one endpoint per address, grpc-swift's pick_first is given the first endpoint only: when that
        // backend stops, calls fail instead of moving on to backend-2 (grpc-go's pick_first would move on).
        try await withBackends(2) { backends in
            let dns = LabDNS(shape: .endpointPerAddress)
            dns.setRecords(backends)
            try await withClient(of: dns, serviceConfig: LabServiceConfig.pickFirst) { client in
                #expect(await client.waitUntilAnswering([backends[0]]))
                await backends[0].stop()
                let after = await client.tally(calls: 200)
                #expect(after.answered == 0, "\(after.counts)")
                #expect(after.failures.keys.sorted() == ["unavailable"], "\(after.failures)")
                #expect(dns.resolutions >= 2, "the GOAWAY did make it look again")
            }
        }
    }
}

extension GRPCReResolutionTests {
    @Test func shuffleAddressListSpreadsClientsOnlyWhenTheAddressesShareAnEndpoint() async throws {
        // grpc-swift shuffles the addresses of the first endpoint (GRPCChannel.swift), and its pick_first
        // uses that endpoint only: with one endpoint per address the shuffle changes nothing.
        try await withBackends(4) { backends in
            let perAddress = LabDNS(shape: .endpointPerAddress)
            perAddress.setRecords(backends)
            let unshuffled = try await firstAnswers(clients: 20, of: perAddress, serviceConfig: LabServiceConfig.pickFirst)
            #expect(unshuffled[backends[0]] == 20, "\(unshuffled.counts)")
            let shuffledApart = try await firstAnswers(
                clients: 20, of: perAddress, serviceConfig: LabServiceConfig.pickFirstShuffled)
            #expect(shuffledApart[backends[0]] == 20, "\(shuffledApart.counts)")

            let oneEndpoint = LabDNS(shape: .oneEndpoint)
            oneEndpoint.setRecords(backends)
            let shuffled = try await firstAnswers(
                clients: 40, of: oneEndpoint, serviceConfig: LabServiceConfig.pickFirstShuffled)
            // Forty independent shuffles all starting with the same address: (1/4)^39, never in practice.
            #expect(shuffled.counts.count >= 2, "\(shuffled.counts)")
            #expect(shuffled.answered == 40)
        }
    }
}

@Suite(.serialized) struct GRPCConnectionAgeTests {
    @Test func aMaxConnectionAgeMakesClientsFindANewBackend() async throws {
        try await withBackends(3) { plain in
            try await withBackends(3, maxConnectionAge: .seconds(1)) { aging in
                let plainDNS = LabDNS(), agingDNS = LabDNS()
                plainDNS.setRecords(Array(plain[0...1]))
                agingDNS.setRecords(Array(aging[0...1]))
                try await withClient(of: plainDNS, serviceConfig: LabServiceConfig.roundRobin) { plainClient in
                    try await withClient(of: agingDNS, serviceConfig: LabServiceConfig.roundRobin) { agingClient in
                        #expect(await plainClient.waitUntilAnswering(Array(plain[0...1])))
                        #expect(await agingClient.waitUntilAnswering(Array(aging[0...1])))
                        plainDNS.setRecords(plain)
                        agingDNS.setRecords(aging)

                        // The aging fleet's connections get GOAWAY at 1 s; the client re-resolves and reconnects.
                        #expect(await agingClient.waitUntilAnswering(aging))
                        #expect(agingDNS.resolutions >= 2)
                        // The connection that reached its age is replaced: its backend serves a second one.
                        #expect(await agingClient.callUntil(window: 1) { _ in
                            aging[0].connectionsServed + aging[1].connectionsServed > 2
                        })
                        let afterAging = await agingClient.tally(calls: 999)
                        // Connections keep being recycled during the count, so the shares are not exact.
                        #expect(afterAging[aging[2]] >= 150, "\(afterAging.counts)")

                        // Meanwhile the plain fleet's client has not looked again.
                        let plainTally = await plainClient.tally(calls: 1000)
                        #expect(plainTally.counts == ["backend-1": 500, "backend-2": 500])
                        #expect(plainDNS.resolutions == 1)
                        #expect(plain.map(\.connectionsServed) == [1, 1, 0])
                    }
                }
            }
        }
    }
}

/// The lab's backends are unary servers: they answer once the whole request has arrived, never on its headers
/// alone. An answer that overtook the request would let the client close the stream while its own write of the
/// message was still on the way, which grpc-swift-nio-transport 2.9.2 stops a debug build for.
@Suite struct GRPCBackendTests {
    @Test func aBackendAnswersOnlyAfterTheRequestMessageHasArrived() async throws {
        try await withBackends(1) { backends in
            let dns = LabDNS()
            dns.setRecords(backends)
            let gate = AsyncStream.makeStream(of: Void.self)
            let client = GRPCClient(
                transport: try HTTP2ClientTransport.Posix(
                    target: dns.target, transportSecurity: .plaintext, resolverRegistry: LabDNS.resolvers),
                interceptors: [HoldMessageUntil(gate: gate.stream)])
            let connections = Task { try await client.runConnections() }
            let answered = Answered()
            let call = Task {
                let answer = try await client.unary(
                    request: ClientRequest(message: ""), descriptor: WhoAmI.method,
                    serializer: UTF8Serializer(), deserializer: UTF8Deserializer(), options: .defaults
                ) { try $0.message }
                answered.set()
                return answer
            }
            // The headers are sent and the message is held back: no answer may come, however long we wait.
            // (A backend that answered on the headers alone did so within milliseconds here.)
            try await Task.sleep(for: .milliseconds(300))
            #expect(!answered.value, "the backend answered before the request message arrived")
            #expect(backends[0].callsServed == 0)

            gate.continuation.finish()
            #expect(try await call.value == "backend-1")
            #expect(backends[0].callsServed == 1)
            client.beginGracefulShutdown()
            _ = await connections.result
        }
    }

    private final class Answered: Sendable {
        private let state = Mutex(false)
        func set() { state.withLock { $0 = true } }
        var value: Bool { state.withLock { $0 } }
    }
}

/// Holds every request's messages back until `gate` finishes; the request headers go out at once.
private struct HoldMessageUntil: ClientInterceptor {
    let gate: AsyncStream<Void>

    func intercept<Input: Sendable, Output: Sendable>(
        request: StreamingClientRequest<Input>, context: ClientContext,
        next: (StreamingClientRequest<Input>, ClientContext) async throws -> StreamingClientResponse<Output>
    ) async throws -> StreamingClientResponse<Output> {
        var request = request
        let produce = request.producer
        let gate = self.gate
        request.producer = { writer in
            for await _ in gate {}
            try await produce(writer)
        }
        return try await next(request, context)
    }
}
