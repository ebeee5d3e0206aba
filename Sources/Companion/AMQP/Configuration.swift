// Where and how to connect, and the errors a connection or channel can end with.

/// Connection settings. `init(url:)` reads the RabbitMQ URI form, `amqp://user:password@host:port/vhost`.
public struct AMQPConfiguration: Sendable, Equatable {
    public var host = "127.0.0.1"
    public var port = 5672
    public var user = "guest"
    public var password = "guest"
    public var virtualHost = "/"
    /// Heartbeat timeout we propose, in seconds; the lower non-zero of ours and the server's wins, and 0
    /// on both sides disables heartbeats. A frame goes out every half timeout when we are otherwise idle,
    /// and a peer silent for the whole timeout (two missed heartbeats) is declared dead.
    public var heartbeat: UInt16 = 60
    /// Largest frame we accept, framing included (RabbitMQ's default is 131072).
    public var frameMax: UInt32 = 131_072
    public var channelMax: UInt16 = 2047
    /// How long `close()` waits for the server's close-ok before dropping the TCP connection anyway.
    public var closeTimeout: Duration = .seconds(5)
    /// Shown by `rabbitmqctl list_connections client_properties` and the management UI.
    public var connectionName: String?

    public init() {}

    /// Parses `amqp://user:password@host:port/vhost`. A missing or empty path means the default virtual
    /// host "/"; a path is percent-decoded, so "/%2F" is "/" too.
    public init(url: String) throws {
        self.init()
        let prefix = "amqp://"
        guard url.hasPrefix(prefix) else { throw AMQPError.invalidURL(url, reason: "only amqp:// is supported") }
        var rest = Substring(url.dropFirst(prefix.count))
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            rest = rest[rest.index(after: at)...]
            let parts = credentials.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            user = try Self.percentDecoded(parts[0], in: url)
            password = parts.count > 1 ? try Self.percentDecoded(parts[1], in: url) : ""
        }
        if let colon = rest.lastIndex(of: ":") {
            guard let port = Int(rest[rest.index(after: colon)...]), (1...65535).contains(port) else {
                throw AMQPError.invalidURL(url, reason: "bad port")
            }
            self.port = port
            rest = rest[..<colon]
        }
        if !rest.isEmpty { host = String(rest) }
        if !path.isEmpty { virtualHost = try Self.percentDecoded(path, in: url) }
    }

    private static func percentDecoded(_ text: Substring, in url: String) throws -> String {
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let high = iterator.next(), let low = iterator.next(),
                  let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            else { throw AMQPError.invalidURL(url, reason: "bad percent escape") }
            bytes.append(value)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Reply codes the server puts in connection.close and channel.close (spec section 1.2, "constants").
public enum AMQPReplyCode {
    public static let connectionForced: UInt16 = 320
    public static let accessRefused: UInt16 = 403
    public static let notFound: UInt16 = 404
    public static let resourceLocked: UInt16 = 405
    public static let preconditionFailed: UInt16 = 406
    public static let frameError: UInt16 = 501
    public static let notAllowed: UInt16 = 530
    public static let unexpectedFrame: UInt16 = 505
}

/// How an operation on a connection or channel failed. Every pending call and every consumer stream of a
/// connection or channel that ends gets one of these; nothing is left waiting.
public enum AMQPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server closed the channel (connection.close's sibling, channel.close): e.g. 404 when a queue
    /// does not exist, 406 when a declaration conflicts with what exists. The connection stays open.
    case channelClosedByServer(AMQPCloseReason)
    /// This channel was closed by `AMQPChannel.close()`.
    case channelClosedByClient
    /// The server closed the connection: 320 CONNECTION_FORCED when an operator closed it, 403
    /// ACCESS_REFUSED for bad credentials, 530 NOT_ALLOWED for an unknown virtual host, 5xx for errors of ours.
    case connectionClosedByServer(AMQPCloseReason)
    /// This connection was closed by `AMQPConnection.close()`.
    case connectionClosedByClient
    /// No TCP connection could be made (refused, timed out, unknown host).
    case unreachable(host: String, port: Int, reason: String)
    /// The TCP connection ended without the close handshake (broker killed, network cut).
    case connectionLost(reason: String)
    /// Nothing arrived from the server for two heartbeat intervals.
    case missedHeartbeats
    /// The server cancelled the consumer (RabbitMQ does when its queue is deleted).
    case consumerCancelledByServer(consumerTag: String)
    /// The server sent something the protocol does not allow at that point; the connection is closed.
    case unexpectedFrame(String)
    /// The bytes from the server could not be decoded; the connection is closed.
    case malformedFrame(AMQPWireError)
    case invalidURL(String, reason: String)
    /// Every channel number up to the negotiated channel_max is in use.
    case noFreeChannel
    /// `publishBatch` on a channel without `enableConfirms()`: there would be nothing to wait for.
    case notInConfirmMode

    /// The server's reply code, when the server closed the channel or connection.
    public var replyCode: UInt16? {
        switch self {
        case .channelClosedByServer(let reason), .connectionClosedByServer(let reason): reason.replyCode
        default: nil
        }
    }

    public var description: String {
        switch self {
        case .channelClosedByServer(let reason): "channel closed by the server: \(reason)"
        case .channelClosedByClient: "channel closed"
        case .connectionClosedByServer(let reason): "connection closed by the server: \(reason)"
        case .connectionClosedByClient: "connection closed"
        case .unreachable(let host, let port, let reason): "cannot connect to \(host):\(port): \(reason)"
        case .connectionLost(let reason): "connection lost: \(reason)"
        case .missedHeartbeats: "connection lost: no heartbeat from the server for two intervals"
        case .consumerCancelledByServer(let tag): "consumer \(tag) cancelled by the server"
        case .unexpectedFrame(let what): "unexpected frame from the server: \(what)"
        case .malformedFrame(let error): "malformed frame from the server: \(error)"
        case .invalidURL(let url, let reason): "invalid AMQP URL '\(url)': \(reason)"
        case .noFreeChannel: "no free channel number"
        case .notInConfirmMode: "publishBatch needs a channel in confirm mode"
        }
    }
}
