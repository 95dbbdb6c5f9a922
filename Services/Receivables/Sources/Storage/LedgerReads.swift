import Contracts
import Logging
import PostgresNIO
import ServiceKit

/// Reads of the stored ledgers for a date. A client's stored book *holds* a date when it is
/// not stale and none of its documents is dated after it; every query here answers for such
/// clients only, and `clientsToReplay` names the others (see `LedgerAsOf`).
struct LedgerReads {
    let connection: PostgresConnection
    let logger: Logger

    /// Clients with a ledger whose stored book does not hold `asOf` (optionally one client, one KAM's).
    func clientsToReplay(asOf: BusinessDate, clientId: String? = nil, kamId: String? = nil) async throws -> [String] {
        let rows = try await connection.query("""
            SELECT l.client_id FROM ledgers l LEFT JOIN clients c ON c.client_id = l.client_id
            WHERE (l.stale OR l.last_date > \(asOf.description)::date)
              AND (\(clientId)::text IS NULL OR l.client_id = \(clientId))
              AND (\(kamId)::text IS NULL OR c.kam_id = \(kamId))
            """, logger: logger)
        var ids: [String] = []
        for try await id in rows.decode(String.self) { ids.append(id) }
        return ids
    }

    /// Ageing buckets of each client with open invoices on `asOf`, with the client's KAM: one
    /// row per client, summed by PostgreSQL within `AgeingBuckets.upperBounds`.
    func ageing(asOf: BusinessDate, kamId: String?) async throws -> [(clientId: String, kamId: String?, buckets: AgeingBuckets)] {
        let b = AgeingBuckets.upperBounds
        let rows = try await connection.query("""
            SELECT o.client_id, c.kam_id,
                   coalesce(sum(o.outstanding) FILTER (WHERE o.days <= \(b[0])), 0)::bigint,
                   coalesce(sum(o.outstanding) FILTER (WHERE o.days > \(b[0]) AND o.days <= \(b[1])), 0)::bigint,
                   coalesce(sum(o.outstanding) FILTER (WHERE o.days > \(b[1]) AND o.days <= \(b[2])), 0)::bigint,
                   coalesce(sum(o.outstanding) FILTER (WHERE o.days > \(b[2]) AND o.days <= \(b[3])), 0)::bigint,
                   coalesce(sum(o.outstanding) FILTER (WHERE o.days > \(b[3])), 0)::bigint
            FROM (SELECT b.client_id, b.outstanding, (\(asOf.description)::date - b.due_date) AS days
                  FROM invoice_balances b JOIN ledgers l ON l.client_id = b.client_id
                  WHERE b.outstanding > 0 AND NOT l.stale AND l.last_date <= \(asOf.description)::date) AS o
            LEFT JOIN clients c ON c.client_id = o.client_id
            WHERE (\(kamId)::text IS NULL OR c.kam_id = \(kamId))
            GROUP BY o.client_id, c.kam_id
            """, logger: logger)
        var result: [(clientId: String, kamId: String?, buckets: AgeingBuckets)] = []
        for try await (client, kam, b0, b1, b2, b3, b4) in rows.decode((String, String?, Int64, Int64, Int64, Int64, Int64).self) {
            result.append((client, kam, AgeingBuckets(sums: [b0, b1, b2, b3, b4].map(Money.init(kopecks:)))))
        }
        return result
    }

