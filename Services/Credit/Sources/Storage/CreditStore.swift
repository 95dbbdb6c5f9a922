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
        try await connection.query("""
            INSERT INTO clients (client_id, kam_id, status, credit_limit, erp_credit_limit, manual_credit_limit, occurred_at)
            VALUES (\(c.clientId), \(c.kamId), \(c.status.rawValue), \(limits.effective.kopecks), \(limits.erpLimit?.kopecks),
                    \(limits.manualLimit?.kopecks), \(occurredAt))
            ON CONFLICT (client_id) DO UPDATE SET kam_id = EXCLUDED.kam_id, status = EXCLUDED.status,
                credit_limit = EXCLUDED.credit_limit, erp_credit_limit = EXCLUDED.erp_credit_limit,
                manual_credit_limit = EXCLUDED.manual_credit_limit, occurred_at = EXCLUDED.occurred_at
            WHERE clients.occurred_at < EXCLUDED.occurred_at
            """, logger: logger)
    }

    /// Records a ledger document once per document id (resent documents change nothing).
    func record(kind: String, docId: String, clientId: String, orderId: String?, amount: Money, date: BusinessDate) async throws {
        try await connection.query("""
            INSERT INTO ledger (kind, doc_id, client_id, order_id, amount, doc_date)
            VALUES (\(kind), \(docId), \(clientId), \(orderId), \(amount.kopecks), \(date.description)::date)
            ON CONFLICT DO NOTHING
            """, logger: logger)
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
              COALESCE((SELECT sum(CASE kind WHEN 'invoice' THEN amount ELSE -amount END) FROM ledger
                        WHERE client_id = c.client_id), 0)::bigint,
              COALESCE((SELECT sum(GREATEST(o.total - COALESCE(
                          (SELECT sum(l.amount) FROM ledger l WHERE l.kind = 'invoice' AND l.order_id = o.order_id), 0), 0))
                        FROM credit_orders o WHERE o.client_id = c.client_id AND o.status = 'open'), 0)::bigint,
              (SELECT doc::text FROM open_items WHERE client_id = c.client_id)
            FROM clients c WHERE c.client_id = ANY(\(clientIds)::text[])
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

    /// Stores a request, with its decision when there is one; false when this order was
    /// already asked about.
    func insertCheck(_ request: CreditCheckRequested, decision: Decision? = nil) async throws -> Bool {
        let doc = try JSONColumn.text(request)
        let reasons = try decision.map { try JSONColumn.text($0.reasons) }
        let rows = try await connection.query("""
            INSERT INTO credit_checks (order_id, client_id, request, outcome, reasons, exposure, decided_at)
            VALUES (\(request.orderId), \(request.clientId), \(doc)::jsonb, \(decision?.outcome.rawValue), \(reasons)::jsonb,
                    \(decision?.exposure.kopecks), \(decision?.at))
            ON CONFLICT DO NOTHING RETURNING order_id
            """, logger: logger).collect()
        return !rows.isEmpty
    }

    func pendingChecks(clientId: String) async throws -> [CreditCheckRequested] {
        let rows = try await connection.query("""
            SELECT request::text FROM credit_checks WHERE client_id = \(clientId) AND outcome IS NULL ORDER BY seq
            """, logger: logger)
        var result: [CreditCheckRequested] = []
        for try await doc in rows.decode(String.self) {
            result.append(try JSONColumn.value(CreditCheckRequested.self, from: doc))
        }
        return result
    }

    func saveDecision(orderId: String, outcome: CreditOutcome, reasons: [Reason], exposure: Money, at: Date) async throws {
        let doc = try JSONColumn.text(reasons)
        try await connection.query("""
            UPDATE credit_checks SET outcome = \(outcome.rawValue), reasons = \(doc)::jsonb, exposure = \(exposure.kopecks),
                decided_at = \(at) WHERE order_id = \(orderId)
            """, logger: logger)
    }

    // MARK: open orders

    /// An approved order counts as exposure until it is invoiced, cancelled or completed.
    /// A cancellation that arrived first wins.
    func openOrder(orderId: String, clientId: String, total: Money, at: Date) async throws {
        try await connection.query("""
            INSERT INTO credit_orders (order_id, client_id, total, status, updated_at)
            VALUES (\(orderId), \(clientId), \(total.kopecks), 'open', \(at)) ON CONFLICT DO NOTHING
            """, logger: logger)
    }

    func endOrder(orderId: String, clientId: String, status: String, at: Date) async throws {
        try await connection.query("""
            INSERT INTO credit_orders (order_id, client_id, total, status, updated_at)
            VALUES (\(orderId), \(clientId), 0, \(status), \(at))
            ON CONFLICT (order_id) DO UPDATE SET status = EXCLUDED.status, updated_at = EXCLUDED.updated_at
            WHERE credit_orders.status = 'open'
            """, logger: logger)
    }
}
