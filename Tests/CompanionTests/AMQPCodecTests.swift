// The AMQP 0-9-1 codec against byte vectors written by hand from the specification's encoding rules
// (section 4.2 of amqp0-9-1.pdf, and RabbitMQ's errata for field types), plus round trips and malformed input.
import NIOCore
import Testing
@testable import Companion

private func bytes(_ frame: AMQPFrame) throws -> [UInt8] {
    var buffer = ByteBuffer()
    try frame.encode(into: &buffer)
    return Array(buffer.readableBytesView)
}

private func bytes(_ method: AMQPMethod) throws -> [UInt8] {
    var buffer = ByteBuffer()
    try method.encode(into: &buffer)
    return Array(buffer.readableBytesView)
}

private func decode(_ bytes: [UInt8], frameMax: UInt32 = 131_072) throws -> AMQPFrame? {
    var buffer = ByteBuffer(bytes: bytes)
    return try AMQPFrame.decode(from: &buffer, frameMax: frameMax)
}

private func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }

@Suite struct AMQPFrameVectorTests {
    @Test func protocolHeaderIsAMQPThenZeroZeroNineOne() {
        #expect(AMQPFrame.protocolHeader == [0x41, 0x4D, 0x51, 0x50, 0, 0, 9, 1])
    }

    @Test func heartbeatFrame() throws {
        let expected: [UInt8] = [
            0x08,  // frame type 8: heartbeat
            0x00, 0x00,  // channel 0
            0x00, 0x00, 0x00, 0x00,  // payload size 0
            0xCE,  // frame-end
        ]
        #expect(try bytes(.heartbeat) == expected)
        #expect(try decode(expected) == .heartbeat)
    }

    @Test func basicAckMethodFrame() throws {
        let expected: [UInt8] = [
            0x01,  // frame type 1: method
            0x00, 0x01,  // channel 1
            0x00, 0x00, 0x00, 0x0D,  // payload size 13
            0x00, 0x3C,  // class 60: basic
            0x00, 0x50,  // method 80: ack
            0, 0, 0, 0, 0, 0, 0, 0x2A,  // delivery-tag 42 (longlong)
            0x01,  // bits: multiple = 1
            0xCE,  // frame-end
        ]
        let frame = AMQPFrame.method(channel: 1, .basicAck(deliveryTag: 42, multiple: true))
        #expect(try bytes(frame) == expected)
        #expect(try decode(expected) == frame)
    }

    @Test func tuneOkMethodFrame() throws {
        let expected: [UInt8] = [
            0x01,  // method
            0x00, 0x00,  // channel 0: connection class methods always go on channel 0
            0x00, 0x00, 0x00, 0x0C,  // payload size 12
            0x00, 0x0A,  // class 10: connection
            0x00, 0x1F,  // method 31: tune-ok
            0x07, 0xFF,  // channel-max 2047 (short)
            0x00, 0x02, 0x00, 0x00,  // frame-max 131072 (long)
            0x00, 0x3C,  // heartbeat 60 s (short)
            0xCE,
        ]
        let frame = AMQPFrame.method(channel: 0, .connectionTuneOk(channelMax: 2047, frameMax: 131_072, heartbeat: 60))
        #expect(try bytes(frame) == expected)
        #expect(try decode(expected) == frame)
    }

    @Test func queueDeclareWithAnArgumentsTable() throws {
        var expected: [UInt8] = [
            0x00, 0x32,  // class 50: queue
            0x00, 0x0A,  // method 10: declare
            0x00, 0x00,  // reserved-1 (ticket)
            0x01, 0x71,  // queue: short string of 1 byte, "q"
            0x02,  // bits, least significant first: passive 0, durable 1, exclusive 0, auto-delete 0, no-wait 0
            0x00, 0x00, 0x00, 0x32,  // arguments: field table of 50 bytes
            0x0C,  // field name: short string of 12 bytes
        ]
        expected += ascii("x-queue-type")
        expected += [0x53, 0x00, 0x00, 0x00, 0x06]  // 'S' long string of 6 bytes
        expected += ascii("quorum")
        expected += [0x10]  // field name: 16 bytes
        expected += ascii("x-delivery-limit")
        expected += [0x6C, 0, 0, 0, 0, 0, 0, 0, 0x03]  // 'l' signed 64-bit: 3
        let method = AMQPMethod.queueDeclare(
            queue: "q", passive: false, durable: true, exclusive: false, autoDelete: false, noWait: false,
            arguments: ["x-queue-type": .string("quorum"), "x-delivery-limit": .int64(3)])
        #expect(try bytes(method) == expected)
        var buffer = ByteBuffer(bytes: expected)
        #expect(try AMQPMethod.decode(from: &buffer) == method)
    }

