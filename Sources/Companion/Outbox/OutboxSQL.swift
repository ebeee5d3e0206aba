// Every statement the outbox code runs lives in SQL/outbox.sql, where the articles include it as SQL. This
// file loads it once, by the `-- name:` line in front of each statement. The tests run these same
// statements against a real PostgreSQL, so no SQL a reader sees is untested.
import Foundation

public enum OutboxSQL {
    public static let schema = statement("schema")
    public static let inboxSchema = statement("inboxSchema")
    static let insertOrder = statement("insertOrder")
    static let insertEvent = statement("insertEvent")
    static let updateStatus = statement("updateStatus")
    public static let claimBatch = statement("claimBatch")
    public static let claimHeadsOfAggregates = statement("claimHeadsOfAggregates")
    static let markSent = statement("markSent")
    static let reschedule = statement("reschedule")
    public static let pollAfterHighWaterMark = statement("pollAfterHighWaterMark")
    static let deleteSent = statement("deleteSent")
    static let backlog = statement("backlog")
    static let recordInInbox = statement("recordInInbox")
    static let addToCustomerTotals = statement("addToCustomerTotals")
    static let forgetInboxEntries = statement("forgetInboxEntries")

    /// The statements of outbox.sql by name. The file ships with the module (Package.swift: resources), so
    /// a missing file or name is a bug in this package, not something a caller can handle.
    static let statements: [String: String] = {
        guard let url = Bundle.module.url(forResource: "outbox", withExtension: "sql"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { fatalError("outbox.sql is missing from the Companion module's resources") }
        return parse(text)
    }()

    static func statement(_ name: String) -> String {
        guard let statement = statements[name] else { fatalError("outbox.sql has no statement '\(name)'") }
        return statement
    }

    /// Splits a file into named statements: each runs from its `-- name:` line to the next one or to a
    /// `-- snippet.` marker. Comment lines are dropped and a final semicolon trimmed, so what is sent is
    /// the statement alone.
    static func parse(_ text: String) -> [String: String] {
        var statements: [String: String] = [:]
        var name: String?
        var lines: [Substring] = []
        func finish() {
            guard let name else { return }
            var body = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            if body.hasSuffix(";") { body.removeLast() }
            statements[name] = body
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("-- name:") {
                finish()
                name = trimmed.dropFirst("-- name:".count).trimmingCharacters(in: .whitespaces)
                lines = []
            } else if trimmed.hasPrefix("-- snippet.") {
                finish()
                name = nil
                lines = []
            } else if name != nil, !trimmed.hasPrefix("--") {
                lines.append(line)
            }
        }
        finish()
        return statements
    }
}
