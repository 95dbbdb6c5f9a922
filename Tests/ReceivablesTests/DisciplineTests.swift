import Contracts
import Testing
@testable import Receivables

/// Payment discipline: average days paid late and share paid on time over settled invoices
/// due in the window; DSO = outstanding ÷ invoiced in the 90 days ending today × 90.
@Suite struct DisciplineTests {
    static let today = L.date("2026-11-30")

    static func discipline(_ docs: LedgerDocuments, window: Int = 365) -> PaymentDiscipline {
        DisciplineRules.discipline(of: LedgerAllocation.replay(docs), asOf: today, windowDays: window)
    }

    @Test func exactFigures() {
        let docs = LedgerDocuments(
            invoices: [
                L.inv("I-1", "1000.00", issued: "2026-09-05", due: "2026-10-01"), // settled 10-01: on time
                L.inv("I-2", "1000.00", issued: "2026-09-10", due: "2026-10-10"), // settled 10-13: 3 days late
                L.inv("I-3", "1000.00", issued: "2026-09-20", due: "2026-10-20"), // settled 10-30: 10 days late
                L.inv("I-4", "3000.00", issued: "2026-11-10", due: "2026-12-10"), // open, 2000.00 left
            ],
            payments: [
                L.pay("P-1", "1000.00", on: "2026-10-01", [("I-1", "1000.00")]),
                L.pay("P-2", "1000.00", on: "2026-10-13", [("I-2", "1000.00")]),
                L.pay("P-3", "1000.00", on: "2026-10-30", [("I-3", "1000.00")]),
                L.pay("P-4", "1000.00", on: "2026-11-20", [("I-4", "1000.00")]),
            ])
        let d = Self.discipline(docs)
        #expect(d.settledInvoices == 3)
        #expect(d.paidOnTime == 1)
        // (0 + 3 + 10) / 3 = 4.333… → 4.33
        #expect(d.averageDaysLate?.description == "4.33")
        // 1 / 3 = 33.333… % → 33.33
        #expect(d.shareOnTimePct?.description == "33.33")
        // Invoiced 2026-09-02 … 2026-11-30: all four (6000.00); outstanding 2000.00 → 2000 / 6000 × 90 = 30.00
        #expect(d.invoicedLast90Days == L.money("6000.00"))
        #expect(d.outstanding == L.money("2000.00"))
        #expect(d.dso?.description == "30.00")
        #expect(d.asOf == Self.today)
        #expect(d.windowDays == 365)
    }

    @Test func roundingHalfUp() {
        // Days late 1 and 2 → 1.50; 2 of 3 on time → 66.67 %.
        let docs = LedgerDocuments(
            invoices: [L.inv("I-1", "10.00", issued: "2026-10-01", due: "2026-10-10"),
                       L.inv("I-2", "10.00", issued: "2026-10-01", due: "2026-10-11"),
                       L.inv("I-3", "10.00", issued: "2026-10-01", due: "2026-10-12"),
                       L.inv("I-4", "10.00", issued: "2026-10-01", due: "2026-10-13")],
            payments: [L.pay("P-1", "10.00", on: "2026-10-11", [("I-1", "10.00")]),
                       L.pay("P-2", "10.00", on: "2026-10-13", [("I-2", "10.00")]),
                       L.pay("P-3", "10.00", on: "2026-10-12", [("I-3", "10.00")]),
                       L.pay("P-4", "10.00", on: "2026-10-01", [("I-4", "10.00")])])
        let d = Self.discipline(docs)
        #expect(d.settledInvoices == 4)
        #expect(d.paidOnTime == 2)
        #expect(d.averageDaysLate?.description == "0.75") // (1 + 2 + 0 + 0) / 4
        #expect(d.shareOnTimePct?.description == "50.00")
        // Nothing owed: DSO 0.00 (invoiced 40.00 in the 90 days).
        #expect(d.dso?.description == "0.00")
    }

    @Test func thirdsRoundHalfUp() {
        let docs = LedgerDocuments(
            invoices: [L.inv("I-1", "10.00", issued: "2026-10-01", due: "2026-10-10"),
                       L.inv("I-2", "10.00", issued: "2026-10-01", due: "2026-10-10"),
                       L.inv("I-3", "10.00", issued: "2026-10-01", due: "2026-10-10")],
            payments: [L.pay("P-1", "10.00", on: "2026-10-12", [("I-1", "10.00")]),
                       L.pay("P-2", "10.00", on: "2026-10-12", [("I-2", "10.00")]),
                       L.pay("P-3", "10.00", on: "2026-10-01", [("I-3", "10.00")])])
        let d = Self.discipline(docs)
        #expect(d.averageDaysLate?.description == "1.33") // 4 / 3
        #expect(d.shareOnTimePct?.description == "33.33") // 1 / 3
    }

