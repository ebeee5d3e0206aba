// Demo `grpc-policies-chart`: the first two rows of `grpc-policies` (1,000 calls from a new client to four
// backends, under pick_first and round_robin) printed as a Mermaid bar chart for the article's figure.
import Companion

func grpcPoliciesChart() async throws {
    try await withBackends(4) { backends in
        let dns = LabDNS(shape: .endpointPerAddress)
        dns.setRecords(backends)
        var series: [String] = []
        for (label, serviceConfig, reaching) in [("pick_first", LabServiceConfig.pickFirst, [backends[0]]),
                                                 ("round_robin", LabServiceConfig.roundRobin, backends)] {
            let tally = try await withClient(of: dns, serviceConfig: serviceConfig) { client in
                guard await client.waitUntilAnswering(reaching) else {
                    throw LabError("\(label): the client never reached \(reaching.map(\.name))")
                }
                return await client.tally(calls: 1000)
            }
            series.append("    bar \"\(label)\" [\(backends.map { String(tally[$0]) }.joined(separator: ", "))]")
        }
        print("xychart-beta")
        print("    title \"1,000 calls from one client\"")
        print("    x-axis \"Backend\" [\(backends.map(\.name).joined(separator: ", "))]")
        print("    y-axis \"Calls answered\" 0 --> 1000")
        for line in series { print(line) }
    }
}

// snippet.hide
// Output:
// xychart-beta
//     title "1,000 calls from one client"
//     x-axis "Backend" [backend-1, backend-2, backend-3, backend-4]
//     y-axis "Calls answered" 0 --> 1000
//     bar "pick_first" [1000, 0, 0, 0]
//     bar "round_robin" [250, 250, 250, 250]
// snippet.show
