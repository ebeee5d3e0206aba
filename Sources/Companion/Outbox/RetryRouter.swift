// Consumer-side retries without blocking the work queue: a failed message is republished to a delay
// queue for its attempt, with our own `x-retry-count` header and a full-jitter per-message TTL; when the
// TTL runs out, the delay queue dead-letters it through the default exchange back to the work queue only.
// After the last attempt, or on a permanent failure, it goes to a parking-lot queue (the DLQ).

/// An error that retrying cannot fix (a payload that does not decode, a violated invariant).
public struct PermanentFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

// snippet.retry-topology
/// The queues around one work queue, e.g. `billing`: delay tiers
/// `billing.retry.1` … `billing.retry.N`, and `billing.dlq` (the parking lot).
public struct RetryTopology: Sendable {
    public var queue: String
    public var maxRetries: Int
    public var backoff: Backoff

    public init(queue: String, maxRetries: Int, backoff: Backoff) {
        self.queue = queue
        self.maxRetries = maxRetries
        self.backoff = backoff
    }

    public func delayQueue(forAttempt attempt: Int) -> String {
        "\(queue).retry.\(attempt)"
    }

    public var parkingLot: String { "\(queue).dlq" }

    public func declare(on broker: any MessageBroker) async throws {
        for attempt in 1...maxRetries {
            // Each tier's TTL is the backoff ceiling for its attempt: no
            // message waits longer, even behind one with a longer TTL.
            try await broker.declareQueue(
                delayQueue(forAttempt: attempt),
                arguments: QueueArguments(
                    messageTTL: backoff.ceiling(forAttempt: attempt),
                    // The default exchange routes by queue name: back to
                    // this queue only, not to every queue bound to the key.
                    deadLetterExchange: "",
                    deadLetterRoutingKey: queue))
        }
        try await broker.declareQueue(parkingLot, arguments: QueueArguments())
    }
}
// snippet.end

/// What happened to one delivery.
public enum ConsumerOutcome: Sendable, Equatable {
    case processed
    /// Seen before (the inbox had its id): acked without running the side effect again.
    case duplicate
    case retried(attempt: Int, delay: Duration)
    case deadLettered(retries: Int)
    /// The retry could not be published; the delivery went back to its queue.
    case requeued

    public var label: String {
        switch self {
        case .processed: "processed"
        case .duplicate: "duplicate"
        case .retried: "retry"
        case .deadLettered: "dead_letter"
        case .requeued: "requeued"
        }
    }
}

public actor RetryRouter {
    public static let retryCountHeader = "x-retry-count"

    let broker: any MessageBroker
    public let topology: RetryTopology
    var random: AnyRandomNumberGenerator

    public init(
        broker: any MessageBroker, topology: RetryTopology,
        random: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator()
    ) {
        self.broker = broker
        self.topology = topology
        self.random = AnyRandomNumberGenerator(random)
    }

    // snippet.route-failure
    /// Settles a delivery whose handling failed. The copy is published (and
    /// confirmed) before the original is acked: a crash in between leaves
    /// two copies, never none.
    public func routeFailure(
        of delivery: Delivery, error: any Error
    ) async throws -> ConsumerOutcome {
        let header = delivery.message.headers[Self.retryCountHeader]
        let retries = Int(header?.intValue ?? 0)
        var copy = delivery.message
        copy.headers["x-last-error"] = .string(String(describing: error))
        let outcome: ConsumerOutcome
        let destination: String
        if error is PermanentFailure || retries >= topology.maxRetries {
            destination = topology.parkingLot
            outcome = .deadLettered(retries: retries)
        } else {
            let attempt = retries + 1
            let delay = topology.backoff.delay(forAttempt: attempt, using: &random)
            copy.headers[Self.retryCountHeader] = .int(Int64(attempt))
            copy.expiration = delay
            destination = topology.delayQueue(forAttempt: attempt)
            outcome = .retried(attempt: attempt, delay: delay)
        }
        let confirm = try? await broker.publish(
            copy, to: "", routingKey: destination, mandatory: true)
        guard confirm == .acked else {
            try await delivery.nack(requeue: true)
            return .requeued
        }
        try await delivery.ack()
        return outcome
    }
    // snippet.end
}
