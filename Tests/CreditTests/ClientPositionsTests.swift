import Contracts
import Foundation
import Logging
import PostgresNIO
import ServiceKit
import Testing
import TestSupport
@testable import Credit

/// Credit keeps each client's position (receivables balance, open orders) as running totals,
/// moved by triggers. Whatever arrives in whatever order, they must equal the sums over the
/// ledger and the open orders that they replace. The store's statements are the ones builds
/// before the running totals used too, so this also covers an older pod during a rollout.
@Suite("Credit: running client positions against PostgreSQL", .serialized, .enabled(if: TestStack.isAvailable))
struct ClientPositionsTests {
    static let log = TestStack.logger
    static let at = Date(timeIntervalSince1970: 1_795_000_000)

    /// Balance and open orders per client, summed from scratch (the definition).
    static func summed(_ c: PostgresConnection) async throws -> [String: [Int64]] {
        let rows = try await c.query("""
            SELECT client_id, sum(balance)::bigint, sum(open_orders)::bigint FROM (
              SELECT client_id, CASE kind WHEN 'invoice' THEN amount ELSE -amount END AS balance, 0 AS open_orders FROM ledger
              UNION ALL
              SELECT o.client_id, 0, GREATEST(o.total - COALESCE(
                (SELECT sum(l.amount) FROM ledger l WHERE l.kind = 'invoice' AND l.order_id = o.order_id), 0), 0)
              FROM credit_orders o WHERE o.status = 'open') t
            GROUP BY client_id
            """, logger: log)
        return try await nonZero(rows)
    }

    static func kept(_ c: PostgresConnection) async throws -> [String: [Int64]] {
        try await nonZero(c.query("SELECT client_id, balance, open_orders FROM client_positions", logger: log))
    }

    static func nonZero(_ rows: PostgresRowSequence) async throws -> [String: [Int64]] {
        var result: [String: [Int64]] = [:]
        for try await (id, balance, open) in rows.decode((String, Int64, Int64).self) where balance != 0 || open != 0 {
            result[id] = [balance, open]
        }
        return result
    }

    static func migrated(upTo version: Int = .max) async throws -> PostgresConnection {
        let (_, urls) = try await TestStack.provisionDatabase(schemas: ["credit"])
        let c = try await urls["credit"]!.connect(logger: log)
        _ = try await Migrator.apply(CreditMigrations.all.filter { $0.version <= version }, schema: "credit", on: c, logger: log)
        return c
    }

    @Test("a worked example: open, part-invoiced, over-invoiced, paid, cancelled, resent — exact kopecks")
    func example() async throws {
        let c = try await Self.migrated()
        let store = CreditStore(connection: c, logger: Self.log)
        let day = try BusinessDate(year: 2026, month: 11, day: 30)
        func doc(_ kind: String, _ id: String, _ client: String, _ order: String?, _ kopecks: Int64) -> CreditStore.LedgerDocument {
            .init(kind: kind, docId: id, clientId: client, orderId: order, amount: Money(kopecks: kopecks), date: day)
        }
        // An invoice that arrives before its order is approved is netted when the order opens.
        try await store.record([doc("invoice", "I-0", "C-1", "O-3", 10_000)])
        try await store.openOrders([("O-1", "C-1", Money(kopecks: 100_000)), ("O-2", "C-1", Money(kopecks: 50_000)),
                                    ("O-3", "C-1", Money(kopecks: 30_000))], at: Self.at)
        #expect(try await Self.kept(c) == ["C-1": [10_000, 170_000]])
        // Part of O-1 invoiced, O-2 invoiced above its total (reserves 0, not less), a payment.
        try await store.record([doc("invoice", "I-1", "C-1", "O-1", 40_000), doc("invoice", "I-2", "C-1", "O-2", 60_000),
                                doc("payment", "P-1", "C-1", nil, 25_000)])
        #expect(try await Self.kept(c) == ["C-1": [85_000, 80_000]])
        // Resent documents, a repeated end and a reopening change nothing.
        try await store.endOrders([("O-1", "C-1", "cancelled")], at: Self.at)
        try await store.record([doc("invoice", "I-1", "C-1", "O-1", 40_000), doc("payment", "P-1", "C-1", nil, 25_000)])
        try await store.endOrders([("O-1", "C-1", "completed")], at: Self.at)
        try await store.openOrders([("O-1", "C-1", Money(kopecks: 100_000))], at: Self.at)
        #expect(try await Self.kept(c) == ["C-1": [85_000, 20_000]])
        // A credit note lowers the balance; an order ended before it was approved never reserves.
        try await store.endOrders([("O-9", "C-2", "cancelled")], at: Self.at)
        try await store.openOrders([("O-9", "C-2", Money(kopecks: 70_000))], at: Self.at)
        try await store.record([doc("credit_note", "N-1", "C-1", "O-3", 5_000)])
        #expect(try await Self.kept(c) == ["C-1": [80_000, 20_000]])
        #expect(try await Self.summed(c) == Self.kept(c))
        // What a check is judged on.
        try await c.query("""
            INSERT INTO clients (client_id, kam_id, status, credit_limit, occurred_at) VALUES ('C-1', 'kam-1', 'active', 500000, now())
            """, logger: Self.log)
        let position = try #require(try await store.credits(["C-1"])["C-1"]).position
        #expect(position.openOrders == Money(kopecks: 20_000))
        #expect(position.receivablesBalance == Money(kopecks: 80_000))
        try await c.close()
    }

