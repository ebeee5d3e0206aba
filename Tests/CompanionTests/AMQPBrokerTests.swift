// The RabbitMQ behaviour the outbox articles rely on, against a real broker: `make test` starts a private
// one (Tests/Tools/with-rabbitmq.sh) and passes its address in AMQP_URL. Every test declares its own
// uniquely named exchanges and queues.
import Testing
@testable import Companion

@Suite(.timeLimit(.minutes(2)))
struct AMQPBrokerTests {
    @Test func handshakeNegotiatesTheLowerHeartbeatAndReadsServerProperties() async throws {
        try await Broker.withConnection(heartbeat: 5) { connection in
            let tuning = await connection.tuning
            #expect(tuning.heartbeat == 5, "ours (5 s) is below RabbitMQ's default 60 s")
            #expect(tuning.frameMax == 131_072)
            #expect(tuning.channelMax == 2047)
            #expect(await connection.serverProperties["product"]?.string == "RabbitMQ")
            let capabilities = await connection.serverProperties["capabilities"]?.table
            #expect(capabilities?["publisher_confirms"] == .bool(true))
        }
    }

    @Test func badCredentialsAreRefusedWith403() async throws {
        var configuration = try Broker.configuration()
        configuration.password = "wrong"
        await #expect {
            _ = try await AMQPConnection.connect(configuration)
        } throws: { error in
            (error as? AMQPError)?.replyCode == AMQPReplyCode.accessRefused
        }
    }

    @Test func persistentMessagesPublishedWithConfirmsAreAllAcked() async throws {
        try await Broker.withConnection { connection in
            let channel = try await connection.openChannel()
            let exchange = Broker.unique("orders")
            let queue = Broker.unique("orders-q")
            try await channel.declareExchange(exchange, type: "direct")
            try await channel.declareQueue(queue, durable: true)
            try await channel.bindQueue(queue, exchange: exchange, routingKey: "order.created")
            try await channel.enableConfirms()

            let count = 50
            let outcomes = try await withThrowingTaskGroup(of: AMQPPublishOutcome.self) { group in
                for i in 0..<count {
                    group.addTask {
                        try await channel.publish(
                            text("order \(i)"), exchange: exchange, routingKey: "order.created",
                            properties: .persistent(id: "order-\(i)"))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.count == count)
            #expect(outcomes.allSatisfy { $0 == .acked })
            #expect(try await channel.readyCount(queue) == UInt32(count))

            let first = try #require(try await channel.get(queue: queue))
            #expect(first.properties.deliveryMode == AMQPProperties.DeliveryMode.persistent)
            #expect(first.properties.messageID?.hasPrefix("order-") == true)
            try await first.ack()
        }
    }

    @Test func aBatchOfPersistentPublishesIsAckedInOrderWithFewerFramesThanMessages() async throws {
        try await Broker.withConnection { connection in
            let channel = try await connection.openChannel()
            let queue = Broker.unique("batch")
            try await channel.declareQueue(queue, durable: true)
            try await channel.enableConfirms()
            var properties = AMQPProperties()
            properties.deliveryMode = 2
            let batch = (1...500).map { AMQPOutgoingMessage(text("m\($0)"), routingKey: queue, properties: properties) }
            #expect(try await channel.publishBatch(batch) == Array(repeating: .acked, count: 500))
            let counts = try await channel.confirmCounts
            #expect(counts.publishes == 500)
            // RabbitMQ confirms runs of a batch with `multiple`; 500 single acks would mean it never did.
            #expect(counts.frames < 500, "\(counts.frames) basic.ack frames for 500 publishes")
            #expect(try await channel.declareQueue(queue, passive: true).messageCount == 500)
            #expect(try await channel.get(queue: queue, noAck: true)?.body == text("m1"), "sent in order")
            _ = try await channel.deleteQueue(queue)
        }
    }

    @Test func unroutableMandatoryMessageIsReturnedAndANonMandatoryOneIsDropped() async throws {
        try await Broker.withConnection { connection in
            let channel = try await connection.openChannel()
            let exchange = Broker.unique("nowhere")
            try await channel.declareExchange(exchange, type: "direct")  // no queue bound
            try await channel.enableConfirms()

            let returned = try await channel.publish(
                text("lost?"), exchange: exchange, routingKey: "no.binding", mandatory: true,
                properties: .persistent(id: "m-1"))
            guard case .returned(let message) = returned else {
                Issue.record("expected a return, got \(returned)")
                return
            }
            #expect(message.replyCode == 312)
            #expect(message.replyText == "NO_ROUTE")
            #expect(message.body == text("lost?"))
            #expect(message.properties.messageID == "m-1")

            // Without `mandatory` the broker acks the message and throws it away: nothing tells the
            // publisher it went nowhere.
            let dropped = try await channel.publish(text("gone"), exchange: exchange, routingKey: "no.binding")
            #expect(dropped == .acked)
        }
    }

    @Test func returnsAreMatchedToTheirPublishAmongRoutedOnes() async throws {
        try await Broker.withConnection { connection in
            let channel = try await connection.openChannel()
            let exchange = Broker.unique("mixed")
            let queue = Broker.unique("mixed-q")
            try await channel.declareExchange(exchange, type: "direct")
            try await channel.declareQueue(queue)
            try await channel.bindQueue(queue, exchange: exchange, routingKey: "routed")
            try await channel.enableConfirms()

            let outcomes = try await withThrowingTaskGroup(of: (Int, AMQPPublishOutcome).self) { group in
                for i in 0..<20 {
                    group.addTask {
                        let key = i.isMultiple(of: 3) ? "unrouted" : "routed"
                        let outcome = try await channel.publish(
                            text("m\(i)"), exchange: exchange, routingKey: key, mandatory: true,
                            properties: .persistent(id: "m\(i)"))
                        return (i, outcome)
                    }
                }
                return try await group.reduce(into: [Int: AMQPPublishOutcome]()) { $0[$1.0] = $1.1 }
            }
            for (i, outcome) in outcomes {
                if i.isMultiple(of: 3) {
                    guard case .returned(let message) = outcome else {
                        Issue.record("m\(i): expected returned, got \(outcome)")
                        continue
                    }
                    #expect(message.body == text("m\(i)"))
                } else {
                    #expect(outcome == .acked, "m\(i)")
                }
            }
            #expect(try await channel.readyCount(queue) == 13)
        }
    }

    @Test func nackWithRequeueRedeliversUntilTheQuorumDeliveryLimitDeadLetters() async throws {
        try await Broker.withConnection { connection in
            let channel = try await connection.openChannel()
            let work = Broker.unique("work-quorum")
            let dead = Broker.unique("work-dlq")
            try await channel.declareQueue(dead)
            try await channel.declareQueue(work, arguments: [
                "x-queue-type": .string("quorum"),
                "x-delivery-limit": .int64(2),
                "x-dead-letter-exchange": .string(""),
                "x-dead-letter-routing-key": .string(dead),
            ])
            try await channel.enableConfirms()
            #expect(try await channel.publish(text("poison"), routingKey: work, properties: .persistent(id: "p")) == .acked)

            let consumer = try await channel.consume(queue: work)
            var deliveries = consumer.makeAsyncIterator()
            var redelivered: [Bool] = []
            // Delivery limit 2: the first delivery and two redeliveries, each nacked with requeue.
            for _ in 0..<3 {
                let delivery = try #require(try await deliveries.next())
                redelivered.append(delivery.redelivered)
                try await delivery.nack(requeue: true)
            }
            #expect(redelivered == [false, true, true])

            let deadChannel = try await connection.openChannel()
            var deadLetters = try await deadChannel.consume(queue: dead).makeAsyncIterator()
            let deadLetter = try #require(try await deadLetters.next())
            #expect(deadLetter.body == text("poison"))
            #expect(deadLetter.deaths.first?.reason == "delivery_limit")
            #expect(deadLetter.deaths.first?.queue == work)
            try await deadLetter.ack()
            try await consumer.cancel()
            #expect(try await channel.readyCount(work) == 0)
        }
    }

    @Test func ttlRetryQueueDeliversBackToTheWorkQueueAfterTheDelay() async throws {
        try await Broker.withConnection { connection in
            let channel = try await connection.openChannel()
            let topology = try await BrokerRetryTopology.declare(on: channel, retryDelayMilliseconds: 2000)
            try await channel.enableConfirms()
            let consumer = try await channel.consume(queue: topology.workQueue)
            var deliveries = consumer.makeAsyncIterator()

            _ = try await channel.publish(text("A"), exchange: topology.workExchange, routingKey: "job")
            let first = try #require(try await deliveries.next())
            #expect(first.body == text("A") && first.headers["retry-count"] == nil)
            // Park A in the retry queue, then publish B straight to the work exchange: B is delivered
            // first, and A comes back only when its TTL expires.
            #expect(try await topology.scheduleRetry(of: first, on: channel) == .acked)
            try await first.ack()
            _ = try await channel.publish(text("B"), exchange: topology.workExchange, routingKey: "job")

            let second = try #require(try await deliveries.next())
            let third = try #require(try await deliveries.next())
            #expect(second.body == text("B"))
            #expect(third.body == text("A"))
            #expect(third.headers["retry-count"]?.integer == 1)
            #expect(third.deaths.first?.reason == "expired")
            #expect(third.deaths.first?.queue == topology.retryQueue)
            #expect(third.deaths.first?.count == 1)
            try await second.ack()
            try await third.ack()
            #expect(try await channel.readyCount(topology.retryQueue) == 0)
        }
    }

    @Test func poisonMessageLandsInTheDeadLetterQueueWithRetryCountAndXDeath() async throws {
        try await Broker.withConnection { connection in
            let channel = try await connection.openChannel()
            let topology = try await BrokerRetryTopology.declare(on: channel, retryDelayMilliseconds: 20)
            try await channel.enableConfirms()
            let maxRetries: Int64 = 2
            _ = try await channel.publish(
                text("poison"), exchange: topology.workExchange, routingKey: "job", properties: .persistent(id: "p-1"))

            let consumer = try await channel.consume(queue: topology.workQueue)
            var attempts: [Int64] = []
            for try await delivery in consumer {
                // The handler always fails. Retry through the TTL queue, then give up into the DLQ.
                let retries = delivery.headers["retry-count"]?.integer ?? 0
                attempts.append(retries)
                if retries < maxRetries {
                    _ = try await topology.scheduleRetry(of: delivery, on: channel)
                    try await delivery.ack()
                } else {
                    try await delivery.nack(requeue: false)
                    break
                }
            }
            #expect(attempts == [0, 1, 2])

            var deadLetters = try await channel.consume(queue: topology.deadLetterQueue).makeAsyncIterator()
            let deadLetter = try #require(try await deadLetters.next())
            #expect(deadLetter.properties.messageID == "p-1")
            #expect(deadLetter.headers["retry-count"]?.integer == maxRetries)
            let deaths = deadLetter.deaths
            #expect(deaths.first?.reason == "rejected", "most recent first")
            #expect(deaths.first?.queue == topology.workQueue)
            #expect(deaths.first(where: { $0.reason == "expired" })?.count == maxRetries)
            #expect(deaths.first(where: { $0.reason == "expired" })?.queue == topology.retryQueue)
            try await deadLetter.ack()
        }
    }

    @Test func rejectWithRequeueRedeliversAndWithoutDeadLetters() async throws {
        try await Broker.withConnection { connection in
            let channel = try await connection.openChannel()
            let topology = try await BrokerRetryTopology.declare(on: channel, retryDelayMilliseconds: 1000)
            try await channel.enableConfirms()
            _ = try await channel.publish(text("r"), exchange: topology.workExchange, routingKey: "job")

            let first = try #require(try await channel.get(queue: topology.workQueue))
            try await first.reject(requeue: true)
            let second = try #require(try await channel.get(queue: topology.workQueue))
            #expect(!first.redelivered && second.redelivered)
            try await second.reject(requeue: false)

            // Dead-lettering happens after the reject: wait for the message with a consumer.
            var deadLetters = try await channel.consume(queue: topology.deadLetterQueue, noAck: true).makeAsyncIterator()
            let dead = try #require(try await deadLetters.next())
            #expect(dead.body == text("r"))
            #expect(dead.deaths.map(\.reason) == ["rejected"])
            #expect(try await channel.readyCount(topology.workQueue) == 0)
        }
    }

    @Test func prefetchLimitsUnackedDeliveriesInFlight() async throws {
        try await Broker.withConnection { connection in
            let channel = try await connection.openChannel()
            let queue = Broker.unique("prefetch")
            try await channel.declareQueue(queue)
            try await channel.enableConfirms()
            for i in 0..<10 { _ = try await channel.publish(text("\(i)"), routingKey: queue) }

            try await channel.qos(prefetchCount: 3)
            var deliveries = try await channel.consume(queue: queue).makeAsyncIterator()
            var held: [AMQPDelivery] = []
            for _ in 0..<3 { held.append(try #require(try await deliveries.next())) }
            // Three unacked deliveries are all the broker may send: seven stay ready in the queue.
            #expect(try await channel.readyCount(queue) == 7)

            try await held.removeFirst().ack()
            held.append(try #require(try await deliveries.next()))
            #expect(try await channel.readyCount(queue) == 6)
            #expect(held.map(\.body) == [text("1"), text("2"), text("3")])
        }
    }

    @Test func cancelEndsTheStreamAndClosingTheChannelRequeuesWhatWasNotAcked() async throws {
        try await Broker.withConnection { connection in
            let channel = try await connection.openChannel()
            let queue = Broker.unique("requeue")
            try await channel.declareQueue(queue)
            try await channel.enableConfirms()
            _ = try await channel.publish(text("unacked"), routingKey: queue)

            let consumer = try await channel.consume(queue: queue)
            var deliveries = consumer.makeAsyncIterator()
            let first = try #require(try await deliveries.next())
            #expect(first.redelivered == false)
            try await consumer.cancel()
            #expect(try await deliveries.next() == nil, "cancel ends the deliveries normally")

            try await channel.close()
            try await channel.close()  // closing twice does nothing
            #expect(await channel.closeError == .channelClosedByClient)
            await #expect(throws: AMQPError.channelClosedByClient) { try await first.ack() }

            // The broker put the unacked message back, flagged as delivered before.
            let again = try #require(try await connection.openChannel().get(queue: queue, noAck: true))
            #expect(again.body == text("unacked"))
            #expect(again.redelivered)
        }
    }

    @Test func closingTheConnectionMidConsumeEndsTheStreamWithAnError() async throws {
        let connection = try await AMQPConnection.connect(try Broker.configuration())
        let channel = try await connection.openChannel()
        let queue = Broker.unique("closing")
        try await channel.declareQueue(queue)
        try await channel.enableConfirms()
        _ = try await channel.publish(text("one"), routingKey: queue)
        var deliveries = try await channel.consume(queue: queue).makeAsyncIterator()
        #expect(try await deliveries.next()?.body == text("one"))

        try await connection.close()
        await #expect(throws: AMQPError.connectionClosedByClient) { _ = try await deliveries.next() }
        await #expect(throws: AMQPError.connectionClosedByClient) { try await channel.publish(text("x"), routingKey: queue) }
        #expect(await connection.isOpen == false)
    }

    @Test func deletingTheQueueCancelsItsConsumer() async throws {
        try await Broker.withConnection { connection in
            let channel = try await connection.openChannel()
            let queue = Broker.unique("deleted")
            try await channel.declareQueue(queue)
            let consumer = try await channel.consume(queue: queue)
            var deliveries = consumer.makeAsyncIterator()
            let other = try await connection.openChannel()
            try await other.deleteQueue(queue)
            // consumer_cancel_notify: the broker tells us, and the stream ends with that reason.
            await #expect(throws: AMQPError.consumerCancelledByServer(consumerTag: consumer.tag)) {
                _ = try await deliveries.next()
            }
            #expect(await channel.closeError == nil, "the channel survives")
        }
    }

    @Test func conflictingDeclarationClosesTheChannelWith406AndTheConnectionStaysUsable() async throws {
        try await Broker.withConnection { connection in
            let channel = try await connection.openChannel()
            let queue = Broker.unique("conflict")
            try await channel.declareQueue(queue, arguments: ["x-message-ttl": .int32(1000)])

            let conflict = await #expect(throws: AMQPError.self) {
                try await channel.declareQueue(queue, arguments: ["x-message-ttl": .int32(2000)])
            }
            #expect(conflict?.replyCode == AMQPReplyCode.preconditionFailed)
            guard case .channelClosedByServer(let reason) = conflict else {
                Issue.record("expected the channel to be closed by the server, got \(String(describing: conflict))")
                return
            }
            #expect(reason.replyText.hasPrefix("PRECONDITION_FAILED"))
            #expect(reason.classID == 50 && reason.methodID == 10, "queue.declare caused it")

            // The spec closes the channel, not the connection.
            #expect(await channel.closeError == conflict)
            await #expect(throws: conflict!) { try await channel.purgeQueue(queue) }
            #expect(await connection.isOpen)
            let fresh = try await connection.openChannel()
            #expect(try await fresh.readyCount(queue) == 0)

            let missing = await #expect(throws: AMQPError.self) {
                try await fresh.declareQueue(Broker.unique("missing"), passive: true)
            }
            #expect(missing?.replyCode == AMQPReplyCode.notFound)
            #expect(await connection.isOpen)
        }
    }

    @Test func aMessageLargerThanFrameMaxTravelsInSeveralBodyFrames() async throws {
        try await Broker.withConnection { connection in
            let channel = try await connection.openChannel()
            let queue = Broker.unique("large")
            try await channel.declareQueue(queue)
            try await channel.enableConfirms()
            let body = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }  // three frames at 131072
            #expect(try await channel.publish(body, routingKey: queue) == .acked)
            let delivery = try #require(try await channel.get(queue: queue, noAck: true))
            #expect(delivery.body == body)
            #expect(try await channel.get(queue: queue) == nil)
        }
    }
}

