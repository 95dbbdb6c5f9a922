import Contracts
import Foundation
import PostgresNIO
import ServiceKit
import Testing
import TestSupport
@testable import Receivables

/// Dunning runs against PostgreSQL: levels and notices stored with the run, two runs of one
/// date at the same moment issue each notice once, a daily run is claimed once per date.
@Suite("Receivables: dunning runs against PostgreSQL", .serialized, .enabled(if: TestStack.isAvailable))
struct DunningStorageTests {
    static let log = TestStack.logger
    static let run = DunningRun(policy: .standard)

    /// Two connections to a fresh, seeded schema, closed afterwards whatever happens.
    static func with(_ body: (PostgresConnection, PostgresConnection) async throws -> Void) async throws {
        let (a, b) = try await setUp()
        // PostgreSQL's own message, not the driver's generic one.
        do { try await body(a, b) } catch {
            Issue.record("\(String(reflecting: error))")
            try? await a.close()
            try? await b.close()
            throw error
        }
        try await a.close()
        try await b.close()
    }

    static func setUp() async throws -> (PostgresConnection, PostgresConnection) {
        let (_, urls) = try await TestStack.provisionDatabase(schemas: ["receivables"])
        let a = try await urls["receivables"]!.connect(logger: log)
        let b = try await urls["receivables"]!.connect(logger: log)
        _ = try await Migrator.apply(ReceivablesMigrations.all, schema: "receivables", on: a, logger: log)
        let facts = ReceivablesStore(connection: a, logger: log)
        for (client, kam) in [("C-1", "kam-1"), ("C-2", "kam-2")] {
            try await facts.upsertClient(ClientUpserted(clientId: client, name: "n", taxId: "t", kamId: kam, segment: .horeca, tier: .b,
                                                        status: .active, contract: nil), occurredAt: Date())
        }
        let docs: [LedgerDocument] = [
            .invoice(InvoiceIssued(invoiceId: "I-1", clientId: "C-1", amount: L.money("1000.00"), issuedOn: L.date("2026-10-02"),
                                   dueDate: L.date("2026-11-01"))),
            .invoice(InvoiceIssued(invoiceId: "I-2", clientId: "C-2", amount: L.money("500.00"), issuedOn: L.date("2026-10-11"),
                                   dueDate: L.date("2026-11-10"))),
            .invoice(InvoiceIssued(invoiceId: "I-3", clientId: "C-3", amount: L.money("70.00"), issuedOn: L.date("2026-09-01"),
                                   dueDate: L.date("2026-10-01"))),
        ]
        _ = try await a.transaction(logger: log) { c in
            try await LedgerProcessing(connection: c, logger: log).process(docs, today: L.date("2026-11-30"), windowDays: 365)
        }
        return (a, b)
    }

    static func record(_ asOf: String, _ trigger: DunningStore.Trigger = .manual, on conn: PostgresConnection)
        async throws -> (DunningRun.Summary, [DunningNoticeIssued]) {
        try await run.record(asOf: L.date(asOf), trigger: trigger, requestedBy: "test", connection: conn, logger: log, now: Date())
    }

    static func levels(_ notices: [DunningNoticeIssued]) -> [String] { notices.map { "\($0.clientId):\($0.level)" }.sorted() }

    @Test("a run stores levels and notices; the same date again issues nothing; a client without a KAM waits")
    func runsAndRepeats() async throws {
        try await Self.with { a, b in
        let (first, notices) = try await a.transaction(logger: Self.log) { try await Self.record("2026-11-16", on: $0) }
        #expect(Self.levels(notices) == ["C-1:2", "C-2:1"])
        #expect(first.withoutKam == ["C-3"])
        #expect(first.clientsJudged == 2)
        #expect(notices.first { $0.clientId == "C-1" }?.invoices.first?.daysOverdue == 15)
        let (_, again) = try await a.transaction(logger: Self.log) { try await Self.record("2026-11-16", on: $0) }
        #expect(again.isEmpty)
        let page = try await DunningReads(connection: a, logger: Self.log).clients(kamId: "kam-1", page: Page())
        #expect(page.map { "\($0.clientId):\($0.level):\($0.notices.map(\.level))" } == ["C-1:2:[2]"])
        }
    }

    @Test("two runs of one date at the same moment: the second waits for the first and issues nothing")
    func concurrentRuns() async throws {
        try await Self.with { a, b in
        try await a.query("BEGIN", logger: Self.log)
        let (_, firstNotices) = try await Self.record("2026-12-01", on: a)
        #expect(Self.levels(firstNotices) == ["C-1:3", "C-2:2"])
        let second = Task { () -> [DunningNoticeIssued] in
            try await b.transaction(logger: Self.log) { try await Self.record("2026-12-01", on: $0).1 }
        }
        try await Task.sleep(for: .milliseconds(400))
        try await a.query("COMMIT", logger: Self.log)
        #expect(try await second.value.isEmpty)
        let stored = try await a.query("SELECT count(*)::int FROM dunning_notices", logger: Self.log)
        for try await n in stored.decode(Int.self) { #expect(n == 2) }
        }
    }

    @Test("the daily run of a date is claimed once: the second instance finds it done")
    func dailyClaim() async throws {
        try await Self.with { a, b in
        try await a.query("BEGIN", logger: Self.log)
        let (first, notices) = try await Self.record("2026-11-20", .daily, on: a)
        #expect(first.runId != nil)
        #expect(Self.levels(notices) == ["C-1:2", "C-2:1"])
        let second = Task { try await b.transaction(logger: Self.log) { try await Self.record("2026-11-20", .daily, on: $0) } }
        try await Task.sleep(for: .milliseconds(400))
        try await a.query("COMMIT", logger: Self.log)
        let (summary, none) = try await second.value
        #expect(summary.runId == nil)
        #expect(none.isEmpty)
        // A manual run of the same date is not a daily run: it runs (and finds nothing new).
        let (manual, _) = try await b.transaction(logger: Self.log) { try await Self.record("2026-11-20", on: $0) }
        #expect(manual.runId != nil)
        }
    }
}
