// A minimal HTTP/1.1 client over a plain loopback socket: it sends exactly the bytes a test writes (malformed
// requests included) and reads the raw answer. Blocking socket calls run on a Dispatch queue, never on the few
// threads Swift concurrency shares with the server under test; every read has a timeout.
import Dispatch
import Foundation
import Glibc

struct RawResponse {
    var status: Int
    var headers: [String: String]  // lowercased names
    var body: Data
    var text: String { String(decoding: body, as: UTF8.self) }
    func header(_ name: String) -> String? { headers[name.lowercased()] }
}

struct RawHTTPError: Error, CustomStringConvertible {
    var description: String
}

/// One TCP connection to 127.0.0.1.
final class LoopbackConnection: @unchecked Sendable {
    // @unchecked: the descriptor and buffer are touched by one test at a time, each call awaited before the next.
    private let descriptor: Int32
    private var buffered = Data()

    init(port: Int) async throws {
        descriptor = try await Self.offThePool {
            let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard socketDescriptor >= 0 else { throw RawHTTPError(description: "socket failed") }
            var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
            setsockopt(socketDescriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard connected == 0 else {
                close(socketDescriptor)
                throw RawHTTPError(description: "connect failed: \(String(cString: strerror(errno)))")
            }
            return socketDescriptor
        }
    }

    deinit { close(descriptor) }

    func send(_ bytes: [UInt8]) async throws {
        let descriptor = descriptor
        try await Self.offThePool {
            var offset = 0
            while offset < bytes.count {
                let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                guard sent > 0 else { throw RawHTTPError(description: "send failed") }
                offset += sent
            }
        }
    }

    func send(_ text: String) async throws { try await send(Array(text.utf8)) }

    /// Reads until `done` says the bytes so far are enough, the peer closes, or `timeout` passes.
    /// Returns everything read on this connection so far.
    func read(until done: @escaping @Sendable (Data) -> Bool, timeout: Duration = .seconds(5)) async throws -> Data {
        let descriptor = descriptor
        let start = buffered
        let result: Data = try await Self.offThePool {
            var data = start
            let deadline = ContinuousClock.now + timeout
            var chunk = [UInt8](repeating: 0, count: 65536)
            while !done(data) && ContinuousClock.now < deadline {
                let count = recv(descriptor, &chunk, chunk.count, 0)
                if count == 0 { break }  // closed
                if count < 0 {
                    if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { continue }
                    break  // reset: what was read is the answer
                }
                data.append(contentsOf: chunk[0..<count])
            }
            return data
        }
        buffered = result
        return result
    }

    /// True when the peer closed the connection within `timeout`.
    func closedByPeer(timeout: Duration = .seconds(3)) async -> Bool {
        let descriptor = descriptor
        return (try? await Self.offThePool {
            let deadline = ContinuousClock.now + timeout
            var chunk = [UInt8](repeating: 0, count: 4096)
            while ContinuousClock.now < deadline {
                let count = recv(descriptor, &chunk, chunk.count, 0)
                if count == 0 { return true }
                if count < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR { return true }
            }
            return false
        }) ?? false
    }

    func consume(_ count: Int) { buffered.removeFirst(min(count, buffered.count)) }

    static func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }
}

enum RawHTTP {
    /// Sends `request` as is on a new connection and reads one response.
    static func exchange(_ request: [UInt8], port: Int) async throws -> RawResponse {
        let connection = try await LoopbackConnection(port: port)
        try await connection.send(request)
        let data = try await connection.read(until: { parse($0)?.complete ?? false })
        guard let parsed = parse(data) else {
            throw RawHTTPError(description: "no HTTP response: \(String(decoding: data, as: UTF8.self))")
        }
        return parsed.response
    }

    static func get(_ target: String, port: Int, method: String = "GET", headers: [String: String] = [:])
        async throws -> RawResponse
    {
        var request = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        return try await exchange(Array((request + "\r\n").utf8), port: port)
    }

    /// A response from raw bytes; `complete` once the whole body (per Content-Length) has arrived.
    static func parse(_ data: Data) -> (response: RawResponse, complete: Bool)? {
        guard let end = data.range(of: Data("\r\n\r\n".utf8)) else { return nil }
        let head = String(decoding: data[data.startIndex..<end.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let body = data[end.upperBound...]
        let length = headers["content-length"].flatMap { Int($0) }
        let complete = length.map { body.count >= $0 } ?? false
        return (RawResponse(status: status, headers: headers, body: Data(length.map { body.prefix($0) } ?? body)), complete)
    }
}
