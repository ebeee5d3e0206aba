// What the connection tracks per channel: the one synchronous request in flight (spec 2.3.5.1: a peer
// sends no second synchronous request on a channel before the reply to the first), unconfirmed publishes
// by delivery tag, consumers by tag, and a message being assembled from header and body frames.

enum ChannelReply {
    case method(AMQPMethod)
    /// basic.get-ok, which carries a message.
    case message(AMQPMethod, AMQPProperties, [UInt8])
}

/// Where one publish's confirm goes. The broker may confirm before the publisher starts waiting (a batch
/// sends every message first), so the outcome is kept until someone asks. Confined to the connection actor.
final class ConfirmWaiter {
    private var outcome: Result<AMQPPublishOutcome, Error>?
    private var waiting: CheckedContinuation<AMQPPublishOutcome, Error>?

    func resolve(_ result: Result<AMQPPublishOutcome, Error>) {
        guard outcome == nil else { return }
        outcome = result
        waiting?.resume(with: result)
        waiting = nil
    }

    func attach(_ continuation: CheckedContinuation<AMQPPublishOutcome, Error>) {
        if let outcome { continuation.resume(with: outcome) } else { waiting = continuation }
    }
}

struct PendingPublish {
    let waiter: ConfirmWaiter
    /// Kept for mandatory publishes only, to recognise the message if the broker returns it.
    let mandatory: (exchange: String, routingKey: String, body: [UInt8])?
    var returned: AMQPReturnedMessage?
}

struct IncomingContent {
    let method: AMQPMethod
    var properties: AMQPProperties?
    var bodySize: UInt64 = 0
    var body: [UInt8] = []
}

/// Confined to the `AMQPConnection` actor.
final class ChannelState {
    let serial: UInt64
    var rpcBusy = false
    var rpcWaiters: [CheckedContinuation<Void, Never>] = []
    var pendingReply: CheckedContinuation<ChannelReply, Error>?
    var confirmMode = false
    var nextPublishTag: UInt64 = 1
    var unconfirmed: [UInt64: PendingPublish] = [:]
    /// basic.ack and basic.nack frames received, and the publishes they settled: with `multiple`, one
    /// frame settles many.
    var confirmFrames = 0
    var confirmedPublishes = 0
    var consumers: [String: AsyncThrowingStream<AMQPDelivery, Error>.Continuation] = [:]
    var incoming: IncomingContent?

    init(serial: UInt64) { self.serial = serial }

    /// Ends everything waiting on this channel with `error`.
    func fail(with error: AMQPError) {
        pendingReply?.resume(throwing: error)
        pendingReply = nil
        for publish in unconfirmed.values { publish.waiter.resolve(.failure(error)) }
        unconfirmed = [:]
        for consumer in consumers.values { consumer.finish(throwing: error) }
        consumers = [:]
        let waiters = rpcWaiters
        rpcWaiters = []
        for waiter in waiters { waiter.resume() }  // each finds the channel closed and throws
    }

    /// basic.ack / basic.nack from the broker in confirm mode; `multiple` covers every tag up to `tag`.
    func confirm(_ tag: UInt64, multiple: Bool, acked: Bool) {
        let tags = multiple ? unconfirmed.keys.filter { $0 <= tag }.sorted() : [tag]
        confirmFrames += 1
        for tag in tags {
            guard let publish = unconfirmed.removeValue(forKey: tag) else { continue }
            confirmedPublishes += 1
            let outcome: AMQPPublishOutcome = acked ? publish.returned.map { .returned($0) } ?? .acked : .nacked
            publish.waiter.resolve(.success(outcome))
        }
    }

    /// basic.return carries no delivery tag. RabbitMQ sends it before the ack of the same publish, so the
    /// message is the oldest unconfirmed mandatory publish with the same exchange, routing key and body.
    func matchReturn(_ message: AMQPReturnedMessage) {
        let match = unconfirmed.keys.sorted().first { tag in
            guard let publish = unconfirmed[tag], publish.returned == nil, let sent = publish.mandatory else {
                return false
            }
            return sent.exchange == message.exchange && sent.routingKey == message.routingKey
                && sent.body == message.body
        }
        if let match { unconfirmed[match]?.returned = message }
    }
}

