// The outbox code over the real broker: RabbitMQBroker behind the same MessageBroker boundary the in-memory
// tests use, against the private RabbitMQ that `make test` starts (AMQP_URL), and, for the relay, PostgreSQL.
import Companion
import Foundation
import Metrics
import Testing

@Suite struct RabbitMQBrokerTests {
    struct HandlerFailed: Error {}

    /// Runs `body` with a broker on a fresh connection (Broker.withConnection closes it afterwards).
    func withBroker<T>(_ body: (RabbitMQBroker) async throws -> T) async throws -> T {
        try await Broker.withConnection { connection in try await body(RabbitMQBroker(connection: connection)) }
    }

    @Test func publishesAreConfirmedReturnedWhenUnroutableAndArriveWithTheirProperties() async throws {
        try await withBroker { broker in
            let queue = Broker.unique("outbox-props")
            try await broker.declareQueue(queue, arguments: QueueArguments())
            let message = Message(id: "evt-1", type: "OrderPlaced",
                                  headers: ["x-retry-count": .int(2), "trace": .string("00-abc")], body: Array("{}".utf8))
            #expect(try await broker.publish(message, to: "", routingKey: queue, mandatory: true) == .acked)
            let nowhere = try await broker.publish(message, to: "", routingKey: Broker.unique("missing"), mandatory: true)
            #expect(nowhere == .returned(replyText: "NO_ROUTE"))

            // A missing exchange closes the publishing channel (404); the next publish opens a new one.
            await #expect(throws: BrokerError.notFound("no-such-exchange")) {
                try await broker.publish(message, to: "no-such-exchange", routingKey: queue, mandatory: true)
            }
            var again = message
            again.id = "evt-2"
            #expect(try await broker.publish(again, to: "", routingKey: queue, mandatory: true) == .acked)

            var deliveries = try await broker.consume(queue: queue, prefetch: 1).makeAsyncIterator()
            let delivery = try #require(try await deliveries.next())
            #expect(delivery.message == message, "id, type, headers, body, content type and persistence survive")
            #expect(!delivery.redelivered)
            try await delivery.ack()
            #expect(try await deliveries.next()?.message.id == "evt-2")
        }
    }

    @Test func aPoisonMessageIsParkedAfterItsRetriesWithTheCountInItsHeader() async throws {
        try await withBroker { broker in
            let queue = Broker.unique("billing")
            let topology = RetryTopology(
                queue: queue, maxRetries: 3, backoff: Backoff(base: .milliseconds(20), cap: .milliseconds(80)))
            try await broker.declareQueue(queue, arguments: QueueArguments())
            try await topology.declare(on: broker)
            let router = RetryRouter(broker: broker, topology: topology)
            let poison = Message(id: "evt-poison", type: "OrderPlaced", body: Array("{\"cents\":-1}".utf8))
            #expect(try await broker.publish(poison, to: "", routingKey: queue, mandatory: true) == .acked)

            // Every delivery fails: three trips through the delay queues (TTL, then dead-lettered back), then
            // the parking lot.
            var outcomes: [ConsumerOutcome] = []
            for try await delivery in try await broker.consume(queue: queue, prefetch: 1) {
                #expect(delivery.message.id == "evt-poison")
                let outcome = try await router.routeFailure(of: delivery, error: HandlerFailed())
                outcomes.append(outcome)
                if case .deadLettered = outcome { break }
            }
            let attempts = outcomes.compactMap { if case .retried(let attempt, _) = $0 { attempt } else { nil } }
            #expect(attempts == [1, 2, 3], "\(outcomes)")
            #expect(outcomes.count == 4 && outcomes.last == .deadLettered(retries: 3), "\(outcomes)")

            var parked = try await broker.consume(queue: topology.parkingLot, prefetch: 1).makeAsyncIterator()
            let last = try #require(try await parked.next())
            #expect(last.message.id == "evt-poison")
            #expect(last.message.headers[RetryRouter.retryCountHeader] == .int(3))
            #expect(last.message.headers["x-last-error"] != nil)
            // Each retry is a new publish, so the broker's death history starts again at every hop: its
            // "first" death is the last delay queue, and only our own header counts the attempts.
            #expect(last.message.headers["x-first-death-queue"] == .string(topology.delayQueue(forAttempt: 3)))
            #expect(last.message.headers["x-first-death-reason"] == .string("expired"))
            try await last.ack()
        }
    }

    @Test func theRelayPublishesEveryClaimedRowWithConfirmsAndMarksItSent() async throws {
        try await TestDatabase.withSchema { client in
            try await withBroker { broker in
                let exchange = Broker.unique("orders")
                let queue = Broker.unique("billing")
                try await broker.declareExchange(exchange, type: .direct)
                try await broker.declareQueue(queue, arguments: QueueArguments())
                try await broker.bindQueue(queue, to: exchange, routingKey: "OrderPlaced")
                let store = OutboxStore(client: client)
                for n in 1...5 { try await store.placeOrder(Order(customerID: "c\(n)", totalCents: Int64(100 * n))) }
                let relay = OutboxRelay(
                    client: client, broker: broker,
                    configuration: .init(exchange: exchange, batchSize: 100, claim: .headsOfAggregates,
                                         backoff: Backoff(base: .seconds(1), cap: .seconds(30))),
                    metrics: NOOPMetricsHandler.instance)
                #expect(try await relay.relayOnce().published == [1, 2, 3, 4, 5])
                #expect(try await Fixture.unsentIDs(client).isEmpty)

                var received: [Message] = []
                for try await delivery in try await broker.consume(queue: queue, prefetch: 10) {
                    received.append(delivery.message)
                    try await delivery.ack()
                    if received.count == 5 { break }
                }
                #expect(try await Fixture.outboxIDs(ofMessages: received, client) == [1, 2, 3, 4, 5])
                #expect(received.allSatisfy { $0.type == "OrderPlaced" && $0.persistent })
            }
        }
    }
}
