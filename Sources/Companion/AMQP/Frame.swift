// AMQP 0-9-1 frames (spec 4.2.3): type octet, channel (short), payload size (long), payload, frame-end
// octet 0xCE. A message travels as a method frame, a content header frame, then zero or more body frames,
// each at most frame_max bytes including the 8 bytes of framing.
import NIOCore

enum AMQPFrame: Equatable, Sendable {
    case method(channel: UInt16, AMQPMethod)
    case header(channel: UInt16, bodySize: UInt64, properties: AMQPProperties)
    case body(channel: UInt16, [UInt8])
    case heartbeat

    static let protocolHeader: [UInt8] = Array("AMQP".utf8) + [0, 0, 9, 1]
    static let frameEnd: UInt8 = 0xCE
    /// Type octet, channel and size before the payload, frame-end after it.
    static let overhead = 8
    /// The smallest frame_max a peer may propose, and the limit before tuning (spec 4.2.3, frame-min-size).
    static let minimumFrameMax: UInt32 = 4096
    static let basicClassID: UInt16 = 60

    var channel: UInt16 {
        switch self {
        case .method(let channel, _), .header(let channel, _, _), .body(let channel, _): channel
        case .heartbeat: 0
        }
    }

    func encode(into buffer: inout ByteBuffer) throws {
        let type: UInt8
        switch self {
        case .method: type = 1
        case .header: type = 2
        case .body: type = 3
        case .heartbeat: type = 8
        }
        buffer.writeInteger(type)
        buffer.writeInteger(channel)
        let sizeIndex = buffer.writerIndex
        buffer.writeInteger(UInt32(0))
        switch self {
        case .method(_, let method):
            try method.encode(into: &buffer)
        case .header(_, let bodySize, let properties):
            buffer.writeInteger(Self.basicClassID)
            buffer.writeInteger(UInt16(0))  // weight: unused, must be zero
            buffer.writeInteger(bodySize)
            try properties.encode(into: &buffer)
        case .body(_, let bytes):
            buffer.writeBytes(bytes)
        case .heartbeat:
            break
        }
        buffer.setInteger(UInt32(buffer.writerIndex - sizeIndex - 4), at: sizeIndex)
        buffer.writeInteger(Self.frameEnd)
    }

    /// Decodes one frame if `buffer` holds all of it, or returns nil and consumes nothing. Throws as soon
    /// as the bytes cannot be a valid frame: a size above `frameMax` is refused before its payload arrives.
    static func decode(from buffer: inout ByteBuffer, frameMax: UInt32) throws -> AMQPFrame? {
        guard buffer.readableBytes >= 7 else { return nil }
        let start = buffer.readerIndex
        let type: UInt8 = buffer.getInteger(at: start)!
        if type == UInt8(ascii: "A") {  // "AMQP" + the version the server speaks instead
            guard let header = buffer.getBytes(at: start, length: 8) else { return nil }
            throw AMQPWireError.unsupportedProtocol(header: header)
        }
        let channel: UInt16 = buffer.getInteger(at: start + 1)!
        let size: UInt32 = buffer.getInteger(at: start + 3)!
        let frameSize = UInt64(size) + UInt64(overhead)
        if frameMax != 0 && frameSize > UInt64(frameMax) {
            throw AMQPWireError.frameTooLarge(size: UInt32(clamping: frameSize), limit: frameMax)
        }
        guard buffer.readableBytes >= Int(frameSize) else { return nil }
        let end: UInt8 = buffer.getInteger(at: start + 7 + Int(size))!
        guard end == frameEnd else { throw AMQPWireError.badFrameEnd(found: end) }

        buffer.moveReaderIndex(forwardBy: 7)
        var payload = buffer.readSlice(length: Int(size))!
        buffer.moveReaderIndex(forwardBy: 1)
        switch type {
        case 1:
            let method = try AMQPMethod.decode(from: &payload)
            return .method(channel: channel, method)
        case 2:
            let classID = try payload.readAMQP(UInt16.self, "content class id")
            guard classID == basicClassID else { throw AMQPWireError.unknownContentClass(classID) }
            _ = try payload.readAMQP(UInt16.self, "content weight")
            let bodySize = try payload.readAMQP(UInt64.self, "content body size")
            return .header(channel: channel, bodySize: bodySize, properties: try AMQPProperties(from: &payload))
        case 3:
            return .body(channel: channel, payload.readBytes(length: payload.readableBytes)!)
        case 8:
            return .heartbeat
        default:
            throw AMQPWireError.unknownFrameType(type)
        }
    }

