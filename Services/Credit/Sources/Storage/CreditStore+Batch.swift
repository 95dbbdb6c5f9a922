import Contracts
import Foundation
import ServiceKit

/// Set-based statements for a consumed batch: one per kind of fact, whatever the batch's size.
extension CreditStore {
    /// The stored clients' upsert times and limits, locked for the rest of the transaction.
    func storedLimits(_ clientIds: [String]) async throws -> [String: (occurredAt: Date, limits: CreditLimitState)] {
        if clientIds.isEmpty { return [:] }
        let rows = try await connection.query("""
            SELECT client_id, occurred_at, erp_credit_limit, manual_credit_limit FROM clients
            WHERE client_id = ANY(\(clientIds)::text[]) ORDER BY client_id FOR UPDATE
            """, logger: logger)
        var result: [String: (occurredAt: Date, limits: CreditLimitState)] = [:]
        for try await (id, at, erp, manual) in rows.decode((String, Date, Int64?, Int64?).self) {
            result[id] = (at, CreditLimitState(erpLimit: erp.map(Money.init(kopecks:)), manualLimit: manual.map(Money.init(kopecks:))))
        }
        return result
    }

    /// Upserts clients (each at most once) with the limits the rules decided.
    func saveClients(_ clients: [(client: ClientUpserted, occurredAt: Date, limits: CreditLimitState)]) async throws {
        if clients.isEmpty { return }
        let ids = clients.map(\.client.clientId)
        let kams = clients.map(\.client.kamId)
        let statuses = clients.map(\.client.status.rawValue)
        let limits = clients.map(\.limits.effective.kopecks)
        // Arrays cannot carry NULL here: -1 stands for "none" (limits are never negative).
        let erp = clients.map { $0.limits.erpLimit?.kopecks ?? -1 }
        let manual = clients.map { $0.limits.manualLimit?.kopecks ?? -1 }
        let times = clients.map(\.occurredAt)
        try await connection.query("""
            INSERT INTO clients (client_id, kam_id, status, credit_limit, erp_credit_limit, manual_credit_limit, occurred_at)
            SELECT x.id, x.kam, x.status, x.lim, NULLIF(x.erp, -1), NULLIF(x.manual, -1), x.occurred
            FROM unnest(\(ids)::text[], \(kams)::text[], \(statuses)::text[], \(limits)::bigint[], \(erp)::bigint[],
                        \(manual)::bigint[], \(times)::timestamptz[]) AS x(id, kam, status, lim, erp, manual, occurred)
            ON CONFLICT (client_id) DO UPDATE SET kam_id = EXCLUDED.kam_id, status = EXCLUDED.status,
                credit_limit = EXCLUDED.credit_limit, erp_credit_limit = EXCLUDED.erp_credit_limit,
                manual_credit_limit = EXCLUDED.manual_credit_limit, occurred_at = EXCLUDED.occurred_at
            WHERE clients.occurred_at < EXCLUDED.occurred_at
            """, logger: logger)
    }

    func appendLimitChanges(_ changes: [(change: LimitChange, clientId: String, at: Date)]) async throws {
        if changes.isEmpty { return }
        let ids = changes.map(\.clientId)
        let old = changes.map { $0.change.oldLimit?.kopecks ?? -1 }
        let new = changes.map(\.change.newLimit.kopecks)
        let sources = changes.map(\.change.source.rawValue)
        let by = changes.map(\.change.changedBy)
        let reasons = changes.map(\.change.reason)
        let times = changes.map(\.at)
        try await connection.query("""
            INSERT INTO credit_limit_history (client_id, old_limit, new_limit, source, changed_by, reason, changed_at)
            SELECT x.client, NULLIF(x.old_limit, -1), x.new_limit, x.src, x.who, x.why, x.changed
            FROM unnest(\(ids)::text[], \(old)::bigint[], \(new)::bigint[], \(sources)::text[], \(by)::text[], \(reasons)::text[],
                        \(times)::timestamptz[]) WITH ORDINALITY AS x(client, old_limit, new_limit, src, who, why, changed, n)
            ORDER BY x.n
            """, logger: logger)
    }

