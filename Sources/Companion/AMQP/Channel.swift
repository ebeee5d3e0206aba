// A channel: declarations, publishing with confirms, consuming, acknowledgements. `AMQPChannel` is a
// handle (connection, channel number, serial); the state behind it lives in the connection actor.

/// A channel of an `AMQPConnection`, from `AMQPConnection.openChannel()`. When the server closes it
/// (404, 406, …) every later call throws `AMQPError.channelClosedByServer`; the connection stays open.
public struct AMQPChannel: Sendable, Hashable {
    public let connection: AMQPConnection
    public let number: UInt16
    /// Tells this channel apart from a later one that reuses its number.
    let serial: UInt64

    init(connection: AMQPConnection, number: UInt16, serial: UInt64) {
        self.connection = connection
        self.number = number
        self.serial = serial
    }

    public static func == (lhs: AMQPChannel, rhs: AMQPChannel) -> Bool {
        lhs.connection === rhs.connection && lhs.serial == rhs.serial
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(connection))
        hasher.combine(serial)
    }

    // MARK: Topology

    /// exchange.declare. `type` is "direct", "fanout", "topic" or "headers".
    public func declareExchange(
        _ name: String, type: String = "direct", durable: Bool = true, autoDelete: Bool = false,
        internal: Bool = false, arguments: AMQPTable = [:]
    ) async throws {
        try await expect(.exchangeDeclare(
            exchange: name, type: type, passive: false, durable: durable, autoDelete: autoDelete,
            isInternal: `internal`, noWait: false, arguments: arguments)) { if case .exchangeDeclareOk = $0 { () } else { nil } }
    }

    public func deleteExchange(_ name: String, ifUnused: Bool = false) async throws {
        try await expect(.exchangeDelete(exchange: name, ifUnused: ifUnused, noWait: false)) {
            if case .exchangeDeleteOk = $0 { () } else { nil }
        }
    }

    /// queue.declare. An empty name asks the server for one (returned in the result). `passive` only
    /// checks that the queue exists (404 otherwise) and reads its counts. Arguments RabbitMQ reads include
    /// x-queue-type ("quorum"), x-dead-letter-exchange, x-dead-letter-routing-key, x-message-ttl and, on
    /// quorum queues, x-delivery-limit.
    @discardableResult
    public func declareQueue(
        _ name: String = "", durable: Bool = true, exclusive: Bool = false, autoDelete: Bool = false,
        passive: Bool = false, arguments: AMQPTable = [:]
    ) async throws -> AMQPQueueInfo {
        try await expect(.queueDeclare(
            queue: name, passive: passive, durable: durable, exclusive: exclusive, autoDelete: autoDelete,
            noWait: false, arguments: arguments)) {
            if case .queueDeclareOk(let queue, let messages, let consumers) = $0 {
                AMQPQueueInfo(name: queue, messageCount: messages, consumerCount: consumers)
            } else { nil }
        }
    }

    public func bindQueue(
        _ queue: String, exchange: String, routingKey: String = "", arguments: AMQPTable = [:]
    ) async throws {
        try await expect(.queueBind(
            queue: queue, exchange: exchange, routingKey: routingKey, noWait: false, arguments: arguments)) {
            if case .queueBindOk = $0 { () } else { nil }
        }
    }

    /// Removes the queue's ready messages; returns how many.
    @discardableResult
    public func purgeQueue(_ name: String) async throws -> UInt32 {
        try await expect(.queuePurge(queue: name, noWait: false)) {
            if case .queuePurgeOk(let count) = $0 { count } else { nil }
        }
    }

    /// Deletes the queue; returns how many messages it held.
    @discardableResult
    public func deleteQueue(_ name: String, ifUnused: Bool = false, ifEmpty: Bool = false) async throws -> UInt32 {
        try await expect(.queueDelete(queue: name, ifUnused: ifUnused, ifEmpty: ifEmpty, noWait: false)) {
            if case .queueDeleteOk(let count) = $0 { count } else { nil }
        }
    }

    // MARK: Publishing

    /// confirm.select: from now on the broker acks (or nacks) every publish on this channel, and
    /// `publish` waits for that answer.
    public func enableConfirms() async throws {
        try await expect(.confirmSelect(noWait: false)) { if case .confirmSelectOk = $0 { () } else { nil } }
        try await connection.enterConfirmMode(self)
    }

    /// basic.publish. In confirm mode this returns when the broker has taken responsibility for the
    /// message (`.acked`: routed, and written to disk for persistent messages on durable queues), refused
    /// it (`.nacked`), or sent a `mandatory` message back because no queue was bound for it (`.returned`).
    /// Without confirms it returns `.unconfirmed` as soon as the frames are written, and returns are
    /// dropped. A message the broker cannot route and that is not `mandatory` is discarded; with
    /// confirms it is still acked.
    @discardableResult
    public func publish(
        _ body: [UInt8], exchange: String = "", routingKey: String, mandatory: Bool = false,
        properties: AMQPProperties = AMQPProperties()
    ) async throws -> AMQPPublishOutcome {
        try await connection.publish(
            on: self, body: body, exchange: exchange, routingKey: routingKey, mandatory: mandatory,
            properties: properties)
    }

    /// Sends every message before waiting for any confirm, then returns their outcomes in order. The
    /// broker confirms a run of publishes with one `basic.ack` carrying `multiple`, so a batch costs
    /// about one confirm round trip instead of one per message. In confirm mode only.
    public func publishBatch(_ messages: [AMQPOutgoingMessage]) async throws -> [AMQPPublishOutcome] {
        try await connection.publishBatch(on: self, messages)
    }

    /// How many confirm frames (basic.ack or basic.nack) this channel has received, and how many
    /// publishes they settled.
    public var confirmCounts: (frames: Int, publishes: Int) {
        get async throws { try await connection.confirmCounts(of: self) }
    }

    // MARK: Consuming

    /// basic.qos: at most `prefetchCount` unacknowledged deliveries in flight to each consumer on this
    /// channel (`global: false`, RabbitMQ's reading), 0 for no limit.
    public func qos(prefetchCount: UInt16, global: Bool = false) async throws {
        try await expect(.basicQos(prefetchSize: 0, prefetchCount: prefetchCount, global: global)) {
            if case .basicQosOk = $0 { () } else { nil }
        }
    }

    /// basic.consume. The deliveries end normally after `cancel()`, and with an error when the channel
    /// or connection closes or the server cancels the consumer. When the task iterating them is
    /// cancelled, or the last copy of the consumer is dropped, the consumer is cancelled on the broker.
    public func consume(
        queue: String, consumerTag: String = "", noAck: Bool = false, exclusive: Bool = false,
        arguments: AMQPTable = [:]
    ) async throws -> AMQPConsumer {
        try await connection.consume(
            on: self, queue: queue, consumerTag: consumerTag, noAck: noAck, exclusive: exclusive,
            arguments: arguments)
    }

    /// basic.cancel; the consumer's deliveries end once the server confirms.
    public func cancel(consumerTag: String) async throws {
        try await expect(.basicCancel(consumerTag: consumerTag, noWait: false)) {
            if case .basicCancelOk = $0 { () } else { nil }
        }
        await connection.endConsumer(consumerTag, on: self)
    }

    /// basic.get: one message, or nil when the queue is empty.
    public func get(queue: String, noAck: Bool = false) async throws -> AMQPDelivery? {
        switch try await connection.rpc(on: self, .basicGet(queue: queue, noAck: noAck)) {
        case .method(.basicGetEmpty):
            return nil
        case .message(.basicGetOk(let deliveryTag, let redelivered, let exchange, let routingKey, _),
                      let properties, let body):
            return AMQPDelivery(
                channel: self, consumerTag: "", deliveryTag: deliveryTag, redelivered: redelivered,
                exchange: exchange, routingKey: routingKey, properties: properties, body: body)
        case let other:
            throw AMQPError.unexpectedFrame("\(other) in reply to basic.get")
        }
    }

    public func ack(deliveryTag: UInt64, multiple: Bool = false) async throws {
        try await connection.send(.basicAck(deliveryTag: deliveryTag, multiple: multiple), on: self)
    }

    /// basic.nack (a RabbitMQ extension): `requeue: false` dead-letters the message if the queue has a
    /// dead-letter exchange, and drops it otherwise.
    public func nack(deliveryTag: UInt64, multiple: Bool = false, requeue: Bool) async throws {
        try await connection.send(
            .basicNack(deliveryTag: deliveryTag, multiple: multiple, requeue: requeue), on: self)
    }

    public func reject(deliveryTag: UInt64, requeue: Bool) async throws {
        try await connection.send(.basicReject(deliveryTag: deliveryTag, requeue: requeue), on: self)
    }

    // MARK: Lifetime

    /// channel.close / close-ok. Unacknowledged deliveries go back to their queues. Closing a channel
    /// that is already closed does nothing (`closeError` says why it closed).
    public func close() async throws {
        try await connection.closeChannel(self)
    }

    /// Why the channel closed, or nil while it is open.
    public var closeError: AMQPError? {
        get async { await connection.closeError(of: self) }
    }

    private func expect<T>(_ method: AMQPMethod, _ match: (AMQPMethod) -> T?) async throws -> T {
        let reply = try await connection.rpc(on: self, method)
        guard case .method(let answer) = reply, let value = match(answer) else {
            throw AMQPError.unexpectedFrame("\(reply) in reply to \(method)")
        }
        return value
    }
}

