import Contracts
import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// SQL of the planning schema, on the caller's connection. It stores and loads facts; the
/// rules that count them live in Domain/.
struct PlanningStore {
    let connection: PostgresConnection
    let logger: Logger

    /// Every upsert is history (the KAM on a date); a late, older one slots into its place.
    func recordClient(_ c: ClientUpserted, occurredAt: Date, effectiveOn: BusinessDate) async throws {
        try await connection.query("""
            INSERT INTO client_kams (client_id, occurred_at, effective_on, kam_id, tier, status, name)
            VALUES (\(c.clientId), \(occurredAt), \(effectiveOn.description)::date, \(c.kamId), \(c.tier.rawValue), \(c.status.rawValue),
                    \(c.name))
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
        let lines = try c.lines.map { try JSONColumn.text($0) }
        try await connection.query("""
            INSERT INTO credit_notes (credit_note_id, client_id, amount, issued_on, reason, lines)
            VALUES (\(c.creditNoteId), \(c.clientId), \(c.amount.kopecks), \(c.issuedOn.description)::date, \(c.reason.rawValue),
                    \(lines)::jsonb)
            ON CONFLICT DO NOTHING
            """, logger: logger)
    }

    /// The first cancellation counts; a resent one changes nothing.
    func recordCancellation(_ c: OrderCancelled, on date: BusinessDate) async throws {
        try await connection.query("""
            INSERT INTO order_cancellations (order_id, client_id, cancelled_on)
            VALUES (\(c.orderId), \(c.clientId), \(date.description)::date) ON CONFLICT DO NOTHING
            """, logger: logger)
    }

    /// Keeps the highest version per client and day: a redelivered or late snapshot never
    /// replaces a newer one of the same day.
    func recordOpenItems(_ s: ClientOpenItemsChanged) async throws {
        let invoices = try JSONColumn.text(s.openInvoices)
        try await connection.query("""
            INSERT INTO open_items (client_id, as_of, version, open_invoices)
            VALUES (\(s.clientId), \(s.discipline.asOf.description)::date, \(s.version), \(invoices)::jsonb)
            ON CONFLICT (client_id, as_of) DO UPDATE SET version = EXCLUDED.version, open_invoices = EXCLUDED.open_invoices
            WHERE open_items.version < EXCLUDED.version
            """, logger: logger)
    }

    /// One statement for any number of outcomes; an order's first outcome of a kind is kept.
    func recordOutcomes(_ outcomes: [OrderOutcome]) async throws {
        if outcomes.isEmpty { return }
        let ids = outcomes.map(\.orderId), kinds = outcomes.map(\.kind.rawValue)
        let clients = outcomes.map(\.clientId), dates = outcomes.map(\.on.description)
        try await connection.query("""
            INSERT INTO order_outcomes (order_id, outcome, client_id, decided_on)
            SELECT x.id, x.kind, x.client, x.day::date
            FROM unnest(\(ids)::text[], \(kinds)::text[], \(clients)::text[], \(dates)::text[]) WITH ORDINALITY AS x(id, kind, client, day, n)
            ORDER BY x.n
            ON CONFLICT DO NOTHING
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
}
