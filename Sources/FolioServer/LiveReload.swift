// Live reload: every open page holds one server-sent-events stream; a rebuild tells them all to reload, or to
// show the build's errors. A page that connects while the site is broken gets the errors at once.
import Foundation
import NIOCore

/// One message on the stream, in the `text/event-stream` wire format.
struct ServerSentEvent: Sendable, Equatable {
    var name: String
    var data: String

    static func reload(generation: Int) -> ServerSentEvent { ServerSentEvent(name: "reload", data: "\(generation)") }
    static func errors(_ overlayHTML: String) -> ServerSentEvent { ServerSentEvent(name: "errors", data: overlayHTML) }

    var encoded: ByteBuffer {
        // A `data:` line per line of data: the format has no escaping, newlines end fields.
        let lines = data.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)\n" }.joined()
        return ByteBuffer(string: "event: \(name)\n\(lines)\n")
    }
}

actor LiveReload {
    private var subscribers: [UUID: AsyncStream<ServerSentEvent>.Continuation] = [:]
    /// What a page connecting now must be told first: the errors of the latest build, when it failed.
    private var standing: ServerSentEvent?
    private var closed = false

    var subscriberCount: Int { subscribers.count }

    /// A stream of events for one page. It ends when the server shuts down.
    func subscribe() -> AsyncStream<ServerSentEvent> {
        // A page that falls behind only needs the latest news: a reload or the current errors.
        let (stream, continuation) = AsyncStream.makeStream(
            of: ServerSentEvent.self, bufferingPolicy: .bufferingNewest(8))
        guard !closed else {
            continuation.finish()
            return stream
        }
        let id = UUID()
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        if let standing { continuation.yield(standing) }
        return stream
    }

    private func unsubscribe(_ id: UUID) { subscribers[id] = nil }

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
        for continuation in subscribers.values { continuation.finish() }
        subscribers = [:]
    }

    private func broadcast(_ event: ServerSentEvent) {
        for continuation in subscribers.values { continuation.yield(event) }
    }
}
