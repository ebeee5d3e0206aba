// Shared set-up for the outbox tests: a broker with the orders topology, relays, and helpers.
import Companion
import Foundation
import Logging
import Metrics
import PostgresNIO

enum Fixture {
    static let eventTypes = ["OrderPlaced", "OrderPaid", "OrderShipped", "OrderCancelled"]

    /// `orders` (direct) with `billing` and `shipping` bound to every order event.
    static func broker() async throws -> InMemoryBroker {
        let broker = InMemoryBroker()
        await broker.declareExchange("orders", type: .direct)
        for queue in ["billing", "shipping"] {
            await broker.declareQueue(queue, arguments: QueueArguments())
            for type in eventTypes { try await broker.bindQueue(queue, to: "orders", routingKey: type) }
        }
        return broker
    }

    static func relay(
        _ client: PostgresClient, _ broker: InMemoryBroker, claim: OutboxRelay.Claim = .headsOfAggregates,
        batchSize: Int = 100, clock: TestClock = TestClock(), seed: UInt64 = 1,
        metrics: (any MetricsFactory)? = nil
    ) -> OutboxRelay {
        OutboxRelay(
            client: client, broker: broker,
            configuration: .init(exchange: "orders", batchSize: batchSize, claim: claim,
                                 backoff: Backoff(base: .seconds(1), cap: .seconds(30))),
            metrics: metrics ?? NOOPMetricsHandler.instance, now: { clock.now }, random: SeededGenerator(seed: seed))
    }

    static func unsentIDs(_ client: PostgresClient) async throws -> [Int64] {
        var ids: [Int64] = []
        for try await id in try await client.query("SELECT id FROM outbox WHERE sent_at IS NULL ORDER BY id")
            .decode(Int64.self) { ids.append(id) }
        return ids
    }

    static func outboxIDs(ofMessages messages: [Message], _ client: PostgresClient) async throws -> [Int64] {
        var idByEvent: [String: Int64] = [:]
        for try await (id, eventID) in try await client.query("SELECT id, event_id FROM outbox")
            .decode((Int64, UUID).self) { idByEvent[eventID.uuidString.lowercased()] = id }
        return messages.map { idByEvent[$0.id]! }
    }
}
