// An AMQP 0-9-1 connection: the handshake (start / start-ok with PLAIN, tune / tune-ok, open / open-ok),
// heartbeats, the close handshake, and the dispatch of every inbound frame to its channel. All state lives
// in this actor; the NIO pipeline only decodes frames. When the connection ends, for whatever reason, every
// pending call and every consumer stream ends with the same `AMQPError`.
import NIOCore
import NIOPosix

public actor AMQPConnection {
    /// Limits both sides agreed on during tune / tune-ok.
    public struct Tuning: Sendable, Equatable {
        public var channelMax: UInt16
        public var frameMax: UInt32
        /// Seconds; 0 when heartbeats are off.
        public var heartbeat: UInt16

        /// Negotiates one limit the way RabbitMQ's own clients do: 0 means "no limit" (or, for the
        /// heartbeat, "no preference"), so the other side's value wins; otherwise the lower value wins.
        static func negotiate<T: FixedWidthInteger>(client: T, server: T) -> T {
            client == 0 || server == 0 ? max(client, server) : min(client, server)
        }
    }

    enum State {
        case connecting(CheckedContinuation<Void, Error>?)
        case open
        case closing(CheckedContinuation<Void, Error>)
        case closed(AMQPError)
    }

    let configuration: AMQPConfiguration
    private let socket: Channel
    private let frameLimit: FrameLimit
    private(set) var state: State
    public private(set) var tuning: Tuning
    /// The server's connection.start properties (product, version, capabilities).
    public private(set) var serverProperties = AMQPTable()
    /// Set while the server has blocked publishing (connection.blocked, e.g. a memory alarm).
    public private(set) var blockedReason: String?

    var channels: [UInt16: ChannelState] = [:]
    /// Why each closed channel closed, by serial: a handle to a closed channel reports it, even after its
    /// number has been reused.
    var closedChannels: [UInt64: AMQPError] = [:]
    var consumerTagCounter = 0
    private var nextChannelNumber: UInt16 = 1
    private var nextChannelSerial: UInt64 = 1
    private var lastSent = ContinuousClock.now
    private let lastReceived: LastReceived
    private var tasks: [Task<Void, Never>] = []

    private init(
        configuration: AMQPConfiguration, socket: Channel, frameLimit: FrameLimit, lastReceived: LastReceived
    ) {
        self.configuration = configuration
        self.lastReceived = lastReceived
        self.socket = socket
        self.frameLimit = frameLimit
        self.state = .connecting(nil)
        self.tuning = Tuning(channelMax: configuration.channelMax, frameMax: configuration.frameMax,
                             heartbeat: configuration.heartbeat)
    }

    /// Opens a TCP connection and runs the AMQP handshake. Throws `AMQPError.connectionClosedByServer`
    /// with 403 for bad credentials and 530 for an unknown virtual host.
    public static func connect(
        _ configuration: AMQPConfiguration,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> AMQPConnection {
        let limit = FrameLimit(max(configuration.frameMax, AMQPFrame.minimumFrameMax))
        let lastReceived = LastReceived()
        let socket: Channel
        let frames: AsyncThrowingStream<AMQPFrame, Error>
        do {
            (socket, frames) = try await Transport.connect(
                host: configuration.host, port: configuration.port, limit: limit, lastReceived: lastReceived,
                group: eventLoopGroup)
        } catch {
            throw AMQPError.unreachable(host: configuration.host, port: configuration.port, reason: "\(error)")
        }
        let connection = AMQPConnection(
            configuration: configuration, socket: socket, frameLimit: limit, lastReceived: lastReceived)
        try await connection.handshake(reading: frames)
        return connection
    }

    private func handshake(reading frames: AsyncThrowingStream<AMQPFrame, Error>) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
            state = .connecting(continuation)
            tasks.append(Task { await self.read(frames) })
            write(bytes: AMQPFrame.protocolHeader)
        }
    }

    public var isOpen: Bool {
        if case .open = state { true } else { false }
    }

    /// The error the connection ended with, or nil while it is open.
    public var closeError: AMQPError? {
        if case .closed(let error) = state { error } else { nil }
    }

    /// Opens a channel. Channel numbers are reused after a channel closes; a handle to a closed channel
    /// keeps reporting why it closed.
    public func openChannel() async throws -> AMQPChannel {
        try checkOpen()
        let number = try freeChannelNumber()
        let serial = nextChannelSerial
        nextChannelSerial += 1
        channels[number] = ChannelState(serial: serial)
        let channel = AMQPChannel(connection: self, number: number, serial: serial)
        let reply = try await rpc(on: channel, .channelOpen)
        guard case .method(.channelOpenOk) = reply else {
            throw AMQPError.unexpectedFrame("\(reply) in reply to channel.open")
        }
        return channel
    }

    /// The close handshake: connection.close, wait for close-ok, then close the socket. Channels and
    /// consumers still open end with `AMQPError.connectionClosedByClient`; publishes still waiting for
    /// their confirm fail with it, so await those first. Closing a connection that has already ended does
    /// nothing (`closeError` says why it ended).
    public func close() async throws {
        guard case .open = state else { return }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
            state = .closing(continuation)
            failChannels(with: .connectionClosedByClient)
            write([.method(channel: 0, .connectionClose(.normal))])
            let timeout = configuration.closeTimeout
            tasks.append(Task { [weak self] in
                try? await Task.sleep(for: timeout)
                await self?.finish(.connectionClosedByClient)  // no close-ok in time: hang up regardless
            })
        }
    }

    // MARK: - Reading

    private func read(_ frames: AsyncThrowingStream<AMQPFrame, Error>) async {
        do {
            for try await frame in frames {
                do {
                    try handle(frame)
                } catch {
                    // A peer that breaks the protocol cannot be trusted with anything further.
                    closeWithError(
                        code: AMQPReplyCode.unexpectedFrame, error as? AMQPError ?? .unexpectedFrame("\(error)"))
                }
                if case .closed = state { return }
            }
            finish(.connectionLost(reason: "the server closed the TCP connection"))
        } catch let error as AMQPWireError {
            finish(.malformedFrame(error))
        } catch {
            finish(.connectionLost(reason: "\(error)"))
        }
    }

    private func handle(_ frame: AMQPFrame) throws {
        switch frame {
        case .heartbeat:
            return
        case .method(0, let method):
            try handleConnectionMethod(method)
        case .method(let number, let method):
            try channel(number).map { try handle(method, on: number, $0) }
        case .header(let number, let bodySize, let properties):
            try channel(number).map { try handleHeader(bodySize: bodySize, properties: properties, on: number, $0) }
        case .body(let number, let bytes):
            try channel(number).map { try handleBody(bytes, on: number, $0) }
        }
    }

    private func channel(_ number: UInt16) throws -> ChannelState? {
        guard case .open = state else {
            if case .closing = state { return nil }  // frames in flight before our close are moot
            throw AMQPError.unexpectedFrame("a frame on channel \(number) before the connection opened")
        }
        return channels[number]  // nil: a channel we already closed; late frames for it are dropped
    }

    private func handleConnectionMethod(_ method: AMQPMethod) throws {
        switch (state, method) {
        case (.connecting, .connectionStart(_, _, let properties, let mechanisms, _)):
            serverProperties = properties
            guard mechanisms.split(separator: " ").contains("PLAIN") else {
                throw AMQPError.unexpectedFrame("the server does not offer PLAIN authentication (\(mechanisms))")
            }
            let response = [0] + Array(configuration.user.utf8) + [0] + Array(configuration.password.utf8)
            write([.method(channel: 0, .connectionStartOk(
                clientProperties: clientProperties, mechanism: "PLAIN", response: response, locale: "en_US"))])
        case (.connecting, .connectionTune(let channelMax, let frameMax, let heartbeat)):
            tuning = Tuning(
                channelMax: Tuning.negotiate(client: configuration.channelMax, server: channelMax),
                frameMax: max(Tuning.negotiate(client: configuration.frameMax, server: frameMax),
                              AMQPFrame.minimumFrameMax),
                heartbeat: Tuning.negotiate(client: configuration.heartbeat, server: heartbeat))
            frameLimit.current = tuning.frameMax
            write([
                .method(channel: 0, .connectionTuneOk(
                    channelMax: tuning.channelMax, frameMax: tuning.frameMax, heartbeat: tuning.heartbeat)),
                .method(channel: 0, .connectionOpen(virtualHost: configuration.virtualHost)),
            ])
        case (.connecting(let continuation), .connectionOpenOk):
            state = .open
            startHeartbeats()
            continuation?.resume()
        case (.closing, .connectionCloseOk):
            finish(.connectionClosedByClient)
        case (_, .connectionClose(let reason)):
            // Answer, then hang up once the answer is on the wire (spec: the peer closes the socket).
            write([.method(channel: 0, .connectionCloseOk)])
            finish(.connectionClosedByServer(reason))
        case (.open, .connectionBlocked(let reason)):
            blockedReason = reason
        case (.open, .connectionUnblocked):
            blockedReason = nil
        case (.closing, _):
            break
        default:
            throw AMQPError.unexpectedFrame("\(method) on channel 0")
        }
    }

    private var clientProperties: AMQPTable {
        var properties: AMQPTable = [
            "product": .string("Folio companion AMQP client"),
            "platform": .string("Swift"),
            "capabilities": .table([
                "publisher_confirms": .bool(true),
                "basic.nack": .bool(true),
                "consumer_cancel_notify": .bool(true),
                "connection.blocked": .bool(true),
                // Bad credentials then arrive as connection.close 403, not as a dropped socket.
                "authentication_failure_close": .bool(true),
            ]),
        ]
        if let name = configuration.connectionName { properties["connection_name"] = .string(name) }
        return properties
    }

    // MARK: - Heartbeats

    /// RabbitMQ sends a heartbeat every half timeout (the interval) and so do we, whenever we have sent
    /// nothing else for that long; checking every quarter timeout keeps us within that. A server silent
    /// for two intervals is dead.
    private func startHeartbeats() {
        guard tuning.heartbeat > 0 else { return }
        let interval = Duration.seconds(Int(tuning.heartbeat)) / 2
        tasks.append(Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval / 2)
                guard let self, await self.heartbeatTick(interval: interval) else { return }
            }
        })
    }

    /// Returns false once the connection is over. Runs while closing too: a server that never answers
    /// connection.close must not leave `close()` waiting forever.
    private func heartbeatTick(interval: Duration) -> Bool {
        switch state {
        case .open, .closing: break
        case .connecting, .closed: return false
        }
        let now = ContinuousClock.now
        if now - lastSent >= interval / 2 { write([.heartbeat]) }
        if now - lastReceived.value > interval * 2 {
            closeWithError(code: AMQPReplyCode.connectionForced, .missedHeartbeats)
            return false
        }
        return true
    }

    // MARK: - Writing

    /// Encodes and sends frames in one write, so a message's frames are never interleaved with others.
    /// Encoding errors (a short string over 255 bytes) throw before anything is sent.
    func send(_ frames: [AMQPFrame]) throws {
        var buffer = socket.allocator.buffer(capacity: 256)
        for frame in frames { try frame.encode(into: &buffer) }
        lastSent = .now
        socket.writeAndFlush(buffer, promise: nil)
    }

    /// For frames whose encoding cannot fail (no caller-supplied strings).
    private func write(_ frames: [AMQPFrame]) {
        do { try send(frames) } catch { preconditionFailure("encoding a fixed frame failed: \(error)") }
    }

    private func write(bytes: [UInt8]) {
        lastSent = .now
        socket.writeAndFlush(socket.allocator.buffer(bytes: bytes), promise: nil)
    }

    func checkOpen() throws {
        switch state {
        case .open: return
        case .connecting: throw AMQPError.unexpectedFrame("connection not open yet")
        case .closing: throw AMQPError.connectionClosedByClient
        case .closed(let error): throw error
        }
    }

    private func freeChannelNumber() throws -> UInt16 {
        let highest = tuning.channelMax == 0 ? UInt16.max : tuning.channelMax
        for _ in 0..<Int(highest) {
            let candidate = nextChannelNumber
            nextChannelNumber = candidate >= highest ? 1 : candidate + 1
            if channels[candidate] == nil { return candidate }
        }
        throw AMQPError.noFreeChannel
    }

    // MARK: - Ending

    /// Tells the server why we give up (connection.close with a code), then ends everything at once:
    /// waiting for a close-ok from a peer we no longer trust could hang.
    private func closeWithError(code: UInt16, _ error: AMQPError) {
        if case .open = state {
            write([.method(channel: 0, .connectionClose(AMQPCloseReason(replyCode: code, replyText: "\(error)")))])
        }
        finish(error)
    }

    /// The one place a connection ends: every channel, pending call and consumer gets `error`, then the
    /// socket closes after what was written is flushed.
    func finish(_ error: AMQPError) {
        let previous = state
        if case .closed = previous { return }
        state = .closed(error)
        failChannels(with: error)
        for task in tasks { task.cancel() }
        tasks.removeAll()
        switch previous {
        case .connecting(let continuation): continuation?.resume(throwing: error)
        case .closing(let continuation):
            if error == .connectionClosedByClient { continuation.resume() } else { continuation.resume(throwing: error) }
        case .open, .closed: break
        }
        let socket = self.socket
        socket.writeAndFlush(socket.allocator.buffer(capacity: 0)).whenComplete { _ in socket.close(promise: nil) }
    }

    private func failChannels(with error: AMQPError) {
        for (number, channel) in channels {
            channel.fail(with: error)
            closedChannels[channel.serial] = error
            channels[number] = nil
        }
    }
}