    @Test func connectionStartOkWithPlainResponse() throws {
        var expected: [UInt8] = [
            0x00, 0x0A, 0x00, 0x0B,  // connection.start-ok
            0x00, 0x00, 0x00, 0x0E,  // client-properties: table of 14 bytes
            0x07,  // name: 7 bytes
        ]
        expected += ascii("product")
        expected += [0x53, 0x00, 0x00, 0x00, 0x01, 0x78]  // 'S', 1 byte: "x"
        expected += [0x05] + ascii("PLAIN")  // mechanism: short string
        expected += [0x00, 0x00, 0x00, 0x0C, 0x00] + ascii("guest") + [0x00] + ascii("guest")  // response: long string "\0guest\0guest"
        expected += [0x05] + ascii("en_US")  // locale
        let method = AMQPMethod.connectionStartOk(
            clientProperties: ["product": .string("x")], mechanism: "PLAIN",
            response: [0] + ascii("guest") + [0] + ascii("guest"), locale: "en_US")
        #expect(try bytes(method) == expected)
    }

    @Test func contentHeaderWithPropertyFlags() throws {
        var expected: [UInt8] = [
            0x02,  // frame type 2: content header
            0x00, 0x05,  // channel 5
            0x00, 0x00, 0x00, 0x33,  // payload size 51
            0x00, 0x3C,  // class 60: basic
            0x00, 0x00,  // weight, always 0
            0, 0, 0, 0, 0, 0, 0, 0x05,  // body size 5 (longlong)
            0xB0, 0x80,  // flags: bit 15 content-type, 13 headers, 12 delivery-mode, 7 message-id
            0x0A,  // content-type: 10 bytes
        ]
        expected += ascii("text/plain")
        expected += [0x00, 0x00, 0x00, 0x11, 0x0B]  // headers: table of 17 bytes; name of 11 bytes
        expected += ascii("retry-count")
        expected += [0x49, 0x00, 0x00, 0x00, 0x01]  // 'I' signed 32-bit: 1
        expected += [0x02]  // delivery-mode 2: persistent
        expected += [0x03] + ascii("m-1")  // message-id
        expected += [0xCE]
        let frame = AMQPFrame.header(channel: 5, bodySize: 5, properties: AMQPProperties(
            contentType: "text/plain", headers: ["retry-count": .int32(1)],
            deliveryMode: AMQPProperties.DeliveryMode.persistent, messageID: "m-1"))
        #expect(try bytes(frame) == expected)
        #expect(try decode(expected) == frame)
    }

    @Test func bodyFrame() throws {
        let expected: [UInt8] = [0x03, 0x00, 0x02, 0x00, 0x00, 0x00, 0x03, 0x61, 0x62, 0x63, 0xCE]  // "abc" on channel 2
        #expect(try bytes(.body(channel: 2, ascii("abc"))) == expected)
        #expect(try decode(expected) == .body(channel: 2, ascii("abc")))
    }

    @Test func ninePackedBitsTakeTwoOctets() throws {
        var buffer = ByteBuffer()
        buffer.writeBits(true, false, true, false, false, false, false, true, true)
        #expect(Array(buffer.readableBytesView) == [0b1000_0101, 0b0000_0001])
        #expect(try buffer.readBits(9, "bits") == [true, false, true, false, false, false, false, true, true])
    }
}

