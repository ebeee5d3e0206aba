// Demo `outbox-retry-to-dlq`: a message whose handler always fails goes through three delay queues, each
// wait a full-jitter draw below its tier's ceiling, and is then parked with our own retry count. Virtual
// time and a fixed seed make the output the same on every run.
import Companion

func outboxRetryToDLQ() async throws {
    let broker = InMemoryBroker()
    await broker.declareExchange("orders", type: .direct)
    for queue in ["billing", "shipping"] {
        await broker.declareQueue(queue, arguments: QueueArguments())
        try await broker.bindQueue(queue, to: "orders", routingKey: "OrderPlaced")
    }
    let topology = RetryTopology(queue: "billing", maxRetries: 3, backoff: Backoff(base: .seconds(1), cap: .seconds(30)))
    try await topology.declare(on: broker)
    let router = RetryRouter(broker: broker, topology: topology, random: SeededGenerator(seed: 42))
    _ = try await broker.publish(Message(id: "order-17", type: "OrderPlaced"), to: "orders", routingKey: "OrderPlaced", mandatory: true)

    var deliveries = try await broker.consume(queue: "billing", prefetch: 1).makeAsyncIterator()
    while let delivery = try await deliveries.next() {
        let count = delivery.message.headers[RetryRouter.retryCountHeader]?.description ?? "none"
        let outcome = try await settle(delivery, router: router) { throw PaymentTimeout() }
        let at = "t=\(milliseconds(await broker.now)) ms".padding(toLength: 11, withPad: " ", startingAt: 0)
        switch outcome {
        case .retried(let attempt, let delay):
            let ceiling = topology.backoff.ceiling(forAttempt: attempt)
            print("\(at) x-retry-count \(count): to \(topology.delayQueue(forAttempt: attempt)),"
                + " wait \(milliseconds(delay)) of \(milliseconds(ceiling)) ms")
            await broker.advanceTime(by: delay)
        default:
            print("\(at) x-retry-count \(count): to \(topology.parkingLot)")
        }
        if case .deadLettered = outcome { break }
    }
    for message in await broker.messages(in: topology.parkingLot) {
        print("\(topology.parkingLot): \(message.id)")
        for (name, value) in message.headers.sorted(by: { $0.key < $1.key }) { print("  \(name): \(value)") }
    }
    print("shipping received \(await broker.depth(of: "shipping")) copy: retries went back to billing only")
}

private struct PaymentTimeout: Error, CustomStringConvertible {
    var description: String { "payment-service-timeout" }
}

private func milliseconds(_ duration: Duration) -> Int64 {
    duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
}

// snippet.hide
// Output:
// t=0 ms      x-retry-count none: to billing.retry.1, wait 741 of 1000 ms
// t=741 ms    x-retry-count 1: to billing.retry.2, wait 319 of 2000 ms
// t=1061 ms   x-retry-count 2: to billing.retry.3, wait 1114 of 4000 ms
// t=2175 ms   x-retry-count 3: to billing.dlq
// billing.dlq: order-17
//   x-first-death-queue: billing.retry.3
//   x-first-death-reason: expired
//   x-last-death-queue: billing.retry.3
//   x-last-death-reason: expired
//   x-last-error: payment-service-timeout
//   x-retry-count: 3
// shipping received 1 copy: retries went back to billing only
// snippet.show