    /// Receivables' snapshots (the highest version per client), each kept unless a stored one
    /// has the same or a higher version.
    func saveOpenItems(_ snapshots: [ClientOpenItemsChanged], at now: Date) async throws {
        if snapshots.isEmpty { return }
        let ids = snapshots.map(\.clientId)
        let versions = snapshots.map(\.version)
        let docs = try snapshots.map { try JSONColumn.text($0) }
        try await connection.query("""
            INSERT INTO open_items (client_id, version, doc, received_at)
            SELECT x.id, x.v, x.doc::jsonb, \(now) FROM unnest(\(ids)::text[], \(versions)::bigint[], \(docs)::text[]) AS x(id, v, doc)
            ON CONFLICT (client_id) DO UPDATE SET version = EXCLUDED.version, doc = EXCLUDED.doc, received_at = EXCLUDED.received_at
            WHERE open_items.version < EXCLUDED.version
            """, logger: logger)
    }

    struct LedgerDocument: Sendable {
        var kind: String
        var docId: String
        var clientId: String
        var orderId: String?
        var amount: Money
        var date: BusinessDate
    }

    // The clients' running positions (`client_positions`) follow these three statements by
    // triggers (CreditMigrations 107): whatever writes the ledger or the open orders, an older
    // build during a rollout included, moves them by exactly what it changed.

    /// Records ledger documents once per document id (resent documents change nothing).
    func record(_ docs: [LedgerDocument]) async throws {
        if docs.isEmpty { return }
        let kinds = docs.map(\.kind)
        let ids = docs.map(\.docId)
        let clients = docs.map(\.clientId)
        let orders = docs.map { $0.orderId ?? "" }
        let amounts = docs.map(\.amount.kopecks)
        let dates = docs.map(\.date.description)
        try await connection.query("""
            INSERT INTO ledger (kind, doc_id, client_id, order_id, amount, doc_date)
            SELECT x.kind, x.id, x.client, NULLIF(x.ord, ''), x.amount, x.day::date
            FROM unnest(\(kinds)::text[], \(ids)::text[], \(clients)::text[], \(orders)::text[], \(amounts)::bigint[], \(dates)::text[])
                 AS x(kind, id, client, ord, amount, day)
            ON CONFLICT DO NOTHING
            """, logger: logger)
    }

    /// Ends orders (each at most once): a cancellation or completion that comes first wins.
    func endOrders(_ ends: [(orderId: String, clientId: String, status: String)], at: Date) async throws {
        if ends.isEmpty { return }
        let ids = ends.map(\.orderId)
        let clients = ends.map(\.clientId)
        let statuses = ends.map(\.status)
        try await connection.query("""
            INSERT INTO credit_orders (order_id, client_id, total, status, updated_at)
            SELECT x.id, x.client, 0, x.status, \(at) FROM unnest(\(ids)::text[], \(clients)::text[], \(statuses)::text[]) AS x(id, client, status)
            ON CONFLICT (order_id) DO UPDATE SET status = EXCLUDED.status, updated_at = EXCLUDED.updated_at
            WHERE credit_orders.status = 'open'
            """, logger: logger)
    }

    /// Opens the approved orders' reservations; an order ended before stays ended.
    func openOrders(_ orders: [(orderId: String, clientId: String, total: Money)], at: Date) async throws {
        if orders.isEmpty { return }
        let ids = orders.map(\.orderId)
        let clients = orders.map(\.clientId)
        let totals = orders.map(\.total.kopecks)
        try await connection.query("""
            INSERT INTO credit_orders (order_id, client_id, total, status, updated_at)
            SELECT x.id, x.client, x.total, 'open', \(at) FROM unnest(\(ids)::text[], \(clients)::text[], \(totals)::bigint[]) AS x(id, client, total)
            ON CONFLICT DO NOTHING
            """, logger: logger)
    }

    /// What deciding checks of these orders needs to know about each.
    struct OrderFacts: Sendable {
        var checked = false
        var ended = false
        var invoiced = Money.zero
    }