/// A work exchange and queue, a retry queue whose expired messages go back to the work exchange
/// (x-message-ttl + x-dead-letter-exchange), and a dead-letter queue for messages the work queue rejects.
struct BrokerRetryTopology {
    let workExchange: String
    let workQueue: String
    let retryQueue: String
    let deadLetterQueue: String

    static func declare(on channel: AMQPChannel, retryDelayMilliseconds: Int32) async throws -> BrokerRetryTopology {
        let topology = BrokerRetryTopology(
            workExchange: Broker.unique("work-x"), workQueue: Broker.unique("work"),
            retryQueue: Broker.unique("retry"), deadLetterQueue: Broker.unique("dlq"))
        try await channel.declareExchange(topology.workExchange, type: "direct")
        try await channel.declareQueue(topology.deadLetterQueue)
        try await channel.declareQueue(topology.workQueue, arguments: [
            "x-dead-letter-exchange": .string(""),
            "x-dead-letter-routing-key": .string(topology.deadLetterQueue),
        ])
        try await channel.bindQueue(topology.workQueue, exchange: topology.workExchange, routingKey: "job")
        try await channel.declareQueue(topology.retryQueue, arguments: [
            "x-message-ttl": .int32(retryDelayMilliseconds),
            "x-dead-letter-exchange": .string(topology.workExchange),
            "x-dead-letter-routing-key": .string("job"),
        ])
        return topology
    }

    /// Publishes a copy of `delivery` to the retry queue with `retry-count` one higher, keeping its other
    /// headers (x-death among them, so the broker's count keeps growing).
    func scheduleRetry(of delivery: AMQPDelivery, on channel: AMQPChannel) async throws -> AMQPPublishOutcome {
        var properties = delivery.properties
        var headers = delivery.headers
        headers["retry-count"] = .int64((headers["retry-count"]?.integer ?? 0) + 1)
        properties.headers = headers
        return try await channel.publish(delivery.body, routingKey: retryQueue, properties: properties)
    }
}
