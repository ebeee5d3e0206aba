// Demos that need PostgreSQL read DATABASE_URL (Tests/Tools/with-postgres.sh sets it) and work in a schema
// of their own, created afresh on every run so the output is the same every time.
import Companion
import PostgresNIO

func withDemoSchema(_ name: String, _ body: (PostgresClient) async throws -> Void) async throws {
    var configuration = try PostgresClient.Configuration.fromEnvironment()
    let schema = "demo_" + name.replacingOccurrences(of: "-", with: "_")
    configuration.options.additionalStartupParameters = [("search_path", schema)]
    let client = PostgresClient(configuration: configuration)
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { await client.run() }
        defer { group.cancelAll() }
        try await client.query(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(schema) CASCADE"))
        try await client.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA \(schema)"))
        try await OutboxSQL.createTables(on: client)
        try await body(client)
        try await client.query(PostgresQuery(unsafeSQL: "DROP SCHEMA \(schema) CASCADE"))
    }
}