    /// Per order: checked before, ended by the ERP, invoiced so far (one query). Each is a
    /// probe of a primary key per order: as a join (or `EXISTS`), a 450-order batch against
    /// tables of some 50,000 rows was planned as a hash of the whole tables (80 ms instead of 3).
    func orderFacts(_ orderIds: [String]) async throws -> [String: OrderFacts] {
        if orderIds.isEmpty { return [:] }
        let rows = try await connection.query("""
            SELECT x.id, (SELECT true FROM credit_checks k WHERE k.order_id = x.id LIMIT 1) IS NOT NULL,
                   COALESCE((SELECT o.status <> 'open' FROM credit_orders o WHERE o.order_id = x.id), false),
                   COALESCE((SELECT sum(l.amount) FROM ledger l WHERE l.kind = 'invoice' AND l.order_id = x.id), 0)::bigint
            FROM unnest(\(orderIds)::text[]) AS x(id)
            """, logger: logger)
        var result: [String: OrderFacts] = [:]
        for try await (id, checked, ended, invoiced) in rows.decode((String, Bool, Bool, Int64).self) {
            result[id] = OrderFacts(checked: checked, ended: ended, invoiced: Money(kopecks: invoiced))
        }
        return result
    }

    /// Undecided checks of these clients, oldest first per client.
    func pendingChecks(clientIds: [String]) async throws -> [CreditCheckRequested] {
        if clientIds.isEmpty { return [] }
        let rows = try await connection.query("""
            SELECT request::text FROM credit_checks WHERE client_id = ANY(\(clientIds)::text[]) AND outcome IS NULL ORDER BY client_id, seq
            """, logger: logger)
        var result: [CreditCheckRequested] = []
        for try await doc in rows.decode(String.self) { result.append(try JSONColumn.value(CreditCheckRequested.self, from: doc)) }
        return result
    }

    /// New checks, with their decision or undecided (waiting for the client), in arrival
    /// order (their `seq` follows it).
    func insertChecks(_ checks: [(request: CreditCheckRequested, decision: Decision?)]) async throws {
        if checks.isEmpty { return }
        let ids = checks.map(\.request.orderId)
        let clients = checks.map(\.request.clientId)
        let docs = try checks.map { try JSONColumn.text($0.request) }
        let outcomes = checks.map { $0.decision?.outcome.rawValue ?? "" }
        let reasons = try checks.map { try $0.decision.map { try JSONColumn.text($0.reasons) } ?? "" }
        let exposures = checks.map { $0.decision?.exposure.kopecks ?? 0 }
        let decided = checks.map { $0.decision != nil }
        let times = checks.map { $0.decision?.at ?? Date(timeIntervalSince1970: 0) }
        try await connection.query("""
            INSERT INTO credit_checks (order_id, client_id, request, outcome, reasons, exposure, decided_at)
            SELECT x.id, x.client, x.doc::jsonb, NULLIF(x.outcome, ''), NULLIF(x.reasons, '')::jsonb,
                   CASE WHEN x.decided THEN x.exposure END, CASE WHEN x.decided THEN x.decided_time END
            FROM unnest(\(ids)::text[], \(clients)::text[], \(docs)::text[], \(outcomes)::text[], \(reasons)::text[],
                        \(exposures)::bigint[], \(decided)::bool[], \(times)::timestamptz[])
                 WITH ORDINALITY AS x(id, client, doc, outcome, reasons, exposure, decided, decided_time, n)
            ORDER BY x.n
            ON CONFLICT DO NOTHING
            """, logger: logger)
    }

    /// Decisions on checks that waited for their client.
    func saveDecisions(_ decided: [(orderId: String, decision: Decision)]) async throws {
        if decided.isEmpty { return }
        let ids = decided.map(\.orderId)
        let outcomes = decided.map(\.decision.outcome.rawValue)
        let reasons = try decided.map { try JSONColumn.text($0.decision.reasons) }
        let exposures = decided.map(\.decision.exposure.kopecks)
        let times = decided.map(\.decision.at)
        try await connection.query("""
            UPDATE credit_checks k SET outcome = x.outcome, reasons = x.reasons::jsonb, exposure = x.exposure, decided_at = x.decided_time
            FROM unnest(\(ids)::text[], \(outcomes)::text[], \(reasons)::text[], \(exposures)::bigint[], \(times)::timestamptz[])
                 AS x(id, outcome, reasons, exposure, decided_time)
            WHERE k.order_id = x.id
            """, logger: logger)
    }
}
