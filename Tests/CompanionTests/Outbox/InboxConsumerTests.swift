// The consumer side: duplicates absorbed by the inbox, retries through delay queues, the parking lot.
import Companion
import Foundation
import Logging
import MetricsTestKit
import PostgresNIO
import Testing

struct TransientFailure: Error, CustomStringConvertible {
    var description: String { "payment service timed out" }
}

@Suite struct InboxConsumerTests {
    let topology = RetryTopology(queue: "billing", maxRetries: 3, backoff: Backoff(base: .seconds(1), cap: .seconds(30)))

    func totals(_ client: PostgresClient, _ customer: String) async throws -> (orders: Int32, cents: Int64) {
        var result: (Int32, Int64) = (0, 0)
        for try await row in try await client.query(
            "SELECT orders, total_cents FROM customer_totals WHERE customer_id = \(customer)"
        ).decode((Int32, Int64).self) { result = row }
        return result
    }

    @Test func theInboxAbsorbsTheDuplicateThatACrashedRelayPublished() async throws {
        try await TestDatabase.withSchema { client in
            let broker = try await Fixture.broker()
            let store = OutboxStore(client: client)
            for cents in [100, 200, 300] { try await store.placeOrder(Order(customerID: "c1", totalCents: Int64(cents))) }
            await broker.inject(.confirmLost, onPublish: 2)
            let relay = Fixture.relay(client, broker)
            _ = try? await relay.relayOnce()
            _ = try await relay.relayOnce()
            let copies = await broker.messages(in: "billing")
            #expect(copies.count == 5, "orders 1 and 2 were published twice")

            try await topology.declare(on: broker)
            let metrics = TestMetrics()
            let consumer = InboxConsumer(
                name: "billing", client: client, router: RetryRouter(broker: broker, topology: topology),
                metrics: metrics)
            var deliveries = try await broker.consume(queue: "billing", prefetch: 10).makeAsyncIterator()
            var outcomes: [ConsumerOutcome] = []
            for _ in copies {
                let delivery = try #require(try await deliveries.next())
                #expect(!delivery.redelivered, "a second publish is a new message to the broker")
                outcomes.append(try await consumer.process(delivery))
            }
            #expect(outcomes == [.processed, .processed, .duplicate, .duplicate, .processed])
            #expect(try await totals(client, "c1") == (3, 600))
            #expect(try metrics.expectCounter("consumer_messages_total", [("queue", "billing"), ("outcome", "duplicate")]).totalValue == 2)

            // The same five messages without the inbox: the duplicates are counted twice.
            try await client.query("DELETE FROM customer_totals")
            for message in copies {
                try await client.withTransaction(logger: Logger(label: "test")) { connection in
                    try await CustomerTotals.add(message, on: connection, logger: Logger(label: "test"))
                }
            }
            #expect(try await totals(client, "c1") == (5, 900))
        }
    }

    @Test func aPoisonMessageEndsInTheParkingLotAfterItsRetriesWithTheCount() async throws {
        try await TestDatabase.withSchema { client in
            let broker = try await Fixture.broker()
            try await topology.declare(on: broker)
            let metrics = TestMetrics()
            let consumer = InboxConsumer(
                name: "billing", client: client,
                router: RetryRouter(broker: broker, topology: topology, random: SeededGenerator(seed: 9)),
                metrics: metrics, sideEffect: { _, _, _ in throw TransientFailure() })
            try await OutboxStore(client: client).placeOrder(Order(customerID: "c1", totalCents: 100))
            _ = try await Fixture.relay(client, broker).relayOnce()

            var deliveries = try await broker.consume(queue: "billing", prefetch: 1).makeAsyncIterator()
            var outcomes: [ConsumerOutcome] = []
            for attempt in 1...4 {
                let delivery = try #require(try await deliveries.next())
                #expect(delivery.message.headers[RetryRouter.retryCountHeader]?.intValue == (attempt == 1 ? nil : Int64(attempt - 1)))
                let outcome = try await consumer.process(delivery)
                outcomes.append(outcome)
                if case .retried(let n, let delay) = outcome {
                    #expect(delay >= .zero && delay <= topology.backoff.ceiling(forAttempt: n))
                    await broker.advanceTime(by: topology.backoff.ceiling(forAttempt: n))
                }
            }
            #expect(outcomes.map(\.label) == ["retry", "retry", "retry", "dead_letter"])
            #expect(outcomes.last == .deadLettered(retries: 3))
            let parked = await broker.messages(in: "billing.dlq")
            #expect(parked.count == 1)
            #expect(parked.first?.headers["x-retry-count"] == .int(3))
            #expect(parked.first?.headers["x-last-error"] == .string("payment service timed out"))
            #expect(await broker.depth(of: "shipping") == 1, "retries went back to billing only")
            #expect(try await TestDatabase.count("SELECT count(*) FROM inbox", on: client) == 0, "rolled back each time")
            #expect(try metrics.expectCounter("consumer_messages_total", [("queue", "billing"), ("outcome", "retry")]).totalValue == 3)
        }
    }

