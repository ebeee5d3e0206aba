// Demo `outbox-skipped-row` (needs DATABASE_URL): two transactions commit in the opposite order of their
// outbox ids. A relay polling `id > last_seen` never sees the first row; the claiming relay does.
import Companion
import Logging
import PostgresNIO

func outboxSkippedRow() async throws {
    try await withDemoSchema("skipped-row") { client in
        let logger = Logger(label: "demo")
        var poller = HighWaterMarkPoller(client: client)
        try await client.withConnection { a in
            try await a.query("BEGIN", logger: logger)
            try await OutboxStore.insertEvent(type: "OrderPlaced", aggregateID: "a", payload: "{}", on: a, logger: logger)
            print("A: BEGIN; INSERT -> outbox row 1 (not committed yet)")
            try await client.withTransaction(logger: logger) { b in
                try await OutboxStore.insertEvent(type: "OrderPlaced", aggregateID: "b", payload: "{}", on: b, logger: logger)
            }
            print("B: BEGIN; INSERT -> outbox row 2; COMMIT")
            let seen = try await poller.poll().map(\.id)
            print("poll id > 0: rows \(seen), last_seen = \(poller.lastSeenID)")
            try await a.query("COMMIT", logger: logger)
            print("A: COMMIT")
        }
        let after = try await poller.poll().map(\.id)
        print("poll id > \(poller.lastSeenID): rows \(after): row 1 is never published")

        let broker = InMemoryBroker()
        await broker.declareExchange("orders", type: .direct)
        await broker.declareQueue("billing", arguments: QueueArguments())
        try await broker.bindQueue("billing", to: "orders", routingKey: "OrderPlaced")
        let relay = OutboxRelay(client: client, broker: broker, configuration: .init(exchange: "orders", claim: .inIDOrder))
        print("claim sent_at IS NULL: published rows \(try await relay.relayOnce().published)")
    }
}

// snippet.hide
// Output:
// A: BEGIN; INSERT -> outbox row 1 (not committed yet)
// B: BEGIN; INSERT -> outbox row 2; COMMIT
// poll id > 0: rows [2], last_seen = 2
// A: COMMIT
// poll id > 2: rows []: row 1 is never published
// claim sent_at IS NULL: published rows [1, 2]
// snippet.show
