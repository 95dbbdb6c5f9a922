import Contracts
import Testing
@testable import Receivables

/// The collection worklist's order: overdue ruble-days × (1 + 0.5 × dunning level) ×
/// (1 + 0.5 × share paid late), then amount, age and clientId.
@Suite struct CollectionPriorityTests {
    static let day = L.date("2026-11-30")

    static func open(_ id: String, _ amount: String, daysOverdue: Int) -> InvoiceBalance {
        let due = day.adding(days: -daysOverdue)
        return InvoiceBalance(invoiceId: id, orderId: nil, amount: L.money(amount), issuedOn: due.adding(days: -30), dueDate: due,
                              outstanding: L.money(amount))
    }

    static func discipline(onTime: String?, late: String? = nil) -> PaymentDiscipline {
        PaymentDiscipline(asOf: day, windowDays: 365, settledInvoices: onTime == nil ? 0 : 4, paidOnTime: 2,
                          averageDaysLate: late.map { try! Decimal2(parsing: $0) }, shareOnTimePct: onTime.map { try! Percent(parsing: $0) },
                          dso: nil, outstanding: .zero, invoicedLast90Days: .zero)
    }

    static let cases = [
        CollectionCase(clientId: "C-A", kamId: "kam-1", openInvoices: [open("I-A", "100000.00", daysOverdue: 30)], dunningLevel: 0,
                       discipline: discipline(onTime: nil)),
        CollectionCase(clientId: "C-B", kamId: "kam-1", openInvoices: [open("I-B", "50000.00", daysOverdue: 40)], dunningLevel: 2,
                       discipline: discipline(onTime: "50.00", late: "12.50")),
        CollectionCase(clientId: "C-C", kamId: "kam-2", openInvoices: [open("I-C1", "200000.00", daysOverdue: 5),
                                                                       open("I-C2", "10000.00", daysOverdue: 60),
                                                                       open("I-C3", "99999.00", daysOverdue: 0)],
                       dunningLevel: 1, discipline: discipline(onTime: "100.00")),
        CollectionCase(clientId: "C-D", kamId: nil, openInvoices: [open("I-D", "60000.00", daysOverdue: 50)], dunningLevel: 0,
                       discipline: nil),
        CollectionCase(clientId: "C-E", kamId: "kam-2", openInvoices: [open("I-E", "999999.00", daysOverdue: 0)], dunningLevel: 0,
                       discipline: nil),
    ]

    @Test func exactPrioritiesAndOrder() throws {
        let list = CollectionPriority.worklist(Self.cases, asOf: Self.day)
        // B: 2 000 000 ruble-days × 2.00 × 1.25; A and D: 3 000 000 × 1 (A owes more); C: 1 600 000 × 1.50 × 1.00.
        #expect(list.map(\.clientId) == ["C-B", "C-A", "C-D", "C-C"])
        #expect(list.map(\.priority) == [5_000_000, 3_000_000, 3_000_000, 2_400_000])
        let b = try #require(list.first)
        #expect(b.inputs == CollectionInputs(overdueAmount: L.money("50000.00"), overdueInvoices: 1, oldestDaysOverdue: 40,
                                             overdueRubleDays: 2_000_000, dunningLevel: 2, levelWeight: Decimal2(hundredths: 200),
                                             shareOnTimePct: Percent(hundredths: 5000), averageDaysLate: Decimal2(hundredths: 1250),
                                             riskWeight: Decimal2(hundredths: 125)))
        #expect(b.reason == "50000.00 overdue on 1 invoice, the oldest 40 days (2000000 ruble-days); dunning level 2 ×2.00; "
                + "50.00 % of settled invoices paid on time ×1.25: priority 5000000")
        let c = try #require(list.last)
        #expect(c.inputs.overdueAmount == L.money("210000.00"))
        #expect(c.inputs.overdueInvoices == 2)
        #expect(c.inputs.oldestDaysOverdue == 60)
        #expect(c.reason.hasPrefix("210000.00 overdue on 2 invoices, the oldest 60 days (1600000 ruble-days); dunning level 1 ×1.50; "))
        #expect(list[2].reason.contains("no settled invoices yet ×1.00"))
    }

    @Test func nothingOverdueIsNotOnTheList() {
        #expect(CollectionPriority.entry(Self.cases[4], asOf: Self.day) == nil)
        #expect(CollectionPriority.entry(Self.cases[4], asOf: Self.day.adding(days: 1))?.priority == 999_999)
    }

    @Test func rubleDaysRoundDownFromKopecks() throws {
        let c = CollectionCase(clientId: "C-1", kamId: nil, openInvoices: [Self.open("I-1", "1000.99", daysOverdue: 3),
                                                                           Self.open("I-2", "0.50", daysOverdue: 1)],
                               dunningLevel: 3, discipline: Self.discipline(onTime: "0.00"))
        let e = try #require(CollectionPriority.entry(c, asOf: Self.day))
        // 300 297 + 50 kopeck-days → 3003 ruble-days; × 2.50 × 1.50 → 11 261.25 → 11 261.
        #expect(e.inputs.overdueRubleDays == 3003)
        #expect(e.inputs.riskWeight == Decimal2(hundredths: 150))
        #expect(e.priority == 11_261)
    }

    @Test func aHigherLevelWinsAtEqualDebt() {
        var high = Self.cases[0]
        high.clientId = "C-Z"
        high.dunningLevel = 1
        #expect(CollectionPriority.worklist([Self.cases[0], high], asOf: Self.day).map(\.clientId) == ["C-Z", "C-A"])
    }
}
