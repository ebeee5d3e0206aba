// Demo `grpc-connection-age`: two fleets, identical except that one closes client connections at a maximum age.
// Both get a third backend in DNS while a round_robin client is connected; only the client whose connections
// age out resolves again and reaches it. The demo checks each sentence before printing it.
import Companion

func grpcConnectionAge() async throws {
    try await withBackends(3) { plain in
        try await withBackends(3, maxConnectionAge: .seconds(1)) { aging in
            let plainDNS = LabDNS(), agingDNS = LabDNS()
            plainDNS.setRecords(Array(plain[0...1]))
            agingDNS.setRecords(Array(aging[0...1]))
            try await withClient(of: plainDNS, serviceConfig: LabServiceConfig.roundRobin) { plainClient in
                try await withClient(of: agingDNS, serviceConfig: LabServiceConfig.roundRobin) { agingClient in
                    guard await plainClient.waitUntilAnswering(Array(plain[0...1])),
                          await agingClient.waitUntilAnswering(Array(aging[0...1])) else {
                        throw LabError("the clients never reached backend-1 and backend-2")
                    }
                    print("Both clients call backend-1 and backend-2; backend-3 is added to both DNS answers.")
                    plainDNS.setRecords(plain)
                    agingDNS.setRecords(aging)

                    guard await agingClient.waitUntilAnswering(aging) else {
                        throw LabError("the client of the aging fleet never reached backend-3")
                    }
                    // The connection that reached its age is replaced: its backend serves a second one.
                    let reconnected = await agingClient.callUntil(window: 1) { _ in
                        aging[0].connectionsServed + aging[1].connectionsServed > 2
                    }
                    guard reconnected, agingDNS.resolutions >= 2 else {
                        throw LabError("backend-3 was reached without a reconnection")
                    }
                    print("max connection age 1s: a GOAWAY made the client resolve again; backend-3 answers")

                    let plainTally = await plainClient.tally(calls: 1000)
                    guard plainTally[plain[2]] == 0, plainDNS.resolutions == 1 else {
                        throw LabError("the plain fleet's client reached backend-3: \(plainTally)")
                    }
                    print("no max connection age: backend-3 answered 0 of the next 1000 calls; 1 resolution")
                }
            }
        }
    }
}

// snippet.hide
// Output:
// Both clients call backend-1 and backend-2; backend-3 is added to both DNS answers.
// max connection age 1s: a GOAWAY made the client resolve again; backend-3 answers
// no max connection age: backend-3 answered 0 of the next 1000 calls; 1 resolution
// snippet.show
