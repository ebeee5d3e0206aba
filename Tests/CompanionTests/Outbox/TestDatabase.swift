// Each database test gets a schema of its own on the PostgreSQL that DATABASE_URL names (see
// Tests/Tools/with-postgres.sh), so tests run in parallel without seeing each other's rows.
import Companion
import Synchronization
import Foundation
import Logging
import PostgresNIO
import Testing

enum TestDatabase {
    /// Runs `body` with a client whose connections all use a fresh schema holding the outbox and inbox
    /// tables; the schema is dropped afterwards.
    static func withSchema<Result: Sendable>(
        connections: Int = 8, _ body: @Sendable (PostgresClient) async throws -> Result
    ) async throws -> Result {
        // Without DATABASE_URL this throws, and the test fails with a message saying how to run it.
        var configuration = try PostgresClient.Configuration.fromEnvironment()
        let schema = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        configuration.options.additionalStartupParameters = [("search_path", schema)]
        configuration.options.maximumConnections = connections
        let client = PostgresClient(configuration: configuration)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await client.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA \(schema)"))
            do {
                try await OutboxSQL.createTables(on: client)
                let result = try await body(client)
                try await client.query(PostgresQuery(unsafeSQL: "DROP SCHEMA \(schema) CASCADE"))
                return result
            } catch {
                _ = try? await client.query(PostgresQuery(unsafeSQL: "DROP SCHEMA \(schema) CASCADE"))
                throw error
            }
        }
    }

    static func count(_ sql: String, on client: PostgresClient) async throws -> Int64 {
        var value: Int64 = 0
        for try await (count) in try await client.query(PostgresQuery(unsafeSQL: sql)).decode(Int64.self) {
            value = count
        }
        return value
    }
}

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let state: Mutex<Date>
    init(_ start: Date = Date(timeIntervalSince1970: 1_795_000_000)) { state = Mutex(start) }
    var now: Date { state.withLock { $0 } }
    func advance(by seconds: TimeInterval) { state.withLock { $0 += seconds } }
}
