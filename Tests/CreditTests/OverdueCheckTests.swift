import Contracts
import Testing
@testable import Credit

/// SPEC 5.2 step 4: an invoice with outstanding > 0 whose dueDate + grace days is before the
/// order's business date holds the order OVERDUE_RECEIVABLES; with the limit both can apply.
@Suite struct OverdueCheckTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let due: String
        let outstanding: String
        let orderDate: String
        let grace: Int
        let overdue: Bool
        var testDescription: String { name }
    }

    @Test(arguments: [
        Case(name: "due on the order's date is not overdue", due: "2026-11-30", outstanding: "100.00", orderDate: "2026-11-30", grace: 0, overdue: false),
        Case(name: "due the day before is overdue", due: "2026-11-29", outstanding: "100.00", orderDate: "2026-11-30", grace: 0, overdue: true),
        Case(name: "due the day after is not overdue", due: "2026-12-01", outstanding: "100.00", orderDate: "2026-11-30", grace: 0, overdue: false),
        Case(name: "one kopeck owed is enough", due: "2026-11-01", outstanding: "0.01", orderDate: "2026-11-30", grace: 0, overdue: true),
        Case(name: "nothing owed is never overdue", due: "2026-11-01", outstanding: "0.00", orderDate: "2026-11-30", grace: 0, overdue: false),
        Case(name: "grace 3: due + 3 on the order's date is not overdue", due: "2026-11-27", outstanding: "100.00", orderDate: "2026-11-30", grace: 3, overdue: false),
        Case(name: "grace 3: due + 4 on the order's date is overdue", due: "2026-11-26", outstanding: "100.00", orderDate: "2026-11-30", grace: 3, overdue: true),
        Case(name: "grace across a month end", due: "2026-10-31", outstanding: "100.00", orderDate: "2026-11-05", grace: 5, overdue: false),
        Case(name: "grace across a month end, a day later", due: "2026-10-31", outstanding: "100.00", orderDate: "2026-11-06", grace: 5, overdue: true),
    ])
    func boundaries(_ c: Case) {
        let invoices = [K.invoice("INV-1", c.outstanding, due: c.due)]
        let terms = OverdueTerms(openInvoices: invoices, orderDate: K.date(c.orderDate), graceDays: c.grace)
        let (outcome, reasons) = CreditRules.check(orderTotal: K.money("1.00"), position: K.position(limit: "1000000.00"), overdue: terms)
        #expect(outcome == (c.overdue ? .held : .approved))
        #expect(reasons.map(\.code) == (c.overdue ? ["OVERDUE_RECEIVABLES"] : []))
        #expect(CreditRules.overdueInvoices(invoices, on: K.date(c.orderDate), graceDays: c.grace).count == (c.overdue ? 1 : 0))
    }

    @Test func theReasonNamesTheAmountTheInvoicesAndTheirDays() {
        let terms = OverdueTerms(openInvoices: [
            K.invoice("INV-2", "500.50", due: "2026-11-20"),
            K.invoice("INV-1", "1000.00", due: "2026-11-10"),
            K.invoice("INV-3", "70.00", due: "2026-12-10"),
        ], orderDate: K.date("2026-11-30"), graceDays: 0)
        let (_, reasons) = CreditRules.check(orderTotal: K.money("1.00"), position: K.position(limit: "1000000.00"), overdue: terms)
        #expect(reasons == [Reason(code: "OVERDUE_RECEIVABLES", message:
            "overdue receivables 1500.50 on 2026-11-30: INV-1 1000.00 due 2026-11-10 (20 days), INV-2 500.50 due 2026-11-20 (10 days)")])
    }

    @Test func theReasonMentionsTheGraceAndCutsLongLists() {
        let invoices = (1...7).map { K.invoice("INV-\($0)", "10.00", due: "2026-11-0\($0)") }
        let terms = OverdueTerms(openInvoices: invoices, orderDate: K.date("2026-11-30"), graceDays: 2)
        let reason = CreditRules.overdueReason(terms)
        #expect(reason?.message == "overdue receivables 70.00 on 2026-11-30 beyond 2 grace days: "
                + "INV-1 10.00 due 2026-11-01 (29 days), INV-2 10.00 due 2026-11-02 (28 days), INV-3 10.00 due 2026-11-03 (27 days), "
                + "INV-4 10.00 due 2026-11-04 (26 days), INV-5 10.00 due 2026-11-05 (25 days), and 2 more")
    }

    struct Both: Sendable, CustomTestStringConvertible {
        let name: String
        let total: String
        let due: String
        let codes: [String]
        var testDescription: String { name }
    }

    // Limit 1000.00, exposure 600.00 (an invoice of 600.00 still owed).
    @Test(arguments: [
        Both(name: "fits, not due", total: "400.00", due: "2026-12-15", codes: []),
        Both(name: "limit equal passes, not due", total: "400.00", due: "2026-11-30", codes: []),
        Both(name: "0.01 over the limit, not due", total: "400.01", due: "2026-11-30", codes: ["CREDIT_LIMIT_EXCEEDED"]),
        Both(name: "fits, overdue", total: "400.00", due: "2026-11-29", codes: ["OVERDUE_RECEIVABLES"]),
        Both(name: "over the limit and overdue: limit first", total: "400.01", due: "2026-11-29",
             codes: ["CREDIT_LIMIT_EXCEEDED", "OVERDUE_RECEIVABLES"]),
    ])
    func limitAndOverdueTogether(_ c: Both) {
        let terms = OverdueTerms(openInvoices: [K.invoice("INV-1", "600.00", due: c.due)], orderDate: K.date("2026-11-30"), graceDays: 0)
        let (outcome, reasons) = CreditRules.check(orderTotal: K.money(c.total), position: K.position(limit: "1000.00", balance: "600.00"),
                                                   overdue: terms)
        #expect(reasons.map(\.code) == c.codes)
        #expect(outcome == (c.codes.isEmpty ? .approved : .held))
    }

    @Test func withoutOpenItemsOnlyTheLimitCounts() {
        let terms = OverdueTerms(openInvoices: [], orderDate: K.date("2026-11-30"), graceDays: 0)
        #expect(CreditRules.check(orderTotal: K.money("10.00"), position: K.position(limit: "10.00"), overdue: terms).0 == .approved)
    }
}
