// The MessageBroker boundary over a real RabbitMQ, through the AMQP 0-9-1 client in AMQP/: what the relay and
// the consumers run in production. InMemoryBroker models the same semantics for tests that inject faults;
// RabbitMQBrokerTests runs the same scenarios against the real broker.

public actor RabbitMQBroker: MessageBroker {
    private let connection: AMQPConnection
    /// One channel in confirm mode for every publish, and one for declarations; consumers get their own.
    private var publishing: AMQPChannel?
    private var topology: AMQPChannel?

    public init(connection: AMQPConnection) {
        self.connection = connection
    }

    /// Connects to `amqp://user:password@host:port/vhost`.
    public static func connect(to url: String) async throws -> RabbitMQBroker {
        RabbitMQBroker(connection: try await AMQPConnection.connect(AMQPConfiguration(url: url)))
    }

    public func close() async throws {
        try await connection.close()
    }

    public func declareExchange(_ name: String, type: ExchangeType) async throws {
        try await topologyChannel().declareExchange(name, type: type.rawValue, durable: true)
    }

    /// A queue with a delivery limit is a quorum queue: only quorum queues count deliveries.
    public func declareQueue(_ name: String, arguments: QueueArguments) async throws {
        try await topologyChannel().declareQueue(name, durable: true, arguments: arguments.amqpTable)
    }

    public func bindQueue(_ queue: String, to exchange: String, routingKey: String) async throws {
        try await topologyChannel().bindQueue(queue, exchange: exchange, routingKey: routingKey)
    }

    // snippet.rabbitmq-publish
    public func publish(
        _ message: Message, to exchange: String, routingKey: String,
        mandatory: Bool
    ) async throws -> PublishOutcome {
        let channel: AMQPChannel
        do {
            channel = try await confirmChannel()
        } catch {
            throw BrokerError.unavailable  // nothing was sent
        }
        let outcome: AMQPPublishOutcome
        do {
            outcome = try await channel.publish(
                message.body, exchange: exchange, routingKey: routingKey,
                mandatory: mandatory, properties: AMQPProperties(message))
        } catch let error as AMQPError where error.replyCode == 404 {
            publishing = nil  // the broker closed the channel: no such exchange
            throw BrokerError.notFound(exchange)
        } catch {
            // Sent, perhaps queued, never confirmed: the caller must treat
            // it as unpublished and publish again later.
            publishing = nil
            throw BrokerError.confirmLost
        }
        switch outcome {
        case .acked: return .acked
        case .nacked: return .nacked
        case .returned(let returned): return .returned(replyText: returned.replyText)
        case .unconfirmed: throw BrokerError.confirmLost  // not in confirm mode
        }
    }
    // snippet.end

    // snippet.rabbitmq-publish-batch
    /// The whole batch goes out before the first confirm is awaited; the
    /// broker then acks runs of it with `multiple` set.
    public func publish(batch: [Publishing]) async throws -> [PublishOutcome?] {
        guard !batch.isEmpty else { return [] }
        let channel: AMQPChannel
        do {
            channel = try await confirmChannel()
        } catch {
            return batch.map { _ in nil }  // nothing was sent
        }
        let outcomes: [AMQPPublishOutcome]
        do {
            outcomes = try await channel.publishBatch(batch.map {
                AMQPOutgoingMessage(
                    $0.message.body, exchange: $0.exchange, routingKey: $0.routingKey,
                    mandatory: $0.mandatory, properties: AMQPProperties($0.message))
            })
        } catch let error as AMQPError where error.replyCode == 404 {
            publishing = nil
            throw BrokerError.notFound(batch[0].exchange)
        } catch {
            publishing = nil
            throw BrokerError.confirmLost
        }
        return try outcomes.map { outcome in
            switch outcome {
            case .acked: .acked
            case .nacked: .nacked
            case .returned(let returned): .returned(replyText: returned.replyText)
            case .unconfirmed: throw BrokerError.confirmLost
            }
        }
    }
    // snippet.end

    public func consume(queue: String, prefetch: Int) async throws -> AsyncThrowingStream<Delivery, any Error> {
        let channel = try await connection.openChannel()
        try await channel.qos(prefetchCount: UInt16(clamping: prefetch))
        let consumer = try await channel.consume(queue: queue)
        let settling = ChannelSettling(channel: channel)
        return AsyncThrowingStream { continuation in
            let forwarding = Task {
                do {
                    for try await delivery in consumer {
                        continuation.yield(Delivery(
                            message: Message(delivery), exchange: delivery.exchange,
                            routingKey: delivery.routingKey, deliveryTag: delivery.deliveryTag,
                            redelivered: delivery.redelivered, settle: settling))
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            // Closing the consumer's channel hands its unsettled deliveries back to the queue.
            continuation.onTermination = { _ in
                forwarding.cancel()
                Task { try? await channel.close() }
            }
        }
    }

    private func confirmChannel() async throws -> AMQPChannel {
        if let publishing, await publishing.closeError == nil { return publishing }
        let channel = try await connection.openChannel()
        try await channel.enableConfirms()
        publishing = channel
        return channel
    }

    private func topologyChannel() async throws -> AMQPChannel {
        if let topology, await topology.closeError == nil { return topology }
        let channel = try await connection.openChannel()
        topology = channel
        return channel
    }
}

/// Settles deliveries on the channel that received them, as AMQP requires.
public struct ChannelSettling: DeliverySettling {
    let channel: AMQPChannel

    public init(channel: AMQPChannel) {
        self.channel = channel
    }

    public func ack(_ deliveryTag: UInt64) async throws {
        try await channel.ack(deliveryTag: deliveryTag)
    }

    public func nack(_ deliveryTag: UInt64, requeue: Bool) async throws {
        try await channel.nack(deliveryTag: deliveryTag, requeue: requeue)
    }

    public func reject(_ deliveryTag: UInt64, requeue: Bool) async throws {
        try await channel.reject(deliveryTag: deliveryTag, requeue: requeue)
    }
}

extension QueueArguments {
    /// The `x-` arguments of `queue.declare`, by their RabbitMQ names.
    var amqpTable: AMQPTable {
        var entries: [(key: String, value: AMQPFieldValue)] = []
        if let messageTTL {
            entries.append(("x-message-ttl", .int64(Int64(messageTTL / .milliseconds(1)))))
        }
        if let deadLetterExchange { entries.append(("x-dead-letter-exchange", .string(deadLetterExchange))) }
        if let deadLetterRoutingKey { entries.append(("x-dead-letter-routing-key", .string(deadLetterRoutingKey))) }
        if let deliveryLimit {
            entries.append(("x-queue-type", .string("quorum")))
            entries.append(("x-delivery-limit", .int64(Int64(deliveryLimit))))
        }
        return AMQPTable(entries)
    }
}

extension AMQPProperties {
    /// The properties of an outbox message: persistent delivery, its id, type and headers.
    init(_ message: Message) {
        self.init()
        messageID = message.id
        type = message.type
        contentType = message.contentType
        deliveryMode = message.persistent ? 2 : 1
        headers = message.headers.isEmpty ? nil : AMQPTable(message.headers.sorted { $0.key < $1.key }.map {
            switch $0.value {
            case .string(let text): ($0.key, .string(text))
            case .int(let number): ($0.key, .int64(number))
            }
        })
        // Per-message TTL: milliseconds, as a decimal string.
        expiration = message.expiration.map { String(Int64(max(0, ($0 / .milliseconds(1)).rounded(.up)))) }
    }
}

// snippet.delivered-message
extension Message {
    /// A delivered message as the outbox code sees it; header values other than text and integers are
    /// dropped, `x-death` (an array of tables) among them.
    public init(_ delivery: AMQPDelivery) {
        var headers: [String: HeaderValue] = [:]
        for (key, value) in delivery.headers.entries {
            if case .string(let text) = value {
                headers[key] = .string(text)
            } else if let number = value.integer {
                headers[key] = .int(number)
            }
        }
        self.init(
            id: delivery.properties.messageID ?? "", type: delivery.properties.type, headers: headers,
            body: delivery.body, contentType: delivery.properties.contentType,
            persistent: delivery.properties.deliveryMode == 2,
            expiration: delivery.properties.expiration.flatMap { Int64($0) }.map { .milliseconds($0) })
    }
}
// snippet.end