    @Test func undefinedWithoutSettledOrRecentInvoices() {
        let d = Self.discipline(LedgerDocuments(invoices: [L.inv("I-1", "500.00", issued: "2026-01-10", due: "2026-02-09")]))
        #expect(d.settledInvoices == 0)
        #expect(d.averageDaysLate == nil)
        #expect(d.shareOnTimePct == nil)
        // Nothing invoiced in the last 90 days: DSO is undefined even though 500.00 is owed.
        #expect(d.invoicedLast90Days == .zero)
        #expect(d.outstanding == L.money("500.00"))
        #expect(d.dso == nil)
    }

    @Test func theWindowCountsByDueDate() {
        // Due 2025-11-30 = today − 365: inside; due 2025-11-29: outside.
        let docs = LedgerDocuments(
            invoices: [L.inv("I-IN", "10.00", issued: "2025-11-01", due: "2025-11-30"),
                       L.inv("I-OUT", "10.00", issued: "2025-11-01", due: "2025-11-29")],
            payments: [L.pay("P-1", "10.00", on: "2025-12-10", [("I-IN", "10.00")]),
                       L.pay("P-2", "10.00", on: "2025-12-30", [("I-OUT", "10.00")])])
        let d = Self.discipline(docs)
        #expect(d.settledInvoices == 1)
        #expect(d.averageDaysLate?.description == "10.00")
        #expect(Self.discipline(docs, window: 366).settledInvoices == 2)
        #expect(Self.discipline(docs, window: 366).averageDaysLate?.description == "20.50") // (10 + 31) / 2
    }

    @Test func dsoWindowIsTheNinetyDaysEndingToday() {
        // 2026-09-02 is today − 89 (inside); 2026-09-01 is today − 90 (outside).
        let docs = LedgerDocuments(invoices: [L.inv("I-IN", "900.00", issued: "2026-09-02", due: "2026-12-31"),
                                              L.inv("I-OUT", "100.00", issued: "2026-09-01", due: "2026-12-31")])
        let d = Self.discipline(docs)
        #expect(d.invoicedLast90Days == L.money("900.00"))
        #expect(d.dso?.description == "100.00") // 1000 / 900 × 90
    }

    @Test func snapshotListsOpenInvoicesOldestFirst() {
        let docs = LedgerDocuments(
            invoices: [L.inv("I-2", "200.00", issued: "2026-10-05", due: "2026-11-04", order: "O-2"),
                       L.inv("I-1", "100.00", issued: "2026-10-01", due: "2026-10-31"),
                       L.inv("I-3", "50.00", issued: "2026-10-01", due: "2026-10-31")],
            payments: [L.pay("P-1", "400.00", on: "2026-10-20", [("I-3", "50.00")])])
        let s = OpenItems.snapshot(clientId: "C-1001", version: 3, state: LedgerAllocation.replay(docs), asOf: Self.today, windowDays: 365)
        // 400.00: 50.00 to I-3, then 100.00 to I-1 and 200.00 to I-2 → 50.00 unapplied, nothing open.
        #expect(s.openInvoices.isEmpty)
        #expect(s.unappliedCredit == L.money("50.00"))
        #expect(s.version == 3)

        let partly = LedgerDocuments(invoices: docs.invoices, payments: [L.pay("P-1", "120.00", on: "2026-10-20")])
        let t = OpenItems.snapshot(clientId: "C-1001", version: 4, state: LedgerAllocation.replay(partly), asOf: Self.today, windowDays: 365)
        #expect(t.openInvoices == [
            // 120.00 oldest first: I-1 (same dates as I-3, lower id) takes 100.00, I-3 the other 20.00.
            OpenInvoice(invoiceId: "I-3", orderId: nil, outstanding: L.money("30.00"), issuedOn: L.date("2026-10-01"), dueDate: L.date("2026-10-31")),
            OpenInvoice(invoiceId: "I-2", orderId: "O-2", outstanding: L.money("200.00"), issuedOn: L.date("2026-10-05"), dueDate: L.date("2026-11-04")),
        ])
        #expect(t.unappliedCredit == .zero)
    }
}
