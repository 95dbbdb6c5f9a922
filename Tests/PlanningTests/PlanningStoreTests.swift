import Contracts
import Foundation
import Logging
import PostgresNIO
import ServiceKit
import Testing
import TestSupport
@testable import Planning

/// The planning store against PostgreSQL: it loads exactly the facts the rules need.
@Suite("Planning: store against PostgreSQL", .serialized, .enabled(if: TestStack.isAvailable))
struct PlanningStoreTests {
    static let log = TestStack.logger

    static func store() async throws -> (PlanningStore, PostgresConnection) {
        let (_, urls) = try await TestStack.provisionDatabase(schemas: ["planning"])
        let connection = try await urls["planning"]!.connect(logger: log)
        _ = try await Migrator.apply(PlanningMigrations.all, schema: "planning", on: connection, logger: log)
        return (PlanningStore(connection: connection, logger: log), connection)
    }

    static func upsert(_ store: PlanningStore, _ card: ClientCard) async throws {
        try await store.recordClient(ClientUpserted(clientId: card.clientId, name: card.clientId, taxId: "1", kamId: card.kamId,
                                                    segment: .other, tier: card.tier, status: card.status),
                                     occurredAt: card.occurredAt, effectiveOn: card.effectiveOn)
    }

    static func record(_ store: PlanningStore, _ doc: SalesDocument) async throws {
        if let reason = doc.reason {
            try await store.recordCreditNote(CreditNoteIssued(creditNoteId: doc.id, clientId: doc.clientId, amount: doc.amount,
                                                              issuedOn: doc.date, reason: reason, lines: doc.lines))
        } else {
            try await store.recordInvoice(InvoiceIssued(invoiceId: doc.id, clientId: doc.clientId, amount: doc.amount,
                                                        issuedOn: doc.date, dueDate: doc.date.adding(days: 30)))
        }
    }

    static func snapshot(_ client: String, version: Int64, asOf: String, _ invoices: [OpenInvoice]) -> ClientOpenItemsChanged {
        ClientOpenItemsChanged(clientId: client, version: version, openInvoices: invoices, unappliedCredit: .zero,
                               discipline: PaymentDiscipline(asOf: P.date(asOf), windowDays: 365, settledInvoices: 0, paidOnTime: 0,
                                                             averageDaysLate: nil, shareOnTimePct: nil, dso: nil,
                                                             outstanding: .zero, invoicedLast90Days: .zero))
    }

