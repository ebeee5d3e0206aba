// What a broker cannot be made to do on demand: drop the TCP connection mid-operation, go silent, or
// answer confirms in a chosen order. A scripted AMQP peer on a loopback port runs the handshake, then
// follows the test's script.
import NIOCore
import NIOPosix
import Synchronization
import Testing
@testable import Companion

/// What the scripted server does with each frame the client sends after the handshake.
enum PeerAction {
    case reply([AMQPFrame])
    case hangUp
    case ignore
}

final class ScriptedPeer: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    private var buffer = ByteBuffer()
    private var sawProtocolHeader = false
    private let heartbeat: UInt16
    private let script: @Sendable (AMQPFrame) -> PeerAction
    private let received: Received

    private let answersClose: Bool

    init(heartbeat: UInt16, answersClose: Bool, received: Received,
         script: @escaping @Sendable (AMQPFrame) -> PeerAction) {
        self.heartbeat = heartbeat
        self.answersClose = answersClose
        self.received = received
        self.script = script
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        buffer.writeBuffer(&incoming)
        if !sawProtocolHeader {
            guard buffer.readableBytes >= 8 else { return }
            buffer.moveReaderIndex(forwardBy: 8)
            sawProtocolHeader = true
            send([.method(channel: 0, .connectionStart(
                versionMajor: 0, versionMinor: 9, serverProperties: ["product": .string("scripted")],
                mechanisms: "PLAIN", locales: "en_US"))], context: context)
        }
        while let frame = try? AMQPFrame.decode(from: &buffer, frameMax: 131_072) {
            received.append(frame)
            switch frame {
            case .method(0, .connectionStartOk):
                send([.method(channel: 0, .connectionTune(channelMax: 16, frameMax: 131_072, heartbeat: heartbeat))],
                     context: context)
            case .method(0, .connectionTuneOk):
                break
            case .method(0, .connectionOpen):
                send([.method(channel: 0, .connectionOpenOk)], context: context)
            case .method(0, .connectionClose) where answersClose:
                send([.method(channel: 0, .connectionCloseOk)], context: context)
            default:
                switch script(frame) {
                case .reply(let frames): send(frames, context: context)
                case .hangUp: context.close(promise: nil)
                case .ignore: break
                }
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        received.clientHungUp()
    }

    typealias OutboundOut = ByteBuffer

    private func send(_ frames: [AMQPFrame], context: ChannelHandlerContext) {
        var out = context.channel.allocator.buffer(capacity: 64)
        for frame in frames { try! frame.encode(into: &out) }
        context.writeAndFlush(wrapOutboundOut(out), promise: nil)
    }
}

/// Frames the scripted server received, readable from the test, and whether the client hung up.
final class Received: Sendable {
    private struct State {
        var frames: [AMQPFrame] = []
        var hungUp = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }
    private let state = Mutex(State())

    func append(_ frame: AMQPFrame) { state.withLock { $0.frames.append(frame) } }
    var all: [AMQPFrame] { state.withLock { $0.frames } }

    func clientHungUp() {
        let waiters = state.withLock { state in
            state.hungUp = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once the client's side of the TCP connection is closed: everything it sent has arrived.
    func untilClientHangsUp() async {
        await withCheckedContinuation { continuation in
            let done = state.withLock { state in
                if !state.hungUp { state.waiters.append(continuation) }
                return state.hungUp
            }
            if done { continuation.resume() }
        }
    }
}

struct ScriptedServer {
    let channel: Channel
    private let received: Received

    static func start(
        heartbeat: UInt16 = 0, answersClose: Bool = true, script: @escaping @Sendable (AMQPFrame) -> PeerAction
    ) async throws -> ScriptedServer {
        let received = Received()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(
                        ScriptedPeer(
                            heartbeat: heartbeat, answersClose: answersClose, received: received, script: script))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        return ScriptedServer(channel: channel, received: received)
    }

    private init(channel: Channel, received: Received) {
        self.channel = channel
        self.received = received
    }

    var frames: [AMQPFrame] { received.all }

    func untilClientHangsUp() async { await received.untilClientHangsUp() }

    var configuration: AMQPConfiguration {
        var configuration = AMQPConfiguration()
        configuration.port = channel.localAddress!.port!
        return configuration
    }

    func stop() async throws { try await channel.close() }
}

@Suite(.timeLimit(.minutes(1)))
struct AMQPConnectionLossTests {
    /// Answers channel.open, confirm.select and basic.consume; then hangs up when a message is published.
    static let hangUpOnPublish: @Sendable (AMQPFrame) -> PeerAction = { frame in
        switch frame {
        case .method(let channel, .channelOpen): .reply([.method(channel: channel, .channelOpenOk)])
        case .method(let channel, .confirmSelect): .reply([.method(channel: channel, .confirmSelectOk)])
        case .method(let channel, .basicConsume(_, let tag, _, _, _, _, _)):
            .reply([.method(channel: channel, .basicConsumeOk(consumerTag: tag))])
        case .body: .hangUp
        default: .ignore
        }
    }

    @Test func droppedConnectionFailsPendingPublishesAndEndsConsumers() async throws {
        let server = try await ScriptedServer.start(script: Self.hangUpOnPublish)
        defer { Task { try? await server.stop() } }
        let connection = try await AMQPConnection.connect(server.configuration)
        let consuming = try await connection.openChannel()
        let consumer = try await consuming.consume(queue: "work")
        let publishing = try await connection.openChannel()
        try await publishing.enableConfirms()

        // The publish waits for a confirm that never comes: the server hangs up instead.
        let publish = await #expect(throws: AMQPError.self) {
            try await publishing.publish(text("lost"), routingKey: "work")
        }
        guard case .connectionLost = publish else {
            Issue.record("expected connectionLost, got \(String(describing: publish))")
            return
        }
        await #expect(throws: publish!) {
            for try await _ in consumer {}
        }
        await #expect(throws: publish!) { _ = try await connection.openChannel() }
        #expect(await consuming.closeError == publish)
        #expect(await connection.isOpen == false)
    }

    @Test func nothingListeningIsUnreachable() async throws {
        let server = try await ScriptedServer.start { _ in .ignore }
        let configuration = server.configuration
        try await server.stop()
        await #expect {
            _ = try await AMQPConnection.connect(configuration)
        } throws: { error in
            if case .unreachable(_, let port, _) = error as? AMQPError { port == configuration.port } else { false }
        }
    }

    @Test func silentServerIsDeclaredDeadAfterTwoMissedHeartbeats() async throws {
        // Heartbeat 1 s: the client sends a frame every half second it is idle, and gives up on a server
        // that has sent nothing for a whole second. This server answers nothing after the handshake.
        let server = try await ScriptedServer.start(heartbeat: 1) { _ in .ignore }
        defer { Task { try? await server.stop() } }
        var configuration = server.configuration
        configuration.heartbeat = 1
        let connection = try await AMQPConnection.connect(configuration)
        #expect(await connection.tuning.heartbeat == 1)

        await #expect(throws: AMQPError.missedHeartbeats) { _ = try await connection.openChannel() }
        #expect(server.frames.contains(.heartbeat), "the client sent heartbeats while it waited")
        #expect(await connection.closeError == .missedHeartbeats)
    }

    @Test func closeGivesUpOnAServerThatNeverAnswers() async throws {
        let server = try await ScriptedServer.start(answersClose: false) { _ in .ignore }
        defer { Task { try? await server.stop() } }
        var configuration = server.configuration
        configuration.closeTimeout = .milliseconds(100)
        let connection = try await AMQPConnection.connect(configuration)
        try await connection.close()
        #expect(await connection.closeError == .connectionClosedByClient)
        await server.untilClientHangsUp()
        #expect(server.frames.last == .method(channel: 0, .connectionClose(.normal)))
    }

    @Test func serverClosingTheConnectionIsATypedErrorForEveryWaiter() async throws {
        let server = try await ScriptedServer.start { frame in
            switch frame {
            case .method(let channel, .channelOpen): .reply([.method(channel: channel, .channelOpenOk)])
            case .method(_, .queueDeclare):
                .reply([.method(channel: 0, .connectionClose(AMQPCloseReason(
                    replyCode: 320, replyText: "CONNECTION_FORCED - broker forced connection closure")))])
            default: .ignore
            }
        }
        defer { Task { try? await server.stop() } }
        let connection = try await AMQPConnection.connect(server.configuration)
        let channel = try await connection.openChannel()
        let error = await #expect(throws: AMQPError.self) { try await channel.declareQueue("q") }
        #expect(error?.replyCode == AMQPReplyCode.connectionForced)
        guard case .connectionClosedByServer = error else {
            Issue.record("expected connectionClosedByServer, got \(String(describing: error))")
            return
        }
        // The client answered with close-ok, as the spec requires, then closed the socket.
        await server.untilClientHangsUp()
        #expect(server.frames.contains(.method(channel: 0, .connectionCloseOk)))
    }
}

