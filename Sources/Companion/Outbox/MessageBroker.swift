// The boundary between the outbox code and a message broker. It is shaped after AMQP 0-9-1 as RabbitMQ
// implements it, so an adapter over a real connection and the in-memory model in InMemoryBroker.swift
// can stand in for each other: publishes return the publisher-confirm outcome, deliveries are settled
// with ack, nack or reject, and message id and headers travel with every message.

// snippet.broker-protocol
/// What the outbox relay and the consumers need from a broker.
public protocol MessageBroker: Sendable {
    func declareExchange(_ name: String, type: ExchangeType) async throws
    func declareQueue(_ name: String, arguments: QueueArguments) async throws
    func bindQueue(
        _ queue: String, to exchange: String, routingKey: String
    ) async throws

    /// Publishes on a channel in confirm mode and waits for the verdict.
    /// Throws when the outcome is unknown (the connection was lost
    /// before the confirm arrived).
    func publish(
        _ message: Message, to exchange: String, routingKey: String,
        mandatory: Bool
    ) async throws -> PublishOutcome

    /// Publishes every message of `batch` before waiting for any confirm,
    /// then returns the outcomes in the same order: nil for a message
    /// that was never sent because the broker was unreachable. Throws,
    /// like `publish`, when an outcome is unknown.
    func publish(batch: [Publishing]) async throws -> [PublishOutcome?]

    /// Starts a consumer with manual acknowledgements and at most
    /// `prefetch` unsettled deliveries. Cancelling the task that iterates
    /// the stream cancels the consumer: its unsettled deliveries go back
    /// to the queue.
    func consume(
        queue: String, prefetch: Int
    ) async throws -> AsyncThrowingStream<Delivery, any Error>
}

/// One message of a batch, with where it goes.
public struct Publishing: Sendable, Equatable {
    public var message: Message
    public var exchange: String
    public var routingKey: String
    public var mandatory: Bool

    public init(_ message: Message, to exchange: String, routingKey: String, mandatory: Bool) {
        self.message = message
        self.exchange = exchange
        self.routingKey = routingKey
        self.mandatory = mandatory
    }
}

extension MessageBroker {
    /// One publish after another, each confirmed before the next: right for a model without latency,
    /// where a batch has nothing to save. RabbitMQBroker sends the whole batch first.
    public func publish(batch: [Publishing]) async throws -> [PublishOutcome?] {
        var outcomes: [PublishOutcome?] = []
        for publishing in batch {
            do {
                outcomes.append(try await publish(
                    publishing.message, to: publishing.exchange, routingKey: publishing.routingKey,
                    mandatory: publishing.mandatory))
            } catch BrokerError.unavailable {
                outcomes.append(nil)
            }
        }
        return outcomes
    }
}

/// The publisher-confirm outcome of one publish.
public enum PublishOutcome: Sendable, Equatable {
    /// `basic.ack`: the broker took responsibility for the message.
    case acked
    /// `basic.nack`: the broker could not take it; publish again later.
    case nacked
    /// `basic.return`, then `basic.ack`: published with `mandatory`
    /// and routed to no queue.
    case returned(replyText: String)
}
// snippet.end

extension PublishOutcome: CustomStringConvertible {
    public var description: String {
        switch self {
        case .acked: "acked"
        case .nacked: "nacked"
        case .returned(let replyText): "returned (\(replyText)), then acked"
        }
    }
}

// snippet.delivery
/// A message handed to a consumer; it stays unsettled until exactly
/// one of ack, nack or reject.
public struct Delivery: Sendable {
    public let message: Message
    public let exchange: String
    public let routingKey: String
    /// Per channel, as in AMQP: settling an unknown or already settled
    /// tag is an error.
    public let deliveryTag: UInt64
    /// Set by the broker on redelivery after a requeue or a lost consumer;
    /// never set on a second copy that the publisher sent.
    public let redelivered: Bool
    let settle: any DeliverySettling

    public init(
        message: Message, exchange: String, routingKey: String,
        deliveryTag: UInt64, redelivered: Bool, settle: any DeliverySettling
    ) {
        self.message = message
        self.exchange = exchange
        self.routingKey = routingKey
        self.deliveryTag = deliveryTag
        self.redelivered = redelivered
        self.settle = settle
    }