@Suite struct AMQPFieldValueVectorTests {
    /// Each field type RabbitMQ uses, with its tag octet and big-endian value.
    static let vectors: [(AMQPFieldValue, [UInt8])] = [
        (.bool(true), [0x74, 0x01]),  // 't'
        (.int8(-1), [0x62, 0xFF]),  // 'b'
        (.uint8(255), [0x42, 0xFF]),  // 'B'
        (.int16(-2), [0x73, 0xFF, 0xFE]),  // 's': a signed short in RabbitMQ's errata
        (.uint16(65534), [0x75, 0xFF, 0xFE]),  // 'u'
        (.int32(-3), [0x49, 0xFF, 0xFF, 0xFF, 0xFD]),  // 'I'
        (.uint32(7), [0x69, 0x00, 0x00, 0x00, 0x07]),  // 'i'
        (.int64(-4), [0x6C, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFC]),  // 'l'
        (.float(1.5), [0x66, 0x3F, 0xC0, 0x00, 0x00]),  // 'f': IEEE 754 single
        (.double(1.5), [0x64, 0x3F, 0xF8, 0, 0, 0, 0, 0, 0]),  // 'd': IEEE 754 double
        (.decimal(scale: 2, value: 500), [0x44, 0x02, 0x00, 0x00, 0x01, 0xF4]),  // 'D': 5.00
        (.string("hi"), [0x53, 0x00, 0x00, 0x00, 0x02, 0x68, 0x69]),  // 'S'
        (.timestamp(1), [0x54, 0, 0, 0, 0, 0, 0, 0, 0x01]),  // 'T'
        (.table([:]), [0x46, 0x00, 0x00, 0x00, 0x00]),  // 'F': empty table
        (.array([.int32(1), .bool(false)]),
         [0x41, 0x00, 0x00, 0x00, 0x07, 0x49, 0x00, 0x00, 0x00, 0x01, 0x74, 0x00]),  // 'A' of 7 bytes
        (.void, [0x56]),  // 'V'
        (.bytes([0xDE, 0xAD]), [0x78, 0x00, 0x00, 0x00, 0x02, 0xDE, 0xAD]),  // 'x'
    ]

    @Test(arguments: vectors.indices)
    func fieldValueEncodesAndDecodes(index: Int) throws {
        let (value, expected) = Self.vectors[index]
        var buffer = ByteBuffer()
        try buffer.writeFieldValue(value)
        #expect(Array(buffer.readableBytesView) == expected)
        #expect(try buffer.readFieldValue("value") == value)
        #expect(buffer.readableBytes == 0)
    }

    @Test func nestedTablesRoundTrip() throws {
        let table: AMQPTable = [
            "x-death": .array([.table([
                "count": .int64(3), "reason": .string("rejected"), "queue": .string("work"),
                "routing-keys": .array([.string("job")]), "time": .timestamp(1_700_000_000),
            ])]),
            "retry-count": .int32(3),
        ]
        var buffer = ByteBuffer()
        try buffer.writeTable(table)
        #expect(try buffer.readTable("headers") == table)
    }

    @Test func xDeathEntriesAreReadable() throws {
        let headers: AMQPTable = [
            "x-death": .array([
                .table(["count": .int64(1), "reason": .string("expired"), "queue": .string("retry"),
                        "exchange": .string("retry-x"), "routing-keys": .array([.string("job")])]),
                .table(["count": .int64(2), "reason": .string("rejected"), "queue": .string("work"),
                        "exchange": .string("work-x"), "routing-keys": .array([.string("job")])]),
            ]),
        ]
        let deaths = AMQPDeath.all(in: headers)
        #expect(deaths.map(\.reason) == ["expired", "rejected"])
        #expect(deaths.map(\.count) == [1, 2])
        #expect(deaths[1].queue == "work")
        #expect(deaths[1].exchange == "work-x")
        #expect(deaths[1].routingKeys == ["job"])
        #expect(AMQPDeath.all(in: [:]).isEmpty)
    }
}

