// Demo `outbox-rabbitmq` (needs DATABASE_URL and AMQP_URL; `make check` starts both): the relay end to end
// against a real RabbitMQ. Rows are published with publisher confirms and marked sent; an event nothing is
// bound to comes back as a mandatory return and is rescheduled, not marked sent.
import Companion
import Foundation
import PostgresNIO

func outboxRabbitMQ() async throws {
    guard let url = ProcessInfo.processInfo.environment["AMQP_URL"], !url.isEmpty else {
        throw DemoNeedsBroker()
    }
    try await withDemoSchema("rabbitmq") { client in
        let broker = try await RabbitMQBroker.connect(to: url)
        // Names of this run's own, so a second run against the same broker starts empty.
        let run = UUID().uuidString.prefix(8).lowercased()
        let exchange = "demo-orders-\(run)", queue = "demo-billing-\(run)"
        try await broker.declareExchange(exchange, type: .direct)
        try await broker.declareQueue(queue, arguments: QueueArguments(messageTTL: .seconds(60)))
        try await broker.bindQueue(queue, to: exchange, routingKey: "OrderPlaced")

        let store = OutboxStore(client: client)
        var orders: [UUID] = []
        for cents in [100, 200, 300] {
            let order = Order(customerID: "c1", totalCents: Int64(cents))
            _ = try await store.placeOrder(order)
            orders.append(order.id)
        }
        let relay = OutboxRelay(client: client, broker: broker, configuration: .init(exchange: exchange))
        let first = try await relay.relayOnce()
        print("relay pass 1: rows \(first.published.map(String.init).joined(separator: ", ")) confirmed and marked sent")

        _ = try await store.changeStatus(of: orders[0], to: "paid")  // OrderPaid: no queue is bound to it
        let second = try await relay.relayOnce()
        print("relay pass 2: row \(second.rescheduled.map(String.init).joined(separator: ", ")) returned unroutable, "
              + "rescheduled; \(second.published.count) marked sent")

        var received = 0
        for try await delivery in try await broker.consume(queue: queue, prefetch: 10) {
            let message = delivery.message
            print("  \(queue.prefix(12)): \(message.type ?? "?"), persistent=\(message.persistent), "
                  + "message id is the outbox event id: \(try await isOutboxEventID(message.id, client))")
            try await delivery.ack()
            received += 1
            if received == 3 { break }
        }
        try await broker.close()
    }
}

struct DemoNeedsBroker: Error, CustomStringConvertible {
    let description = "AMQP_URL is not set: run it with a broker, e.g. Tests/Tools/with-rabbitmq.sh "
        + "bash Tests/Tools/with-postgres.sh swift run companion outbox-rabbitmq"
}

private func isOutboxEventID(_ id: String, _ client: PostgresClient) async throws -> Bool {
    guard let uuid = UUID(uuidString: id) else { return false }
    for try await count in try await client.query("SELECT count(*) FROM outbox WHERE event_id = \(uuid)")
        .decode(Int64.self) { return count == 1 }
    return false
}

// snippet.hide
// Output:
// relay pass 1: rows 1, 2, 3 confirmed and marked sent
// relay pass 2: row 4 returned unroutable, rescheduled; 0 marked sent
//   demo-billing: OrderPlaced, persistent=true, message id is the outbox event id: true
//   demo-billing: OrderPlaced, persistent=true, message id is the outbox event id: true
//   demo-billing: OrderPlaced, persistent=true, message id is the outbox event id: true
// snippet.show
