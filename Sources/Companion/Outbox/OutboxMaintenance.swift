// Housekeeping around the relay: how far behind it is (for the lag gauges), and deleting sent rows.
import Foundation
import Logging
import Metrics
import PostgresNIO

public struct OutboxMaintenance: Sendable {
    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger = Logger(label: "outbox-maintenance")) {
        self.client = client
        self.logger = logger
    }

    public struct Backlog: Sendable, Equatable {
        public var pending: Int64
        public var oldestCreatedAt: Date?
    }

    // snippet.backlog-gauges
    /// Exports the backlog as two gauges. The oldest event's creation time,
    /// not its age: Prometheus computes the lag as `time() - …`, and the
    /// value stays right between scrapes even if this job stalls.
    @discardableResult
    public func recordBacklog(
        metrics: any MetricsFactory = MetricsSystem.factory
    ) async throws -> Backlog {
        var backlog = Backlog(pending: 0, oldestCreatedAt: nil)
        let rows = try await client.query(.sql(OutboxSQL.backlog), logger: logger)
        for try await (count, oldest) in rows.decode((Int64, Date?).self) {
            backlog = Backlog(pending: count, oldestCreatedAt: oldest)
        }
        Gauge(label: "outbox_pending_events", factory: metrics).record(backlog.pending)
        Gauge(label: "outbox_oldest_pending_event_timestamp_seconds", factory: metrics)
            .record(backlog.oldestCreatedAt?.timeIntervalSince1970 ?? 0)
        return backlog
    }
    // snippet.end

    /// Deletes rows sent before `cutoff`, `batchSize` at a time, until none are left; returns how many.
    public func deleteSent(before cutoff: Date, batchSize: Int = 1000) async throws -> Int {
        var total = 0
        while true {
            let rows = try await client.query(.sql(OutboxSQL.deleteSent, cutoff, batchSize),
                                              logger: logger)
            var deleted = 0
            for try await _ in rows.decode(Int64.self) { deleted += 1 }
            total += deleted
            if deleted < batchSize { return total }
        }
    }
}