@Suite struct AMQPRoundTripTests {
    static let methods: [AMQPMethod] = [
        .connectionStart(versionMajor: 0, versionMinor: 9, serverProperties: ["product": .string("RabbitMQ")],
                         mechanisms: "PLAIN AMQPLAIN", locales: "en_US"),
        .connectionStartOk(clientProperties: ["capabilities": .table(["basic.nack": .bool(true)])],
                           mechanism: "PLAIN", response: [0, 0x61, 0, 0x62], locale: "en_US"),
        .connectionTune(channelMax: 2047, frameMax: 131_072, heartbeat: 60),
        .connectionOpen(virtualHost: "/"), .connectionOpenOk,
        .connectionClose(AMQPCloseReason(replyCode: 320, replyText: "CONNECTION_FORCED", classID: 0, methodID: 0)),
        .connectionCloseOk, .connectionBlocked(reason: "low on memory"), .connectionUnblocked,
        .channelOpen, .channelOpenOk,
        .channelClose(AMQPCloseReason(replyCode: 406, replyText: "PRECONDITION_FAILED", classID: 50, methodID: 10)),
        .channelCloseOk,
        .exchangeDeclare(exchange: "work", type: "direct", passive: false, durable: true, autoDelete: false,
                         isInternal: false, noWait: false, arguments: [:]),
        .exchangeDeclareOk, .exchangeDelete(exchange: "work", ifUnused: true, noWait: false), .exchangeDeleteOk,
        .queueDeclareOk(queue: "amq.gen-1", messageCount: 7, consumerCount: 1),
        .queueBind(queue: "q", exchange: "work", routingKey: "job", noWait: false, arguments: ["x": .void]),
        .queueBindOk, .queuePurge(queue: "q", noWait: false), .queuePurgeOk(messageCount: 3),
        .queueDelete(queue: "q", ifUnused: false, ifEmpty: true, noWait: false), .queueDeleteOk(messageCount: 0),
        .basicQos(prefetchSize: 0, prefetchCount: 10, global: false), .basicQosOk,
        .basicConsume(queue: "q", consumerTag: "c1", noLocal: false, noAck: false, exclusive: true, noWait: false,
                      arguments: [:]),
        .basicConsumeOk(consumerTag: "c1"), .basicCancel(consumerTag: "c1", noWait: true),
        .basicCancelOk(consumerTag: "c1"),
        .basicPublish(exchange: "work", routingKey: "job", mandatory: true, immediate: false),
        .basicReturn(replyCode: 312, replyText: "NO_ROUTE", exchange: "work", routingKey: "nowhere"),
        .basicDeliver(consumerTag: "c1", deliveryTag: 9, redelivered: true, exchange: "work", routingKey: "job"),
        .basicGet(queue: "q", noAck: false),
        .basicGetOk(deliveryTag: 1, redelivered: false, exchange: "", routingKey: "q", messageCount: 4),
        .basicGetEmpty,
        .basicAck(deliveryTag: 1, multiple: false), .basicReject(deliveryTag: 2, requeue: true),
        .basicNack(deliveryTag: 3, multiple: true, requeue: false),
        .confirmSelect(noWait: false), .confirmSelectOk,
    ]

    @Test(arguments: methods)
    func methodRoundTrips(method: AMQPMethod) throws {
        let frame = AMQPFrame.method(channel: 3, method)
        #expect(try decode(try bytes(frame)) == frame)
    }

    @Test func everyPropertyRoundTrips() throws {
        let properties = AMQPProperties(
            contentType: "application/json", contentEncoding: "gzip", headers: ["a": .int16(1)],
            deliveryMode: 2, priority: 5, correlationID: "c", replyTo: "r", expiration: "60000", messageID: "m",
            timestamp: 1_700_000_000, type: "order.created", userID: "guest", appID: "relay", clusterID: "")
        let frame = AMQPFrame.header(channel: 1, bodySize: 0, properties: properties)
        #expect(try decode(try bytes(frame)) == frame)
    }

    @Test func bodyIsCutToFrameMax() throws {
        let body = (0..<10_000).map { UInt8($0 % 251) }
        let frames = AMQPFrame.content(
            channel: 1, method: .basicPublish(exchange: "", routingKey: "q", mandatory: false, immediate: false),
            properties: AMQPProperties(), body: body, frameMax: 4096)
        let bodies = frames.compactMap { frame -> [UInt8]? in if case .body(_, let b) = frame { b } else { nil } }
        #expect(bodies.map(\.count) == [4088, 4088, 1824], "4096 minus 8 bytes of framing per body frame")
        #expect(bodies.flatMap { $0 } == body)
        for frame in frames { #expect(try bytes(frame).count <= 4096) }
        #expect(AMQPFrame.content(
            channel: 1, method: .basicPublish(exchange: "", routingKey: "q", mandatory: false, immediate: false),
            properties: AMQPProperties(), body: [], frameMax: 4096).count == 2, "no body frame for an empty body")
    }

    @Test func aPartialFrameWaitsForMoreBytes() throws {
        let whole = try bytes(.method(channel: 1, .basicAck(deliveryTag: 1, multiple: false)))
        for length in [0, 3, 7, whole.count - 1] {
            var buffer = ByteBuffer(bytes: whole.prefix(length))
            #expect(try AMQPFrame.decode(from: &buffer, frameMax: 4096) == nil)
            #expect(buffer.readableBytes == length, "nothing consumed")
        }
        var two = ByteBuffer(bytes: whole + whole)
        #expect(try AMQPFrame.decode(from: &two, frameMax: 4096) != nil)
        #expect(try AMQPFrame.decode(from: &two, frameMax: 4096) != nil)
        #expect(two.readableBytes == 0)
    }

    @Test func negotiationTakesTheLowerNonZeroValue() {
        #expect(AMQPConnection.Tuning.negotiate(client: UInt16(30), server: 60) == 30)
        #expect(AMQPConnection.Tuning.negotiate(client: UInt16(60), server: 30) == 30)
        #expect(AMQPConnection.Tuning.negotiate(client: UInt16(0), server: 60) == 60)
        #expect(AMQPConnection.Tuning.negotiate(client: UInt32(131_072), server: 0) == 131_072)
        #expect(AMQPConnection.Tuning.negotiate(client: UInt16(0), server: 0) == 0)
    }

    @Test func urlsFollowRabbitMQsURISpec() throws {
        let url = try AMQPConfiguration(url: "amqp://app:p%40ss@broker.internal:5673/orders")
        #expect(url.user == "app")
        #expect(url.password == "p@ss")
        #expect(url.host == "broker.internal")
        #expect(url.port == 5673)
        #expect(url.virtualHost == "orders")
        #expect(try AMQPConfiguration(url: "amqp://guest:guest@127.0.0.1:5999/").virtualHost == "/")
        #expect(try AMQPConfiguration(url: "amqp://h/%2F").virtualHost == "/")
        #expect(throws: AMQPError.self) { try AMQPConfiguration(url: "http://h/") }
        #expect(throws: AMQPError.self) { try AMQPConfiguration(url: "amqp://h:99999/") }
    }
}

