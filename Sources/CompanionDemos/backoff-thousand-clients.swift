// Demo `backoff-thousand-clients`: 1,000 clients fail at the same moment, with a 100 ms base and a 5 s cap.
// It prints a Mermaid xychart-beta chart of when their 5th retry (ceiling 1.6 s) reaches the server, per
// 100 ms, without jitter and with full jitter; then, as a `%%` comment, the busiest 100 ms over all five
// retries. A fixed seed makes the output the same on every run.
import Companion

func backoffThousandClients() {
    let backoff = Backoff(base: .milliseconds(100), cap: .seconds(5))
    let bin = Duration.milliseconds(100)
    var random = SeededGenerator(seed: 7)
    let plain = backoff.retryArrivals(clients: 1000, attempts: 5...5, jitter: false, bin: bin, using: &random)
    let jittered = backoff.retryArrivals(clients: 1000, attempts: 5...5, jitter: true, bin: bin, using: &random)
    let labels = plain.indices.map { "\"\($0 / 10).\($0 % 10)\"" }
    print("xychart-beta")
    print("    title \"1,000 clients, their 5th retry: arrivals per 100 ms\"")
    print("    x-axis \"seconds after the 4th failure\" [\(labels.joined(separator: ", "))]")
    print("    y-axis \"retries arriving\"")
    print("    bar \"no jitter\" [\(plain.map(String.init).joined(separator: ", "))]")
    print("    line \"full jitter\" [\(jittered.map(String.init).joined(separator: ", "))]")
    print("    %% bars: no jitter, peak \(plain.max() ?? 0); line: full jitter, peak \(jittered.max() ?? 0)")
    let allFive = backoff.retryArrivals(clients: 1000, attempts: 1...5, jitter: true, bin: bin, using: &random)
    print("    %% all five retries with full jitter: busiest 100 ms \(allFive.max() ?? 0), "
          + "in the bin from \(Double(allFive.firstIndex(of: allFive.max() ?? 0) ?? 0) / 10) s")
}

// snippet.hide
// Output:
// xychart-beta
//     title "1,000 clients, their 5th retry: arrivals per 100 ms"
//     x-axis "seconds after the 4th failure" ["0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1.0", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6"]
//     y-axis "retries arriving"
//     bar "no jitter" [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1000]
//     line "full jitter" [58, 62, 78, 54, 71, 70, 69, 63, 58, 63, 57, 60, 61, 60, 51, 65, 0]
//     %% bars: no jitter, peak 1000; line: full jitter, peak 78
//     %% all five retries with full jitter: busiest 100 ms 1281, in the bin from 0.0 s
// snippet.show
