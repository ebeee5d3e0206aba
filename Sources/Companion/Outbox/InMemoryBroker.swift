// A RabbitMQ stand-in for tests and demos: routing, publisher confirms and mandatory returns, manual acks
// with nack/reject and requeue, dead-lettering, per-queue and per-message TTL (expired only at the head of
// the queue, as RabbitMQ does), quorum-queue delivery limits, and deterministic fault injection. Time is
// virtual: nothing expires until a test or demo calls `advanceTime(by:)`.

/// A fault the broker applies to one publish, chosen by the publish's number (1 for the first publish).
public enum PublishFault: Sendable, Equatable {
    /// No connection: nothing is queued, the publisher gets `BrokerError.unavailable`.
    case unavailable
    /// `basic.nack`: nothing is queued.
    case nack
    /// The message is queued, but the publisher gets `BrokerError.confirmLost`: from the relay's side the
    /// same as crashing after the publish and before marking the row sent.
    case confirmLost
    /// The publish waits until `releaseStalledPublishes()`, holding whatever the publisher holds.
    case stall
}

/// Why a message left its queue through the dead-letter exchange (the `reason` of RabbitMQ's `x-death`).
public enum DeadLetterReason: String, Sendable {
    case rejected, expired, deliveryLimit = "delivery_limit"
}

