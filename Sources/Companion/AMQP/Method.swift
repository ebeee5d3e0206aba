// The AMQP 0-9-1 methods this client sends or receives, with their class and method ids and argument
// layouts from the specification's XML (amqp0-9-1.xml), plus RabbitMQ's extensions: confirm.select,
// basic.nack, connection.blocked / unblocked. Reserved arguments are written as zeros and skipped on read.
import NIOCore

enum AMQPMethod: Equatable, Sendable {
    // connection (class 10)
    case connectionStart(versionMajor: UInt8, versionMinor: UInt8, serverProperties: AMQPTable,
                         mechanisms: String, locales: String)
    case connectionStartOk(clientProperties: AMQPTable, mechanism: String, response: [UInt8], locale: String)
    case connectionTune(channelMax: UInt16, frameMax: UInt32, heartbeat: UInt16)
    case connectionTuneOk(channelMax: UInt16, frameMax: UInt32, heartbeat: UInt16)
    case connectionOpen(virtualHost: String)
    case connectionOpenOk
    case connectionClose(AMQPCloseReason)
    case connectionCloseOk
    case connectionBlocked(reason: String)
    case connectionUnblocked
    // channel (class 20)
    case channelOpen
    case channelOpenOk
    case channelClose(AMQPCloseReason)
    case channelCloseOk
    // exchange (class 40)
    case exchangeDeclare(exchange: String, type: String, passive: Bool, durable: Bool, autoDelete: Bool,
                         isInternal: Bool, noWait: Bool, arguments: AMQPTable)
    case exchangeDeclareOk
    case exchangeDelete(exchange: String, ifUnused: Bool, noWait: Bool)
    case exchangeDeleteOk
    // queue (class 50)
    case queueDeclare(queue: String, passive: Bool, durable: Bool, exclusive: Bool, autoDelete: Bool,
                      noWait: Bool, arguments: AMQPTable)
    case queueDeclareOk(queue: String, messageCount: UInt32, consumerCount: UInt32)
    case queueBind(queue: String, exchange: String, routingKey: String, noWait: Bool, arguments: AMQPTable)
    case queueBindOk
    case queuePurge(queue: String, noWait: Bool)
    case queuePurgeOk(messageCount: UInt32)
    case queueDelete(queue: String, ifUnused: Bool, ifEmpty: Bool, noWait: Bool)
    case queueDeleteOk(messageCount: UInt32)
    // basic (class 60)
    case basicQos(prefetchSize: UInt32, prefetchCount: UInt16, global: Bool)
    case basicQosOk
    case basicConsume(queue: String, consumerTag: String, noLocal: Bool, noAck: Bool, exclusive: Bool,
                      noWait: Bool, arguments: AMQPTable)
    case basicConsumeOk(consumerTag: String)
    case basicCancel(consumerTag: String, noWait: Bool)
    case basicCancelOk(consumerTag: String)
    case basicPublish(exchange: String, routingKey: String, mandatory: Bool, immediate: Bool)
    case basicReturn(replyCode: UInt16, replyText: String, exchange: String, routingKey: String)
    case basicDeliver(consumerTag: String, deliveryTag: UInt64, redelivered: Bool, exchange: String,
                      routingKey: String)
    case basicGet(queue: String, noAck: Bool)
    case basicGetOk(deliveryTag: UInt64, redelivered: Bool, exchange: String, routingKey: String,
                    messageCount: UInt32)
    case basicGetEmpty
    case basicAck(deliveryTag: UInt64, multiple: Bool)
    case basicReject(deliveryTag: UInt64, requeue: Bool)
    case basicNack(deliveryTag: UInt64, multiple: Bool, requeue: Bool)
    // confirm (class 85)
    case confirmSelect(noWait: Bool)
    case confirmSelectOk

