// A thousand clients retrying together: when their retries reach the server, with and without jitter. The
// full-jitter post charts it, and BackoffTests pins what the chart shows.

extension Backoff {
    // snippet.retry-arrivals
    /// Every client failed at the same moment, just before retry
    /// `attempts.lowerBound`, and each retry in `attempts` fails again.
    /// Returns how many retries arrive in each `bin` of time since then.
    /// With `jitter` false every client waits exactly the ceiling, so all
    /// of them come back in the same instant, attempt after attempt.
    public func retryArrivals(
        clients: Int, attempts: ClosedRange<Int>, jitter: Bool, bin: Duration,
        using random: inout some RandomNumberGenerator
    ) -> [Int] {
        let span = attempts.reduce(Duration.zero) { $0 + ceiling(forAttempt: $1) }
        var arrivals = Array(repeating: 0, count: Int(span / bin) + 1)
        for _ in 0..<clients {
            var now = Duration.zero
            for attempt in attempts {
                now += jitter
                    ? delay(forAttempt: attempt, using: &random)
                    : ceiling(forAttempt: attempt)
                arrivals[min(Int(now / bin), arrivals.count - 1)] += 1
            }
        }
        return arrivals
    }
    // snippet.end
}