public actor InMemoryBroker: MessageBroker {
    public struct DeadLettering: Sendable, Equatable {
        public let messageID: String
        public let queue: String
        public let reason: DeadLetterReason
    }

    private struct Queued {
        var message: Message
        var exchange: String
        var routingKey: String
        var expiresAt: Duration?
        var redelivered = false
        /// Returns that count towards a quorum queue's delivery limit (`x-delivery-count`).
        var deliveryCount = 0
        /// The broker's own record of the first dead-lettering, kept while the broker moves the message
        /// from queue to queue. A publish starts without one, whatever `x-` headers the client sent: the
        /// real broker does not read them back either (RabbitMQ 4.x by design, 3.x once the client drops
        /// `x-death`).
        var firstDeath: (queue: String, reason: DeadLetterReason)?
    }

    private struct QueueState {
        var arguments: QueueArguments
        var ready: [Queued] = []
    }

    private struct Consumer {
        let queue: String
        let prefetch: Int
        let continuation: AsyncThrowingStream<Delivery, any Error>.Continuation
        var unsettled: [UInt64: Queued] = [:]
        var nextTag: UInt64 = 1
    }

    /// Virtual time since the broker was created.
    public private(set) var now: Duration = .zero
    public private(set) var publishCount = 0
    public private(set) var unroutableDropped = 0
    public private(set) var deadLetterings: [DeadLettering] = []

    private var exchanges: [String: ExchangeType] = [:]
    private var bindings: [(exchange: String, routingKey: String, queue: String)] = []
    private var queues: [String: QueueState] = [:]
    private var consumers: [Int: Consumer] = [:]
    private var nextConsumerID = 1
    private var faults: [Int: PublishFault] = [:]
    private var stalled: [CheckedContinuation<Void, Never>] = []

    public init() {}

    // MARK: Faults and time

    /// Applies `fault` to publish number `publish` (counted from 1 over the broker's life).
    public func inject(_ fault: PublishFault, onPublish publish: Int) {
        faults[publish] = fault
    }

    public var stalledPublishes: Int { stalled.count }

    public var consumerCount: Int { consumers.count }

    public func releaseStalledPublishes() {
        let waiting = stalled
        stalled = []
        for continuation in waiting { continuation.resume() }
    }

    /// Moves virtual time on; messages whose TTL ran out leave their queues once they reach the head.
    public func advanceTime(by duration: Duration) {
        now += duration
        dispatch()
    }

    // MARK: Topology

    public func declareExchange(_ name: String, type: ExchangeType) {
        exchanges[name] = type
    }

    public func declareQueue(_ name: String, arguments: QueueArguments = QueueArguments()) {
        if queues[name] == nil { queues[name] = QueueState(arguments: arguments) }
    }

    public func bindQueue(_ queue: String, to exchange: String, routingKey: String) throws {
        guard exchanges[exchange] != nil else { throw BrokerError.notFound(exchange) }
        guard queues[queue] != nil else { throw BrokerError.notFound(queue) }
        bindings.append((exchange, routingKey, queue))
    }

    /// Messages ready for delivery in `queue`, expired ones still waiting behind the head included.
    public func depth(of queue: String) -> Int {
        queues[queue]?.ready.count ?? 0
    }

    /// The messages ready in `queue`, head first.
    public func messages(in queue: String) -> [Message] {
        queues[queue]?.ready.map(\.message) ?? []
    }

    // MARK: Publishing

    public func publish(
        _ message: Message, to exchange: String, routingKey: String, mandatory: Bool
    ) async throws -> PublishOutcome {
        publishCount += 1
        switch faults.removeValue(forKey: publishCount) {
        case .unavailable: throw BrokerError.unavailable
        case .nack: return .nacked
        case .confirmLost:
            _ = try route(message, exchange: exchange, routingKey: routingKey)
            throw BrokerError.confirmLost
        case .stall:
            await withCheckedContinuation { stalled.append($0) }
        case nil: break
        }
        if try route(message, exchange: exchange, routingKey: routingKey) { return .acked }
        if mandatory { return .returned(replyText: "NO_ROUTE") }
        unroutableDropped += 1  // confirmed all the same: an ack is not proof of delivery
        return .acked
    }

    /// Queues `message` everywhere the exchange routes it; false when no queue matched.
    private func route(
        _ message: Message, exchange: String, routingKey: String,
        firstDeath: (queue: String, reason: DeadLetterReason)? = nil
    ) throws -> Bool {
        let targets: [String]
        if exchange.isEmpty {
            targets = queues[routingKey] == nil ? [] : [routingKey]
        } else {
            guard let type = exchanges[exchange] else { throw BrokerError.notFound(exchange) }
            targets = bindings.filter { binding in
                binding.exchange == exchange && (type == .fanout || binding.routingKey == routingKey)
            }.map(\.queue)
        }
        for name in targets {
            let ttl = [queues[name]?.arguments.messageTTL, message.expiration].compactMap { $0 }.min()
            queues[name]?.ready.append(
                Queued(message: message, exchange: exchange, routingKey: routingKey, expiresAt: ttl.map { now + $0 },
                       firstDeath: firstDeath))
        }
        dispatch()
        return !targets.isEmpty
    }

    // MARK: Consuming

    public func consume(queue: String, prefetch: Int) throws -> AsyncThrowingStream<Delivery, any Error> {
        guard queues[queue] != nil else { throw BrokerError.notFound(queue) }
        let id = nextConsumerID
        nextConsumerID += 1
        let (stream, continuation) = AsyncThrowingStream<Delivery, any Error>.makeStream()
        continuation.onTermination = { _ in Task { await self.cancelConsumer(id) } }
        consumers[id] = Consumer(queue: queue, prefetch: prefetch, continuation: continuation)
        dispatch()
        return stream
    }

    /// The channel closed: every unsettled delivery goes back to the queue, marked redelivered, and counts
    /// as a failed delivery attempt.
    private func cancelConsumer(_ id: Int) {
        guard let consumer = consumers.removeValue(forKey: id) else { return }
        for tag in consumer.unsettled.keys.sorted() {
            requeue(consumer.unsettled[tag]!, on: consumer.queue, counted: true)
        }
        dispatch()
    }

    private func settle(_ consumerID: Int, _ tag: UInt64) throws -> (queue: String, message: Queued) {
        guard let queued = consumers[consumerID]?.unsettled.removeValue(forKey: tag) else {
            throw BrokerError.unknownDeliveryTag(tag)
        }
        return (consumers[consumerID]!.queue, queued)
    }

    fileprivate func ack(_ consumerID: Int, _ tag: UInt64) throws {
        _ = try settle(consumerID, tag)
        dispatch()
    }

    fileprivate func nack(_ consumerID: Int, _ tag: UInt64, requeue: Bool, countsAsDelivery: Bool) throws {
        let (queue, queued) = try settle(consumerID, tag)
        if requeue {
            self.requeue(queued, on: queue, counted: countsAsDelivery)
        } else {
            deadLetter(queued, from: queue, reason: .rejected)
        }
        dispatch()
    }

    /// Back to the head of its queue. Since RabbitMQ 4.3 only rejects and lost consumers count towards
    /// `x-delivery-limit`; a requeued `basic.nack` does not.
    private func requeue(_ queued: Queued, on queue: String, counted: Bool) {
        var queued = queued
        queued.redelivered = true
        if counted { queued.deliveryCount += 1 }
        if counted, let limit = queues[queue]?.arguments.deliveryLimit, queued.deliveryCount > limit {
            deadLetter(queued, from: queue, reason: .deliveryLimit)
            return
        }
        queues[queue]?.ready.insert(queued, at: 0)
    }

    private func deadLetter(_ queued: Queued, from queue: String, reason: DeadLetterReason) {
        deadLetterings.append(DeadLettering(messageID: queued.message.id, queue: queue, reason: reason))
        guard let arguments = queues[queue]?.arguments, let exchange = arguments.deadLetterExchange else {
            return  // no dead-letter exchange: the message is dropped
        }
        var message = queued.message
        message.expiration = nil  // so it does not expire again where it lands
        let first = queued.firstDeath ?? (queue, reason)
        message.headers["x-first-death-queue"] = .string(first.queue)
        message.headers["x-first-death-reason"] = .string(first.reason.rawValue)
        // The current dead-letter documentation lists the last hop too; RabbitMQ 3.10 does not write it.
        message.headers["x-last-death-queue"] = .string(queue)
        message.headers["x-last-death-reason"] = .string(reason.rawValue)
        // A dead-letter exchange that does not exist drops the message silently, as RabbitMQ does.
        _ = try? route(
            message, exchange: exchange, routingKey: arguments.deadLetterRoutingKey ?? queued.routingKey,
            firstDeath: first)
    }

    /// Expires messages at the heads of queues, then hands ready messages to consumers with room under
    /// their prefetch, one at a time in turn.
    private func dispatch() {
        for name in queues.keys.sorted() { expireHead(of: name) }
        var progress = true
        while progress {
            progress = false
            for id in consumers.keys.sorted() {
                guard var consumer = consumers[id] else { continue }
                guard consumer.prefetch == 0 || consumer.unsettled.count < consumer.prefetch else { continue }
                expireHead(of: consumer.queue)
                guard let queued = queues[consumer.queue]?.ready.first else { continue }
                queues[consumer.queue]?.ready.removeFirst()
                let tag = consumer.nextTag
                consumer.nextTag += 1
                consumer.unsettled[tag] = queued
                consumers[id] = consumer
                var message = queued.message
                if queued.deliveryCount > 0 { message.headers["x-delivery-count"] = .int(Int64(queued.deliveryCount)) }
                consumer.continuation.yield(
                    Delivery(
                        message: message, exchange: queued.exchange, routingKey: queued.routingKey,
                        deliveryTag: tag, redelivered: queued.redelivered,
                        settle: InMemorySettling(broker: self, consumerID: id)))
                progress = true
            }
        }
    }

    private func expireHead(of name: String) {
        while let head = queues[name]?.ready.first, let expiresAt = head.expiresAt, expiresAt <= now {
            queues[name]?.ready.removeFirst()
            deadLetter(head, from: name, reason: .expired)
        }
    }
}

/// Settles deliveries of one in-memory consumer, which plays the part of an AMQP channel.
private struct InMemorySettling: DeliverySettling {
    let broker: InMemoryBroker
    let consumerID: Int

    func ack(_ deliveryTag: UInt64) async throws {
        try await broker.ack(consumerID, deliveryTag)
    }

    func nack(_ deliveryTag: UInt64, requeue: Bool) async throws {
        try await broker.nack(consumerID, deliveryTag, requeue: requeue, countsAsDelivery: false)
    }

    func reject(_ deliveryTag: UInt64, requeue: Bool) async throws {
        try await broker.nack(consumerID, deliveryTag, requeue: requeue, countsAsDelivery: true)
    }
}