@Suite struct AMQPMalformedFrameTests {
    @Test func badFrameEnd() {
        let frame: [UInt8] = [0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xCF]  // heartbeat ending in 0xCF
        #expect(throws: AMQPWireError.badFrameEnd(found: 0xCF)) { try decode(frame) }
    }

    @Test func sizeBeyondFrameMaxIsRefusedBeforeThePayloadArrives() {
        let header: [UInt8] = [0x03, 0x00, 0x01, 0x00, 0x00, 0x13, 0x88]  // body frame announcing 5000 bytes
        #expect(throws: AMQPWireError.frameTooLarge(size: 5008, limit: 4096)) { try decode(header, frameMax: 4096) }
    }

    @Test func truncatedTable() {
        let frame: [UInt8] = [
            0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x0F,  // method frame, channel 1, 15 bytes
            0x00, 0x32, 0x00, 0x0A, 0x00, 0x00,  // queue.declare, reserved
            0x01, 0x71, 0x02,  // queue "q", durable
            0x00, 0x00, 0x00, 0x64,  // arguments: a table of 100 bytes...
            0x01, 0x61,  // ...of which only 2 are in the frame
            0xCE,
        ]
        #expect(throws: AMQPWireError.truncated(reading: "arguments")) { try decode(frame) }
    }

    @Test func unknownFieldType() {
        let frame: [UInt8] = [
            0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x11,  // method frame, channel 1, 17 bytes
            0x00, 0x32, 0x00, 0x0A, 0x00, 0x00, 0x01, 0x71, 0x02,  // queue.declare "q", durable
            0x00, 0x00, 0x00, 0x04,  // arguments: 4 bytes
            0x01, 0x61, 0x5A, 0x00,  // field "a" of type 'Z', which does not exist
            0xCE,
        ]
        #expect(throws: AMQPWireError.unknownFieldType(0x5A)) { try decode(frame) }
    }

    @Test func unknownFrameType() {
        #expect(throws: AMQPWireError.unknownFrameType(4)) { try decode([0x04, 0, 0, 0, 0, 0, 0, 0xCE]) }
    }

    @Test func unknownMethod() {
        let frame: [UInt8] = [0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x04, 0x00, 0x3C, 0x00, 0x63, 0xCE]  // basic method 99
        #expect(throws: AMQPWireError.unknownMethod(classID: 60, methodID: 99)) { try decode(frame) }
    }

    @Test func serverOfferingAnotherProtocolVersion() {
        // An AMQP 0-10 server answers with its own header: "AMQP", class 1, instance 1, version 0-10.
        #expect(throws: AMQPWireError.unsupportedProtocol(header: ascii("AMQP") + [1, 1, 0, 10])) {
            try decode(ascii("AMQP") + [1, 1, 0, 10])
        }
    }

    @Test func shortStringsOver255BytesAreRefusedOnEncode() {
        let method = AMQPMethod.queueDelete(queue: String(repeating: "q", count: 256), ifUnused: false, ifEmpty: false,
                                            noWait: false)
        #expect(throws: AMQPWireError.shortStringTooLong(byteCount: 256)) { try bytes(method) }
    }
}
