import Contracts
import Testing
@testable import Receivables

/// SPEC 5.3: days overdue on D = D − dueDate when positive and outstanding > 0, else 0.
@Suite struct InvoiceBalanceTests {
    static func invoice(due: String, outstanding: String) -> InvoiceBalance {
        InvoiceBalance(invoiceId: "I-1", orderId: nil, amount: L.money("1000.00"), issuedOn: L.date("2026-09-01"),
                       dueDate: L.date(due), outstanding: L.money(outstanding))
    }

    @Test(arguments: [
        ("2026-11-30", "1000.00", "2026-11-01", 0),   // not yet due
        ("2026-11-30", "1000.00", "2026-11-29", 0),
        ("2026-11-30", "1000.00", "2026-11-30", 0),   // due today
        ("2026-11-30", "1000.00", "2026-12-01", 1),
        ("2026-11-30", "1000.00", "2026-12-30", 30),
        ("2026-11-30", "1000.00", "2026-12-31", 31),
        ("2026-11-30", "1000.00", "2027-01-01", 32),  // across a year end
        ("2026-11-30", "1000.00", "2027-03-01", 91),
        ("2028-02-28", "1000.00", "2028-03-01", 2),   // leap day
        ("2027-02-28", "1000.00", "2027-03-01", 1),
        ("2026-11-30", "0.01", "2026-12-30", 30),     // a kopeck still counts
        ("2026-11-30", "0.00", "2026-12-30", 0),      // paid: never overdue
        ("2026-11-30", "-5.00", "2026-12-30", 0),
    ] as [(String, String, String, Int)])
    func daysOverdue(due: String, outstanding: String, on date: String, expected: Int) {
        #expect(Self.invoice(due: due, outstanding: outstanding).daysOverdue(on: L.date(date)) == expected)
    }

    @Test func daysOverdueFollowsTheReplayedOutstanding() throws {
        let docs = LedgerDocuments(
            invoices: [L.inv("I-1", "100.00", issued: "2026-10-01", due: "2026-10-31")],
            payments: [L.pay("P-1", "100.00", on: "2026-11-10")])
        let before = try #require(LedgerAllocation.replay(docs, asOf: L.date("2026-11-09")).invoices.first)
        #expect(before.daysOverdue(on: L.date("2026-11-09")) == 9)
        let after = try #require(LedgerAllocation.replay(docs, asOf: L.date("2026-11-10")).invoices.first)
        #expect(after.daysOverdue(on: L.date("2026-11-10")) == 0)
    }
}
