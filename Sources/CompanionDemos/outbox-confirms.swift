// Demo `outbox-confirms`: what a publisher learns from confirms and returns, and what a quorum queue's
// delivery limit does with a nack loop and with a reject loop (RabbitMQ 4.3 semantics).
import Companion

func outboxConfirms() async throws {
    let broker = InMemoryBroker()
    await broker.declareExchange("orders", type: .direct)
    await broker.declareQueue(
        "billing", arguments: QueueArguments(deadLetterExchange: "", deadLetterRoutingKey: "billing.dlq", deliveryLimit: 2))
    await broker.declareQueue("billing.dlq", arguments: QueueArguments())
    try await broker.bindQueue("billing", to: "orders", routingKey: "OrderPlaced")

    func publish(_ label: String, _ routingKey: String, mandatory: Bool) async {
        let outcome: String
        do {
            outcome = "\(try await broker.publish(Message(id: label), to: "orders", routingKey: routingKey, mandatory: mandatory))"
        } catch {
            outcome = "error: \(error)"
        }
        print("\(label.padding(toLength: 44, withPad: " ", startingAt: 0)) -> \(outcome)")
    }
    await publish("OrderPlaced, bound to billing", "OrderPlaced", mandatory: false)
    await publish("OrderRefunded, no binding", "OrderRefunded", mandatory: false)
    await publish("OrderRefunded, no binding, mandatory", "OrderRefunded", mandatory: true)
    await broker.inject(.nack, onPublish: 4)
    await publish("OrderPlaced, broker nacks", "OrderPlaced", mandatory: true)
    await broker.inject(.unavailable, onPublish: 5)
    await publish("OrderPlaced, broker unreachable", "OrderPlaced", mandatory: true)
    print("dropped as unroutable: \(await broker.unroutableDropped)")

    var deliveries = try await broker.consume(queue: "billing", prefetch: 1).makeAsyncIterator()
    for _ in 1...10 {
        try await deliveries.next()?.nack(requeue: true)
    }
    print("10 x nack(requeue: true): still in billing, \(await broker.depth(of: "billing.dlq")) in billing.dlq")
    var rejects = 0
    while await broker.depth(of: "billing.dlq") == 0, let delivery = try await deliveries.next() {
        rejects += 1
        let count = delivery.message.headers["x-delivery-count"]?.description ?? "none"
        print("reject(requeue: true) #\(rejects), x-delivery-count \(count)")
        try await delivery.reject(requeue: true)
    }
    let reasons = await broker.deadLetterings.map(\.reason.rawValue)
    print("dead-lettered to billing.dlq: \(reasons.joined(separator: ", "))")
}

// snippet.hide
// Output:
// OrderPlaced, bound to billing                -> acked
// OrderRefunded, no binding                    -> acked
// OrderRefunded, no binding, mandatory         -> returned (NO_ROUTE), then acked
// OrderPlaced, broker nacks                    -> nacked
// OrderPlaced, broker unreachable              -> error: broker unavailable
// dropped as unroutable: 1
// 10 x nack(requeue: true): still in billing, 0 in billing.dlq
// reject(requeue: true) #1, x-delivery-count none
// reject(requeue: true) #2, x-delivery-count 1
// reject(requeue: true) #3, x-delivery-count 2
// dead-lettered to billing.dlq: delivery_limit
// snippet.show