    /// The frames of one message: method, content header, then the body cut to fit `frameMax`.
    static func content(
        channel: UInt16, method: AMQPMethod, properties: AMQPProperties, body: [UInt8], frameMax: UInt32
    ) -> [AMQPFrame] {
        var frames: [AMQPFrame] = [
            .method(channel: channel, method),
            .header(channel: channel, bodySize: UInt64(body.count), properties: properties),
        ]
        let chunk = frameMax == 0 ? max(body.count, 1) : Int(frameMax) - overhead
        var offset = 0
        while offset < body.count {
            let next = min(offset + chunk, body.count)
            frames.append(.body(channel: channel, Array(body[offset..<next])))
            offset = next
        }
        return frames
    }
}

/// The basic class's content properties (spec 4.2.6.1; the flag bits run from bit 15 for content-type
/// down to bit 2 for cluster-id, and bit 0 would announce a further flags word, which basic never needs).
public struct AMQPProperties: Sendable, Equatable {
    public var contentType: String?
    public var contentEncoding: String?
    public var headers: AMQPTable?
    /// 1 transient, 2 persistent: see `DeliveryMode`.
    public var deliveryMode: UInt8?
    public var priority: UInt8?
    public var correlationID: String?
    public var replyTo: String?
    /// A per-message TTL in milliseconds, as a decimal string (RabbitMQ's reading of the field).
    public var expiration: String?
    public var messageID: String?
    public var timestamp: UInt64?
    public var type: String?
    public var userID: String?
    public var appID: String?
    public var clusterID: String?

    public enum DeliveryMode {
        public static let transient: UInt8 = 1
        /// Written to disk by durable queues; survives a broker restart.
        public static let persistent: UInt8 = 2
    }

    public init(
        contentType: String? = nil, contentEncoding: String? = nil, headers: AMQPTable? = nil,
        deliveryMode: UInt8? = nil, priority: UInt8? = nil, correlationID: String? = nil, replyTo: String? = nil,
        expiration: String? = nil, messageID: String? = nil, timestamp: UInt64? = nil, type: String? = nil,
        userID: String? = nil, appID: String? = nil, clusterID: String? = nil
    ) {
        self.contentType = contentType
        self.contentEncoding = contentEncoding
        self.headers = headers
        self.deliveryMode = deliveryMode
        self.priority = priority
        self.correlationID = correlationID
        self.replyTo = replyTo
        self.expiration = expiration
        self.messageID = messageID
        self.timestamp = timestamp
        self.type = type
        self.userID = userID
        self.appID = appID
        self.clusterID = clusterID
    }

    init(from buffer: inout ByteBuffer) throws {
        let flags = try buffer.readAMQP(UInt16.self, "property flags")
        func present(_ bit: Int) -> Bool { flags & (1 << bit) != 0 }
        func shortString(_ bit: Int, _ name: String) throws -> String? {
            present(bit) ? try buffer.readShortString(name) : nil
        }
        self.init()
        contentType = try shortString(15, "content-type")
        contentEncoding = try shortString(14, "content-encoding")
        headers = present(13) ? try buffer.readTable("headers") : nil
        deliveryMode = present(12) ? try buffer.readAMQP(UInt8.self, "delivery-mode") : nil
        priority = present(11) ? try buffer.readAMQP(UInt8.self, "priority") : nil
        correlationID = try shortString(10, "correlation-id")
        replyTo = try shortString(9, "reply-to")
        expiration = try shortString(8, "expiration")
        messageID = try shortString(7, "message-id")
        timestamp = present(6) ? try buffer.readAMQP(UInt64.self, "timestamp") : nil
        type = try shortString(5, "type")
        userID = try shortString(4, "user-id")
        appID = try shortString(3, "app-id")
        clusterID = try shortString(2, "cluster-id")
    }

    func encode(into buffer: inout ByteBuffer) throws {
        let flagsIndex = buffer.writerIndex
        buffer.writeInteger(UInt16(0))
        var flags: UInt16 = 0
        func shortString(_ value: String?, _ bit: Int) throws {
            guard let value else { return }
            flags |= 1 << bit
            try buffer.writeShortString(value)
        }
        func octet(_ value: UInt8?, _ bit: Int) {
            guard let value else { return }
            flags |= 1 << bit
            buffer.writeInteger(value)
        }
        try shortString(contentType, 15)
        try shortString(contentEncoding, 14)
        if let headers {
            flags |= 1 << 13
            try buffer.writeTable(headers)
        }
        octet(deliveryMode, 12)
        octet(priority, 11)
        try shortString(correlationID, 10)
        try shortString(replyTo, 9)
        try shortString(expiration, 8)
        try shortString(messageID, 7)
        if let timestamp {
            flags |= 1 << 6
            buffer.writeInteger(timestamp)
        }
        try shortString(type, 5)
        try shortString(userID, 4)
        try shortString(appID, 3)
        try shortString(clusterID, 2)
        buffer.setInteger(flags, at: flagsIndex)
    }
}