extension AMQPConnection {
    func state(of handle: AMQPChannel) throws -> ChannelState {
        try checkOpen()
        if let channel = channels[handle.number], channel.serial == handle.serial { return channel }
        throw closedChannels[handle.serial] ?? AMQPError.channelClosedByClient
    }

    func closeError(of handle: AMQPChannel) -> AMQPError? {
        do {
            _ = try state(of: handle)
            return nil
        } catch {
            return error as? AMQPError
        }
    }

    /// Sends a synchronous request and waits for its reply, one at a time per channel.
    func rpc(on handle: AMQPChannel, _ method: AMQPMethod) async throws -> ChannelReply {
        var channel = try state(of: handle)
        while channel.rpcBusy {
            await withCheckedContinuation { channel.rpcWaiters.append($0) }
            channel = try state(of: handle)
        }
        channel.rpcBusy = true
        defer {
            channel.rpcBusy = false
            if !channel.rpcWaiters.isEmpty { channel.rpcWaiters.removeFirst().resume() }
        }
        return try await withCheckedThrowingContinuation { continuation in
            channel.pendingReply = continuation
            do {
                try send([.method(channel: handle.number, method)])
            } catch {
                channel.pendingReply = nil
                continuation.resume(throwing: error)
            }
        }
    }

    /// An asynchronous method (ack, nack, reject): no reply to wait for.
    func send(_ method: AMQPMethod, on handle: AMQPChannel) throws {
        _ = try state(of: handle)
        try send([.method(channel: handle.number, method)])
    }

