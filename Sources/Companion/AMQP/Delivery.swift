// What publishing and consuming hand back: the outcome of a confirmed publish, a returned message, a
// delivery with its acknowledgement methods, a consumer's stream, and the broker's x-death history.

/// What the broker said about one publish.
public enum AMQPPublishOutcome: Sendable, Equatable {
    /// Confirmed: the broker has the message (routed to at least one queue, or unroutable and not mandatory).
    case acked
    /// The broker could not take the message (an internal error in the queue process, a full queue with
    /// `x-overflow: reject-publish`). Publish again or give up; the message may or may not be queued.
    case nacked
    /// `mandatory` and no queue was bound for it: the broker sent it back (basic.return), then acked it.
    case returned(AMQPReturnedMessage)
    /// The channel is not in confirm mode: the frames were written, and nothing more is known.
    case unconfirmed
}

/// One message for `publishBatch`: what `publish` takes, as a value.
public struct AMQPOutgoingMessage: Sendable, Equatable {
    public var body: [UInt8]
    public var exchange: String
    public var routingKey: String
    public var mandatory: Bool
    public var properties: AMQPProperties

    public init(
        _ body: [UInt8], exchange: String = "", routingKey: String, mandatory: Bool = false,
        properties: AMQPProperties = AMQPProperties()
    ) {
        self.body = body
        self.exchange = exchange
        self.routingKey = routingKey
        self.mandatory = mandatory
        self.properties = properties
    }
}

/// A message the broker sent back with basic.return.
public struct AMQPReturnedMessage: Sendable, Equatable {
    /// 312 NO_ROUTE for an unroutable mandatory message.
    public var replyCode: UInt16
    public var replyText: String
    public var exchange: String
    public var routingKey: String
    public var properties: AMQPProperties
    public var body: [UInt8]
}

/// The result of queue.declare.
public struct AMQPQueueInfo: Sendable, Equatable {
    public var name: String
    /// Ready messages (not those delivered and awaiting an ack).
    public var messageCount: UInt32
    public var consumerCount: UInt32
}

/// One message delivered to a consumer or fetched with basic.get. Acknowledge it exactly once, on the
/// channel it came from, unless it was consumed with `noAck`.
public struct AMQPDelivery: Sendable {
    public let channel: AMQPChannel
    public let consumerTag: String
    /// Scoped to the channel: acks for it on another channel are a protocol error.
    public let deliveryTag: UInt64
    /// The broker delivered this message before (requeued by a nack or reject, or by a closed channel).
    public let redelivered: Bool
    public let exchange: String
    public let routingKey: String
    public let properties: AMQPProperties
    public let body: [UInt8]

    public var headers: AMQPTable { properties.headers ?? [:] }

    public func ack() async throws {
        try await channel.ack(deliveryTag: deliveryTag)
    }

    /// `requeue: true` puts the message back at the head of its queue (and a quorum queue counts the
    /// attempt against `x-delivery-limit`); `false` dead-letters or drops it.
    public func nack(requeue: Bool) async throws {
        try await channel.nack(deliveryTag: deliveryTag, requeue: requeue)
    }

    public func reject(requeue: Bool) async throws {
        try await channel.reject(deliveryTag: deliveryTag, requeue: requeue)
    }

    /// The `x-death` header RabbitMQ adds when it dead-letters a message: one entry per (queue, reason),
    /// most recent first.
    public var deaths: [AMQPDeath] { AMQPDeath.all(in: headers) }
}

/// One entry of the `x-death` header.
public struct AMQPDeath: Sendable, Equatable {
    /// The queue the message was dead-lettered from.
    public var queue: String
    /// "rejected" (nack or reject without requeue), "expired" (TTL), "maxlen", or "delivery_limit".
    public var reason: String
    /// How many times the message was dead-lettered from this queue for this reason.
    public var count: Int64
    public var exchange: String
    public var routingKeys: [String]

    /// The entries of a message's `x-death` header; empty when it was never dead-lettered.
    public static func all(in headers: AMQPTable) -> [AMQPDeath] {
        (headers["x-death"]?.array ?? []).compactMap { $0.table.map(AMQPDeath.init) }
    }

    init(_ table: AMQPTable) {
        queue = table["queue"]?.string ?? ""
        reason = table["reason"]?.string ?? ""
        count = table["count"]?.integer ?? 0
        exchange = table["exchange"]?.string ?? ""
        routingKeys = (table["routing-keys"]?.array ?? []).compactMap(\.string)
    }
}

/// A consumer: its tag, and its deliveries as an async sequence.
public struct AMQPConsumer: AsyncSequence, Sendable {
    public typealias Element = AMQPDelivery
    public let tag: String
    public let channel: AMQPChannel
    public let deliveries: AsyncThrowingStream<AMQPDelivery, Error>

    public func makeAsyncIterator() -> AsyncThrowingStream<AMQPDelivery, Error>.AsyncIterator {
        deliveries.makeAsyncIterator()
    }

    /// basic.cancel: no further deliveries; the sequence ends normally.
    public func cancel() async throws {
        try await channel.cancel(consumerTag: tag)
    }
}
