// The polling relay: claims a batch of unsent outbox rows with FOR UPDATE SKIP LOCKED, publishes them as one
// batch with publisher confirms, and marks the confirmed rows sent, all inside the claiming transaction. Several
// relays can run against one table; each sees only rows no other relay holds.
import Foundation
import Logging
import Metrics
import PostgresNIO

/// One outbox row as the relay reads it.
public struct OutboxEvent: Sendable, Equatable {
    public var id: Int64
    public var eventID: UUID
    public var aggregateID: String
    public var type: String
    public var payload: String
    public var traceparent: String?
    public var attempts: Int32

    static func decode(_ rows: PostgresRowSequence) async throws -> [OutboxEvent] {
        var events: [OutboxEvent] = []
        for try await (id, eventID, aggregateID, type, payload, traceparent, attempts) in rows.decode(
            (Int64, UUID, String, String, String, String?, Int32).self)
        {
            events.append(OutboxEvent(id: id, eventID: eventID, aggregateID: aggregateID, type: type,
                                      payload: payload, traceparent: traceparent, attempts: attempts))
        }
        return events
    }

    /// The AMQP message: the event id becomes `message-id`, which consumers deduplicate on.
    public var message: Message {
        var headers: [String: HeaderValue] = ["aggregate-id": .string(aggregateID)]
        if let traceparent { headers["traceparent"] = .string(traceparent) }
        return Message(id: eventID.uuidString.lowercased(), type: type, headers: headers, body: Array(payload.utf8))
    }
}

public actor OutboxRelay {
    public enum Claim: Sendable {
        /// Any unsent rows, oldest first: the most throughput, no ordering between relays.
        case inIDOrder
        /// Only each aggregate's oldest unsent event: per-aggregate order with several relays.
        case headsOfAggregates
    }

    public struct Configuration: Sendable {
        public var exchange: String
        public var batchSize: Int
        public var claim: Claim
        /// Delay before a row whose publish failed is claimed again.
        public var backoff: Backoff

        public init(
            exchange: String, batchSize: Int = 100, claim: Claim = .headsOfAggregates,
            backoff: Backoff = Backoff(base: .milliseconds(200), cap: .seconds(60))
        ) {
            self.exchange = exchange
            self.batchSize = batchSize
            self.claim = claim
            self.backoff = backoff
        }
    }

    /// What one pass did, by outbox row id.
    public struct Pass: Sendable, Equatable {
        public var published: [Int64] = []
        public var rescheduled: [Int64] = []

        public init(published: [Int64] = [], rescheduled: [Int64] = []) {
            self.published = published
            self.rescheduled = rescheduled
        }
    }

    let client: PostgresClient
    let broker: any MessageBroker
    let configuration: Configuration
    let logger: Logger
    let now: @Sendable () -> Date
    var random: AnyRandomNumberGenerator
    let metrics: RelayMetrics

    public init(
        client: PostgresClient, broker: any MessageBroker, configuration: Configuration,
        metrics: any MetricsFactory = MetricsSystem.factory, logger: Logger = Logger(label: "outbox-relay"),
        now: @escaping @Sendable () -> Date = Date.init,
        random: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator()
    ) {
        self.client = client
        self.broker = broker
        self.configuration = configuration
        self.logger = logger
        self.now = now
        self.random = AnyRandomNumberGenerator(random)
        self.metrics = RelayMetrics(factory: metrics)
    }

    // snippet.relay-pass
    /// One pass: claim, publish, record the outcome, commit. If anything
    /// throws, the transaction rolls back and every claimed row stays
    /// unsent, including rows the broker already has: the next pass
    /// publishes them again. That is the "at least" in at-least-once.
    public func relayOnce() async throws -> Pass {
        let started = ContinuousClock.now
        let batchSize = configuration.batchSize
        let pass = try await client.withTransaction(logger: logger) { connection in
            let claimed = try await OutboxEvent.decode(connection.query(
                .sql(claimQuery, now(), batchSize), logger: logger))
            var pass = Pass()
            // The whole batch is published before the relay waits: one
            // confirm round trip per pass, not one per row, while the
            // claimed rows stay locked.
            for (event, outcome) in zip(claimed, try await publish(claimed)) {
                switch outcome {
                case .acked:
                    pass.published.append(event.id)
                case .nacked, .returned, nil:
                    pass.rescheduled.append(event.id)
                    try await reschedule(event, on: connection)
                }
            }
            try await connection.query(
                .sql(OutboxSQL.markSent, now(), pass.published), logger: logger)
            return pass
        }
        metrics.record(pass, duration: ContinuousClock.now - started)
        return pass
    }
    // snippet.end

    /// Publishes the claimed events as one batch; nil for an event the broker
    /// was unreachable for (its row is retried later). A lost confirm is
    /// thrown: the relay cannot know which messages the broker has.
    private func publish(_ events: [OutboxEvent]) async throws -> [PublishOutcome?] {
        let outcomes = try await broker.publish(batch: events.map {
            Publishing($0.message, to: configuration.exchange, routingKey: $0.type, mandatory: true)
        })
        for outcome in outcomes {
            if let outcome { metrics.count(outcome) } else { metrics.failures(reason: "unavailable").increment() }
        }
        return outcomes
    }

    // snippet.reschedule
    /// A failed publish is retried after a full-jitter delay that grows
    /// with the row's attempts.
    private func reschedule(
        _ event: OutboxEvent, on connection: PostgresConnection
    ) async throws {
        let attempt = Int(event.attempts) + 1
        let delay = configuration.backoff.delay(forAttempt: attempt, using: &random)
        let retryAt = now().addingTimeInterval(Self.seconds(delay))
        try await connection.query(
            .sql(OutboxSQL.reschedule, event.id, retryAt, "publish failed"),
            logger: logger)
    }
    // snippet.end

    private var claimQuery: String {
        switch configuration.claim {
        case .inIDOrder: OutboxSQL.claimBatch
        case .headsOfAggregates: OutboxSQL.claimHeadsOfAggregates
        }
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

// snippet.metrics
/// The relay's metrics, named as Prometheus recommends:
/// base units, `_total` on counters.
struct RelayMetrics: Sendable {
    let factory: any MetricsFactory
    let published: Counter
    let batchSize: Recorder
    let batchDuration: Timer

    init(factory: any MetricsFactory) {
        self.factory = factory
        published = Counter(
            label: "outbox_events_published_total", factory: factory)
        batchSize = Recorder(
            label: "outbox_relay_batch_size", factory: factory)
        batchDuration = Timer(
            label: "outbox_relay_batch_duration_seconds", factory: factory)
    }

    func failures(reason: String) -> Counter {
        Counter(
            label: "outbox_publish_failures_total",
            dimensions: [("reason", reason)], factory: factory)
    }

    func count(_ outcome: PublishOutcome) {
        switch outcome {
        case .acked: published.increment()
        case .nacked: failures(reason: "nacked").increment()
        case .returned: failures(reason: "returned").increment()
        }
    }

    func record(_ pass: OutboxRelay.Pass, duration: Duration) {
        batchSize.record(pass.published.count + pass.rescheduled.count)
        batchDuration.record(duration: duration)
    }
}
// snippet.end
