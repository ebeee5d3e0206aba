// `companion <demo>`: runs one of the articles' demos and prints what happens.
import Foundation

let demos: [(name: String, summary: String, run: () async throws -> Void)] = [
    ("backoff-schedule", "retry delays with capped exponential backoff and full jitter", backoffSchedule),
    ("backoff-spread-chart", "when 1,000 simultaneous retries arrive, without and with jitter (a chart)", backoffSpreadChart),
    ("outbox-crash-duplicate", "a lost confirm republishes rows; the inbox absorbs the copies (PostgreSQL)", outboxCrashDuplicate),
    ("outbox-skipped-row", "polling id > last_seen skips a row that commits late (PostgreSQL)", outboxSkippedRow),
    ("outbox-retry-to-dlq", "a failing message through delay queues to the parking lot", outboxRetryToDLQ),
    ("outbox-confirms", "confirms, returns, and the delivery limit with nack and reject", outboxConfirms),
    ("outbox-rabbitmq", "the relay against a real RabbitMQ: confirms, a mandatory return (PostgreSQL, RabbitMQ)", outboxRabbitMQ),
    ("grpc-policies", "1,000 gRPC calls to four backends under pick_first and round_robin", grpcPolicies),
    ("grpc-policies-chart", "calls per backend under pick_first and round_robin (a chart)", grpcPoliciesChart),
    ("grpc-scale-out", "a backend added to DNS gets no calls until the client re-resolves", grpcScaleOut),
    ("grpc-connection-age", "a server-side max connection age makes clients find a new backend", grpcConnectionAge),
]

let arguments = CommandLine.arguments.dropFirst()
if let name = arguments.first, let demo = demos.first(where: { $0.name == name }) {
    do {
        try await demo.run()
    } catch {
        FileHandle.standardError.write(Data("companion \(name): \(error)\n".utf8))
        exit(1)
    }
} else {
    let problem = arguments.first.map { "unknown demo '\($0)'\n" } ?? ""
    let list = demos.map { "  \($0.name.padding(toLength: 24, withPad: " ", startingAt: 0)) \($0.summary)" }
    FileHandle.standardError.write(Data((problem + "usage: companion <demo>\n\ndemos:\n" + list.joined(separator: "\n") + "\n").utf8))
    exit(arguments.isEmpty || arguments.first == "--help" ? 0 : 2)
}