    /// Clients with an invoice past due on `asOf` (optionally one KAM's): their open invoices,
    /// and with `selection` also the invoices payment discipline counts.
    func overdueClients(asOf: BusinessDate, kamId: String?, selection: LedgerUpdate.Selection?) async throws -> [String: [InvoiceBalance]] {
        let withWindow = selection != nil
        let windowStart = (selection?.windowStart ?? asOf).description
        let dsoStart = (selection?.dsoStart ?? asOf).description
        let rows = try await connection.query("""
            WITH due AS (
              SELECT DISTINCT b.client_id FROM invoice_balances b
              JOIN ledgers l ON l.client_id = b.client_id
              LEFT JOIN clients c ON c.client_id = b.client_id
              WHERE b.outstanding > 0 AND b.due_date < \(asOf.description)::date
                AND NOT l.stale AND l.last_date <= \(asOf.description)::date
                AND (\(kamId)::text IS NULL OR c.kam_id = \(kamId)))
            SELECT \(unescaped: Self.invoiceColumns) FROM invoice_balances b JOIN due ON due.client_id = b.client_id
            WHERE b.outstanding > 0
               OR (\(withWindow) AND (b.due_date >= \(windowStart)::date OR b.issued_on >= \(dsoStart)::date))
            """, logger: logger)
        return try await Self.invoicesByClient(rows)
    }

    /// One client's stored ledger for `asOf` (open invoices and those discipline counts, the
    /// unapplied credit); nil when its stored book does not hold that date.
    func client(_ clientId: String, asOf: BusinessDate, selection: LedgerUpdate.Selection) async throws -> LedgerState? {
        let header = try await connection.query("""
            SELECT unapplied_credit FROM ledgers
            WHERE client_id = \(clientId) AND NOT stale AND (last_date IS NULL OR last_date <= \(asOf.description)::date)
            """, logger: logger)
        var unapplied: Int64?
        for try await u in header.decode(Int64.self) { unapplied = u }
        guard let unapplied else { return nil }
        let rows = try await connection.query("""
            SELECT \(unescaped: Self.invoiceColumns) FROM invoice_balances b
            WHERE b.client_id = \(clientId) AND (b.outstanding > 0 OR b.due_date >= \(selection.windowStart.description)::date
                                                 OR b.issued_on >= \(selection.dsoStart.description)::date)
            """, logger: logger)
        let invoices = try await Self.invoicesByClient(rows)[clientId] ?? []
        return LedgerState(invoices: invoices.sorted { ($0.issuedOn, $0.invoiceId) < ($1.issuedOn, $1.invoiceId) },
                           unappliedCredit: Money(kopecks: unapplied))
    }

    /// The client's allocation history, newest first (as stored: a stale client's shows once it is rebuilt).
    func allocations(of clientId: String, page: Page) async throws -> [AllocationView] {
        let rows = try await connection.query("""
            SELECT seq, applied_on::text, source_kind, source_id, invoice_id, amount FROM allocations
            WHERE client_id = \(clientId) ORDER BY seq DESC LIMIT \(page.fetchLimit) OFFSET \(page.offset)
            """, logger: logger)
        var result: [AllocationView] = []
        for try await (seq, date, kind, source, invoice, amount) in rows.decode((Int, String, String, String?, String?, Int64).self) {
            result.append(AllocationView(seq: seq, appliedOn: try BusinessDate(parsing: date), source: kind, sourceId: source,
                                         invoiceId: invoice, amount: Money(kopecks: amount)))
        }
        return result
    }

    static let invoiceColumns = """
        b.client_id, b.invoice_id, b.order_id, b.amount, b.issued_on::text, b.due_date::text, b.outstanding, b.settled_on::text
        """

    static func invoicesByClient(_ rows: PostgresRowSequence) async throws -> [String: [InvoiceBalance]] {
        var result: [String: [InvoiceBalance]] = [:]
        for try await (client, id, order, amount, issued, due, outstanding, settled)
            in rows.decode((String, String, String?, Int64, String, String, Int64, String?).self) {
            result[client, default: []].append(InvoiceBalance(
                invoiceId: id, orderId: order, amount: Money(kopecks: amount), issuedOn: try BusinessDate(parsing: issued),
                dueDate: try BusinessDate(parsing: due), outstanding: Money(kopecks: outstanding),
                settledOn: try settled.map { try BusinessDate(parsing: $0) }))
        }
        return result
    }
}
