// Live reload: every open page holds one server-sent-events stream; a rebuild tells them all to reload, or to
// show the build's errors. A page that connects while the site is broken gets the errors at once. Streams are
// capped, and a comment goes out on each now and then: a write to a client that is gone fails and ends it.
import Foundation
import NIOCore

/// One message on the stream, in the `text/event-stream` wire format.
struct ServerSentEvent: Sendable, Equatable {
    var name: String
    var data: String

    static func reload(generation: Int) -> ServerSentEvent { ServerSentEvent(name: "reload", data: "\(generation)") }
    static func errors(_ overlayHTML: String) -> ServerSentEvent { ServerSentEvent(name: "errors", data: overlayHTML) }
    /// A comment: browsers ignore it; the write tells the server whether the client is still there.
    static let heartbeat = ServerSentEvent(name: "", data: "")

    var encoded: ByteBuffer {
        // An event without a name goes out as a comment line.
        if name.isEmpty { return ByteBuffer(string: ": heartbeat\n\n") }
        // A `data:` line per line of data: the format has no escaping, newlines end fields.
        let lines = data.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)\n" }.joined()
        return ByteBuffer(string: "event: \(name)\n\(lines)\n")
    }
}

actor LiveReload {
    /// One page's stream; `id` ends it early (`unsubscribe`), when its connection closes.
    struct Subscription: Sendable {
        var id: UUID
        var events: AsyncStream<ServerSentEvent>
    }

    /// Open streams allowed at once. Each holds a connection, so a descriptor; past this the server answers 503.
    let maximumStreams: Int
    private var subscribers: [UUID: AsyncStream<ServerSentEvent>.Continuation] = [:]
    /// What a page connecting now must be told first: the errors of the latest build, when it failed.
    private var standing: ServerSentEvent?
    private var closed = false
    private var heartbeat: Task<Void, Never>?

    init(maximumStreams: Int = 100) { self.maximumStreams = maximumStreams }

    var subscriberCount: Int { subscribers.count }

    /// A stream of events for one page, or nil when `maximumStreams` are open. It ends when the server shuts
    /// down or `unsubscribe` is called.
    func subscribe() -> Subscription? {
        guard subscribers.count < maximumStreams else { return nil }
        // A page that falls behind only needs the latest news: a reload or the current errors.
        let (stream, continuation) = AsyncStream.makeStream(
            of: ServerSentEvent.self, bufferingPolicy: .bufferingNewest(8))
        let id = UUID()
        guard !closed else {
            continuation.finish()
            return Subscription(id: id, events: stream)
        }
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        if let standing { continuation.yield(standing) }
        return Subscription(id: id, events: stream)
    }

    /// Ends one stream and frees its place.
    func unsubscribe(_ id: UUID) { subscribers.removeValue(forKey: id)?.finish() }

    /// Sends a heartbeat to every stream every `interval`, until `closeAll`.
    func startHeartbeat(every interval: Duration) {
        guard heartbeat == nil, !closed else { return }
        heartbeat = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard let self else { return }  // the server is gone without closing (it could not bind)
                await self.broadcast(.heartbeat)
            }
        }
    }

    /// Every open page reloads.
    func reload(generation: Int) {
        standing = nil
        broadcast(.reload(generation: generation))
    }

    /// Every open page shows the overlay; pages that open later show it too, until the next good build.
    func showErrors(_ overlayHTML: String) {
        standing = .errors(overlayHTML)
        broadcast(.errors(overlayHTML))
    }

    /// Ends every stream, so the HTTP server can finish its connections and shut down.
    func closeAll() {
        closed = true
        heartbeat?.cancel()
        for continuation in subscribers.values { continuation.finish() }
        subscribers = [:]
    }

    private func broadcast(_ event: ServerSentEvent) {
        for continuation in subscribers.values { continuation.yield(event) }
    }
}
