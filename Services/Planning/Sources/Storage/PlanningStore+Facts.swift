import Contracts
import Foundation
import PostgresNIO
import ServiceKit

/// Facts as stored, loaded in a few set-wide queries (a month of a real book is thousands of
/// documents): the domain attributes and counts them.
extension PlanningStore {
    /// Every upsert of every client (clients × reassignments: a small table).
    func cards() async throws -> [ClientCard] {
        let rows = try await connection.query("""
            SELECT client_id, occurred_at, (effective_on - date '1970-01-01'), kam_id, tier, status, name FROM client_kams
            """, logger: logger)
        var result: [ClientCard] = []
        for try await (client, at, on, kam, tier, status, name) in rows.decode((String, Date, Int32, String, String, String, String?).self) {
            guard let tier = ClientTier(rawValue: tier), let status = ClientStatus(rawValue: status) else { continue }
            result.append(ClientCard(clientId: client, occurredAt: at, effectiveOn: Self.day(on), kamId: kam,
                                     tier: tier, status: status, name: name))
        }
        return result
    }

    /// Invoices and credit notes dated within any of `ranges` (which must not overlap),
    /// optionally of some clients only; credit notes' SKU lines only when asked for.
    func documents(in ranges: [ClosedRange<BusinessDate>], clients: [String]? = nil,
                   withLines: Bool = false) async throws -> [SalesDocument] {
        let froms = ranges.map(\.lowerBound.description)
        let tos = ranges.map(\.upperBound.description)
        let rows = try await connection.query("""
            SELECT NULL::text, invoice_id, client_id, (issued_on - date '1970-01-01'), amount, NULL::text
            FROM invoices JOIN unnest(\(froms)::date[], \(tos)::date[]) r(f, t) ON issued_on BETWEEN r.f AND r.t
            WHERE \(clients)::text[] IS NULL OR client_id = ANY(\(clients)::text[])
            UNION ALL
            SELECT reason, credit_note_id, client_id, (issued_on - date '1970-01-01'), amount, CASE WHEN \(withLines) THEN lines::text END
            FROM credit_notes JOIN unnest(\(froms)::date[], \(tos)::date[]) r(f, t) ON issued_on BETWEEN r.f AND r.t
            WHERE \(clients)::text[] IS NULL OR client_id = ANY(\(clients)::text[])
            """, logger: logger)
        var result: [SalesDocument] = []
        for try await (reason, id, client, on, amount, lines) in rows.decode((String?, String, String, Int32, Int64, String?).self) {
            var kind = SalesDocument.Kind.invoice
            if let reason {
                guard let r = CreditNoteReason(rawValue: reason) else { continue }
                kind = .creditNote(r)
            }
            result.append(SalesDocument(id: id, clientId: client, date: Self.day(on), amount: Money(kopecks: amount), kind: kind,
                                        lines: try lines.map { try JSONColumn.value([CreditNoteLine].self, from: $0) }))
        }
        return result
    }

    /// Whether planning has any invoice or credit note of a client (one it has no upsert of).
    func hasDocuments(clientId: String) async throws -> Bool {
        !(try await connection.query("""
            SELECT 1 FROM invoices WHERE client_id = \(clientId)
            UNION ALL SELECT 1 FROM credit_notes WHERE client_id = \(clientId) LIMIT 1
            """, logger: logger).collect().isEmpty)
    }

    /// clientId → first invoice ever, for the clients invoiced in `month` (one index probe each).
    func firstInvoices(ofClientsInvoicedIn month: YearMonth) async throws -> [String: BusinessDate] {
        let rows = try await connection.query("""
            SELECT c.client_id, (f.issued_on - date '1970-01-01')
            FROM (SELECT DISTINCT client_id FROM invoices
                  WHERE issued_on BETWEEN \(month.firstDay.description)::date AND \(month.lastDay.description)::date) c
            CROSS JOIN LATERAL (SELECT issued_on FROM invoices i WHERE i.client_id = c.client_id ORDER BY issued_on LIMIT 1) f
            """, logger: logger)
        var result: [String: BusinessDate] = [:]
        for try await (client, first) in rows.decode((String, Int32).self) { result[client] = Self.day(first) }
        return result
    }

