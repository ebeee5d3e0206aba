// How long to wait before trying a request again: exponential backoff, capped, with full jitter (a random wait
// between zero and the capped exponential), and never less than the server's Retry-After.

public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included.
    public var maxAttempts = 5
    public var baseDelay = 0.5
    /// No backoff wait is longer than this.
    public var maxDelay = 8.0
    /// A Retry-After longer than this is not waited for: the request fails and the rerun finishes the job.
    public var maxRetryAfter = 120.0

    public init() {}

    /// Seconds to wait after failed attempt number `attempt` (1-based); nil when the wait would be too long.
    func delay(afterAttempt attempt: Int, retryAfter: Double?, random: (ClosedRange<Double>) -> Double) -> Double? {
        let exponential = min(maxDelay, baseDelay * Double(1 << min(attempt - 1, 20)))
        let jittered = random(0...exponential)
        guard let retryAfter else { return jittered }
        guard retryAfter <= maxRetryAfter else { return nil }
        return max(retryAfter, jittered)
    }
}
