import Contracts
import Testing
@testable import Receivables

/// SPEC 5.3 payment and credit-note allocation.
@Suite struct LedgerAllocationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        var invoices: [InvoiceIssued] = []
        var payments: [PaymentReceived] = []
        var creditNotes: [CreditNoteIssued] = []
        var asOf: String? = nil
        let outstanding: [String: String]
        let unapplied: String
        var testDescription: String { name }
    }

    // I-OLD is due first, I-NEW later.
    static let two = [
        L.inv("I-NEW", "500.00", issued: "2026-10-05", due: "2026-11-15"),
        L.inv("I-OLD", "1000.00", issued: "2026-10-01", due: "2026-11-01"),
    ]

    @Test(arguments: [
        // Oldest first.
        Case(name: "no payments", invoices: two, outstanding: ["I-OLD": "1000.00", "I-NEW": "500.00"], unapplied: "0.00"),
        Case(name: "oldest first by dueDate", invoices: two,
             payments: [L.pay("P-1", "1200.00", on: "2026-11-20")],
             outstanding: ["I-OLD": "0.00", "I-NEW": "300.00"], unapplied: "0.00"),
        Case(name: "dueDate beats issuedOn",
             invoices: [L.inv("I-1", "1000.00", issued: "2026-10-01", due: "2026-11-15"),
                        L.inv("I-2", "500.00", issued: "2026-10-05", due: "2026-11-01")],
             payments: [L.pay("P-1", "700.00", on: "2026-11-20")],
             outstanding: ["I-1": "800.00", "I-2": "0.00"], unapplied: "0.00"),
        Case(name: "same dueDate: earlier issuedOn first",
             invoices: [L.inv("I-1", "300.00", issued: "2026-10-05", due: "2026-11-01"),
                        L.inv("I-2", "300.00", issued: "2026-10-01", due: "2026-11-01")],
             payments: [L.pay("P-1", "400.00", on: "2026-11-20")],
             outstanding: ["I-1": "200.00", "I-2": "0.00"], unapplied: "0.00"),
        Case(name: "same dueDate and issuedOn: lower invoiceId first",
             invoices: [L.inv("I-B", "300.00", issued: "2026-10-01", due: "2026-11-01"),
                        L.inv("I-A", "300.00", issued: "2026-10-01", due: "2026-11-01")],
             payments: [L.pay("P-1", "400.00", on: "2026-11-20")],
             outstanding: ["I-A": "0.00", "I-B": "200.00"], unapplied: "0.00"),
        Case(name: "exact to the kopeck",
             invoices: [L.inv("I-1", "100.01", issued: "2026-10-01", due: "2026-11-01"),
                        L.inv("I-2", "0.02", issued: "2026-10-02", due: "2026-11-02")],
             payments: [L.pay("P-1", "100.02", on: "2026-11-20")],
             outstanding: ["I-1": "0.00", "I-2": "0.01"], unapplied: "0.00"),
        Case(name: "several payments in date order, given out of order", invoices: two,
             payments: [L.pay("P-2", "600.00", on: "2026-11-21"), L.pay("P-1", "600.00", on: "2026-11-20")],
             outstanding: ["I-OLD": "0.00", "I-NEW": "300.00"], unapplied: "0.00"),

        // Explicit allocations.
        Case(name: "explicit allocation first, rest oldest first", invoices: two,
             payments: [L.pay("P-1", "600.00", on: "2026-11-20", [("I-NEW", "500.00")])],
             outstanding: ["I-OLD": "900.00", "I-NEW": "0.00"], unapplied: "0.00"),
        Case(name: "allocation capped at outstanding, excess oldest first", invoices: two,
             payments: [L.pay("P-1", "800.00", on: "2026-11-20", [("I-NEW", "800.00")])],
             outstanding: ["I-OLD": "700.00", "I-NEW": "0.00"], unapplied: "0.00"),
        Case(name: "partial allocation below outstanding", invoices: two,
             payments: [L.pay("P-1", "100.00", on: "2026-11-20", [("I-NEW", "100.00")])],
             outstanding: ["I-OLD": "1000.00", "I-NEW": "400.00"], unapplied: "0.00"),
        Case(name: "allocations larger than the payment take only the payment", invoices: two,
             payments: [L.pay("P-1", "300.00", on: "2026-11-20", [("I-NEW", "500.00"), ("I-OLD", "100.00")])],
             outstanding: ["I-OLD": "1000.00", "I-NEW": "200.00"], unapplied: "0.00"),
        Case(name: "two allocations in one payment",
             invoices: two + [L.inv("I-3", "250.00", issued: "2026-10-10", due: "2026-12-01")],
             payments: [L.pay("P-1", "400.00", on: "2026-11-20", [("I-3", "250.00"), ("I-NEW", "100.00")])],
             outstanding: ["I-OLD": "950.00", "I-NEW": "400.00", "I-3": "0.00"], unapplied: "0.00"),
        Case(name: "allocation to an unknown invoice joins the oldest-first remainder", invoices: two,
             payments: [L.pay("P-1", "400.00", on: "2026-11-20", [("I-NOPE", "400.00")])],
             outstanding: ["I-OLD": "600.00", "I-NEW": "500.00"], unapplied: "0.00"),
        Case(name: "allocation to an already paid invoice joins the oldest-first remainder",
             invoices: [L.inv("I-1", "300.00", issued: "2026-10-01", due: "2026-11-01"),
                        L.inv("I-2", "500.00", issued: "2026-10-05", due: "2026-11-15")],
             payments: [L.pay("P-1", "300.00", on: "2026-11-02", [("I-1", "300.00")]),
                        L.pay("P-2", "200.00", on: "2026-11-03", [("I-1", "200.00")])],
             outstanding: ["I-1": "0.00", "I-2": "300.00"], unapplied: "0.00"),
        Case(name: "allocation to an invoice issued after the payment joins the remainder",
             invoices: [L.inv("I-1", "300.00", issued: "2026-10-01", due: "2026-11-01"),
                        L.inv("I-2", "500.00", issued: "2026-11-25", due: "2026-12-25")],
             payments: [L.pay("P-1", "400.00", on: "2026-11-20", [("I-2", "400.00")])],
             outstanding: ["I-1": "0.00", "I-2": "400.00"], unapplied: "0.00"),

        // Unapplied credit.
        Case(name: "overpayment leaves unapplied credit",
             invoices: [L.inv("I-1", "100.00", issued: "2026-10-01", due: "2026-11-01")],
             payments: [L.pay("P-1", "250.00", on: "2026-10-05")],
             outstanding: ["I-1": "0.00"], unapplied: "150.00"),
        Case(name: "payment with no invoices is all unapplied",
             payments: [L.pay("P-1", "99.99", on: "2026-10-05")], outstanding: [:], unapplied: "99.99"),
        Case(name: "unapplied credit goes to an invoice issued later",
             invoices: [L.inv("I-1", "100.00", issued: "2026-10-01", due: "2026-11-01"),
                        L.inv("I-2", "400.00", issued: "2026-10-10", due: "2026-11-10")],
             payments: [L.pay("P-1", "250.00", on: "2026-10-05")],
             outstanding: ["I-1": "0.00", "I-2": "250.00"], unapplied: "0.00"),
        Case(name: "unapplied credit larger than the later invoice",
             invoices: [L.inv("I-1", "100.00", issued: "2026-10-01", due: "2026-11-01"),
                        L.inv("I-2", "400.00", issued: "2026-10-10", due: "2026-11-10")],
             payments: [L.pay("P-1", "600.00", on: "2026-10-05")],
             outstanding: ["I-1": "0.00", "I-2": "0.00"], unapplied: "100.00"),
        Case(name: "prepayment before any invoice",
             invoices: [L.inv("I-1", "1000.00", issued: "2026-10-10", due: "2026-11-10")],
             payments: [L.pay("P-1", "300.00", on: "2026-10-01")],
             outstanding: ["I-1": "700.00"], unapplied: "0.00"),
        Case(name: "payment on the invoice's issue day settles it",
             invoices: [L.inv("I-1", "1000.00", issued: "2026-10-10", due: "2026-11-10")],
             payments: [L.pay("P-1", "1000.00", on: "2026-10-10")],
             outstanding: ["I-1": "0.00"], unapplied: "0.00"),

        // Credit notes.
        Case(name: "credit note with invoiceId reduces that invoice", invoices: two,
             creditNotes: [L.cn("CN-1", "200.00", on: "2026-10-20", invoice: "I-NEW")],
             outstanding: ["I-OLD": "1000.00", "I-NEW": "300.00"], unapplied: "0.00"),
        Case(name: "credit note excess over its invoice becomes unapplied credit", invoices: two,
             creditNotes: [L.cn("CN-1", "700.00", on: "2026-10-20", invoice: "I-NEW")],
             outstanding: ["I-OLD": "1000.00", "I-NEW": "0.00"], unapplied: "200.00"),
        Case(name: "credit note for a paid invoice is all unapplied credit",
             invoices: [L.inv("I-1", "300.00", issued: "2026-10-01", due: "2026-11-01")],
             payments: [L.pay("P-1", "300.00", on: "2026-10-02")],
             creditNotes: [L.cn("CN-1", "50.00", on: "2026-10-03", invoice: "I-1")],
             outstanding: ["I-1": "0.00"], unapplied: "50.00"),
        Case(name: "credit note without invoiceId is applied like a payment",
             invoices: two, creditNotes: [L.cn("CN-1", "1100.00", on: "2026-10-20")],
             outstanding: ["I-OLD": "0.00", "I-NEW": "400.00"], unapplied: "0.00"),
        Case(name: "credit note without invoiceId larger than all invoices",
             invoices: two, creditNotes: [L.cn("CN-1", "1600.00", on: "2026-10-20", reason: .priceAdjustment)],
             outstanding: ["I-OLD": "0.00", "I-NEW": "0.00"], unapplied: "100.00"),
        Case(name: "credit note and payment together", invoices: two,
             payments: [L.pay("P-1", "1000.00", on: "2026-11-20")],
             creditNotes: [L.cn("CN-1", "200.00", on: "2026-10-20", invoice: "I-OLD")],
             outstanding: ["I-OLD": "0.00", "I-NEW": "300.00"], unapplied: "0.00"),

        // As of.
        Case(name: "as of before the payment", invoices: two,
             payments: [L.pay("P-1", "1200.00", on: "2026-11-20")], asOf: "2026-11-19",
             outstanding: ["I-OLD": "1000.00", "I-NEW": "500.00"], unapplied: "0.00"),
        Case(name: "as of the payment's date counts it", invoices: two,
             payments: [L.pay("P-1", "1200.00", on: "2026-11-20")], asOf: "2026-11-20",
             outstanding: ["I-OLD": "0.00", "I-NEW": "300.00"], unapplied: "0.00"),
        Case(name: "as of before an invoice leaves it out", invoices: two, asOf: "2026-10-04",
             outstanding: ["I-OLD": "1000.00"], unapplied: "0.00"),
        Case(name: "as of before the first invoice is empty", invoices: two, asOf: "2026-09-30",
             outstanding: [:], unapplied: "0.00"),
        Case(name: "as of ignores a later credit note", invoices: two,
             creditNotes: [L.cn("CN-1", "200.00", on: "2026-10-20", invoice: "I-NEW")], asOf: "2026-10-19",
             outstanding: ["I-OLD": "1000.00", "I-NEW": "500.00"], unapplied: "0.00"),
        Case(name: "as of: credit unapplied then, applied to an invoice issued after",
             invoices: [L.inv("I-1", "100.00", issued: "2026-10-01", due: "2026-11-01"),
                        L.inv("I-2", "400.00", issued: "2026-10-10", due: "2026-11-10")],
             payments: [L.pay("P-1", "250.00", on: "2026-10-05")], asOf: "2026-10-09",
             outstanding: ["I-1": "0.00"], unapplied: "150.00"),
    ])
    func replay(_ c: Case) {
        let state = LedgerAllocation.replay(
            LedgerDocuments(invoices: c.invoices, payments: c.payments, creditNotes: c.creditNotes),
            asOf: c.asOf.map(L.date))
        #expect(L.outstanding(state) == c.outstanding)
        #expect(state.unappliedCredit == L.money(c.unapplied))
        #expect(state.invoices.count == c.outstanding.count)
    }

    @Test func balanceIsInvoicedMinusPaidMinusCreditedWhateverTheAllocation() {
        let docs = LedgerDocuments(
            invoices: Self.two + [L.inv("I-3", "250.00", issued: "2026-10-10", due: "2026-12-01")],
            payments: [L.pay("P-1", "400.00", on: "2026-11-20", [("I-3", "999.00")]), L.pay("P-2", "0.01", on: "2026-11-21")],
            creditNotes: [L.cn("CN-1", "600.00", on: "2026-10-20", invoice: "I-NEW")])
        let state = LedgerAllocation.replay(docs)
        // 1750.00 − 400.01 − 600.00 = 749.99
        #expect(state.outstanding - state.unappliedCredit == L.money("749.99"))
        // CN-1's excess (100.00) stays unapplied credit (SPEC: "excess → unapplied credit"); P-1's 999.00 to
        // I-3 is capped at the payment (400.00) and at I-3's outstanding (250.00); 150.00 + 0.01 go oldest first.
        #expect(L.outstanding(state) == ["I-OLD": "849.99", "I-NEW": "0.00", "I-3": "0.00"])
        #expect(state.unappliedCredit == L.money("100.00"))
    }

    @Test func openInvoicesAndOverdue() {
        let state = LedgerAllocation.replay(LedgerDocuments(
            invoices: Self.two + [L.inv("I-PAID", "10.00", issued: "2026-09-01", due: "2026-09-30")],
            payments: [L.pay("P-1", "10.00", on: "2026-10-01", [("I-PAID", "10.00")])]))
        #expect(state.openInvoices.map(\.invoiceId) == ["I-OLD", "I-NEW"])
        #expect(state.outstanding == L.money("1500.00"))
        #expect(state.overdue(on: L.date("2026-11-01")) == .zero)
        #expect(state.overdue(on: L.date("2026-11-02")) == L.money("1000.00"))
        #expect(state.overdue(on: L.date("2026-11-16")) == L.money("1500.00"))
    }

    @Test func invoiceBalanceKeepsTheInvoicesFacts() throws {
        let state = LedgerAllocation.replay(LedgerDocuments(
            invoices: [L.inv("I-1", "1200.50", issued: "2026-10-01", due: "2026-10-31", order: "O-1")],
            payments: [L.pay("P-1", "200.25", on: "2026-10-05")]))
        let invoice = try #require(state.invoices.first)
        #expect(invoice == InvoiceBalance(invoiceId: "I-1", orderId: "O-1", amount: L.money("1200.50"),
                                          issuedOn: L.date("2026-10-01"), dueDate: L.date("2026-10-31"),
                                          outstanding: L.money("1000.25")))
    }
}
