// Small helpers over postgres-nio: statements with `$n` parameters from the constants in OutboxSQL, and a
// client configuration from a `postgres://` URL (DATABASE_URL).
import Foundation
import PostgresNIO

extension PostgresQuery {
    /// `sql` with `$1`, `$2`, … bound to `values` in order; `nil` binds NULL.
    static func sql(_ sql: String, _ values: (any PostgresDynamicTypeEncodable)?...) -> PostgresQuery {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            if let value { bindings.append(value) } else { bindings.appendNull() }
        }
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }
}

public enum DatabaseURLError: Error, CustomStringConvertible {
    case missing
    case invalid(String)

    public var description: String {
        switch self {
        case .missing:
            "DATABASE_URL is not set. These need PostgreSQL: run `make test`, or wrap the command in "
                + "Tests/Tools/with-postgres.sh (e.g. `Tests/Tools/with-postgres.sh swift test --filter CompanionTests`), "
                + "which starts a throwaway cluster and sets DATABASE_URL."
        case .invalid(let url):
            "DATABASE_URL '\(url)' is not a postgres://user[:password]@host[:port]/database URL"
        }
    }
}

extension PostgresClient.Configuration {
    /// Reads `postgres://user[:password]@host[:port]/database` from the environment variable `DATABASE_URL`.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> PostgresClient.Configuration {
        guard let text = environment["DATABASE_URL"], !text.isEmpty else { throw DatabaseURLError.missing }
        guard let url = URLComponents(string: text), ["postgres", "postgresql"].contains(url.scheme),
            let host = url.host, let user = url.user
        else { throw DatabaseURLError.invalid(text) }
        let database = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        return PostgresClient.Configuration(
            host: host, port: url.port ?? 5432, username: user, password: url.password,
            database: database.isEmpty ? nil : database, tls: .disable)
    }
}

extension OutboxSQL {
    /// Creates the outbox and inbox tables (in the connection's `search_path`), one statement at a time:
    /// the extended query protocol takes a single statement.
    public static func createTables(on client: PostgresClient) async throws {
        for statement in statements(in: schema + ";\n" + inboxSchema) {
            try await client.query(PostgresQuery(unsafeSQL: statement))
        }
    }

    static func statements(in script: String) -> [String] {
        script.split(separator: ";").map { part in
            part.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("--") }
                .joined(separator: "\n")
        }.filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }
}
