// Reads the dev server's server-sent events over a raw socket, one event at a time, with timeouts. The stream
// comes with chunked transfer encoding; the chunks are decoded here.
import Foundation

struct ReceivedEvent: Equatable {
    var name: String
    var data: String
}

final class EventStreamClient: @unchecked Sendable {
    // @unchecked: used by one test at a time, each call awaited before the next.
    let connection: LoopbackConnection
    /// Bytes of the decoded stream already returned as events.
    private var consumed = 0

    /// Connects and returns once the stream is live (its first comment arrived), so later changes are seen.
    init(port: Int) async throws {
        connection = try await LoopbackConnection(port: port)
        try await connection.send("GET /_folio/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        guard try await nextBlock(timeout: .seconds(5)) == "retry: 500\n: connected" else {
            throw RawHTTPError(description: "the event stream did not start")
        }
    }

    /// The next event, or nil when none arrives within `timeout` (or the stream ended).
    func next(timeout: Duration = .seconds(10)) async throws -> ReceivedEvent? {
        guard let block = try await nextBlock(timeout: timeout) else { return nil }
        var name = "message", lines: [String] = []
        for line in block.split(separator: "\n") {
            if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) }
            if line.hasPrefix("data: ") { lines.append(String(line.dropFirst(6))) }
        }
        if lines.isEmpty && name == "message" { return try await next(timeout: timeout) }  // a comment
        return ReceivedEvent(name: name, data: lines.joined(separator: "\n"))
    }

    /// The next event named `name`, skipping others.
    func next(named name: String, timeout: Duration = .seconds(10)) async throws -> ReceivedEvent? {
        while let event = try await next(timeout: timeout) {
            if event.name == name { return event }
        }
        return nil
    }

    /// The text up to the next blank line of the decoded stream.
    private func nextBlock(timeout: Duration) async throws -> String? {
        let consumed = consumed
        let raw = try await connection.read(until: { Self.blockEnd(in: Self.decoded($0), after: consumed) != nil },
                                            timeout: timeout)
        let payload = Self.decoded(raw)
        guard let end = Self.blockEnd(in: payload, after: consumed) else { return nil }
        self.consumed = end + 2
        return String(decoding: payload[consumed..<end], as: UTF8.self)
    }

    private static func blockEnd(in payload: [UInt8], after start: Int) -> Int? {
        guard payload.count >= start + 2 else { return nil }
        return (start..<payload.count - 1).first { payload[$0] == 10 && payload[$0 + 1] == 10 }
    }

    /// The body so far: the response head dropped, complete chunks joined.
    static func decoded(_ raw: Data) -> [UInt8] {
        let bytes = [UInt8](raw)
        guard let headEnd = find(bytes, [13, 10, 13, 10], from: 0) else { return [] }
        var payload: [UInt8] = []
        var index = headEnd + 4
        while let lineEnd = find(bytes, [13, 10], from: index),
              let size = Int(String(decoding: bytes[index..<lineEnd], as: UTF8.self), radix: 16),
              size > 0, lineEnd + 2 + size <= bytes.count {
            payload += bytes[(lineEnd + 2)..<(lineEnd + 2 + size)]
            index = lineEnd + 2 + size + 2
        }
        return payload
    }

    private static func find(_ bytes: [UInt8], _ marker: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= marker.count, start <= bytes.count - marker.count else { return nil }
        return (start...(bytes.count - marker.count)).first { Array(bytes[$0..<($0 + marker.count)]) == marker }
    }
}
