// Demo `grpc-policies`: 1,000 calls from a new client to four real backends, once per load-balancing setup.
// Every client first calls until all the backends its policy will use have answered, so the counts below are
// the policy's steady state and the same on every run.
import Companion

func grpcPolicies() async throws {
    try await withBackends(4) { backends in
        print(leftAligned("1000 calls per client", width: 30) + header(backends))

        let perAddress = LabDNS(shape: .endpointPerAddress)  // like grpc-go's DNS resolver
        perAddress.setRecords(backends)
        try await measure("pick_first", perAddress, LabServiceConfig.pickFirst, reaching: [backends[0]])
        try await measure("round_robin", perAddress, LabServiceConfig.roundRobin, reaching: backends)

        let oneEndpoint = LabDNS(shape: .oneEndpoint)  // like grpc-swift's own DNS resolver
        oneEndpoint.setRecords(backends)
        try await measure("round_robin, one endpoint", oneEndpoint, LabServiceConfig.roundRobin,
                          reaching: [backends[0]])

        let withTXT = LabDNS(shape: .endpointPerAddress)
        withTXT.setRecords(backends)
        withTXT.setServiceConfigRecord(LabServiceConfig.roundRobin)  // a _grpc_config TXT record
        try await measure("pick_first + TXT round_robin", withTXT, LabServiceConfig.pickFirst, reaching: backends)

        func measure(_ label: String, _ dns: LabDNS, _ serviceConfig: String, reaching: [Backend]) async throws {
            let tally = try await withClient(of: dns, serviceConfig: serviceConfig) { client in
                guard await client.waitUntilAnswering(reaching) else {
                    throw LabError("\(label): the client never reached \(reaching.map(\.name))")
                }
                return await client.tally(calls: 1000)
            }
            print(leftAligned(label, width: 30) + tally.row(backends) + (tally.failed > 0 ? "  failed: \(tally.failed)" : ""))
        }
    }
}

// snippet.hide
// Output:
// 1000 calls per client           backend-1  backend-2  backend-3  backend-4
// pick_first                           1000          0          0          0
// round_robin                           250        250        250        250
// round_robin, one endpoint            1000          0          0          0
// pick_first + TXT round_robin          250        250        250        250
// snippet.show