    func enterConfirmMode(_ handle: AMQPChannel) throws {
        let channel = try state(of: handle)
        if !channel.confirmMode {
            channel.confirmMode = true
            channel.nextPublishTag = 1
        }
    }

    func publish(
        on handle: AMQPChannel, body: [UInt8], exchange: String, routingKey: String, mandatory: Bool,
        properties: AMQPProperties
    ) async throws -> AMQPPublishOutcome {
        let message = AMQPOutgoingMessage(
            body, exchange: exchange, routingKey: routingKey, mandatory: mandatory, properties: properties)
        guard let waiter = try send(message, on: handle) else { return .unconfirmed }
        return try await confirmation(of: waiter)
    }

    func publishBatch(on handle: AMQPChannel, _ messages: [AMQPOutgoingMessage]) async throws -> [AMQPPublishOutcome] {
        guard try state(of: handle).confirmMode else { throw AMQPError.notInConfirmMode }
        // All frames go out in this one actor turn, in order; only then does the publisher wait.
        let waiters = try messages.compactMap { try send($0, on: handle) }
        var outcomes: [AMQPPublishOutcome] = []
        outcomes.reserveCapacity(waiters.count)
        for waiter in waiters { outcomes.append(try await confirmation(of: waiter)) }
        return outcomes
    }

