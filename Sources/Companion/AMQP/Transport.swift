// The SwiftNIO side: a TCP connection whose inbound bytes become a stream of frames. Everything else
// (handshake, channels, confirms) happens in the `AMQPConnection` actor, which reads that stream.
import NIOCore
import NIOPosix
import Synchronization

/// The frame_max the decoder enforces: the client's own limit until tune, the negotiated one after.
final class FrameLimit: Sendable {
    private let value: Mutex<UInt32>
    init(_ initial: UInt32) { value = Mutex(initial) }
    var current: UInt32 {
        get { value.withLock { $0 } }
        set { value.withLock { $0 = newValue } }
    }
}

struct AMQPFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = AMQPFrame
    let limit: FrameLimit

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let frame = try AMQPFrame.decode(from: &buffer, frameMax: limit.current) else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(frame))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws
        -> DecodingState
    {
        try decode(context: context, buffer: &buffer)
    }
}

/// When the last frame arrived, stamped on the event loop as it is read. The heartbeat check reads this
/// rather than what the connection actor has processed: an actor kept waiting by a busy process must not
/// mistake frames it has not read yet for a silent server.
final class LastReceived: Sendable {
    private let instant = Mutex(ContinuousClock.now)
    func touch() { instant.withLock { $0 = .now } }
    var value: ContinuousClock.Instant { instant.withLock { $0 } }
}

/// Hands decoded frames to the connection; ends the stream when the socket closes or a frame is malformed.
final class FrameForwarder: ChannelInboundHandler {
    typealias InboundIn = AMQPFrame
    let frames: AsyncThrowingStream<AMQPFrame, Error>.Continuation
    let lastReceived: LastReceived

    init(_ frames: AsyncThrowingStream<AMQPFrame, Error>.Continuation, lastReceived: LastReceived) {
        self.frames = frames
        self.lastReceived = lastReceived
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        lastReceived.touch()
        frames.yield(unwrapInboundIn(data))
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        frames.finish(throwing: error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        frames.finish()
        context.fireChannelInactive()
    }
}

enum Transport {
    static func connect(
        host: String, port: Int, limit: FrameLimit, lastReceived: LastReceived, group: any EventLoopGroup
    ) async throws -> (Channel, AsyncThrowingStream<AMQPFrame, Error>) {
        let (frames, continuation) = AsyncThrowingStream.makeStream(of: AMQPFrame.self)
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(.seconds(10))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(AMQPFrameDecoder(limit: limit)))
                    try channel.pipeline.syncOperations.addHandler(FrameForwarder(continuation, lastReceived: lastReceived))
                }
            }
            .connect(host: host, port: port)
            .get()
        return (channel, frames)
    }
}
