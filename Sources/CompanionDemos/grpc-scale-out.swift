// Demo `grpc-scale-out`: a round_robin client does not see a backend added to DNS until something makes it
// resolve the name again; here, another backend going away (GOAWAY on graceful stop).
import Companion

func grpcScaleOut() async throws {
    try await withBackends(3) { backends in
        let (b1, b2, b3) = (backends[0], backends[1], backends[2])
        let dns = LabDNS()
        dns.setRecords([b1, b2])
        try await withClient(of: dns, serviceConfig: LabServiceConfig.roundRobin) { client in
            func report(_ step: String) async {
                let tally = await client.tally(calls: 1000)
                let failed = tally.failed > 0 ? "  failed: \(tally.failed)" : ""
                let resolutions = String(dns.resolutions)
                print(leftAligned(step, width: 33) + tally.row(backends)
                      + String(repeating: " ", count: 13 - resolutions.count) + resolutions + failed)
            }
            print(leftAligned("1000 calls after …", width: 33) + header(backends) + "  resolutions")

            try await settle(client, [b1, b2])
            await report("DNS answers backend-1, backend-2")

            dns.setRecords([b1, b2, b3])  // scale out: backend-3 is in DNS from now on
            await report("backend-3 added to DNS")

            dns.setRecords([b2, b3])      // scale in: backend-1 leaves DNS, then stops with a GOAWAY
            await b1.stop()
            try await settle(client, [b2, b3])
            await report("backend-1 stopped")
        }
    }

    func settle(_ client: LabClient, _ expected: [Backend]) async throws {
        guard await client.waitUntilAnswering(expected) else {
            throw LabError("the client never reached \(expected.map(\.name))")
        }
    }
}

// snippet.hide
// Output:
// 1000 calls after …                 backend-1  backend-2  backend-3  resolutions
// DNS answers backend-1, backend-2         500        500          0            1
// backend-3 added to DNS                   500        500          0            1
// backend-1 stopped                          0        500        500            2
// snippet.show
