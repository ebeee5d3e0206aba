// The RabbitMQ semantics the in-memory broker models, each as the articles state it.
import Companion
import Testing

@Suite struct InMemoryBrokerTests {
    func broker(queueArguments: QueueArguments = QueueArguments()) async throws -> InMemoryBroker {
        let broker = InMemoryBroker()
        await broker.declareExchange("orders", type: .direct)
        await broker.declareQueue("billing", arguments: queueArguments)
        try await broker.bindQueue("billing", to: "orders", routingKey: "OrderPlaced")
        return broker
    }

    func message(_ id: String, expiration: Duration? = nil) -> Message {
        Message(id: id, type: "OrderPlaced", body: Array("{}".utf8), expiration: expiration)
    }

    @Test func anUnroutableMessageIsConfirmedAndDroppedWithoutMandatory() async throws {
        let broker = try await broker()
        let outcome = try await broker.publish(message("m1"), to: "orders", routingKey: "OrderPaid", mandatory: false)
        #expect(outcome == .acked, "an ack is not proof that any queue has the message")
        #expect(await broker.unroutableDropped == 1)
        #expect(await broker.depth(of: "billing") == 0)
    }

    @Test func mandatoryTurnsAnUnroutableMessageIntoAReturn() async throws {
        let broker = try await broker()
        let outcome = try await broker.publish(message("m1"), to: "orders", routingKey: "OrderPaid", mandatory: true)
        #expect(outcome == .returned(replyText: "NO_ROUTE"))
        #expect(try await broker.publish(message("m2"), to: "orders", routingKey: "OrderPlaced", mandatory: true) == .acked)
    }

