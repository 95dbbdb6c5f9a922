import Contracts
import Logging
import PostgresNIO
import ServiceKit

/// Seeds the receivables schema directly for the ageing bench: clients with a year of
/// invoices every six days (30-day terms) and payments of the older ones at their due date
/// ± 5 days (every tenth client pays 40 days late), built by PostgreSQL itself. The ledgers
/// are marked stale, so the running service builds them from the documents (LedgerRebuilder)
/// exactly as after a migration.
struct AgeingSeed {
    let connection: PostgresConnection
    let logger: Logger
    let day: BusinessDate

    /// Documents per client: 55 % invoices, the rest payments of the oldest invoices.
    static func split(documents: Int, clients: Int) -> (invoices: Int, payments: Int) {
        let perClient = max(2, documents / clients)
        let invoices = max(1, perClient * 11 / 20)
        return (invoices, perClient - invoices)
    }

    func documentCount() async throws -> Int {
        for try await n in try await connection.query("SELECT count(*)::int FROM receivables.documents", logger: logger).decode(Int.self) {
            return n
        }
        return 0
    }

    /// Empties the receivables schema's data (never the migrations' bookkeeping).
    func reset() async throws {
        try await connection.query("""
            TRUNCATE receivables.documents, receivables.clients, receivables.ledgers, receivables.invoice_balances,
                     receivables.allocations, receivables.open_items_versions, receivables.dunning_levels,
                     receivables.dunning_notices, receivables.dunning_runs
            """, logger: logger)
    }

    /// Clients `first…last` (ids BC-00001, …) with their documents, in one transaction.
    func seed(clients first: Int, _ last: Int, invoices: Int, payments: Int) async throws {
        let day = self.day.description
        try await connection.transaction(logger: logger) { c in
            try await c.query("""
                INSERT INTO receivables.clients (client_id, kam_id, occurred_at)
                SELECT 'BC-' || lpad(n::text, 5, '0'), 'kam-bench-' || lpad((n % 20)::text, 2, '0'), now()
                FROM generate_series(\(first)::int, \(last)::int) AS n
                """, logger: logger)
            try await c.query("""
                INSERT INTO receivables.documents (kind, doc_id, client_id, doc_date, doc)
                SELECT 'invoice', id, client, issued,
                       jsonb_build_object('invoiceId', id, 'clientId', client, 'amount', to_char(kopecks / 100.0, 'FM9999999990.00'),
                                          'issuedOn', to_char(issued, 'YYYY-MM-DD'), 'dueDate', to_char(issued + 30, 'YYYY-MM-DD'))
                FROM generate_series(\(first)::int, \(last)::int) AS n, generate_series(0, \(invoices - 1)::int) AS i,
                     LATERAL (SELECT 'BC-' || lpad(n::text, 5, '0') AS client, 'BI-' || n || '-' || i AS id,
                                     \(day)::date - ((\(invoices)::int - i) * 6 + n % 5) AS issued,
                                     100000 + (n::bigint * 7919 + i * 104729) % 900000 AS kopecks) AS x
                """, logger: logger)
            try await c.query("""
                INSERT INTO receivables.documents (kind, doc_id, client_id, doc_date, doc)
                SELECT 'payment', id, client, received,
                       jsonb_build_object('paymentId', id, 'clientId', client, 'amount', to_char(kopecks / 100.0, 'FM9999999990.00'),
                                          'receivedOn', to_char(received, 'YYYY-MM-DD'))
                FROM generate_series(\(first)::int, \(last)::int) AS n, generate_series(0, \(payments - 1)::int) AS j,
                     LATERAL (SELECT 'BC-' || lpad(n::text, 5, '0') AS client, 'BP-' || n || '-' || j AS id,
                                     least(\(day)::date, \(day)::date - ((\(invoices)::int - j) * 6 + n % 5) + 30
                                           + CASE WHEN n % 10 = 0 THEN 40 ELSE (n + j) % 11 - 5 END) AS received,
                                     100000 + (n::bigint * 7919 + j * 104729) % 900000 AS kopecks) AS x
                """, logger: logger)
            try await c.query("""
                INSERT INTO receivables.ledgers (client_id, stale)
                SELECT 'BC-' || lpad(n::text, 5, '0'), true FROM generate_series(\(first)::int, \(last)::int) AS n
                """, logger: logger)
        }
    }

    func staleLedgers() async throws -> Int {
        for try await n in try await connection.query("SELECT count(*)::int FROM receivables.ledgers WHERE stale", logger: logger)
            .decode(Int.self) { return n }
        return 0
    }

    /// Σ invoices − Σ payments − Σ credit notes in kopecks: what ageing's total must be (no unapplied credit here).
    func balance() async throws -> Int64 {
        let rows = try await connection.query("""
            SELECT coalesce(sum(CASE kind WHEN 'invoice' THEN 1 ELSE -1 END * ((doc->>'amount')::numeric * 100)::bigint), 0)::bigint
            FROM receivables.documents
            """, logger: logger)
        for try await n in rows.decode(Int64.self) { return n }
        return 0
    }

    /// After a bulk load: fresh statistics and visibility maps, as autovacuum would leave them.
    func vacuum() async throws {
        for table in ["documents", "ledgers", "invoice_balances", "allocations", "clients"] {
            try await connection.query(PostgresQuery(unsafeSQL: "VACUUM ANALYZE receivables.\(table)"), logger: logger)
        }
    }
}
