// Demo `outbox-retry-rabbitmq` (needs AMQP_URL; `make check` starts the broker): the retry path of
// `outbox-retry-to-dlq`, the same RetryRouter and seed, against a real RabbitMQ instead of the in-memory
// model. The waits are real (about 2.2 s in all), and the parked message's headers are printed as the
// broker wrote them, so the article can show what the broker itself adds when it dead-letters.
import Companion
import Foundation

func outboxRetryRabbitMQ() async throws {
    guard let url = ProcessInfo.processInfo.environment["AMQP_URL"], !url.isEmpty else {
        throw DemoNeedsBroker()
    }
    let connection = try await AMQPConnection.connect(AMQPConfiguration(url: url))
    let broker = RabbitMQBroker(connection: connection)
    // On stderr: the article names the version; the pinned output must hold on 3.10 and 3.12 alike.
    let version = await connection.serverProperties["version"]?.string ?? "?"
    FileHandle.standardError.write(Data("RabbitMQ \(version)\n".utf8))
    // Names of this run's own, printed without the suffix, so the output is the same on every run.
    let run = "-" + UUID().uuidString.prefix(8).lowercased()
    let shown = { (name: String) in name.replacingOccurrences(of: run, with: "") }
    let exchange = "orders" + run, billing = "billing" + run, shipping = "shipping" + run
    try await broker.declareExchange(exchange, type: .direct)
    for queue in [billing, shipping] {
        try await broker.declareQueue(queue, arguments: QueueArguments())
        try await broker.bindQueue(queue, to: exchange, routingKey: "OrderPlaced")
    }
    let topology = RetryTopology(queue: billing, maxRetries: 3, backoff: Backoff(base: .seconds(1), cap: .seconds(30)))
    try await topology.declare(on: broker)
    let router = RetryRouter(broker: broker, topology: topology, random: SeededGenerator(seed: 42))
    _ = try await broker.publish(
        Message(id: "order-17", type: "OrderPlaced"), to: exchange, routingKey: "OrderPlaced", mandatory: true)

    // The raw client, not RabbitMQBroker.consume: RabbitMQBroker's Message keeps only text and integer
    // headers, and the broker's x-death is an array of tables.
    let channel = try await connection.openChannel()
    try await channel.qos(prefetchCount: 1)
    for try await raw in try await channel.consume(queue: billing) {
        if !raw.deaths.isEmpty { printDeathHeaders(of: raw, shown: shown) }
        let delivery = Delivery(
            message: Message(raw), exchange: raw.exchange, routingKey: raw.routingKey,
            deliveryTag: raw.deliveryTag, redelivered: raw.redelivered, settle: ChannelSettling(channel: channel))
        let count = delivery.message.headers[RetryRouter.retryCountHeader]?.description ?? "none"
        let outcome = try await router.routeFailure(of: delivery, error: PaymentTimeout())
        if case .retried(let attempt, let delay) = outcome {
            let ceiling = topology.backoff.ceiling(forAttempt: attempt)
            print("x-retry-count \(count): to \(shown(topology.delayQueue(forAttempt: attempt))),"
                + " wait \(milliseconds(delay)) of \(milliseconds(ceiling)) ms")
        } else {
            print("x-retry-count \(count): to \(shown(topology.parkingLot))")
            break
        }
    }
    guard let parked = try await channel.get(queue: topology.parkingLot) else {
        throw DemoFailed("nothing reached \(shown(topology.parkingLot))")
    }
    print("\(shown(topology.parkingLot)): \(parked.properties.messageID ?? "?"), the companion's copy")
    for (name, value) in parked.headers.entries.sorted(by: { $0.key < $1.key }) {
        let text = value.string.map { $0.isEmpty ? "\"\" (the default exchange)" : shown($0) }
        print("  \(name): \(text ?? value.integer.map(String.init) ?? "(not text)")")
    }
    try await parked.ack()
    let delivered = try await channel.declareQueue(shipping, passive: true).messageCount
    print("shipping holds \(delivered) copy: retries went back to billing only")

    for queue in [billing, shipping, topology.parkingLot] + (1...topology.maxRetries).map(topology.delayQueue) {
        _ = try await channel.deleteQueue(queue)
    }
    try await channel.deleteExchange(exchange)
    try await connection.close()
}

/// What the broker wrote when it dead-lettered the message back from a delay queue: x-death (without
/// its `time`, which changes on every run) and the x-first-death and x-last-death headers.
private func printDeathHeaders(of delivery: AMQPDelivery, shown: (String) -> String) {
    let deaths = delivery.deaths.map { "{\(shown($0.queue)), \($0.reason), count \($0.count)}" }
    print("  broker: x-death [\(deaths.joined(separator: ", "))]")
    for name in ["queue", "reason"] {
        let first = delivery.headers["x-first-death-\(name)"]?.string.map(shown) ?? "-"
        let last = delivery.headers["x-last-death-\(name)"]?.string.map(shown) ?? "-"
        print("          x-first-death-\(name) \(first), x-last-death-\(name) \(last)")
    }
}

private func milliseconds(_ duration: Duration) -> Int64 {
    duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
}

private struct PaymentTimeout: Error, CustomStringConvertible {
    var description: String { "payment-service-timeout" }
}

struct DemoFailed: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

// snippet.hide
// Output:
// x-retry-count none: to billing.retry.1, wait 741 of 1000 ms
//   broker: x-death [{billing.retry.1, expired, count 1}]
//           x-first-death-queue billing.retry.1, x-last-death-queue -
//           x-first-death-reason expired, x-last-death-reason -
// x-retry-count 1: to billing.retry.2, wait 319 of 2000 ms
//   broker: x-death [{billing.retry.2, expired, count 1}]
//           x-first-death-queue billing.retry.2, x-last-death-queue -
//           x-first-death-reason expired, x-last-death-reason -
// x-retry-count 2: to billing.retry.3, wait 1114 of 4000 ms
//   broker: x-death [{billing.retry.3, expired, count 1}]
//           x-first-death-queue billing.retry.3, x-last-death-queue -
//           x-first-death-reason expired, x-last-death-reason -
// x-retry-count 3: to billing.dlq
// billing.dlq: order-17, the companion's copy
//   x-first-death-exchange: "" (the default exchange)
//   x-first-death-queue: billing.retry.3
//   x-first-death-reason: expired
//   x-last-error: payment-service-timeout
//   x-retry-count: 3
// shipping holds 1 copy: retries went back to billing only
// snippet.show