    var id: (classID: UInt16, methodID: UInt16) {
        switch self {
        case .connectionStart: (10, 10)
        case .connectionStartOk: (10, 11)
        case .connectionTune: (10, 30)
        case .connectionTuneOk: (10, 31)
        case .connectionOpen: (10, 40)
        case .connectionOpenOk: (10, 41)
        case .connectionClose: (10, 50)
        case .connectionCloseOk: (10, 51)
        case .connectionBlocked: (10, 60)
        case .connectionUnblocked: (10, 61)
        case .channelOpen: (20, 10)
        case .channelOpenOk: (20, 11)
        case .channelClose: (20, 40)
        case .channelCloseOk: (20, 41)
        case .exchangeDeclare: (40, 10)
        case .exchangeDeclareOk: (40, 11)
        case .exchangeDelete: (40, 20)
        case .exchangeDeleteOk: (40, 21)
        case .queueDeclare: (50, 10)
        case .queueDeclareOk: (50, 11)
        case .queueBind: (50, 20)
        case .queueBindOk: (50, 21)
        case .queuePurge: (50, 30)
        case .queuePurgeOk: (50, 31)
        case .queueDelete: (50, 40)
        case .queueDeleteOk: (50, 41)
        case .basicQos: (60, 10)
        case .basicQosOk: (60, 11)
        case .basicConsume: (60, 20)
        case .basicConsumeOk: (60, 21)
        case .basicCancel: (60, 30)
        case .basicCancelOk: (60, 31)
        case .basicPublish: (60, 40)
        case .basicReturn: (60, 50)
        case .basicDeliver: (60, 60)
        case .basicGet: (60, 70)
        case .basicGetOk: (60, 71)
        case .basicGetEmpty: (60, 72)
        case .basicAck: (60, 80)
        case .basicReject: (60, 90)
        case .basicNack: (60, 120)
        case .confirmSelect: (85, 10)
        case .confirmSelectOk: (85, 11)
        }
    }

    /// Whether a content header and body frames follow this method (spec 2.3.5.2).
    var carriesContent: Bool {
        switch self {
        case .basicPublish, .basicReturn, .basicDeliver, .basicGetOk: true
        default: false
        }
    }

