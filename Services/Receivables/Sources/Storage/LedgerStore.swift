import Contracts
import Logging
import PostgresNIO

/// One client's stored ledger header and the invoices it was opened with.
struct StoredLedger: Sendable {
    var clientId: String
    var stale: Bool
    var book: LedgerBook
}

/// What a batch (or the rebuilder) writes back for one client.
struct LedgerChange: Sendable {
    var clientId: String
    /// Replayed from its documents: its stored invoices and allocations are replaced.
    var replayed: Bool
    var book: LedgerBook
}

/// SQL of the incremental ledger (`ledgers`, `invoice_balances`, `allocations`), set-based:
/// a consumed batch locks, loads and writes back all its clients in a few statements.
struct LedgerStore {
    let connection: PostgresConnection
    let logger: Logger

    /// Locks the clients' ledger rows until commit, creating missing ones, in clientId order
    /// (two batches never wait for each other in a circle). Other writers of a client's
    /// ledger (a second instance after a rebalance, the rebuilder) wait; readers do not.
    func lock(_ clientIds: Set<String>) async throws {
        if clientIds.isEmpty { return }
        let ids = clientIds.sorted()
        try await connection.query("""
            INSERT INTO ledgers (client_id) SELECT id FROM unnest(\(ids)::text[]) WITH ORDINALITY AS x(id, n) ORDER BY n
            ON CONFLICT (client_id) DO UPDATE SET client_id = EXCLUDED.client_id
            """, logger: logger)
    }

    /// Locks up to `limit` stale ledgers no other transaction holds (never waits), by clientId.
    func lockStale(limit: Int) async throws -> [String] {
        let rows = try await connection.query("""
            SELECT client_id FROM ledgers WHERE stale ORDER BY client_id LIMIT \(limit) FOR UPDATE SKIP LOCKED
            """, logger: logger)
        var ids: [String] = []
        for try await id in rows.decode(String.self) { ids.append(id) }
        return ids
    }

    /// The locked clients' books, opened with the invoices `selection` names (one query).
    func load(_ clientIds: Set<String>, selection: LedgerUpdate.Selection) async throws -> [String: StoredLedger] {
        let ids = Array(clientIds)
        let named = Array(selection.named)
        let rows = try await connection.query("""
            SELECT l.client_id, l.stale, l.unapplied_credit, l.last_date::text, l.last_rank::int, l.last_id, l.allocation_count,
                   i.invoice_id, i.order_id, i.amount, i.issued_on::text, i.due_date::text, i.outstanding, i.settled_on::text
            FROM ledgers l
            LEFT JOIN invoice_balances i ON i.client_id = l.client_id AND NOT l.stale
              AND (i.outstanding > 0 OR i.invoice_id = ANY(\(named)::text[])
                   OR i.due_date >= \(selection.windowStart.description)::date OR i.issued_on >= \(selection.dsoStart.description)::date)
            WHERE l.client_id = ANY(\(ids)::text[])
            """, logger: logger)
        var headers: [String: (stale: Bool, unapplied: Int64, lastKey: DocumentKey?, count: Int)] = [:]
        var invoices: [String: [InvoiceBalance]] = [:]
        for try await row in rows.decode((String, Bool, Int64, String?, Int?, String?, Int,
                                          String?, String?, Int64?, String?, String?, Int64?, String?).self) {
            let (client, stale, unapplied, lastDate, lastRank, lastId, count, invoiceId, orderId, amount, issued, due, outstanding, settled) = row
            if headers[client] == nil {
                let key = try lastDate.map { DocumentKey(date: try BusinessDate(parsing: $0), rank: lastRank ?? 0, id: lastId ?? "") }
                headers[client] = (stale, unapplied, key, count)
            }
            guard let invoiceId, let amount, let issued, let due, let outstanding else { continue }
            invoices[client, default: []].append(InvoiceBalance(
                invoiceId: invoiceId, orderId: orderId, amount: Money(kopecks: amount), issuedOn: try BusinessDate(parsing: issued),
                dueDate: try BusinessDate(parsing: due), outstanding: Money(kopecks: outstanding),
                settledOn: try settled.map { try BusinessDate(parsing: $0) }))
        }
        return headers.reduce(into: [:]) { result, entry in
            let (client, h) = entry
            result[client] = StoredLedger(clientId: client, stale: h.stale, book: LedgerBook(
                invoices: invoices[client] ?? [], unappliedCredit: Money(kopecks: h.unapplied), lastKey: h.lastKey, entryCount: h.count))
        }
    }

    /// Writes the changes back: replayed clients' invoices and allocations are replaced, the
    /// others get their new and changed invoices and new allocations; headers are updated.
    func save(_ changes: [LedgerChange]) async throws {
        if changes.isEmpty { return }
        let replayed = changes.filter(\.replayed).map(\.clientId)
        if !replayed.isEmpty {
            try await connection.query("DELETE FROM invoice_balances WHERE client_id = ANY(\(replayed)::text[])", logger: logger)
            try await connection.query("DELETE FROM allocations WHERE client_id = ANY(\(replayed)::text[])", logger: logger)
        }
        try await saveInvoices(changes)
        try await saveAllocations(changes)
        try await saveHeaders(changes)
    }

