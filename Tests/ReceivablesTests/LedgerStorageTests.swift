import Contracts
import Foundation
import Logging
import PostgresNIO
import ServiceKit
import Testing
import TestSupport
@testable import Receivables

/// The incremental ledger's SQL against PostgreSQL: batches arriving out of order end where a
/// full replay ends, stale clients are read by replaying and rebuilt by their next document,
/// and past dates replay only the clients that need it.
@Suite("Receivables: stored ledgers against PostgreSQL", .serialized, .enabled(if: TestStack.isAvailable))
struct LedgerStorageTests {
    static let log = TestStack.logger
    static let today = L.date("2026-11-30")

    /// A connection to a fresh schema, closed afterwards whatever happens.
    static func with(_ body: (PostgresConnection) async throws -> Void) async throws {
        let conn = try await connection()
        // PostgreSQL's own message, not the driver's generic one.
        do { try await body(conn) } catch {
            Issue.record("\(String(reflecting: error))")
            try? await conn.close()
            throw error
        }
        try await conn.close()
    }

    static func connection() async throws -> PostgresConnection {
        let (_, urls) = try await TestStack.provisionDatabase(schemas: ["receivables"])
        let conn = try await urls["receivables"]!.connect(logger: log)
        _ = try await Migrator.apply(ReceivablesMigrations.all, schema: "receivables", on: conn, logger: log)
        return conn
    }

    static func consume(_ docs: [LedgerDocument], on conn: PostgresConnection) async throws -> [String: LedgerBook] {
        try await conn.transaction(logger: log) { c in
            try await LedgerProcessing(connection: c, logger: log).process(docs, today: today, windowDays: 365)
        }
    }

    static let documents: [LedgerDocument] = [
        .invoice(L.inv("I-1", "1000.00", issued: "2026-10-01", due: "2026-10-31")),
        .invoice(L.inv("I-2", "500.00", issued: "2026-10-05", due: "2026-11-04", order: "O-2")),
        .payment(L.pay("P-1", "1200.00", on: "2026-11-02", [("I-2", "100.00")])),
        .creditNote(L.cn("CN-1", "50.00", on: "2026-11-03", invoice: "I-2")),
        .invoice(L.inv("I-3", "300.00", issued: "2026-11-10", due: "2026-12-10")),
        .payment(L.pay("P-2", "0.01", on: "2026-11-20")),
    ]

    @Test("batches out of order (the payment before its invoices, a credit note after a later invoice) end as a full replay; resends change nothing")
    func outOfOrderBatches() async throws {
        try await Self.with { conn in
        let d = Self.documents
        // Batch 1: the payment and the last invoice; batch 2: the first invoices (sort before: replay);
        // batch 3: the credit note (sorts before I-3: replay) and a resent payment; batch 4: in order.
        let b1 = try await Self.consume([d[2], d[4]], on: conn)
        #expect(Set(b1.keys) == ["C-1001"])
        _ = try await Self.consume([d[0], d[1]], on: conn)
        _ = try await Self.consume([d[3], d[2]], on: conn)
        let last = try await Self.consume([d[5]], on: conn)
        #expect(last["C-1001"]?.entries.count == 1) // applied on the stored book, not replayed
        #expect(try await Self.consume([d[5], d[0]], on: conn).isEmpty) // resent: nothing new

        let expected = LedgerBook.replay(d)
        let reads = LedgerReads(connection: conn, logger: Self.log)
        let selection = LedgerUpdate.Selection(named: [], today: Self.today, windowDays: 365)
        let stored = try #require(try await reads.client("C-1001", asOf: Self.today, selection: selection))
        #expect(stored == expected.state)
        // I-1 1000.00 and I-2 100.00 explicitly, 1100.00 − 1000.00 … : P-1 pays I-2 100.00, then I-1 1000.00, then I-2 100.00;
        // CN-1 50.00 on I-2; I-3 issued later; P-2 0.01 oldest first to I-2.
        #expect(L.outstanding(stored) == ["I-1": "0.00", "I-2": "249.99", "I-3": "300.00"])
        let history = try await reads.allocations(of: "C-1001", page: Page(limit: 50))
        #expect(history.map(\.seq) == Array((1...expected.entries.count).reversed()))
        #expect(history.map { "\($0.source) \($0.sourceId ?? "-") \($0.invoiceId ?? "-") \($0.amount)" }.reversed() == [
            "payment P-1 I-2 100.00", "payment P-1 I-1 1000.00", "payment P-1 I-2 100.00",
            "credit_note CN-1 I-2 50.00", "payment P-2 I-2 0.01"])
        }
    }

    @Test("a stale client (documents without a stored book) is replayed for reads and rebuilt by its next document")
    func staleClients() async throws {
        try await Self.with { conn in
        let facts = ReceivablesStore(connection: conn, logger: Self.log)
        _ = try await facts.record(Array(Self.documents.prefix(3)))
        try await conn.query("INSERT INTO ledgers (client_id, stale) VALUES ('C-1001', true)", logger: Self.log)
        let asOf = LedgerAsOf(connection: conn, logger: Self.log)
        let state = try await asOf.client("C-1001", asOf: Self.today, windowDays: 365)
        #expect(L.outstanding(state) == ["I-1": "0.00", "I-2": "300.00"])
        #expect(try await asOf.ageing(asOf: Self.today, kamId: nil)["C-1001"]?.buckets.d1to30 == L.money("300.00"))

        let books = try await Self.consume([Self.documents[4]], on: conn)
        #expect(books["C-1001"]?.entries.count == 3) // replayed: the whole history
        let stale = try await conn.query("SELECT stale FROM ledgers WHERE client_id = 'C-1001'", logger: Self.log)
        for try await s in stale.decode(Bool.self) { #expect(!s) }
        }
    }

    @Test("a past date replays the clients with later documents; today reads the stored books")
    func pastDates() async throws {
        try await Self.with { conn in
        _ = try await Self.consume(Self.documents, on: conn)
        let reads = LedgerReads(connection: conn, logger: Self.log)
        #expect(try await reads.clientsToReplay(asOf: Self.today).isEmpty)
        #expect(try await reads.clientsToReplay(asOf: L.date("2026-11-19")) == ["C-1001"])
        let asOf = LedgerAsOf(connection: conn, logger: Self.log)
        // On 2026-11-05 only I-1 … CN-1 count: I-2 has 250.00 left, 1 day overdue.
        let ageing = try #require(try await asOf.ageing(asOf: L.date("2026-11-05"), kamId: nil)["C-1001"])
        #expect(ageing.buckets.d1to30 == L.money("250.00"))
        #expect(ageing.buckets.total == L.money("250.00"))
        let overdue = try await asOf.overdueClients(asOf: Self.today, kamId: nil)
        #expect(overdue["C-1001"]?.map(\.invoiceId).sorted() == ["I-2", "I-3"])
        }
    }
}