extension AMQPConnection {
    func handle(_ method: AMQPMethod, on number: UInt16, _ channel: ChannelState) throws {
        guard channel.incoming == nil else {
            throw AMQPError.unexpectedFrame("\(method) on channel \(number) while a message was arriving")
        }
        switch method {
        case .basicDeliver, .basicReturn, .basicGetOk:
            channel.incoming = IncomingContent(method: method)
        case .basicAck(let tag, let multiple):
            channel.confirm(tag, multiple: multiple, acked: true)
        case .basicNack(let tag, let multiple, _):
            channel.confirm(tag, multiple: multiple, acked: false)
        case .basicCancel(let consumerTag, let noWait):
            channel.consumers.removeValue(forKey: consumerTag)?
                .finish(throwing: AMQPError.consumerCancelledByServer(consumerTag: consumerTag))
            if !noWait { try send([.method(channel: number, .basicCancelOk(consumerTag: consumerTag))]) }
        case .channelClose(let reason):
            try send([.method(channel: number, .channelCloseOk)])
            let error = AMQPError.channelClosedByServer(reason)
            channel.fail(with: error)
            closedChannels[channel.serial] = error
            channels[number] = nil
        default:
            guard let reply = channel.pendingReply else {
                throw AMQPError.unexpectedFrame("\(method) on channel \(number) with no request waiting")
            }
            channel.pendingReply = nil
            reply.resume(returning: .method(method))
        }
    }

    func handleHeader(bodySize: UInt64, properties: AMQPProperties, on number: UInt16, _ channel: ChannelState)
        throws
    {
        guard var content = channel.incoming, content.properties == nil else {
            throw AMQPError.unexpectedFrame("content header on channel \(number) without a method before it")
        }
        content.properties = properties
        content.bodySize = bodySize
        channel.incoming = content
        if bodySize == 0 { deliver(content, on: number, channel) }
    }

    func handleBody(_ bytes: [UInt8], on number: UInt16, _ channel: ChannelState) throws {
        guard var content = channel.incoming, content.properties != nil else {
            throw AMQPError.unexpectedFrame("content body on channel \(number) without a header before it")
        }
        content.body += bytes
        guard UInt64(content.body.count) <= content.bodySize else {
            throw AMQPError.unexpectedFrame("content body on channel \(number) longer than its header said")
        }
        channel.incoming = content
        if UInt64(content.body.count) == content.bodySize { deliver(content, on: number, channel) }
    }

    private func deliver(_ content: IncomingContent, on number: UInt16, _ channel: ChannelState) {
        channel.incoming = nil
        let properties = content.properties ?? AMQPProperties()
        let handle = AMQPChannel(connection: self, number: number, serial: channel.serial)
        switch content.method {
        case .basicDeliver(let consumerTag, let deliveryTag, let redelivered, let exchange, let routingKey):
            // No consumer: it was cancelled and this delivery crossed the cancel-ok. It stays unacked and
            // goes back to the queue when the channel closes.
            channel.consumers[consumerTag]?.yield(AMQPDelivery(
                channel: handle, consumerTag: consumerTag, deliveryTag: deliveryTag, redelivered: redelivered,
                exchange: exchange, routingKey: routingKey, properties: properties, body: content.body))
        case .basicReturn(let replyCode, let replyText, let exchange, let routingKey):
            channel.matchReturn(AMQPReturnedMessage(
                replyCode: replyCode, replyText: replyText, exchange: exchange, routingKey: routingKey,
                properties: properties, body: content.body))
        case .basicGetOk:
            channel.pendingReply?.resume(returning: .message(content.method, properties, content.body))
            channel.pendingReply = nil
        default:
            break
        }
    }
}