    private func saveInvoices(_ changes: [LedgerChange]) async throws {
        var rows = InvoiceRows()
        for change in changes {
            for invoice in change.book.invoices where change.replayed || change.book.changedInvoiceIds.contains(invoice.invoiceId) {
                rows.append(change.clientId, invoice)
            }
        }
        if rows.clients.isEmpty { return }
        try await connection.query("""
            INSERT INTO invoice_balances (client_id, invoice_id, order_id, amount, issued_on, due_date, outstanding, settled_on)
            SELECT c, i, NULLIF(o, ''), a, d1::date, d2::date, b, NULLIF(s, '')::date
            FROM unnest(\(rows.clients)::text[], \(rows.ids)::text[], \(rows.orders)::text[], \(rows.amounts)::bigint[],
                        \(rows.issued)::text[], \(rows.due)::text[], \(rows.outstanding)::bigint[], \(rows.settled)::text[])
                 AS x(c, i, o, a, d1, d2, b, s)
            ON CONFLICT (client_id, invoice_id) DO UPDATE SET outstanding = EXCLUDED.outstanding, settled_on = EXCLUDED.settled_on
            """, logger: logger)
    }

    private func saveAllocations(_ changes: [LedgerChange]) async throws {
        var clients: [String] = [], seqs: [Int] = [], dates: [String] = [], kinds: [String] = []
        var sources: [String] = [], invoices: [String] = [], amounts: [Int64] = []
        for change in changes {
            for e in change.book.entries {
                clients.append(change.clientId)
                seqs.append(e.seq)
                dates.append(e.appliedOn.description)
                kinds.append(e.source.rawValue)
                sources.append(e.sourceId ?? "")
                invoices.append(e.invoiceId ?? "")
                amounts.append(e.amount.kopecks)
            }
        }
        if clients.isEmpty { return }
        try await connection.query("""
            INSERT INTO allocations (client_id, seq, applied_on, source_kind, source_id, invoice_id, amount)
            SELECT c, n, d::date, k, NULLIF(s, ''), NULLIF(i, ''), a
            FROM unnest(\(clients)::text[], \(seqs)::int[], \(dates)::text[], \(kinds)::text[], \(sources)::text[],
                        \(invoices)::text[], \(amounts)::bigint[]) AS x(c, n, d, k, s, i, a)
            """, logger: logger)
    }

    private func saveHeaders(_ changes: [LedgerChange]) async throws {
        let clients = changes.map(\.clientId)
        let unapplied = changes.map(\.book.unappliedCredit.kopecks)
        let dates = changes.map { $0.book.lastKey?.date.description ?? "" }
        let ranks = changes.map { $0.book.lastKey?.rank ?? 0 }
        let ids = changes.map { $0.book.lastKey?.id ?? "" }
        let counts = changes.map(\.book.entryCount)
        try await connection.query("""
            UPDATE ledgers l SET unapplied_credit = x.u, last_date = NULLIF(x.d, '')::date, last_rank = x.r,
                                 last_id = NULLIF(x.i, ''), allocation_count = x.n, stale = false
            FROM unnest(\(clients)::text[], \(unapplied)::bigint[], \(dates)::text[], \(ranks)::int[], \(ids)::text[], \(counts)::int[])
                 AS x(c, u, d, r, i, n)
            WHERE l.client_id = x.c
            """, logger: logger)
    }

    /// The next open-items version of each client (one statement for the batch).
    func nextOpenItemsVersions(_ clientIds: [String]) async throws -> [String: Int64] {
        if clientIds.isEmpty { return [:] }
        let rows = try await connection.query("""
            INSERT INTO open_items_versions (client_id, version) SELECT id, 1 FROM unnest(\(clientIds.sorted())::text[]) AS id
            ON CONFLICT (client_id) DO UPDATE SET version = open_items_versions.version + 1
            RETURNING client_id, version
            """, logger: logger)
        var result: [String: Int64] = [:]
        for try await (client, version) in rows.decode((String, Int64).self) { result[client] = version }
        return result
    }
}

/// Column arrays of `invoice_balances` rows ("" for NULL).
private struct InvoiceRows {
    var clients: [String] = [], ids: [String] = [], orders: [String] = [], amounts: [Int64] = []
    var issued: [String] = [], due: [String] = [], outstanding: [Int64] = [], settled: [String] = []

    mutating func append(_ clientId: String, _ i: InvoiceBalance) {
        clients.append(clientId)
        ids.append(i.invoiceId)
        orders.append(i.orderId ?? "")
        amounts.append(i.amount.kopecks)
        issued.append(i.issuedOn.description)
        due.append(i.dueDate.description)
        outstanding.append(i.outstanding.kopecks)
        settled.append(i.settledOn?.description ?? "")
    }
}