    func confirmCounts(of handle: AMQPChannel) throws -> (frames: Int, publishes: Int) {
        let channel = try state(of: handle)
        return (channel.confirmFrames, channel.confirmedPublishes)
    }

    /// Writes one message's frames; in confirm mode, registers it under the next delivery tag and returns
    /// where its confirm will arrive.
    private func send(_ message: AMQPOutgoingMessage, on handle: AMQPChannel) throws -> ConfirmWaiter? {
        let channel = try state(of: handle)
        try send(AMQPFrame.content(
            channel: handle.number,
            method: .basicPublish(
                exchange: message.exchange, routingKey: message.routingKey, mandatory: message.mandatory,
                immediate: false),
            properties: message.properties, body: message.body, frameMax: tuning.frameMax))
        guard channel.confirmMode else { return nil }
        // Tags count publishes on the channel from 1 (RabbitMQ's publisher confirms documentation).
        let tag = channel.nextPublishTag
        channel.nextPublishTag += 1
        let waiter = ConfirmWaiter()
        channel.unconfirmed[tag] = PendingPublish(
            waiter: waiter,
            mandatory: message.mandatory ? (message.exchange, message.routingKey, message.body) : nil)
        return waiter
    }

    private func confirmation(of waiter: ConfirmWaiter) async throws -> AMQPPublishOutcome {
        try await withCheckedThrowingContinuation { waiter.attach($0) }
    }

    func consume(
        on handle: AMQPChannel, queue: String, consumerTag: String, noAck: Bool, exclusive: Bool,
        arguments: AMQPTable
    ) async throws -> AMQPConsumer {
        let channel = try state(of: handle)
        consumerTagCounter += 1
        let tag = consumerTag.isEmpty ? "folio-consumer-\(consumerTagCounter)" : consumerTag
        let (deliveries, continuation) = AsyncThrowingStream.makeStream(of: AMQPDelivery.self)
        continuation.onTermination = { termination in
            if case .cancelled = termination { Task { try? await handle.cancel(consumerTag: tag) } }
        }
        // Registered before basic.consume goes out: the first delivery can follow consume-ok at once.
        channel.consumers[tag] = continuation
        do {
            let reply = try await rpc(on: handle, .basicConsume(
                queue: queue, consumerTag: tag, noLocal: false, noAck: noAck, exclusive: exclusive, noWait: false,
                arguments: arguments))
            guard case .method(.basicConsumeOk) = reply else {
                throw AMQPError.unexpectedFrame("\(reply) in reply to basic.consume")
            }
        } catch {
            if channels[handle.number] === channel { channel.consumers[tag] = nil }
            continuation.finish(throwing: error)
            throw error
        }
        return AMQPConsumer(tag: tag, channel: handle, deliveries: deliveries)
    }

    func endConsumer(_ tag: String, on handle: AMQPChannel) {
        guard let channel = try? state(of: handle) else { return }
        channel.consumers.removeValue(forKey: tag)?.finish()
    }

    func closeChannel(_ handle: AMQPChannel) async throws {
        guard (try? state(of: handle)) != nil else { return }
        let reply = try await rpc(on: handle, .channelClose(.normal))
        guard case .method(.channelCloseOk) = reply else {
            throw AMQPError.unexpectedFrame("\(reply) in reply to channel.close")
        }
        if let channel = channels[handle.number], channel.serial == handle.serial {
            channel.fail(with: .channelClosedByClient)
            closedChannels[handle.serial] = .channelClosedByClient
            channels[handle.number] = nil
        }
    }
}