    @Test func injectedFaultsHitExactlyTheNumberedPublishes() async throws {
        let broker = try await broker()
        await broker.inject(.nack, onPublish: 2)
        await broker.inject(.unavailable, onPublish: 3)
        await broker.inject(.confirmLost, onPublish: 4)
        #expect(try await broker.publish(message("1"), to: "orders", routingKey: "OrderPlaced", mandatory: true) == .acked)
        #expect(try await broker.publish(message("2"), to: "orders", routingKey: "OrderPlaced", mandatory: true) == .nacked)
        await #expect(throws: BrokerError.unavailable) {
            try await broker.publish(message("3"), to: "orders", routingKey: "OrderPlaced", mandatory: true)
        }
        await #expect(throws: BrokerError.confirmLost) {
            try await broker.publish(message("4"), to: "orders", routingKey: "OrderPlaced", mandatory: true)
        }
        #expect(await broker.messages(in: "billing").map(\.id) == ["1", "4"], "a lost confirm still queued the message")
    }

    @Test func aRequeuedNackIsRedeliveredWithTheRedeliveredFlag() async throws {
        let broker = try await broker()
        _ = try await broker.publish(message("m1"), to: "orders", routingKey: "OrderPlaced", mandatory: true)
        var deliveries = try await broker.consume(queue: "billing", prefetch: 1).makeAsyncIterator()
        let first = try #require(try await deliveries.next())
        #expect(!first.redelivered)
        try await first.nack(requeue: true)
        let second = try #require(try await deliveries.next())
        #expect(second.redelivered && second.message.id == "m1")
        try await second.ack()
        await #expect(throws: BrokerError.unknownDeliveryTag(second.deliveryTag)) { try await second.ack() }
    }

    @Test func prefetchBoundsUnsettledDeliveries() async throws {
        let broker = try await broker()
        for id in ["a", "b", "c"] {
            _ = try await broker.publish(message(id), to: "orders", routingKey: "OrderPlaced", mandatory: true)
        }
        var deliveries = try await broker.consume(queue: "billing", prefetch: 2).makeAsyncIterator()
        let a = try #require(try await deliveries.next())
        _ = try #require(try await deliveries.next())
        #expect(await broker.depth(of: "billing") == 1, "the third waits until one of two is settled")
        try await a.ack()
        #expect(try await deliveries.next()?.message.id == "c")
    }

    @Test func aCancelledConsumerGivesItsUnsettledDeliveriesBack() async throws {
        let broker = try await broker()
        _ = try await broker.publish(message("m1"), to: "orders", routingKey: "OrderPlaced", mandatory: true)
        // A consumer is cancelled by cancelling the task that iterates its deliveries.
        let (received, signal) = AsyncStream<Void>.makeStream()
        let consumer = Task {
            for try await _ in try await broker.consume(queue: "billing", prefetch: 1) { signal.yield() }
        }
        var receivedOne = received.makeAsyncIterator()
        _ = await receivedOne.next()  // delivered, never settled
        consumer.cancel()
        var again = try await broker.consume(queue: "billing", prefetch: 1).makeAsyncIterator()
        let redelivery = try #require(try await again.next())
        #expect(redelivery.redelivered)
        #expect(redelivery.message.headers["x-delivery-count"] == .int(1))
    }

    @Test func rejectsCountTowardsTheDeliveryLimitAndNacksDoNot() async throws {
        let broker = try await broker(
            queueArguments: QueueArguments(deadLetterExchange: "", deadLetterRoutingKey: "billing.dlq", deliveryLimit: 2))
        await broker.declareQueue("billing.dlq", arguments: QueueArguments())
        _ = try await broker.publish(message("m1"), to: "orders", routingKey: "OrderPlaced", mandatory: true)
        var deliveries = try await broker.consume(queue: "billing", prefetch: 1).makeAsyncIterator()
        for _ in 1...10 {  // a requeue loop with nack: never dead-lettered
            try await #require(try await deliveries.next()).nack(requeue: true)
        }
        #expect(await broker.depth(of: "billing.dlq") == 0)
        for _ in 1...3 {  // the same loop with reject: limit 2, so the third return dead-letters it
            try await #require(try await deliveries.next()).reject(requeue: true)
        }
        #expect(await broker.messages(in: "billing.dlq").map(\.id) == ["m1"])
        #expect(await broker.deadLetterings.map(\.reason) == [.deliveryLimit])
    }

    @Test func expiredMessagesLeaveOnlyFromTheHeadOfTheQueue() async throws {
        let broker = try await broker(queueArguments: QueueArguments(deadLetterExchange: "", deadLetterRoutingKey: "late"))
        await broker.declareQueue("late", arguments: QueueArguments())
        _ = try await broker.publish(message("slow", expiration: .seconds(10)), to: "orders", routingKey: "OrderPlaced", mandatory: true)
        _ = try await broker.publish(message("fast", expiration: .seconds(1)), to: "orders", routingKey: "OrderPlaced", mandatory: true)
        await broker.advanceTime(by: .seconds(2))
        #expect(await broker.messages(in: "late").isEmpty, "'fast' has expired but waits behind 'slow'")
        await broker.advanceTime(by: .seconds(8))
        #expect(await broker.messages(in: "late").map(\.id) == ["slow", "fast"])
        #expect(await broker.messages(in: "late").first?.headers["x-first-death-reason"] == .string("expired"))
    }

    @Test func aDeadLetterChainKeepsTheFirstDeathAndRecordsTheLast() async throws {
        // billing expires into "hop", which expires into "late": the broker moves the message twice itself.
        let broker = try await broker(queueArguments: QueueArguments(
            messageTTL: .seconds(1), deadLetterExchange: "", deadLetterRoutingKey: "hop"))
        await broker.declareQueue("hop", arguments: QueueArguments(
            messageTTL: .seconds(1), deadLetterExchange: "", deadLetterRoutingKey: "late"))
        await broker.declareQueue("late", arguments: QueueArguments())
        _ = try await broker.publish(message("m1"), to: "orders", routingKey: "OrderPlaced", mandatory: true)
        await broker.advanceTime(by: .seconds(1))
        await broker.advanceTime(by: .seconds(1))
        let headers = try #require(await broker.messages(in: "late").first).headers
        #expect(headers["x-first-death-queue"] == .string("billing"))
        #expect(headers["x-last-death-queue"] == .string("hop"))
        #expect(headers["x-last-death-reason"] == .string("expired"))
    }

    @Test func aClientsDeathHeadersAreNotReadBackWhenItPublishesAgain() async throws {
        // What RetryRouter does: a copy of a dead-lettered message, published by the client. The real
        // broker starts its history afresh (RabbitMQBrokerTests pins that on RabbitMQ); so does the model.
        let broker = try await broker(queueArguments: QueueArguments(deadLetterExchange: "", deadLetterRoutingKey: "late"))
        await broker.declareQueue("late", arguments: QueueArguments())
        var copy = message("m1")
        copy.headers["x-first-death-queue"] = .string("billing.retry.1")
        copy.headers["x-first-death-reason"] = .string("expired")
        _ = try await broker.publish(copy, to: "orders", routingKey: "OrderPlaced", mandatory: true)
        var deliveries = try await broker.consume(queue: "billing", prefetch: 1).makeAsyncIterator()
        try await #require(try await deliveries.next()).reject(requeue: false)
        let headers = try #require(await broker.messages(in: "late").first).headers
        #expect(headers["x-first-death-queue"] == .string("billing"))
        #expect(headers["x-first-death-reason"] == .string("rejected"))
    }

    @Test func aMissingDeadLetterExchangeDropsTheMessage() async throws {
        let broker = try await broker(queueArguments: QueueArguments(deadLetterExchange: "nowhere"))
        _ = try await broker.publish(message("m1"), to: "orders", routingKey: "OrderPlaced", mandatory: true)
        var deliveries = try await broker.consume(queue: "billing", prefetch: 1).makeAsyncIterator()
        try await #require(try await deliveries.next()).reject(requeue: false)
        #expect(await broker.deadLetterings.map(\.reason) == [.rejected])
        #expect(await broker.depth(of: "billing") == 0)
    }
}
