import Contracts
import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// SQL of the credit schema, on the caller's connection.
struct CreditStore {
    let connection: PostgresConnection
    let logger: Logger

    func upsertClient(_ c: ClientUpserted, occurredAt: Date) async throws {
        let limit = c.contract?.creditLimit.kopecks
        try await connection.query("""
            INSERT INTO clients (client_id, kam_id, status, credit_limit, occurred_at)
            VALUES (\(c.clientId), \(c.kamId), \(c.status.rawValue), \(limit), \(occurredAt))
            ON CONFLICT (client_id) DO UPDATE SET kam_id = EXCLUDED.kam_id, status = EXCLUDED.status,
                credit_limit = EXCLUDED.credit_limit, occurred_at = EXCLUDED.occurred_at
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
    }

    func client(_ clientId: String) async throws -> ClientRow? {
        let rows = try await connection.query(
            "SELECT kam_id, credit_limit FROM clients WHERE client_id = \(clientId)", logger: logger)
        for try await (kam, limit) in rows.decode((String, Int64?).self) {
            return ClientRow(clientId: clientId, kamId: kam, creditLimit: Money(kopecks: limit ?? 0))
        }
        return nil
    }

    func position(_ client: ClientRow) async throws -> CreditPosition {
        try await clientPosition(client.clientId)?.1 ?? CreditPosition(creditLimit: client.creditLimit, receivablesBalance: .zero, openOrders: .zero)
    }

    /// The client and its position in one round trip; nil for an unknown client.
    func clientPosition(_ clientId: String) async throws -> (ClientRow, CreditPosition)? {
        let rows = try await connection.query("""
            SELECT c.kam_id, c.credit_limit,
              COALESCE((SELECT sum(CASE kind WHEN 'invoice' THEN amount ELSE -amount END) FROM ledger
                        WHERE client_id = c.client_id), 0)::bigint,
              COALESCE((SELECT sum(GREATEST(o.total - COALESCE(
                          (SELECT sum(l.amount) FROM ledger l WHERE l.kind = 'invoice' AND l.order_id = o.order_id), 0), 0))
                        FROM credit_orders o WHERE o.client_id = c.client_id AND o.status = 'open'), 0)::bigint
            FROM clients c WHERE c.client_id = \(clientId)
            """, logger: logger)
        for try await (kam, limit, balance, open) in rows.decode((String, Int64?, Int64, Int64).self) {
            let client = ClientRow(clientId: clientId, kamId: kam, creditLimit: Money(kopecks: limit ?? 0))
            return (client, CreditPosition(creditLimit: client.creditLimit, receivablesBalance: Money(kopecks: balance),
                                           openOrders: Money(kopecks: open)))
        }
        return nil
    }

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

    func isChecked(_ orderId: String) async throws -> Bool {
        !(try await connection.query("SELECT 1 FROM credit_checks WHERE order_id = \(orderId)", logger: logger).collect().isEmpty)
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

    struct Hold: Codable, Sendable {
        var orderId: String
        var clientId: String
        var total: Money
        var reasons: [Reason]
        var exposure: Money
        var heldAt: Date
    }

    func holds(clientId: String?, kamId: String?) async throws -> [Hold] {
        let rows = try await connection.query("""
            SELECT k.order_id, k.client_id, (k.request->>'total'), k.reasons::text, k.exposure, k.decided_at
            FROM credit_checks k JOIN clients c USING (client_id)
            WHERE k.outcome = 'held'
              AND NOT EXISTS (SELECT 1 FROM credit_orders o WHERE o.order_id = k.order_id AND o.status <> 'open')
              AND (\(clientId)::text IS NULL OR k.client_id = \(clientId))
              AND (\(kamId)::text IS NULL OR c.kam_id = \(kamId))
            ORDER BY k.decided_at, k.order_id
            """, logger: logger)
        var result: [Hold] = []
        for try await (order, client, total, reasons, exposure, at) in rows.decode((String, String, String, String, Int64, Date).self) {
            result.append(Hold(orderId: order, clientId: client, total: try Money(parsing: total),
                               reasons: try JSONColumn.value([Reason].self, from: reasons),
                               exposure: Money(kopecks: exposure), heldAt: at))
        }
        return result
    }
}
