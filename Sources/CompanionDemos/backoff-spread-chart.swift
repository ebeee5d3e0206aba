// Demo `backoff-spread-chart`: 1,000 clients fail at the same instant and schedule their fourth retry (ceiling
// 800 ms). When does each retry arrive? Without jitter, all at once; with full jitter (`Backoff.delay`), spread
// evenly below the ceiling; with "equal jitter" (half the ceiling plus a random half), in its upper half. A fixed
// seed keeps the counts the same on every run; printed as a Mermaid bar chart.
import Companion

func backoffSpreadChart() {
    let backoff = Backoff(base: .milliseconds(100), cap: .seconds(5))
    let attempt = 4, clients = 1000, bucket = 100
    let ceiling = milliseconds(backoff.ceiling(forAttempt: attempt))
    let buckets = Int(ceiling) / bucket
    var random = SeededGenerator(seed: 7)
    var none = [Int](repeating: 0, count: buckets)
    var full = none, equal = none
    func slot(_ delay: Int64) -> Int { min(Int(delay) / bucket, buckets - 1) }
    for _ in 0..<clients {
        none[slot(ceiling)] += 1
        full[slot(milliseconds(backoff.delay(forAttempt: attempt, using: &random)))] += 1
        equal[slot(ceiling / 2 + Int64.random(in: 0...(ceiling / 2), using: &random))] += 1
    }
    // The last bucket holds the ceiling itself: every un-jittered retry waits exactly that long.
    let labels = (0..<buckets).map { "\"\($0 * bucket)-\($0 == buckets - 1 ? Int(ceiling) : $0 * bucket + bucket - 1)\"" }
    print("xychart-beta")
    print("    title \"When 1,000 simultaneous 4th retries arrive\"")
    print("    x-axis \"Delay after the failure (ms)\" [\(labels.joined(separator: ", "))]")
    print("    y-axis \"Retries\"")
    for (name, counts) in [("no jitter", none), ("equal jitter", equal), ("full jitter", full)] {
        print("    bar \"\(name)\" [\(counts.map(String.init).joined(separator: ", "))]")
    }
}

private func milliseconds(_ duration: Duration) -> Int64 {
    duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
}

// snippet.hide
// Output:
// xychart-beta
//     title "When 1,000 simultaneous 4th retries arrive"
//     x-axis "Delay after the failure (ms)" ["0-99", "100-199", "200-299", "300-399", "400-499", "500-599", "600-699", "700-800"]
//     y-axis "Retries"
//     bar "no jitter" [0, 0, 0, 0, 0, 0, 0, 1000]
//     bar "equal jitter" [0, 0, 0, 0, 257, 268, 234, 241]
//     bar "full jitter" [135, 128, 120, 133, 107, 132, 135, 110]
// snippet.show
