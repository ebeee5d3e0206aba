// The write side of the outbox: the business change and the event that announces it, in one transaction.
import Foundation
import Logging
import PostgresNIO

public struct Order: Sendable, Equatable, Codable {
    public var id: UUID
    public var customerID: String
    public var totalCents: Int64

    public init(id: UUID = UUID(), customerID: String, totalCents: Int64) {
        self.id = id
        self.customerID = customerID
        self.totalCents = totalCents
    }
}

/// The JSON body of every order event.
public struct OrderEvent: Sendable, Equatable, Codable {
    public var orderID: UUID
    public var customerID: String
    public var totalCents: Int64?
    public var status: String
}

public struct OutboxStore: Sendable {
    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger = Logger(label: "outbox")) {
        self.client = client
        self.logger = logger
    }

    // snippet.place-order-swift
    /// Saves the order and its `OrderPlaced` event atomically:
    /// both rows commit, or neither does.
    @discardableResult
    public func placeOrder(
        _ order: Order, traceparent: String? = nil
    ) async throws -> UUID {
        let eventID = UUID()
        let payload = try Self.json(OrderEvent(
            orderID: order.id, customerID: order.customerID,
            totalCents: order.totalCents, status: "placed"))
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query(
                .sql(OutboxSQL.insertOrder,
                     order.id, order.customerID, order.totalCents),
                logger: logger)
            try await connection.query(
                .sql(OutboxSQL.insertEvent,
                     eventID, "order", order.id.uuidString, "OrderPlaced",
                     payload, traceparent),
                logger: logger)
        }
        return eventID
    }
    // snippet.end

    /// Changes an order's status and records `Order<Status>` (e.g. `OrderPaid`) in the same transaction.
    @discardableResult
    public func changeStatus(of orderID: UUID, to status: String) async throws -> UUID {
        let eventID = UUID()
        try await client.withTransaction(logger: logger) { connection in
            try await Self.changeStatus(of: orderID, to: status, eventID: eventID, on: connection, logger: logger)
        }
        return eventID
    }

    /// The statements of `changeStatus`, on a transaction the caller controls (tests interleave two).
    public static func changeStatus(
        of orderID: UUID, to status: String, eventID: UUID, on connection: PostgresConnection, logger: Logger
    ) async throws {
        let rows = try await connection.query(.sql(OutboxSQL.updateStatus, orderID, status), logger: logger)
        var customerID: String?
        for try await (customer) in rows.decode(String.self) { customerID = customer }
        guard let customerID else { throw OutboxStoreError.noSuchOrder(orderID) }
        let event = OrderEvent(orderID: orderID, customerID: customerID, totalCents: nil, status: status)
        try await connection.query(
            .sql(OutboxSQL.insertEvent, eventID, "order", orderID.uuidString, "Order" + status.capitalized,
                 try json(event), nil as String?),
            logger: logger)
    }

    /// Inserts an outbox row only, on a transaction the caller controls.
    public static func insertEvent(
        type: String, aggregateID: String, payload: String, on connection: PostgresConnection, logger: Logger
    ) async throws {
        try await connection.query(
            .sql(OutboxSQL.insertEvent, UUID(), "order", aggregateID, type, payload, nil as String?),
            logger: logger)
    }

    static func json(_ event: OrderEvent) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(event), as: UTF8.self)
    }
}

public enum OutboxStoreError: Error {
    case noSuchOrder(UUID)
}