    func encode(into buffer: inout ByteBuffer) throws {
        buffer.writeInteger(id.classID)
        buffer.writeInteger(id.methodID)
        let reserved16 = UInt16(0)  // "ticket" in 0-8; reserved-1 in 0-9-1
        switch self {
        case .connectionStart(let major, let minor, let properties, let mechanisms, let locales):
            buffer.writeInteger(major)
            buffer.writeInteger(minor)
            try buffer.writeTable(properties)
            buffer.writeLongString(mechanisms)
            buffer.writeLongString(locales)
        case .connectionStartOk(let properties, let mechanism, let response, let locale):
            try buffer.writeTable(properties)
            try buffer.writeShortString(mechanism)
            buffer.writeLongBytes(response)
            try buffer.writeShortString(locale)
        case .connectionTune(let channelMax, let frameMax, let heartbeat),
             .connectionTuneOk(let channelMax, let frameMax, let heartbeat):
            buffer.writeInteger(channelMax)
            buffer.writeInteger(frameMax)
            buffer.writeInteger(heartbeat)
        case .connectionOpen(let virtualHost):
            try buffer.writeShortString(virtualHost)
            try buffer.writeShortString("")  // reserved-1 (capabilities)
            buffer.writeBits(false)  // reserved-2 (insist)
        case .connectionOpenOk:
            try buffer.writeShortString("")  // reserved-1 (known-hosts)
        case .connectionClose(let reason), .channelClose(let reason):
            buffer.writeInteger(reason.replyCode)
            try buffer.writeShortString(reason.replyText)
            buffer.writeInteger(reason.classID)
            buffer.writeInteger(reason.methodID)
        case .connectionBlocked(let reason):
            try buffer.writeShortString(reason)
        case .channelOpen:
            try buffer.writeShortString("")  // reserved-1 (out-of-band)
        case .channelOpenOk:
            buffer.writeLongString("")  // reserved-1 (channel-id)
        case .exchangeDeclare(let exchange, let type, let passive, let durable, let autoDelete, let isInternal,
                              let noWait, let arguments):
            buffer.writeInteger(reserved16)
            try buffer.writeShortString(exchange)
            try buffer.writeShortString(type)
            buffer.writeBits(passive, durable, autoDelete, isInternal, noWait)
            try buffer.writeTable(arguments)
        case .exchangeDelete(let exchange, let ifUnused, let noWait):
            buffer.writeInteger(reserved16)
            try buffer.writeShortString(exchange)
            buffer.writeBits(ifUnused, noWait)
        case .queueDeclare(let queue, let passive, let durable, let exclusive, let autoDelete, let noWait,
                           let arguments):
            buffer.writeInteger(reserved16)
            try buffer.writeShortString(queue)
            buffer.writeBits(passive, durable, exclusive, autoDelete, noWait)
            try buffer.writeTable(arguments)
        case .queueDeclareOk(let queue, let messageCount, let consumerCount):
            try buffer.writeShortString(queue)
            buffer.writeInteger(messageCount)
            buffer.writeInteger(consumerCount)
        case .queueBind(let queue, let exchange, let routingKey, let noWait, let arguments):
            buffer.writeInteger(reserved16)
            try buffer.writeShortString(queue)
            try buffer.writeShortString(exchange)
            try buffer.writeShortString(routingKey)
            buffer.writeBits(noWait)
            try buffer.writeTable(arguments)
        case .queuePurge(let queue, let noWait):
            buffer.writeInteger(reserved16)
            try buffer.writeShortString(queue)
            buffer.writeBits(noWait)
        case .queuePurgeOk(let messageCount), .queueDeleteOk(let messageCount):
            buffer.writeInteger(messageCount)
        case .queueDelete(let queue, let ifUnused, let ifEmpty, let noWait):
            buffer.writeInteger(reserved16)
            try buffer.writeShortString(queue)
            buffer.writeBits(ifUnused, ifEmpty, noWait)
        case .basicQos(let prefetchSize, let prefetchCount, let global):
            buffer.writeInteger(prefetchSize)
            buffer.writeInteger(prefetchCount)
            buffer.writeBits(global)
        case .basicConsume(let queue, let consumerTag, let noLocal, let noAck, let exclusive, let noWait,
                           let arguments):
            buffer.writeInteger(reserved16)
            try buffer.writeShortString(queue)
            try buffer.writeShortString(consumerTag)
            buffer.writeBits(noLocal, noAck, exclusive, noWait)
            try buffer.writeTable(arguments)
        case .basicConsumeOk(let consumerTag), .basicCancelOk(let consumerTag):
            try buffer.writeShortString(consumerTag)
        case .basicCancel(let consumerTag, let noWait):
            try buffer.writeShortString(consumerTag)
            buffer.writeBits(noWait)
        case .basicPublish(let exchange, let routingKey, let mandatory, let immediate):
            buffer.writeInteger(reserved16)
            try buffer.writeShortString(exchange)
            try buffer.writeShortString(routingKey)
            buffer.writeBits(mandatory, immediate)
        case .basicReturn(let replyCode, let replyText, let exchange, let routingKey):
            buffer.writeInteger(replyCode)
            try buffer.writeShortString(replyText)
            try buffer.writeShortString(exchange)
            try buffer.writeShortString(routingKey)
        case .basicDeliver(let consumerTag, let deliveryTag, let redelivered, let exchange, let routingKey):
            try buffer.writeShortString(consumerTag)
            buffer.writeInteger(deliveryTag)
            buffer.writeBits(redelivered)
            try buffer.writeShortString(exchange)
            try buffer.writeShortString(routingKey)
        case .basicGet(let queue, let noAck):
            buffer.writeInteger(reserved16)
            try buffer.writeShortString(queue)
            buffer.writeBits(noAck)
        case .basicGetOk(let deliveryTag, let redelivered, let exchange, let routingKey, let messageCount):
            buffer.writeInteger(deliveryTag)
            buffer.writeBits(redelivered)
            try buffer.writeShortString(exchange)
            try buffer.writeShortString(routingKey)
            buffer.writeInteger(messageCount)
        case .basicGetEmpty:
            try buffer.writeShortString("")  // reserved-1 (cluster-id)
        case .basicAck(let deliveryTag, let multiple):
            buffer.writeInteger(deliveryTag)
            buffer.writeBits(multiple)
        case .basicReject(let deliveryTag, let requeue):
            buffer.writeInteger(deliveryTag)
            buffer.writeBits(requeue)
        case .basicNack(let deliveryTag, let multiple, let requeue):
            buffer.writeInteger(deliveryTag)
            buffer.writeBits(multiple, requeue)
        case .confirmSelect(let noWait):
            buffer.writeBits(noWait)
        case .connectionCloseOk, .connectionUnblocked, .channelCloseOk, .exchangeDeclareOk, .exchangeDeleteOk,
             .queueBindOk, .basicQosOk, .confirmSelectOk:
            break
        }
    }

