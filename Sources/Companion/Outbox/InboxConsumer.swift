// The idempotent consumer: the message id goes into an inbox table with a unique key, in the same
// transaction as the side effect. A duplicate (a redelivery, or a second copy the relay published) finds
// its id there, and the side effect does not run twice.
import Foundation
import Logging
import Metrics
import PostgresNIO

/// Handles one delivery: runs `work`, acks on success, hands failures to the retry router, and counts the
/// outcome in `consumer_messages_total{queue, outcome}`.
public func settle(
    _ delivery: Delivery, router: RetryRouter, metrics: any MetricsFactory = MetricsSystem.factory,
    work: () async throws -> ConsumerOutcome
) async throws -> ConsumerOutcome {
    let outcome: ConsumerOutcome
    do {
        outcome = try await work()
    } catch {
        let cause = (error as? PostgresTransactionError)?.closureError ?? error
        let settled = try await router.routeFailure(of: delivery, error: cause)
        count(settled, queue: router.topology.queue, metrics: metrics)
        return settled
    }
    try await delivery.ack()
    count(outcome, queue: router.topology.queue, metrics: metrics)
    return outcome
}

private func count(_ outcome: ConsumerOutcome, queue: String, metrics: any MetricsFactory) {
    Counter(label: "consumer_messages_total", dimensions: [("queue", queue), ("outcome", outcome.label)],
            factory: metrics).increment()
}

public struct InboxConsumer: Sendable {
    public typealias SideEffect = @Sendable (Message, PostgresConnection, Logger) async throws -> Void

    public let name: String
    let client: PostgresClient
    let router: RetryRouter
    let metrics: any MetricsFactory
    let logger: Logger
    let sideEffect: SideEffect

    public init(
        name: String, client: PostgresClient, router: RetryRouter,
        metrics: any MetricsFactory = MetricsSystem.factory, logger: Logger = Logger(label: "inbox-consumer"),
        sideEffect: @escaping SideEffect = CustomerTotals.add
    ) {
        self.name = name
        self.client = client
        self.router = router
        self.metrics = metrics
        self.logger = logger
        self.sideEffect = sideEffect
    }

    // snippet.inbox-consumer
    /// Records the message id and applies the side effect in one
    /// transaction, then acks. A crash before the commit undoes both; a
    /// crash after it and before the ack brings a redelivery that finds
    /// the id and is acked as a duplicate.
    public func process(_ delivery: Delivery) async throws -> ConsumerOutcome {
        try await settle(delivery, router: router, metrics: metrics) {
            try await client.withTransaction(logger: logger) { connection in
                let inserted = try await connection.query(
                    .sql(OutboxSQL.recordInInbox, name, delivery.message.id),
                    logger: logger)
                var isNew = false
                for try await _ in inserted.decode(String.self) { isNew = true }
                guard isNew else { return .duplicate }
                try await sideEffect(delivery.message, connection, logger)
                return .processed
            }
        }
    }
    // snippet.end

    /// Forgets inbox entries older than `cutoff`: the deduplication window. A copy arriving after
    /// that is processed again, so the window must outlast every path a duplicate can take.
    public func forgetEntries(receivedBefore cutoff: Date) async throws {
        try await client.query(.sql(OutboxSQL.forgetInboxEntries, name, cutoff), logger: logger)
    }
}

/// The example side effect: a running total per customer, which a duplicate would inflate.
public enum CustomerTotals {
    @Sendable public static func add(_ message: Message, on connection: PostgresConnection, logger: Logger)
        async throws
    {
        guard let event = try? JSONDecoder().decode(OrderEvent.self, from: Data(message.body)),
            let total = event.totalCents
        else { throw PermanentFailure("not an OrderPlaced payload: \(String(decoding: message.body, as: UTF8.self))") }
        try await connection.query(.sql(OutboxSQL.addToCustomerTotals, event.customerID, total), logger: logger)
    }
}
