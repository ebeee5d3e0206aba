// Demo `outbox-crash-duplicate` (needs DATABASE_URL): the relay loses a publisher confirm halfway through
// a batch, as if it had crashed between publishing and marking the rows sent. The next pass publishes the
// same rows again; the consumer's inbox turns the copies into no-ops.
import Companion
import Foundation
import PostgresNIO

func outboxCrashDuplicate() async throws {
    try await withDemoSchema("crash-duplicate") { client in
        let broker = InMemoryBroker()
        await broker.declareExchange("orders", type: .direct)
        await broker.declareQueue("billing", arguments: QueueArguments())
        try await broker.bindQueue("billing", to: "orders", routingKey: "OrderPlaced")
        let store = OutboxStore(client: client)
        for cents in [100, 200, 300] { try await store.placeOrder(Order(customerID: "c1", totalCents: Int64(cents))) }

        let relay = OutboxRelay(client: client, broker: broker, configuration: .init(exchange: "orders"))
        await broker.inject(.confirmLost, onPublish: 2)
        do {
            _ = try await relay.relayOnce()
        } catch {
            let cause = (error as? PostgresTransactionError)?.closureError ?? error
            print("relay pass 1: \(cause); the claim rolls back")
        }
        let pass = try await relay.relayOnce()
        print("relay pass 2: published rows \(pass.published.map(String.init).joined(separator: ", "))")
        let queued = await broker.messages(in: "billing")
        print("billing queue: \(queued.count) messages for 3 events")

        let topology = RetryTopology(queue: "billing", maxRetries: 3, backoff: Backoff(base: .seconds(1), cap: .seconds(30)))
        try await topology.declare(on: broker)
        let consumer = InboxConsumer(name: "billing", client: client, router: RetryRouter(broker: broker, topology: topology))
        var deliveries = try await broker.consume(queue: "billing", prefetch: 10).makeAsyncIterator()
        for _ in queued {
            guard let delivery = try await deliveries.next() else { break }
            let cents = (try? JSONDecoder().decode(OrderEvent.self, from: Data(delivery.message.body)))?.totalCents ?? 0
            let outcome = try await consumer.process(delivery)
            print("  \(cents) cents, redelivered=\(delivery.redelivered): \(outcome.label)")
        }
        for try await (orders, total) in try await client.query(
            "SELECT orders, total_cents FROM customer_totals WHERE customer_id = 'c1'"
        ).decode((Int32, Int64).self) {
            print("customer c1: \(orders) orders, \(total) cents")
        }
    }
}

// snippet.hide
// Output:
// relay pass 1: connection lost before the publisher confirm arrived; the claim rolls back
// relay pass 2: published rows 1, 2, 3
// billing queue: 5 messages for 3 events
//   100 cents, redelivered=false: processed
//   200 cents, redelivered=false: processed
//   100 cents, redelivered=false: duplicate
//   200 cents, redelivered=false: duplicate
//   300 cents, redelivered=false: processed
// customer c1: 3 orders, 600 cents
// snippet.show