    @Test("600 random steps of documents, approvals and ends, resends included: after each, the running positions equal the sums")
    func randomSteps() async throws {
        let c = try await Self.migrated()
        let store = CreditStore(connection: c, logger: Self.log)
        let day = try BusinessDate(year: 2026, month: 11, day: 30)
        var random = SeededRandom(seed: 20261201)
        let clients = ["C-1", "C-2", "C-3"]
        var docIds: [(kind: String, id: String)] = []
        for step in 0..<600 {
            var docs: [CreditStore.LedgerDocument] = []
            var opens: [(orderId: String, clientId: String, total: Money)] = []
            var ends: [(orderId: String, clientId: String, status: String)] = []
            var ended = Set<String>()
            for _ in 1...random.int(1...4) {
                // A window of orders that moves on: each is approved, invoiced and ended in some order.
                let order = step / 4 + random.int(0...11)
                let orderId = "O-\(order)"
                let client = clients[order % clients.count]
                let kopecks = Int64(random.int(1...200)) * 500
                switch random.int(0...7) {
                case 0, 1:
                    opens.append((orderId, client, Money(kopecks: kopecks)))
                case 2:
                    if ended.insert(orderId).inserted { ends.append((orderId, client, random.chance(0.5) ? "cancelled" : "completed")) }
                case 3, 4:
                    // Now and then the invoice names another client than its order's.
                    let payer = random.chance(0.1) ? random.pick(clients) : client
                    let id = "I-\(step)-\(docs.count)"
                    docIds.append(("invoice", id))
                    docs.append(.init(kind: "invoice", docId: id, clientId: payer, orderId: orderId, amount: Money(kopecks: kopecks), date: day))
                case 5:
                    let id = "P-\(step)-\(docs.count)"
                    docIds.append(("payment", id))
                    docs.append(.init(kind: "payment", docId: id, clientId: client, orderId: nil, amount: Money(kopecks: kopecks), date: day))
                case 6:
                    let id = "N-\(step)-\(docs.count)"
                    docIds.append(("credit_note", id))
                    docs.append(.init(kind: "credit_note", docId: id, clientId: client, orderId: orderId, amount: Money(kopecks: kopecks), date: day))
                default:
                    // A resent document: same kind and id, whatever else it says.
                    if let (kind, id) = docIds.isEmpty ? nil : random.pick(docIds) {
                        docs.append(.init(kind: kind, docId: id, clientId: client, orderId: orderId, amount: Money(kopecks: kopecks), date: day))
                    }
                }
            }
            // The order a credit batch uses: documents, ends, then approvals.
            try await c.query("BEGIN", logger: Self.log)
            try await store.record(docs)
            try await store.endOrders(ends, at: Self.at)
            try await store.openOrders(Self.unique(opens), at: Self.at)
            try await c.query("COMMIT", logger: Self.log)
            let (kept, summed) = (try await Self.kept(c), try await Self.summed(c))
            #expect(kept == summed, "after step \(step)")
            if kept != summed { break }
        }
        let open = try await c.query("SELECT count(*) FROM credit_orders WHERE status = 'open'", logger: Self.log).collect().first?.decode(Int.self)
        #expect((open ?? 0) > 5, "the steps should leave open orders")
        try await c.close()
    }

    @Test("the migration computes the running positions of a database that had none")
    func migration() async throws {
        let c = try await Self.migrated(upTo: 106)
        try await c.query("""
            INSERT INTO ledger (kind, doc_id, client_id, order_id, amount, doc_date) VALUES
              ('invoice', 'I-1', 'C-1', 'O-1', 30000, '2026-11-01'), ('invoice', 'I-2', 'C-1', 'O-2', 90000, '2026-11-02'),
              ('payment', 'P-1', 'C-1', NULL, 10000, '2026-11-03'), ('credit_note', 'N-1', 'C-2', NULL, 500, '2026-11-03')
            """, logger: Self.log)
        try await c.query("""
            INSERT INTO credit_orders (order_id, client_id, total, status, updated_at) VALUES
              ('O-1', 'C-1', 100000, 'open', now()), ('O-2', 'C-1', 50000, 'open', now()),
              ('O-3', 'C-2', 7000, 'open', now()), ('O-4', 'C-2', 9000, 'cancelled', now())
            """, logger: Self.log)
        _ = try await Migrator.apply(CreditMigrations.all, schema: "credit", on: c, logger: Self.log)
        #expect(try await Self.kept(c) == ["C-1": [110_000, 70_000], "C-2": [-500, 7_000]])
        #expect(try await Self.kept(c) == Self.summed(c))
        try await c.close()
    }

    /// A batch approves each order once (the handler skips repeated checks); a document may
    /// come twice in one batch.
    static func unique(_ opens: [(orderId: String, clientId: String, total: Money)]) -> [(orderId: String, clientId: String, total: Money)] {
        var seen = Set<String>()
        return opens.filter { seen.insert($0.orderId).inserted }
    }
}
