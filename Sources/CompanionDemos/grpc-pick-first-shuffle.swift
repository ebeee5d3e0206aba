// Demo `grpc-pick-first-shuffle`: 40 separate clients, each its own channel, under pick_first with and
// without `shuffleAddressList`, over both shapes of DNS answer the lab's resolver gives. It prints how many
// of the four backends the clients ended up on, and where most of them went. Which backend a shuffled
// client picks is random, so the demo prints only what does not change from run to run.
import Companion

func grpcPickFirstShuffle() async throws {
    try await withBackends(4) { backends in
        print(leftAligned("40 clients, pick_first", width: 44) + "backends used")
        try await measure("no shuffle, an endpoint per address", .endpointPerAddress, LabServiceConfig.pickFirst)
        try await measure("shuffleAddressList, an endpoint per address", .endpointPerAddress,
                          LabServiceConfig.pickFirstShuffled)
        try await measure("shuffleAddressList, one endpoint", .oneEndpoint, LabServiceConfig.pickFirstShuffled)

        func measure(_ label: String, _ shape: LabDNS.AnswerShape, _ serviceConfig: String) async throws {
            let dns = LabDNS(shape: shape)
            dns.setRecords(backends)
            let tally = try await firstAnswers(clients: 40, of: dns, serviceConfig: serviceConfig)
            let used = backends.filter { tally[$0] > 0 }
            let detail = used.count == 1 ? " (all on \(used[0].name))" : " (none has all 40)"
            print(leftAligned(label, width: 44) + "\(used.count) of 4" + detail)
        }
    }
}

// snippet.hide
// Output:
// 40 clients, pick_first                      backends used
// no shuffle, an endpoint per address         1 of 4 (all on backend-1)
// shuffleAddressList, an endpoint per address 1 of 4 (all on backend-1)
// shuffleAddressList, one endpoint            4 of 4 (none has all 40)
// snippet.show