    public func ack() async throws {
        try await settle.ack(deliveryTag)
    }

    /// `basic.nack`: back to the queue, or dead-lettered when `requeue`
    /// is false.
    public func nack(requeue: Bool) async throws {
        try await settle.nack(deliveryTag, requeue: requeue)
    }

    /// `basic.reject`: the same choice; on a quorum queue a requeued
    /// reject counts towards the delivery limit, a requeued nack does not.
    public func reject(requeue: Bool) async throws {
        try await settle.reject(deliveryTag, requeue: requeue)
    }
}

/// How a broker adapter settles deliveries on the channel that received them.
public protocol DeliverySettling: Sendable {
    func ack(_ deliveryTag: UInt64) async throws
    func nack(_ deliveryTag: UInt64, requeue: Bool) async throws
    func reject(_ deliveryTag: UInt64, requeue: Bool) async throws
}
// snippet.end

/// An AMQP message: the properties the outbox uses, and the headers table.
public struct Message: Sendable, Equatable {
    /// The `message-id` property: the outbox event's id, which consumers deduplicate on.
    public var id: String
    /// The `type` property, e.g. `OrderPlaced`.
    public var type: String?
    public var headers: [String: HeaderValue]
    public var body: [UInt8]
    public var contentType: String?
    /// Delivery mode 2: survives a broker restart when the queue is durable too.
    public var persistent: Bool
    /// The `expiration` property (per-message TTL).
    public var expiration: Duration?

    public init(
        id: String, type: String? = nil, headers: [String: HeaderValue] = [:], body: [UInt8] = [],
        contentType: String? = "application/json", persistent: Bool = true, expiration: Duration? = nil
    ) {
        self.id = id
        self.type = type
        self.headers = headers
        self.body = body
        self.contentType = contentType
        self.persistent = persistent
        self.expiration = expiration
    }
}

/// A value in an AMQP headers table (the subset this code uses).
public enum HeaderValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case int(Int64)

    public var description: String {
        switch self {
        case .string(let text): text
        case .int(let number): String(number)
        }
    }

    public var intValue: Int64? {
        if case .int(let number) = self { return number }
        return nil
    }
}

public enum ExchangeType: String, Sendable {
    case direct, fanout
}

/// The queue arguments (or policy keys) the articles use, by their RabbitMQ names.
public struct QueueArguments: Sendable, Equatable {
    /// `x-message-ttl`
    public var messageTTL: Duration?
    /// `x-dead-letter-exchange`; `""` is the default exchange, which routes by queue name.
    public var deadLetterExchange: String?
    /// `x-dead-letter-routing-key`; without it the message keeps its own routing key.
    public var deadLetterRoutingKey: String?
    /// `x-delivery-limit` (quorum queues): returns allowed before the message is dead-lettered.
    public var deliveryLimit: Int?

    public init(
        messageTTL: Duration? = nil, deadLetterExchange: String? = nil, deadLetterRoutingKey: String? = nil,
        deliveryLimit: Int? = nil
    ) {
        self.messageTTL = messageTTL
        self.deadLetterExchange = deadLetterExchange
        self.deadLetterRoutingKey = deadLetterRoutingKey
        self.deliveryLimit = deliveryLimit
    }
}

public enum BrokerError: Error, Equatable, CustomStringConvertible {
    /// No connection: nothing was published.
    case unavailable
    /// The connection dropped after the message was sent and before its confirm arrived: it may be queued.
    case confirmLost
    /// `PRECONDITION_FAILED - unknown delivery tag`
    case unknownDeliveryTag(UInt64)
    /// `NOT_FOUND`: no such exchange or queue.
    case notFound(String)

    public var description: String {
        switch self {
        case .unavailable: "broker unavailable"
        case .confirmLost: "connection lost before the publisher confirm arrived"
        case .unknownDeliveryTag(let tag): "PRECONDITION_FAILED - unknown delivery tag \(tag)"
        case .notFound(let name): "NOT_FOUND - no exchange or queue '\(name)'"
        }
    }
}
