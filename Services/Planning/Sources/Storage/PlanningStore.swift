import Contracts
import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// SQL of the planning schema, on the caller's connection.
struct PlanningStore {
    let connection: PostgresConnection
    let logger: Logger

    /// Every upsert is history (the KAM on a date); a late, older one slots into its place.
    func recordClient(_ c: ClientUpserted, occurredAt: Date, effectiveOn: BusinessDate) async throws {
        try await connection.query("""
            INSERT INTO client_kams (client_id, occurred_at, effective_on, kam_id, tier, status)
            VALUES (\(c.clientId), \(occurredAt), \(effectiveOn.description)::date, \(c.kamId), \(c.tier.rawValue), \(c.status.rawValue))
            ON CONFLICT DO NOTHING
            """, logger: logger)
    }

    func recordInvoice(_ i: InvoiceIssued) async throws {
        try await connection.query("""
            INSERT INTO invoices (invoice_id, client_id, order_id, amount, issued_on)
            VALUES (\(i.invoiceId), \(i.clientId), \(i.orderId), \(i.amount.kopecks), \(i.issuedOn.description)::date)
            ON CONFLICT DO NOTHING
            """, logger: logger)
    }

    func recordCreditNote(_ c: CreditNoteIssued) async throws {
        try await connection.query("""
            INSERT INTO credit_notes (credit_note_id, client_id, amount, issued_on, reason)
            VALUES (\(c.creditNoteId), \(c.clientId), \(c.amount.kopecks), \(c.issuedOn.description)::date, \(c.reason.rawValue))
            ON CONFLICT DO NOTHING
            """, logger: logger)
    }

    func recordOutcome(orderId: String, outcome: String, clientId: String, on date: BusinessDate) async throws {
        try await connection.query("""
            INSERT INTO order_outcomes (order_id, outcome, client_id, decided_on)
            VALUES (\(orderId), \(outcome), \(clientId), \(date.description)::date) ON CONFLICT DO NOTHING
            """, logger: logger)
    }

    func savePlan(kamId: String, month: YearMonth, plan: MonthlyPlan, by: String, at: Date) async throws {
        try await connection.query("""
            INSERT INTO plans (kam_id, month, turnover_target, active_clients_target, new_clients_target, set_by, set_at)
            VALUES (\(kamId), \(month.description), \(plan.turnoverTarget.kopecks), \(plan.activeClientsTarget), \(plan.newClientsTarget), \(by), \(at))
            ON CONFLICT (kam_id, month) DO UPDATE SET turnover_target = EXCLUDED.turnover_target,
                active_clients_target = EXCLUDED.active_clients_target, new_clients_target = EXCLUDED.new_clients_target,
                set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at
            """, logger: logger)
    }

    func plan(kamId: String, month: YearMonth) async throws -> MonthlyPlan? {
        let rows = try await connection.query("""
            SELECT turnover_target, active_clients_target, new_clients_target FROM plans WHERE kam_id = \(kamId) AND month = \(month.description)
            """, logger: logger)
        for try await (t, a, n) in rows.decode((Int64, Int, Int).self) {
            return MonthlyPlan(turnoverTarget: Money(kopecks: t), activeClientsTarget: a, newClientsTarget: n)
        }
        return nil
    }

    /// Turnover = invoices − credit notes of the month, each attributed to the KAM of its date.
    func turnover(kamId: String, month: YearMonth) async throws -> Money {
        let (from, to) = (month.firstDay.description, month.lastDay.description)
        let rows = try await connection.query("""
            SELECT COALESCE(sum(amount), 0)::bigint FROM (
              SELECT amount, client_id, issued_on FROM invoices WHERE issued_on BETWEEN \(from)::date AND \(to)::date
              UNION ALL
              SELECT -amount, client_id, issued_on FROM credit_notes WHERE issued_on BETWEEN \(from)::date AND \(to)::date
            ) d WHERE kam_at(client_id, issued_on) = \(kamId)
            """, logger: logger)
        for try await v in rows.decode(Int64.self) { return Money(kopecks: v) }
        return .zero
    }

    func actuals(kamId: String, month: YearMonth) async throws -> MonthActuals {
        let (from, to) = (month.firstDay.description, month.lastDay.description)
        let rows = try await connection.query("""
            WITH inv AS (
              SELECT client_id, amount FROM invoices
              WHERE issued_on BETWEEN \(from)::date AND \(to)::date AND kam_at(client_id, issued_on) = \(kamId)),
            cn AS (
              SELECT amount, reason FROM credit_notes
              WHERE issued_on BETWEEN \(from)::date AND \(to)::date AND kam_at(client_id, issued_on) = \(kamId)),
            firsts AS (
              SELECT DISTINCT ON (client_id) client_id, issued_on FROM invoices ORDER BY client_id, issued_on)
            SELECT
              (SELECT COALESCE(sum(amount), 0) FROM inv)::bigint,
              (SELECT COALESCE(sum(amount), 0) FROM cn)::bigint,
              (SELECT COALESCE(sum(amount), 0) FROM cn WHERE reason IN ('return', 'refusal', 'shortage', 'regrading'))::bigint,
              (SELECT count(DISTINCT client_id) FROM inv)::int,
              (SELECT count(*) FROM firsts f WHERE f.issued_on BETWEEN \(from)::date AND \(to)::date
                 AND kam_at(f.client_id, f.issued_on) = \(kamId))::int,
              (SELECT count(*) FROM order_outcomes o WHERE o.outcome = 'held'
                 AND o.decided_on BETWEEN \(from)::date AND \(to)::date AND kam_at(o.client_id, o.decided_on) = \(kamId))::int,
              (SELECT count(*) FROM order_outcomes o WHERE o.outcome = 'rejected'
                 AND o.decided_on BETWEEN \(from)::date AND \(to)::date AND kam_at(o.client_id, o.decided_on) = \(kamId))::int
            """, logger: logger)
        for try await (invoiced, credited, returns, active, new, held, rejected) in rows.decode((Int64, Int64, Int64, Int, Int, Int, Int).self) {
            return MonthActuals(turnover: Money(kopecks: invoiced - credited), invoiced: Money(kopecks: invoiced),
                                returns: Money(kopecks: returns), activeClients: active, newClients: new,
                                heldOrders: held, rejectedOrders: rejected)
        }
        return MonthActuals(turnover: .zero, invoiced: .zero, returns: .zero, activeClients: 0, newClients: 0, heldOrders: 0, rejectedOrders: 0)
    }
}