    @Test func aPayloadThatCannotBeDecodedIsParkedWithoutRetries() async throws {
        try await TestDatabase.withSchema { client in
            let broker = try await Fixture.broker()
            try await topology.declare(on: broker)
            let consumer = InboxConsumer(name: "billing", client: client, router: RetryRouter(broker: broker, topology: topology))
            _ = try await broker.publish(Message(id: "m1", type: "OrderPlaced", body: Array("{\"oops\":1}".utf8)),
                                         to: "orders", routingKey: "OrderPlaced", mandatory: true)
            var deliveries = try await broker.consume(queue: "billing", prefetch: 1).makeAsyncIterator()
            let outcome = try await consumer.process(try #require(try await deliveries.next()))
            #expect(outcome == .deadLettered(retries: 0))
            #expect(await broker.messages(in: "billing.dlq").map(\.id) == ["m1"])
        }
    }

    @Test func forgettingInboxEntriesLetsALateDuplicateThrough() async throws {
        try await TestDatabase.withSchema { client in
            let broker = try await Fixture.broker()
            try await topology.declare(on: broker)
            let consumer = InboxConsumer(name: "billing", client: client, router: RetryRouter(broker: broker, topology: topology))
            let event = #"{"customerID":"c1","orderID":"6F9619FF-8B86-D011-B42D-00C04FC964FF","status":"placed","totalCents":100}"#
            for _ in 1...2 {
                _ = try await broker.publish(Message(id: "m1", type: "OrderPlaced", body: Array(event.utf8)),
                                             to: "orders", routingKey: "OrderPlaced", mandatory: true)
            }
            var deliveries = try await broker.consume(queue: "billing", prefetch: 1).makeAsyncIterator()
            #expect(try await consumer.process(try #require(try await deliveries.next())) == .processed)
            try await consumer.forgetEntries(receivedBefore: Date().addingTimeInterval(60))
            #expect(try await consumer.process(try #require(try await deliveries.next())) == .processed,
                    "outside the deduplication window a duplicate is new again")
            #expect(try await totals(client, "c1") == (2, 200))
        }
    }
}

@Suite struct RetryDelayTests {
    @Test func aDelayTierNeverHoldsAMessagePastItsCeilingEvenBehindLongerOnes() async throws {
        let topology = RetryTopology(queue: "billing", maxRetries: 3, backoff: Backoff(base: .seconds(1), cap: .seconds(30)))
        let broker = InMemoryBroker()
        await broker.declareQueue("billing", arguments: QueueArguments())
        try await topology.declare(on: broker)
        let router = RetryRouter(broker: broker, topology: topology, random: SeededGenerator(seed: 3))
        for n in 0..<200 {  // each has failed twice already: the next retry is attempt 3, ceiling 4 s
            _ = try await broker.publish(Message(id: "m\(n)", headers: [RetryRouter.retryCountHeader: .int(2)]),
                                         to: "", routingKey: "billing", mandatory: true)
        }
        let consumer = Task {
            for try await delivery in try await broker.consume(queue: "billing", prefetch: 0) {
                _ = try await router.routeFailure(of: delivery, error: TransientFailure())
            }
        }
        while await broker.depth(of: "billing.retry.3") < 200 { await Task.yield() }
        consumer.cancel()  // stops consuming billing, so the returning messages stay there to be seen
        while await broker.consumerCount > 0 { await Task.yield() }
        var delays: [String: Duration] = [:]
        for message in await broker.messages(in: "billing.retry.3") { delays[message.id] = message.expiration }
        #expect(delays.count == 200)

        let ceiling = topology.backoff.ceiling(forAttempt: 3)
        var arrival: [String: Duration] = [:]
        let tick = Duration.milliseconds(100)
        while arrival.count < 200 {
            await broker.advanceTime(by: tick)
            #expect(await broker.now <= ceiling, "everything is back by the ceiling")
            for message in await broker.messages(in: "billing") where arrival[message.id] == nil {
                arrival[message.id] = await broker.now
            }
        }
        for (id, delay) in delays {
            #expect(arrival[id]! >= delay && arrival[id]! <= ceiling)
        }
        #expect(arrival.contains { id, time in time - delays[id]! > .seconds(1) },
                "head-of-line blocking: some messages wait behind longer ones, still within the ceiling")
    }
}
