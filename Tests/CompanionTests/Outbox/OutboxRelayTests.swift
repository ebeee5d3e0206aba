// The claims the outbox articles make about the relay, tested against a real PostgreSQL.
import Companion
import Foundation
import Logging
import Metrics
import MetricsTestKit
import PostgresNIO
import Testing

@Suite struct OutboxRelayTests {
    @Test func theOrderAndItsEventCommitOrRollBackTogether() async throws {
        try await TestDatabase.withSchema { client in
            let store = OutboxStore(client: client)
            let order = Order(customerID: "c1", totalCents: 4200)
            try await store.placeOrder(order)
            // The same order id again: the INSERT INTO orders fails, so the event is not written either.
            await #expect(throws: (any Error).self) { try await store.placeOrder(order) }
            #expect(try await TestDatabase.count("SELECT count(*) FROM orders", on: client) == 1)
            #expect(try await TestDatabase.count("SELECT count(*) FROM outbox", on: client) == 1)
        }
    }

    @Test func aPassPublishesMarksSentAndCountsIt() async throws {
        try await TestDatabase.withSchema { client in
            let broker = try await Fixture.broker()
            let metrics = TestMetrics()
            let store = OutboxStore(client: client)
            for n in 1...3 { try await store.placeOrder(Order(customerID: "c\(n)", totalCents: 100)) }
            let relay = Fixture.relay(client, broker, metrics: metrics)
            let pass = try await relay.relayOnce()
            #expect(pass.published == [1, 2, 3] && pass.rescheduled.isEmpty)
            #expect(try await Fixture.unsentIDs(client).isEmpty)
            #expect(await broker.depth(of: "billing") == 3)
            #expect(try metrics.expectCounter("outbox_events_published_total").totalValue == 3)
            #expect(try metrics.expectRecorder("outbox_relay_batch_size").lastValue == 3)
            #expect(try metrics.expectTimer("outbox_relay_batch_duration_seconds").values.count == 1)
            #expect(try await relay.relayOnce() == OutboxRelay.Pass(), "nothing left to claim")
        }
    }

    @Test func aCrashBetweenPublishAndMarkPublishesTheEventTwice() async throws {
        try await TestDatabase.withSchema { client in
            let broker = try await Fixture.broker()
            let store = OutboxStore(client: client)
            for n in 1...3 { try await store.placeOrder(Order(customerID: "c\(n)", totalCents: 100)) }
            await broker.inject(.confirmLost, onPublish: 2)
            let relay = Fixture.relay(client, broker)
            await #expect(throws: (any Error).self) { try await relay.relayOnce() }
            #expect(try await Fixture.unsentIDs(client) == [1, 2, 3], "the claim rolled back, even row 1")
            #expect(try await relay.relayOnce().published == [1, 2, 3])
            let ids = try await Fixture.outboxIDs(ofMessages: broker.messages(in: "billing"), client)
            #expect(ids == [1, 2, 1, 2, 3], "rows 1 and 2 reached the broker twice")
        }
    }

    @Test func aSecondRelaySkipsTheRowsTheFirstHoldsInsteadOfWaiting() async throws {
        try await TestDatabase.withSchema { client in
            let broker = try await Fixture.broker()
            let store = OutboxStore(client: client)
            for n in 1...6 { try await store.placeOrder(Order(customerID: "c\(n)", totalCents: 100)) }
            await broker.inject(.stall, onPublish: 1)
            let first = Fixture.relay(client, broker, claim: .inIDOrder, batchSize: 3)
            let second = Fixture.relay(client, broker, claim: .inIDOrder, batchSize: 3)
            let held = Task { try await first.relayOnce() }
            while await broker.stalledPublishes == 0 { await Task.yield() }
            // The first relay holds rows 1–3 in an open transaction; the second finishes a whole pass anyway.
            let secondPass = try await second.relayOnce()
            await broker.releaseStalledPublishes()
            let firstPass = try await held.value
            #expect(firstPass.published == [1, 2, 3])
            #expect(secondPass.published == [4, 5, 6])
        }
    }

    @Test func fourRelaysRacingPublishEveryRowExactlyOnce() async throws {
        try await TestDatabase.withSchema(connections: 12) { client in
            let broker = try await Fixture.broker()
            let store = OutboxStore(client: client)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 1...4 {
                    group.addTask {
                        for m in 1...50 { try await store.placeOrder(Order(customerID: "c\(n)-\(m)", totalCents: 1)) }
                    }
                }
                try await group.waitForAll()
            }
            let relays = (1...4).map { Fixture.relay(client, broker, claim: .inIDOrder, batchSize: 10, seed: UInt64($0)) }
            let passes = try await withThrowingTaskGroup(of: [OutboxRelay.Pass].self) { group in
                for relay in relays {
                    group.addTask {
                        var passes: [OutboxRelay.Pass] = []
                        while true {
                            let pass = try await relay.relayOnce()
                            if pass.published.isEmpty { return passes }
                            passes.append(pass)
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append(contentsOf: $1) }
            }
            let published = passes.flatMap(\.published)
            #expect(published.count == 200)
            #expect(Set(published).count == 200, "no row was published by two relays")
            #expect(await broker.depth(of: "billing") == 200)
            #expect(try await Fixture.unsentIDs(client).isEmpty)
        }
    }

    @Test func pollingAboveTheHighestSeenIDSkipsARowCommittedLate() async throws {
        try await TestDatabase.withSchema { client in
            let logger = Logger(label: "test")
            var poller = HighWaterMarkPoller(client: client)
            // Transaction A inserts first (id 1) but commits last; transaction B inserts id 2 and commits.
            try await client.withConnection { a in
                try await a.query("BEGIN", logger: logger)
                try await OutboxStore.insertEvent(type: "OrderPlaced", aggregateID: "a", payload: "{}", on: a, logger: logger)
                try await client.withTransaction(logger: logger) { b in
                    try await OutboxStore.insertEvent(type: "OrderPlaced", aggregateID: "b", payload: "{}", on: b, logger: logger)
                }
                #expect(try await poller.poll().map(\.id) == [2], "row 1 is not committed yet")
                try await a.query("COMMIT", logger: logger)
            }
            #expect(try await poller.poll().isEmpty, "row 1 is committed now, but 1 < 2: never seen")
            #expect(poller.lastSeenID == 2)
            // The claiming relay asks for unsent rows, not newer ones, and finds it.
            let pass = try await Fixture.relay(client, try await Fixture.broker()).relayOnce()
            #expect(pass.published == [1, 2])
        }
    }
}
