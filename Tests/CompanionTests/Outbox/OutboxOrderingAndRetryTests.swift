// Per-aggregate ordering with several relays, publish retries with full-jitter backoff, and cleanup.
import Companion
import Foundation
import Logging
import MetricsTestKit
import PostgresNIO
import Testing

@Suite struct OutboxOrderingAndRetryTests {
    /// One order with three events (ids 1–3), then two other orders (ids 4, 5).
    func seed(_ client: PostgresClient) async throws -> UUID {
        let store = OutboxStore(client: client)
        let order = Order(customerID: "c1", totalCents: 500)
        try await store.placeOrder(order)
        try await store.changeStatus(of: order.id, to: "paid")
        try await store.changeStatus(of: order.id, to: "shipped")
        try await store.placeOrder(Order(customerID: "c2", totalCents: 1))
        try await store.placeOrder(Order(customerID: "c3", totalCents: 1))
        return order.id
    }

    /// Relay A stalls on its first publish (the order's OrderPlaced) while relay B runs a whole pass.
    func race(claim: OutboxRelay.Claim, batchSize: Int) async throws -> (broker: InMemoryBroker, types: [String]) {
        try await TestDatabase.withSchema { client in
            let orderID = try await seed(client)
            let broker = try await Fixture.broker()
            await broker.inject(.stall, onPublish: 1)
            let a = Fixture.relay(client, broker, claim: claim, batchSize: batchSize)
            let b = Fixture.relay(client, broker, claim: claim, batchSize: batchSize)
            let held = Task { try await a.relayOnce() }
            while await broker.stalledPublishes == 0 { await Task.yield() }
            _ = try await b.relayOnce()
            await broker.releaseStalledPublishes()
            _ = try await held.value
            while try await !a.relayOnce().published.isEmpty {}
            let types = await broker.messages(in: "billing")
                .filter { $0.headers["aggregate-id"] == .string(orderID.uuidString) }.compactMap(\.type)
            return (broker, types)
        }
    }

    @Test func skipLockedAloneLetsASecondRelayOvertakeWithinAnAggregate() async throws {
        let (_, types) = try await race(claim: .inIDOrder, batchSize: 1)
        #expect(types == ["OrderPaid", "OrderPlaced", "OrderShipped"], "B published OrderPaid while A held OrderPlaced")
    }

    @Test func claimingOnlyTheHeadOfEachAggregateKeepsItsOrder() async throws {
        let (_, types) = try await race(claim: .headsOfAggregates, batchSize: 10)
        #expect(types == ["OrderPlaced", "OrderPaid", "OrderShipped"])
    }

    @Test func failedPublishesWaitAFullJitterDelayBeforeTheNextClaim() async throws {
        try await TestDatabase.withSchema { client in
            _ = try await seed(client)
            let broker = try await Fixture.broker()
            await broker.inject(.unavailable, onPublish: 1)
            await broker.inject(.nack, onPublish: 3)
            let metrics = TestMetrics()
            let clock = TestClock()
            let relay = Fixture.relay(client, broker, clock: clock, metrics: metrics)
            // Heads: 1 (unavailable), 4 (acked), 5 (nacked).
            let pass = try await relay.relayOnce()
            #expect(pass.published == [4] && pass.rescheduled == [1, 5])
            var retryAt: [Int64: Date] = [:]
            for try await (id, attempts, next) in try await client.query(
                "SELECT id, attempts, next_attempt_at FROM outbox WHERE attempts > 0 ORDER BY id"
            ).decode((Int64, Int32, Date).self) {
                #expect(attempts == 1)
                retryAt[id] = next
            }
            // Backoff(base: 1 s, cap: 30 s): the first retry waits between 0 and 1 s.
            for id in [Int64(1), 5] {
                let wait = try #require(retryAt[id]).timeIntervalSince(clock.now)
                #expect(wait >= 0 && wait <= 1.0, "row \(id) waits \(wait) s")
            }
            #expect(try metrics.expectCounter("outbox_publish_failures_total", [("reason", "unavailable")]).totalValue == 1)
            #expect(try metrics.expectCounter("outbox_publish_failures_total", [("reason", "nacked")]).totalValue == 1)
            clock.advance(by: 1.0)
            #expect(try await relay.relayOnce().published == [1, 5], "due again once their delay has passed")
        }
    }

    @Test func anUnroutableEventIsReturnedAndRetriedNotSilentlyMarkedSent() async throws {
        try await TestDatabase.withSchema { client in
            let broker = InMemoryBroker()
            await broker.declareExchange("orders", type: .direct)  // no queue bound: nothing routes
            try await OutboxStore(client: client).placeOrder(Order(customerID: "c1", totalCents: 1))
            let pass = try await Fixture.relay(client, broker).relayOnce()
            #expect(pass.rescheduled == [1] && pass.published.isEmpty)
            #expect(try await Fixture.unsentIDs(client) == [1])
        }
    }

    @Test func cleanupDeletesOnlySentRowsOlderThanTheCutoff() async throws {
        try await TestDatabase.withSchema { client in
            _ = try await seed(client)
            let clock = TestClock()
            let broker = try await Fixture.broker()
            await broker.inject(.nack, onPublish: 3)
            let relay = Fixture.relay(client, broker, clock: clock)
            _ = try await relay.relayOnce()  // sends 1 and 4; 5 is nacked
            clock.advance(by: 3600)
            _ = try await relay.relayOnce()  // sends 2 and 5, an hour later
            let maintenance = OutboxMaintenance(client: client)
            let deleted = try await maintenance.deleteSent(before: clock.now.addingTimeInterval(-60), batchSize: 1)
            #expect(deleted == 2)
            var left: [Int64] = []
            for try await id in try await client.query("SELECT id FROM outbox ORDER BY id").decode(Int64.self) {
                left.append(id)
            }
            #expect(left == [2, 3, 5], "recently sent and unsent rows stay")
        }
    }

    @Test func theBacklogGaugesReportPendingRowsAndTheOldestOne() async throws {
        try await TestDatabase.withSchema { client in
            _ = try await seed(client)
            let metrics = TestMetrics()
            let backlog = try await OutboxMaintenance(client: client).recordBacklog(metrics: metrics)
            #expect(backlog.pending == 5)
            #expect(try metrics.expectGauge("outbox_pending_events").lastValue == 5)
            let oldest = try #require(backlog.oldestCreatedAt).timeIntervalSince1970
            #expect(try metrics.expectGauge("outbox_oldest_pending_event_timestamp_seconds").lastValue == oldest)
        }
    }
}