    @Test("a month's scorecard facts: the months asked for, first invoices, outcomes, the snapshots of the day, plans")
    func scorecardFacts() async throws {
        let (store, connection) = try await Self.store()
        for card in [P.card("C-1", "kam-ivanova", on: "2026-01-10"), P.card("C-1", "kam-petrov", on: "2026-11-16"),
                     P.card("C-2", "kam-ivanova", on: "2026-02-01", tier: .b), P.card("C-3", "kam-petrov", on: "2026-11-05", tier: .c),
                     P.card("C-4", "kam-ivanova", on: "2026-11-20")] {
            try await Self.upsert(store, card)
            try await Self.upsert(store, card) // a redelivery changes nothing
        }
        let documents = ActualsRulesTests.documents + [
            ScorecardBookTests.lastYear, P.inv("INV-OLD", "C-2", "2026-02-10", "5.00"), P.inv("INV-9", "C-2", "2026-09-30", "9.00"),
            P.cn("CN-L", "C-2", "2026-11-13", "7.00", .return, lines: [("MILK-1L", 2)]),
        ]
        for doc in documents { try await Self.record(store, doc) }
        try await store.recordOutcomes(ActualsRulesTests.outcomes)
        for s in [Self.snapshot("C-2", version: 2, asOf: "2026-11-30", [P.open("INV-X", "1000.00", issued: "2026-10-30", due: "2026-11-29")]),
                  Self.snapshot("C-2", version: 1, asOf: "2026-11-30", []),                      // late and older: ignored
                  Self.snapshot("C-2", version: 3, asOf: "2026-12-05", [])] {
            try await store.recordOpenItems(s)
        }
        try await store.savePlan(kamId: "kam-ivanova", month: P.month("2026-11"), plan: ScorecardBookTests.ivanovaPlan,
                                 by: "head", at: Date())

        let facts = try await store.scorecardFacts(month: P.month("2026-11"), today: P.date("2026-12-10"))
        #expect(facts.overdueDate == P.date("2026-11-30"))
        #expect(facts.cards.count == 5)
        #expect(Set(facts.documents.map(\.id)) == Set(documents.filter {
            ($0.date >= P.date("2026-10-01") && $0.date <= P.date("2026-11-30")) || $0.date.yearMonth == P.month("2025-11")
        }.map(\.id)))
        #expect(facts.documents.first { $0.id == "CN-L" }?.lines == nil, "lines only when asked for")
        #expect(facts.firstInvoices == ["C-1": P.date("2025-11-14"), "C-2": P.date("2026-02-10"), "C-3": P.date("2026-11-10"),
                                        "C-4": P.date("2026-11-03"), "C-5": P.date("2026-11-04")])
        #expect(facts.outcomes.count == 5)
        #expect(facts.snapshots.map { "\($0.clientId) v\($0.version) \($0.asOf)" } == ["C-2 v2 2026-11-30"])
        #expect(facts.plans == ["kam-ivanova": ScorecardBookTests.ivanovaPlan])

        let card = ScorecardBook(facts).scorecard("kam-ivanova", policy: .standard)
        #expect(card.turnover.actual == P.money("3613.00"))   // 3620.00 of the rules' test − CN-L 7.00
        #expect(card.overdueSharePct == P.pct("100.00"))
        let lines = try await store.documents(in: [P.date("2026-11-13")...P.date("2026-11-13")], clients: ["C-2"], withLines: true)
        #expect(lines.map(\.id) == ["CN-L"])
        #expect(lines.first?.lines == [CreditNoteLine(sku: "MILK-1L", quantity: 2)])
        #expect(try await store.snapshots(onOrBefore: nil, clients: ["C-2"]).map(\.version) == [3])
        try await connection.close()
    }

    @Test("the contact plan's facts: open holds whatever the arrival order, the last contact before the week, turnover windows")
    func planClients() async throws {
        let (store, connection) = try await Self.store()
        for card in [P.card("C-1", "kam-ivanova", on: "2026-01-10", tier: .b), P.card("C-2", "kam-ivanova", on: "2026-01-10", tier: .c),
                     P.card("C-3", "kam-ivanova", on: "2026-01-10", tier: .c), P.card("C-3", "kam-petrov", on: "2026-12-01", tier: .c)] {
            try await Self.upsert(store, card)
        }
        // C-1: one hold still open, one cancelled before its hold was heard of, one approved.
        try await store.recordCancellation(OrderCancelled(orderId: "O-2", clientId: "C-1", cancelledAt: Date(), reason: "r"),
                                           on: P.date("2026-12-02"))
        for o in [P.outcome("O-1", "C-1", .held, "2026-12-01"), P.outcome("O-2", "C-1", .held, "2026-12-01"),
                  P.outcome("O-3", "C-1", .held, "2026-12-01"), P.outcome("O-3", "C-1", .confirmed, "2026-12-02"),
                  P.outcome("O-4", "C-1", .confirmed, "2026-12-02")] {
            try await store.recordOutcomes([o])
        }
        try await store.recordOpenItems(Self.snapshot("C-1", version: 1, asOf: "2026-12-04",
                                                      [P.open("I-1", "50.00", issued: "2026-11-01", due: "2026-12-01")]))
        for doc in [P.inv("D-1", "C-2", "2026-10-20", "1000.00"), P.inv("D-2", "C-2", "2026-11-20", "100.00")] {
            try await Self.record(store, doc)
        }
        let now = P.instant("2026-12-04T09:00:00Z")
        for (client, at) in [("C-2", "2026-11-01T09:00:00Z"), ("C-2", "2026-11-02T09:00:00Z"), ("C-1", "2026-12-07T08:00:00Z")] {
            let r = ContactRequest(kamId: "kam-ivanova", clientId: client, kind: .call, at: P.instant(at), outcome: "ok")
            _ = try await store.logContact(r, on: CompanyCalendar.moscow.businessDate(of: r.at), by: "kam-ivanova", at: now)
        }
        let clients = try await store.planClients(kamId: "kam-ivanova", on: P.date("2026-12-07"), policy: ContactPolicy())
        #expect(clients == [
            PlanClient(clientId: "C-1", tier: .b, overdue: P.money("50.00"), openHolds: 1),
            PlanClient(clientId: "C-2", tier: .c, lastContact: P.date("2026-11-02"), recentTurnover: P.money("100.00"),
                       earlierTurnover: P.money("1000.00")),
        ])
        #expect(try await store.trails(clients: ["C-1"], onlyHeld: true).map { "\($0.orderId) \($0.outcome)" }
                == ["O-1 onHold", "O-2 cancelled", "O-3 confirmed"])
        #expect(try await store.trails(clients: ["C-1"], onlyHeld: false).count == 4)
        try await connection.close()
    }

    @Test("the contact log: once per KAM, client, kind and instant; filtered, newest first, paged")
    func contactLog() async throws {
        let (store, connection) = try await Self.store()
        let now = P.instant("2026-12-04T09:00:00Z")
        func log(_ client: String, _ at: String, _ kam: String = "kam-ivanova") async throws -> (ContactRecord, Bool) {
            let r = ContactRequest(kamId: kam, clientId: client, kind: .visit, at: P.instant(at), outcome: "ok", note: "n")
            return try await store.logContact(r, on: CompanyCalendar.moscow.businessDate(of: r.at), by: "sub-\(kam)", at: now)
        }
        let (first, created) = try await log("C-1", "2026-12-01T21:30:00Z")   // 00:30 on the 2nd in Moscow
        #expect(created)
        #expect(first.date == P.date("2026-12-02"))
        #expect(first.loggedBy == "sub-kam-ivanova")
        let (again, createdAgain) = try await log("C-1", "2026-12-01T21:30:00Z")
        #expect(!createdAgain)
        #expect(again == first)
        _ = try await log("C-1", "2026-12-03T09:00:00Z")
        _ = try await log("C-2", "2026-12-03T10:00:00Z", "kam-petrov")
        func ids(_ clients: [String]?, kam: String? = nil, from: String? = nil, to: String? = nil, page: Page = Page()) async throws -> [String] {
            try await store.contacts(clients: clients, kamId: kam, from: from.map(P.date), to: to.map(P.date), page: page)
                .map { "\($0.clientId) \($0.date)" }
        }
        #expect(try await ids(nil) == ["C-2 2026-12-03", "C-1 2026-12-03", "C-1 2026-12-02"])
        #expect(try await ids(["C-1"]) == ["C-1 2026-12-03", "C-1 2026-12-02"])
        #expect(try await ids([]) == [])
        #expect(try await ids(nil, kam: "kam-petrov") == ["C-2 2026-12-03"])
        #expect(try await ids(nil, from: "2026-12-03") == ["C-2 2026-12-03", "C-1 2026-12-03"])
        #expect(try await ids(nil, to: "2026-12-02") == ["C-1 2026-12-02"])
        #expect(try await ids(nil, page: Page(limit: 1, offset: 1)) == ["C-1 2026-12-03", "C-1 2026-12-02"]) // limit + 1 fetched
        try await connection.close()
    }
}
