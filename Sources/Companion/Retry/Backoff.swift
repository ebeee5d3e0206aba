// Retry delays for transient failures: capped exponential backoff with "full jitter", the variant the AWS
// Architecture Blog measured as spreading retries best ("Exponential Backoff And Jitter", 2015).

/// How long to wait before each retry of an operation that failed transiently.
public struct Backoff: Sendable, Equatable {
    /// Delay ceiling for the first retry.
    public var base: Duration
    /// No retry waits longer than this, however many attempts came before.
    public var cap: Duration

    public init(base: Duration, cap: Duration) {
        precondition(base > .zero && cap >= base, "need 0 < base <= cap")
        self.base = base
        self.cap = cap
    }

    // snippet.full-jitter
    /// The ceiling for retry `attempt` (1 for the first retry):
    /// `base * 2^(attempt-1)`, but never more than `cap`.
    public func ceiling(forAttempt attempt: Int) -> Duration {
        precondition(attempt >= 1, "attempts count from 1")
        var ceiling = base
        for _ in 1..<attempt {
            ceiling *= 2  // stops at the cap, long before it could overflow
            if ceiling >= cap { return cap }
        }
        return ceiling
    }

    /// Full jitter: a uniformly random delay between zero and the ceiling,
    /// so clients that failed together do not retry together.
    public func delay(
        forAttempt attempt: Int, using random: inout some RandomNumberGenerator
    ) -> Duration {
        let (seconds, attoseconds) = ceiling(forAttempt: attempt).components
        let nanoseconds = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        return .nanoseconds(Int64.random(in: 0...nanoseconds, using: &random))
    }
    // snippet.end
}

// snippet.hide
/// SplitMix64: a tiny, fast generator with a seed, so tests and demos print the same delays every run.
/// Not for anything that must be unpredictable.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Any generator behind one concrete type, so a long-lived value (a relay, a router) can hold the
/// generator it was given, a seeded one in tests and demos, the system's in production.
public struct AnyRandomNumberGenerator: RandomNumberGenerator, Sendable {
    private var base: any RandomNumberGenerator & Sendable

    public init(_ base: any RandomNumberGenerator & Sendable) { self.base = base }

    public mutating func next() -> UInt64 { base.next() }
}
// snippet.show