    /// Order outcomes decided within `range`.
    func outcomes(in range: ClosedRange<BusinessDate>) async throws -> [OrderOutcome] {
        let rows = try await connection.query("""
            SELECT order_id, client_id, outcome, (decided_on - date '1970-01-01') FROM order_outcomes
            WHERE decided_on BETWEEN \(range.lowerBound.description)::date AND \(range.upperBound.description)::date
            """, logger: logger)
        return try await Self.outcomes(rows)
    }

    /// Each client's latest snapshot computed on or before `date` (the latest of all without),
    /// optionally of some clients only.
    func snapshots(onOrBefore date: BusinessDate?, clients: [String]? = nil) async throws -> [OpenItemsSnapshot] {
        let rows = try await connection.query("""
            SELECT DISTINCT ON (client_id) client_id, version, (as_of - date '1970-01-01'), open_invoices::text FROM open_items
            WHERE (\(date?.description)::date IS NULL OR as_of <= \(date?.description)::date)
              AND (\(clients)::text[] IS NULL OR client_id = ANY(\(clients)::text[]))
            ORDER BY client_id, version DESC
            """, logger: logger)
        var result: [OpenItemsSnapshot] = []
        for try await (client, version, asOf, invoices) in rows.decode((String, Int64, Int32, String).self) {
            result.append(OpenItemsSnapshot(clientId: client, version: version, asOf: Self.day(asOf),
                                            openInvoices: try JSONColumn.value([OpenInvoice].self, from: invoices)))
        }
        return result
    }

    func plans(month: YearMonth) async throws -> [String: MonthlyPlan] {
        let rows = try await connection.query("""
            SELECT kam_id, turnover_target, active_clients_target, new_clients_target FROM plans WHERE month = \(month.description)
            """, logger: logger)
        var result: [String: MonthlyPlan] = [:]
        for try await (kam, t, a, n) in rows.decode((String, Int64, Int, Int).self) {
            result[kam] = MonthlyPlan(turnoverTarget: Money(kopecks: t), activeClientsTarget: a, newClientsTarget: n)
        }
        return result
    }

    /// Everything the month's scorecards are computed from (six queries).
    func scorecardFacts(month: YearMonth, today: BusinessDate) async throws -> ScorecardFacts {
        let overdueDate = ScorecardBook.overdueDate(month: month, today: today)
        let lastYear = month.sameMonthLastYear
        return ScorecardFacts(
            month: month, overdueDate: overdueDate, cards: try await cards(),
            documents: try await documents(in: [month.previous.firstDay...month.lastDay, lastYear.firstDay...lastYear.lastDay]),
            firstInvoices: try await firstInvoices(ofClientsInvoicedIn: month),
            outcomes: try await outcomes(in: month.firstDay...month.lastDay),
            snapshots: overdueDate == nil ? [] : try await snapshots(onOrBefore: overdueDate),
            plans: try await plans(month: month))
    }

    static func outcomes(_ rows: PostgresRowSequence) async throws -> [OrderOutcome] {
        var result: [OrderOutcome] = []
        for try await (order, client, kind, on) in rows.decode((String, String, String, Int32).self) {
            guard let kind = OrderOutcome.Kind(rawValue: kind) else { continue }
            result.append(OrderOutcome(orderId: order, clientId: client, kind: kind, on: day(on)))
        }
        return result
    }

    /// Dates are read as days since 1970-01-01 (`date − date '1970-01-01'`): no text to parse.
    static func day(_ days: Int32) -> BusinessDate { epoch.adding(days: Int(days)) }

    static let epoch = try! BusinessDate(year: 1970, month: 1, day: 1)
}
