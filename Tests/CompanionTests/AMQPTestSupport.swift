// Shared by the broker-backed tests: where the broker is, unique names, and small helpers.
import Foundation
import Testing
@testable import Companion

enum Broker {
    struct NotConfigured: Error, CustomStringConvertible {
        let description = """
            AMQP_URL is not set, so there is no RabbitMQ to test against. Run the broker tests inside the \
            private broker wrapper: `Tests/Tools/with-rabbitmq.sh swift test --filter AMQPBroker` \
            (`make test` does this for every test).
            """
    }

    static func configuration() throws -> AMQPConfiguration {
        guard let url = ProcessInfo.processInfo.environment["AMQP_URL"], !url.isEmpty else {
            throw NotConfigured()
        }
        var configuration = try AMQPConfiguration(url: url)
        configuration.connectionName = "CompanionTests"
        return configuration
    }

    /// Runs `body` with a fresh connection, closed afterwards whatever happens.
    static func withConnection<T>(
        heartbeat: UInt16 = 60, _ body: (AMQPConnection) async throws -> T
    ) async throws -> T {
        var configuration = try configuration()
        configuration.heartbeat = heartbeat
        let connection = try await AMQPConnection.connect(configuration)
        do {
            let result = try await body(connection)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// A queue or exchange name no other test uses, so tests can run in parallel on one broker.
    static func unique(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }
}

extension AMQPProperties {
    static func persistent(id: String, headers: AMQPTable? = nil) -> AMQPProperties {
        AMQPProperties(headers: headers, deliveryMode: DeliveryMode.persistent, messageID: id)
    }
}

extension AMQPChannel {
    /// Ready messages in a queue, read with a passive declare.
    func readyCount(_ queue: String) async throws -> UInt32 {
        try await declareQueue(queue, passive: true).messageCount
    }
}

func text(_ string: String) -> [UInt8] { Array(string.utf8) }