@Suite(.timeLimit(.minutes(1)))
struct AMQPConfirmTrackingTests {
    /// Answers channel.open and confirm.select; hands each published body, numbered from 1 like the
    /// broker's delivery tags, to `onPublish`.
    static func confirmingPeer(
        _ onPublish: @escaping @Sendable (_ tag: UInt64, _ body: [UInt8], _ channel: UInt16) -> [AMQPFrame]
    ) -> @Sendable (AMQPFrame) -> PeerAction {
        let published = Mutex<UInt64>(0)
        return { frame in
            switch frame {
            case .method(let channel, .channelOpen): return .reply([.method(channel: channel, .channelOpenOk)])
            case .method(let channel, .confirmSelect): return .reply([.method(channel: channel, .confirmSelectOk)])
            case .body(let channel, let body):
                let tag = published.withLock { $0 += 1; return $0 }
                return .reply(onPublish(tag, body, channel))
            default: return .ignore
            }
        }
    }

    @Test func multipleAckCoversEveryEarlierTagAndANackFailsOnlyItsOwn() async throws {
        let bodies = Mutex<[UInt64: [UInt8]]>([:])
        let server = try await ScriptedServer.start(script: Self.confirmingPeer { tag, body, channel in
            bodies.withLock { $0[tag] = body }
            // Nothing until the third publish, then one ack for tags 1 and 2 and a nack for 3.
            guard tag == 3 else { return [] }
            return [.method(channel: channel, .basicAck(deliveryTag: 2, multiple: true)),
                    .method(channel: channel, .basicNack(deliveryTag: 3, multiple: false, requeue: false))]
        })
        defer { Task { try? await server.stop() } }
        let connection = try await AMQPConnection.connect(server.configuration)
        let channel = try await connection.openChannel()
        try await channel.enableConfirms()

        let outcomes = try await withThrowingTaskGroup(of: ([UInt8], AMQPPublishOutcome).self) { group in
            for name in ["a", "b", "c"] {
                group.addTask { (text(name), try await channel.publish(text(name), routingKey: "q")) }
            }
            return try await group.reduce(into: [[UInt8]: AMQPPublishOutcome]()) { $0[$1.0] = $1.1 }
        }
        let byTag = bodies.withLock { $0 }
        #expect(outcomes[byTag[1]!] == .acked)
        #expect(outcomes[byTag[2]!] == .acked)
        #expect(outcomes[byTag[3]!] == .nacked)
        try await connection.close()
    }

