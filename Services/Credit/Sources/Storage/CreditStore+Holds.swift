import Contracts
import Foundation
import ServiceKit

extension CreditStore {
    /// A credit hold waiting for the head.
    struct HeldOrder: Sendable {
        var orderId: String
        var clientId: String
        var kamId: String
        var total: Money
        var reasons: [Reason]
        var exposureAtHold: Money
        var heldAt: Date
    }

    /// Held orders nobody decided and the ERP did not end, oldest first (the head's queue).
    func heldOrders(clientId: String?, kamId: String?, page: Page) async throws -> [HeldOrder] {
        let rows = try await connection.query("""
            SELECT k.order_id, k.client_id, c.kam_id, (k.request->>'total'), k.reasons::text, k.exposure, k.decided_at
            FROM credit_checks k JOIN clients c USING (client_id)
            WHERE k.outcome = 'held'
              AND NOT EXISTS (SELECT 1 FROM hold_decisions d WHERE d.order_id = k.order_id)
              AND NOT EXISTS (SELECT 1 FROM credit_orders o WHERE o.order_id = k.order_id AND o.status <> 'open')
              AND (\(clientId)::text IS NULL OR k.client_id = \(clientId))
              AND (\(kamId)::text IS NULL OR c.kam_id = \(kamId))
            ORDER BY k.decided_at, k.order_id LIMIT \(page.fetchLimit) OFFSET \(page.offset)
            """, logger: logger)
        var result: [HeldOrder] = []
        for try await (order, client, kam, total, reasons, exposure, at) in rows.decode((String, String, String, String, String, Int64, Date).self) {
            result.append(HeldOrder(orderId: order, clientId: client, kamId: kam, total: try Money(parsing: total),
                                    reasons: try JSONColumn.value([Reason].self, from: reasons),
                                    exposureAtHold: Money(kopecks: exposure), heldAt: at))
        }
        return result
    }

    /// An order credit checked, with what decides whether the head may still decide on it.
    struct CheckedOrder: Sendable {
        var request: CreditCheckRequested
        var reasons: [Reason]
        var state: HoldState
    }

    /// nil when credit was never asked about the order.
    func checkedOrder(_ orderId: String) async throws -> CheckedOrder? {
        let rows = try await connection.query("""
            SELECT k.request::text, k.outcome, COALESCE(k.reasons::text, '[]'), o.status, d.outcome, d.decided_by, d.decided_at
            FROM credit_checks k
            LEFT JOIN credit_orders o ON o.order_id = k.order_id
            LEFT JOIN hold_decisions d ON d.order_id = k.order_id
            WHERE k.order_id = \(orderId)
            """, logger: logger)
        for try await (request, outcome, reasons, status, decided, by, at) in rows.decode(
            (String, String?, String, String?, String?, String?, Date?).self) {
            var recorded: RecordedDecision?
            if let decided, let by, let at, let outcome = CreditOutcome(rawValue: decided) {
                recorded = RecordedDecision(outcome: outcome, decidedBy: by, decidedAt: at)
            }
            let state = HoldState(checkOutcome: outcome.flatMap(CreditOutcome.init(rawValue:)),
                                  endedAs: status == "open" ? nil : status, decided: recorded)
            return CheckedOrder(request: try JSONColumn.value(CreditCheckRequested.self, from: request),
                                reasons: try JSONColumn.value([Reason].self, from: reasons), state: state)
        }
        return nil
    }

    func saveHoldDecision(orderId: String, clientId: String, outcome: CreditOutcome, by head: String, comment: String?,
                          position: CreditPosition, at: Date) async throws {
        try await connection.query("""
            INSERT INTO hold_decisions (order_id, client_id, outcome, decided_by, comment, exposure, credit_limit, decided_at)
            VALUES (\(orderId), \(clientId), \(outcome.rawValue), \(head), \(comment), \(position.exposure.kopecks),
                    \(position.creditLimit.kopecks), \(at))
            """, logger: logger)
    }
}
