import Contracts
import Testing
@testable import Credit

/// A batch's checks of one client are decided in arrival order, each seeing the reservations
/// approved before it (SPEC 5.2 step 4: one at a time).
@Suite struct SequentialChecksTests {
    static let day = K.date("2026-11-30")

    static func check(_ id: String, _ total: String, ended: Bool = false, invoiced: String = "0.00") -> SequentialChecks.Check {
        SequentialChecks.Check(orderId: id, total: K.money(total), orderDate: day, ended: ended, invoiced: K.money(invoiced))
    }

    @Test("ten orders of 190.00 on a limit of 1000.00: the first five pass, each seeing those before it; the rest are held")
    func eachSeesTheOnesBefore() {
        let checks = (1...10).map { Self.check("O-\($0)", "190.00") }
        let (decisions, after) = SequentialChecks.decide(checks, position: K.position(limit: "1000.00"), openInvoices: [], graceDays: 0)
        #expect(decisions.map(\.outcome) == Array(repeating: .approved, count: 5) + Array(repeating: .held, count: 5))
        #expect(decisions.map(\.exposure.description) == ["0.00", "190.00", "380.00", "570.00", "760.00",
                                                           "950.00", "950.00", "950.00", "950.00", "950.00"])
        #expect(decisions.prefix(5).allSatisfy { $0.reserved == K.money("190.00") })
        #expect(decisions.suffix(5).allSatisfy { $0.reserved == .zero && $0.reasons.map(\.code) == ["CREDIT_LIMIT_EXCEEDED"] })
        #expect(after.openOrders == K.money("950.00"))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let first: SequentialChecks.Check
        let reserved: String
        let second: CreditOutcome
        var testDescription: String { name }
    }

    /// Limit 1000.00; a first order of 600.00, then a second of 500.00.
    @Test(arguments: [
        Case(name: "the first reserves its total: the second is held", first: check("O-1", "600.00"), reserved: "600.00", second: .held),
        Case(name: "an order the ERP already cancelled reserves nothing", first: check("O-1", "600.00", ended: true),
             reserved: "0.00", second: .approved),
        Case(name: "what is already invoiced counts as receivables, not twice", first: check("O-1", "600.00", invoiced: "200.00"),
             reserved: "400.00", second: .approved),
        Case(name: "invoiced beyond the total reserves nothing", first: check("O-1", "600.00", invoiced: "700.00"),
             reserved: "0.00", second: .approved),
    ])
    func reservations(_ c: Case) {
        let (decisions, _) = SequentialChecks.decide([c.first, Self.check("O-2", "500.00")], position: K.position(limit: "1000.00"),
                                                     openInvoices: [], graceDays: 0)
        #expect(decisions[0].outcome == .approved)
        #expect(decisions[0].reserved == K.money(c.reserved))
        #expect(decisions[1].outcome == c.second)
    }

    @Test("an overdue invoice holds every check of the batch, and held checks reserve nothing")
    func overdueHoldsAll() {
        let late = K.invoice("INV-1", "100.00", due: "2026-11-01")
        let (decisions, after) = SequentialChecks.decide([Self.check("O-1", "10.00"), Self.check("O-2", "10.00")],
                                                         position: K.position(limit: "1000.00", balance: "100.00"),
                                                         openInvoices: [late], graceDays: 0)
        #expect(decisions.map(\.outcome) == [.held, .held])
        #expect(decisions.allSatisfy { $0.reasons.map(\.code) == ["OVERDUE_RECEIVABLES"] })
        #expect(after.openOrders == .zero)
    }
}
