import Contracts
import Testing
@testable import Receivables

/// Each invoice's settlement date: the date of the document that brought its outstanding to 0.
@Suite struct SettlementTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        var invoices: [InvoiceIssued] = []
        var payments: [PaymentReceived] = []
        var creditNotes: [CreditNoteIssued] = []
        let settled: [String: String?]
        var testDescription: String { name }
    }

    @Test(arguments: [
        Case(name: "unpaid", invoices: [L.inv("I-1", "100.00", issued: "2026-10-01", due: "2026-10-31")],
             settled: ["I-1": nil]),
        Case(name: "paid in full at once", invoices: [L.inv("I-1", "100.00", issued: "2026-10-01", due: "2026-10-31")],
             payments: [L.pay("P-1", "100.00", on: "2026-10-25")], settled: ["I-1": "2026-10-25"]),
        Case(name: "paid in two parts: the second settles",
             invoices: [L.inv("I-1", "100.00", issued: "2026-10-01", due: "2026-10-31")],
             payments: [L.pay("P-1", "60.00", on: "2026-10-25"), L.pay("P-2", "40.00", on: "2026-11-04")],
             settled: ["I-1": "2026-11-04"]),
        Case(name: "short by a kopeck stays open",
             invoices: [L.inv("I-1", "100.00", issued: "2026-10-01", due: "2026-10-31")],
             payments: [L.pay("P-1", "99.99", on: "2026-10-25")], settled: ["I-1": nil]),
        Case(name: "oldest first: one payment settles the first, part of the second",
             invoices: [L.inv("I-1", "100.00", issued: "2026-10-01", due: "2026-10-31"),
                        L.inv("I-2", "100.00", issued: "2026-10-05", due: "2026-11-04")],
             payments: [L.pay("P-1", "150.00", on: "2026-11-01"), L.pay("P-2", "50.00", on: "2026-11-10")],
             settled: ["I-1": "2026-11-01", "I-2": "2026-11-10"]),
        Case(name: "a credit note on the invoice settles the rest",
             invoices: [L.inv("I-1", "100.00", issued: "2026-10-01", due: "2026-10-31")],
             payments: [L.pay("P-1", "90.00", on: "2026-10-20")],
             creditNotes: [L.cn("CN-1", "10.00", on: "2026-10-22", invoice: "I-1")], settled: ["I-1": "2026-10-22"]),
        Case(name: "unapplied credit settles a later invoice on its issue date",
             invoices: [L.inv("I-1", "100.00", issued: "2026-10-10", due: "2026-11-09")],
             payments: [L.pay("P-1", "500.00", on: "2026-10-01")], settled: ["I-1": "2026-10-10"]),
        Case(name: "explicit allocation settles the named invoice",
             invoices: [L.inv("I-1", "100.00", issued: "2026-10-01", due: "2026-10-31"),
                        L.inv("I-2", "80.00", issued: "2026-10-02", due: "2026-11-01")],
             payments: [L.pay("P-1", "80.00", on: "2026-10-28", [("I-2", "80.00")])], settled: ["I-1": nil, "I-2": "2026-10-28"]),
    ])
    func settlementDates(_ c: Case) {
        let state = LedgerAllocation.replay(LedgerDocuments(invoices: c.invoices, payments: c.payments, creditNotes: c.creditNotes))
        let got = Dictionary(uniqueKeysWithValues: state.invoices.map { ($0.invoiceId, $0.settledOn?.description) })
        #expect(got == c.settled)
    }

    @Test func asOfBeforeTheSettlementShowsItOpen() {
        let docs = LedgerDocuments(invoices: [L.inv("I-1", "100.00", issued: "2026-10-01", due: "2026-10-31")],
                                   payments: [L.pay("P-1", "100.00", on: "2026-11-05")])
        #expect(LedgerAllocation.replay(docs, asOf: L.date("2026-11-04")).invoices.first?.settledOn == nil)
        #expect(LedgerAllocation.replay(docs, asOf: L.date("2026-11-05")).invoices.first?.settledOn == L.date("2026-11-05"))
    }
}
