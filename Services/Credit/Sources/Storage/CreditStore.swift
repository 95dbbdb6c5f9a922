import Contracts
import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// SQL of the credit schema, on the caller's connection.
struct CreditStore {
    let connection: PostgresConnection
    let logger: Logger

    // MARK: clients and their limits

    /// The stored client's upsert time and limits, locked for the rest of the transaction.
    func storedLimits(_ clientId: String) async throws -> (occurredAt: Date, limits: CreditLimitState)? {
        let rows = try await connection.query("""
            SELECT occurred_at, erp_credit_limit, manual_credit_limit FROM clients WHERE client_id = \(clientId) FOR UPDATE
            """, logger: logger)
        for try await (at, erp, manual) in rows.decode((Date, Int64?, Int64?).self) {
            return (at, CreditLimitState(erpLimit: erp.map(Money.init(kopecks:)), manualLimit: manual.map(Money.init(kopecks:))))
        }
        return nil
    }

    /// Keeps the upsert with the latest `occurredAt` (an older one arriving late changes nothing),
    /// with the limits the rules decided.
    func saveClient(_ c: ClientUpserted, occurredAt: Date, limits: CreditLimitState) async throws {
        try await saveClients([(c, occurredAt, limits)])
    }

    struct ClientRow: Sendable {
        var clientId: String
        var kamId: String
        var creditLimit: Money
        var limitSource: LimitSource
    }

    /// A client with everything credit judges it by.
    struct ClientCredit: Sendable {
        var client: ClientRow
        var position: CreditPosition
        /// Receivables' latest snapshot; nil until it published one for this client.
        var openItems: ClientOpenItemsChanged?
    }

    func credit(_ clientId: String) async throws -> ClientCredit? {
        try await credits([clientId])[clientId]
    }

    /// Clients, their positions and open items in one round trip; unknown clients are absent.
    func credits(_ clientIds: [String]) async throws -> [String: ClientCredit] {
        if clientIds.isEmpty { return [:] }
        let rows = try await connection.query("""
            SELECT c.client_id, c.kam_id, c.credit_limit, c.manual_credit_limit IS NOT NULL,
              COALESCE(p.balance, 0), COALESCE(p.open_orders, 0),
              (SELECT doc::text FROM open_items WHERE client_id = c.client_id)
            FROM clients c LEFT JOIN client_positions p ON p.client_id = c.client_id
            WHERE c.client_id = ANY(\(clientIds)::text[])
            """, logger: logger)
        var result: [String: ClientCredit] = [:]
        for try await (id, kam, limit, manual, balance, open, items) in rows.decode((String, String, Int64?, Bool, Int64, Int64, String?).self) {
            let client = ClientRow(clientId: id, kamId: kam, creditLimit: Money(kopecks: limit ?? 0), limitSource: manual ? .manual : .erp)
            result[id] = ClientCredit(
                client: client,
                position: CreditPosition(creditLimit: client.creditLimit, receivablesBalance: Money(kopecks: balance),
                                         openOrders: Money(kopecks: open)),
                openItems: try items.map { try JSONColumn.value(ClientOpenItemsChanged.self, from: $0) })
        }
        return result
    }

    // MARK: credit checks

    struct Decision: Sendable {
        var outcome: CreditOutcome
        var reasons: [Reason]
        var exposure: Money
        var at: Date
    }

    // MARK: open orders

    /// An approved order counts as exposure until it is invoiced, cancelled or completed.
    /// A cancellation that arrived first wins.
    func openOrder(orderId: String, clientId: String, total: Money, at: Date) async throws {
        try await openOrders([(orderId, clientId, total)], at: at)
    }
}
