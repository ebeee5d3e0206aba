// The relay query the articles warn against, kept so a test and a demo can show, against a real
// database, the rows it never sees.
import PostgresNIO

/// The relay the articles warn against: it remembers the highest id it has published and asks for
/// rows above it. Kept to show, against a real database, the rows it never sees.
public struct HighWaterMarkPoller: Sendable {
    let client: PostgresClient
    public private(set) var lastSeenID: Int64 = 0

    public init(client: PostgresClient) {
        self.client = client
    }

    /// The rows it would publish on this poll; it then moves its mark to the highest id it saw.
    public mutating func poll(limit: Int = 100) async throws -> [OutboxEvent] {
        let events = try await OutboxEvent.decode(
            client.query(.sql(OutboxSQL.pollAfterHighWaterMark, lastSeenID, limit)))
        lastSeenID = events.last?.id ?? lastSeenID
        return events
    }
}