    /// Decodes a method frame's payload, which must hold exactly one method.
    static func decode(from buffer: inout ByteBuffer) throws -> AMQPMethod {
        let classID = try buffer.readAMQP(UInt16.self, "class id")
        let methodID = try buffer.readAMQP(UInt16.self, "method id")
        func skipReserved16() throws { _ = try buffer.readAMQP(UInt16.self, "reserved short") }
        func shortString(_ what: String) throws -> String { try buffer.readShortString(what) }
        func table(_ what: String) throws -> AMQPTable { try buffer.readTable(what) }
        func closeReason() throws -> AMQPCloseReason {
            AMQPCloseReason(
                replyCode: try buffer.readAMQP(UInt16.self, "reply-code"),
                replyText: try shortString("reply-text"),
                classID: try buffer.readAMQP(UInt16.self, "class-id"),
                methodID: try buffer.readAMQP(UInt16.self, "method-id"))
        }

        switch (classID, methodID) {
        case (10, 10):
            return .connectionStart(
                versionMajor: try buffer.readAMQP(UInt8.self, "version-major"),
                versionMinor: try buffer.readAMQP(UInt8.self, "version-minor"),
                serverProperties: try table("server-properties"),
                mechanisms: try buffer.readLongString("mechanisms"),
                locales: try buffer.readLongString("locales"))
        case (10, 11):
            return .connectionStartOk(
                clientProperties: try table("client-properties"), mechanism: try shortString("mechanism"),
                response: try buffer.readLongBytes("response"), locale: try shortString("locale"))
        case (10, 30), (10, 31):
            let channelMax = try buffer.readAMQP(UInt16.self, "channel-max")
            let frameMax = try buffer.readAMQP(UInt32.self, "frame-max")
            let heartbeat = try buffer.readAMQP(UInt16.self, "heartbeat")
            return methodID == 30
                ? .connectionTune(channelMax: channelMax, frameMax: frameMax, heartbeat: heartbeat)
                : .connectionTuneOk(channelMax: channelMax, frameMax: frameMax, heartbeat: heartbeat)
        case (10, 40):
            let virtualHost = try shortString("virtual-host")
            _ = try shortString("reserved-1")
            _ = try buffer.readBits(1, "reserved-2")
            return .connectionOpen(virtualHost: virtualHost)
        case (10, 41):
            _ = try shortString("reserved-1")
            return .connectionOpenOk
        case (10, 50): return .connectionClose(try closeReason())
        case (10, 51): return .connectionCloseOk
        case (10, 60): return .connectionBlocked(reason: try shortString("reason"))
        case (10, 61): return .connectionUnblocked
        case (20, 10):
            _ = try shortString("reserved-1")
            return .channelOpen
        case (20, 11):
            _ = try buffer.readLongBytes("reserved-1")
            return .channelOpenOk
        case (20, 40): return .channelClose(try closeReason())
        case (20, 41): return .channelCloseOk
        case (40, 10):
            try skipReserved16()
            let exchange = try shortString("exchange")
            let type = try shortString("type")
            let bits = try buffer.readBits(5, "exchange.declare flags")
            return .exchangeDeclare(
                exchange: exchange, type: type, passive: bits[0], durable: bits[1], autoDelete: bits[2],
                isInternal: bits[3], noWait: bits[4], arguments: try table("arguments"))
        case (40, 11): return .exchangeDeclareOk
        case (40, 20):
            try skipReserved16()
            let exchange = try shortString("exchange")
            let bits = try buffer.readBits(2, "exchange.delete flags")
            return .exchangeDelete(exchange: exchange, ifUnused: bits[0], noWait: bits[1])
        case (40, 21): return .exchangeDeleteOk
        case (50, 10):
            try skipReserved16()
            let queue = try shortString("queue")
            let bits = try buffer.readBits(5, "queue.declare flags")
            return .queueDeclare(
                queue: queue, passive: bits[0], durable: bits[1], exclusive: bits[2], autoDelete: bits[3],
                noWait: bits[4], arguments: try table("arguments"))
        case (50, 11):
            return .queueDeclareOk(
                queue: try shortString("queue"), messageCount: try buffer.readAMQP(UInt32.self, "message-count"),
                consumerCount: try buffer.readAMQP(UInt32.self, "consumer-count"))
        case (50, 20):
            try skipReserved16()
            let queue = try shortString("queue")
            let exchange = try shortString("exchange")
            let routingKey = try shortString("routing-key")
            let noWait = try buffer.readBits(1, "no-wait")[0]
            return .queueBind(
                queue: queue, exchange: exchange, routingKey: routingKey, noWait: noWait,
                arguments: try table("arguments"))
        case (50, 21): return .queueBindOk
        case (50, 30):
            try skipReserved16()
            return .queuePurge(queue: try shortString("queue"), noWait: try buffer.readBits(1, "no-wait")[0])
        case (50, 31): return .queuePurgeOk(messageCount: try buffer.readAMQP(UInt32.self, "message-count"))
        case (50, 40):
            try skipReserved16()
            let queue = try shortString("queue")
            let bits = try buffer.readBits(3, "queue.delete flags")
            return .queueDelete(queue: queue, ifUnused: bits[0], ifEmpty: bits[1], noWait: bits[2])
        case (50, 41): return .queueDeleteOk(messageCount: try buffer.readAMQP(UInt32.self, "message-count"))
        case (60, 10):
            return .basicQos(
                prefetchSize: try buffer.readAMQP(UInt32.self, "prefetch-size"),
                prefetchCount: try buffer.readAMQP(UInt16.self, "prefetch-count"),
                global: try buffer.readBits(1, "global")[0])
        case (60, 11): return .basicQosOk
        case (60, 20):
            try skipReserved16()
            let queue = try shortString("queue")
            let consumerTag = try shortString("consumer-tag")
            let bits = try buffer.readBits(4, "basic.consume flags")
            return .basicConsume(
                queue: queue, consumerTag: consumerTag, noLocal: bits[0], noAck: bits[1], exclusive: bits[2],
                noWait: bits[3], arguments: try table("arguments"))
        case (60, 21): return .basicConsumeOk(consumerTag: try shortString("consumer-tag"))
        case (60, 30):
            return .basicCancel(consumerTag: try shortString("consumer-tag"), noWait: try buffer.readBits(1, "no-wait")[0])
        case (60, 31): return .basicCancelOk(consumerTag: try shortString("consumer-tag"))
        case (60, 40):
            try skipReserved16()
            let exchange = try shortString("exchange")
            let routingKey = try shortString("routing-key")
            let bits = try buffer.readBits(2, "basic.publish flags")
            return .basicPublish(exchange: exchange, routingKey: routingKey, mandatory: bits[0], immediate: bits[1])
        case (60, 50):
            return .basicReturn(
                replyCode: try buffer.readAMQP(UInt16.self, "reply-code"), replyText: try shortString("reply-text"),
                exchange: try shortString("exchange"), routingKey: try shortString("routing-key"))
        case (60, 60):
            return .basicDeliver(
                consumerTag: try shortString("consumer-tag"),
                deliveryTag: try buffer.readAMQP(UInt64.self, "delivery-tag"),
                redelivered: try buffer.readBits(1, "redelivered")[0],
                exchange: try shortString("exchange"), routingKey: try shortString("routing-key"))
        case (60, 70):
            try skipReserved16()
            return .basicGet(queue: try shortString("queue"), noAck: try buffer.readBits(1, "no-ack")[0])
        case (60, 71):
            return .basicGetOk(
                deliveryTag: try buffer.readAMQP(UInt64.self, "delivery-tag"),
                redelivered: try buffer.readBits(1, "redelivered")[0],
                exchange: try shortString("exchange"), routingKey: try shortString("routing-key"),
                messageCount: try buffer.readAMQP(UInt32.self, "message-count"))
        case (60, 72):
            _ = try shortString("reserved-1")
            return .basicGetEmpty
        case (60, 80):
            return .basicAck(
                deliveryTag: try buffer.readAMQP(UInt64.self, "delivery-tag"),
                multiple: try buffer.readBits(1, "multiple")[0])
        case (60, 90):
            return .basicReject(
                deliveryTag: try buffer.readAMQP(UInt64.self, "delivery-tag"),
                requeue: try buffer.readBits(1, "requeue")[0])
        case (60, 120):
            let deliveryTag = try buffer.readAMQP(UInt64.self, "delivery-tag")
            let bits = try buffer.readBits(2, "basic.nack flags")
            return .basicNack(deliveryTag: deliveryTag, multiple: bits[0], requeue: bits[1])
        case (85, 10): return .confirmSelect(noWait: try buffer.readBits(1, "nowait")[0])
        case (85, 11): return .confirmSelectOk
        default: throw AMQPWireError.unknownMethod(classID: classID, methodID: methodID)
        }
    }
}

/// Why a connection or channel was closed, as connection.close / channel.close carry it: a reply code
/// (spec 1.2: 320 CONNECTION_FORCED, 404 NOT_FOUND, 405 RESOURCE_LOCKED, 406 PRECONDITION_FAILED, …) and
/// the method that caused it (0, 0 when none did).
public struct AMQPCloseReason: Sendable, Equatable, CustomStringConvertible {
    public var replyCode: UInt16
    public var replyText: String
    public var classID: UInt16
    public var methodID: UInt16

    public init(replyCode: UInt16, replyText: String, classID: UInt16 = 0, methodID: UInt16 = 0) {
        self.replyCode = replyCode
        self.replyText = replyText
        self.classID = classID
        self.methodID = methodID
    }

    public static let normal = AMQPCloseReason(replyCode: 200, replyText: "Goodbye")

    public var description: String {
        let cause = classID == 0 ? "" : " (in reply to method \(classID).\(methodID))"
        return "\(replyCode) \(replyText)\(cause)"
    }
}
