// Demo `outbox-confirm-throughput` (needs AMQP_URL; `make check` starts the broker): events per second
// through publisher confirms on a real RabbitMQ, waiting for each confirm in turn versus publishing a batch
// of N and then waiting for all of them. It prints a Mermaid xychart-beta chart, with the measurements
// behind it as `%%` comments (Mermaid ignores them): how many basic.ack frames settled how many publishes.
// The numbers are measured, so they change from run to run and machine to machine; nothing pins them.
import Companion
import Foundation

func outboxConfirmThroughput() async throws {
    guard let url = ProcessInfo.processInfo.environment["AMQP_URL"], !url.isEmpty else {
        throw DemoNeedsBroker()
    }
    let connection = try await AMQPConnection.connect(AMQPConfiguration(url: url))
    let version = await connection.serverProperties["version"]?.string ?? "?"
    let channel = try await connection.openChannel()
    try await channel.enableConfirms()
    let queue = "throughput-" + UUID().uuidString.prefix(8).lowercased()
    try await channel.declareQueue(queue, durable: true)

    // What the relay publishes: persistent messages of an outbox event's size, to a durable queue.
    let total = 2000
    let properties = AMQPProperties.persistentEvent
    let body = Array(repeating: UInt8(ascii: "x"), count: 256)
    let message = AMQPOutgoingMessage(body, routingKey: queue, properties: properties)

    _ = try await channel.publishBatch(Array(repeating: message, count: 200))  // warm-up, not measured
    var rows: [(label: String, perSecond: Int, frames: Int)] = []
    for batchSize in [1, 10, 50, 100, 250, 500, 1000] {
        // Three runs each, and the median: the broker shares its machine with everything else on it.
        var runs: [(perSecond: Int, frames: Int)] = []
        for _ in 1...3 {
            _ = try await channel.purgeQueue(queue)
            let before = try await channel.confirmCounts
            let started = ContinuousClock.now
            if batchSize == 1 {
                // Confirm-each: what the relay did before, one publish and one wait per row.
                for _ in 0..<total {
                    guard try await channel.publish(body, routingKey: queue, properties: properties) == .acked else {
                        throw DemoFailed("a publish was not acked")
                    }
                }
            } else {
                for _ in 0..<(total / batchSize) {
                    let outcomes = try await channel.publishBatch(Array(repeating: message, count: batchSize))
                    guard outcomes.allSatisfy({ $0 == .acked }) else { throw DemoFailed("a publish was not acked") }
                }
            }
            let elapsed = ContinuousClock.now - started
            let after = try await channel.confirmCounts
            runs.append((Int((Double(total) / seconds(elapsed)).rounded()), after.frames - before.frames))
        }
        let median = runs.sorted { $0.perSecond < $1.perSecond }[1]
        rows.append((batchSize == 1 ? "1 (each)" : String(batchSize), median.perSecond, median.frames))
    }

    print("xychart-beta")
    print("    title \"Publisher confirms on RabbitMQ \(version): events per second\"")
    print("    x-axis \"publish N, then wait for all N confirms\" [\(rows.map { "\"\($0.label)\"" }.joined(separator: ", "))]")
    print("    y-axis \"events per second\"")
    print("    bar [\(rows.map { String($0.perSecond) }.joined(separator: ", "))]")
    for row in rows {
        print("    %% N=\(row.label): \(total) persistent publishes, \(row.perSecond)/s (median of 3), "
              + "settled by \(row.frames) basic.ack frames")
    }
    _ = try await channel.deleteQueue(queue)
    try await connection.close()
}

private func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

extension AMQPProperties {
    /// Delivery mode 2 and a JSON content type, as the outbox relay sends its events.
    static var persistentEvent: AMQPProperties {
        var properties = AMQPProperties()
        properties.deliveryMode = 2
        properties.contentType = "application/json"
        return properties
    }
}