    @Test func aBatchGoesOutWholeBeforeAnyConfirmAndOneMultipleAckSettlesIt() async throws {
        // The peer confirms nothing until it has seen all four publishes, then acks them with one frame:
        // a batch that waited after each publish would hang here (the suite's time limit fails it).
        let server = try await ScriptedServer.start(script: Self.confirmingPeer { tag, _, channel in
            tag == 4 ? [.method(channel: channel, .basicAck(deliveryTag: 4, multiple: true))] : []
        })
        defer { Task { try? await server.stop() } }
        let connection = try await AMQPConnection.connect(server.configuration)
        let channel = try await connection.openChannel()
        try await channel.enableConfirms()

        let batch = ["a", "b", "c", "d"].map { AMQPOutgoingMessage(text($0), routingKey: "q") }
        #expect(try await channel.publishBatch(batch) == Array(repeating: .acked, count: 4))
        let counts = try await channel.confirmCounts
        #expect(counts.frames == 1 && counts.publishes == 4)
        try await connection.close()
    }

    @Test func aBatchNeedsConfirmMode() async throws {
        let server = try await ScriptedServer.start(script: Self.confirmingPeer { _, _, _ in [] })
        defer { Task { try? await server.stop() } }
        let connection = try await AMQPConnection.connect(server.configuration)
        let channel = try await connection.openChannel()
        await #expect(throws: AMQPError.notInConfirmMode) {
            try await channel.publishBatch([AMQPOutgoingMessage(text("a"), routingKey: "q")])
        }
        try await connection.close()
    }

    @Test func aReturnBeforeTheAckMakesThePublishReturned() async throws {
        let server = try await ScriptedServer.start(script: Self.confirmingPeer { tag, body, channel in
            guard body == text("unroutable") else {
                return [.method(channel: channel, .basicAck(deliveryTag: tag, multiple: false))]
            }
            return AMQPFrame.content(
                channel: channel,
                method: .basicReturn(replyCode: 312, replyText: "NO_ROUTE", exchange: "x", routingKey: "nowhere"),
                properties: AMQPProperties(messageID: "r-1"), body: body, frameMax: 4096)
                + [.method(channel: channel, .basicAck(deliveryTag: tag, multiple: false))]
        })
        defer { Task { try? await server.stop() } }
        let connection = try await AMQPConnection.connect(server.configuration)
        let channel = try await connection.openChannel()
        try await channel.enableConfirms()

        #expect(try await channel.publish(text("routed"), exchange: "x", routingKey: "somewhere", mandatory: true)
                == .acked)
        let outcome = try await channel.publish(
            text("unroutable"), exchange: "x", routingKey: "nowhere", mandatory: true,
            properties: AMQPProperties(messageID: "r-1"))
        #expect(outcome == .returned(AMQPReturnedMessage(
            replyCode: 312, replyText: "NO_ROUTE", exchange: "x", routingKey: "nowhere",
            properties: AMQPProperties(messageID: "r-1"), body: text("unroutable"))))
        try await connection.close()
    }
}
