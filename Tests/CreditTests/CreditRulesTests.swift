import Contracts
import Testing
@testable import Credit

private func money(_ text: String) -> Money { try! Money(parsing: text) }

/// SPEC 5.2 step 4: exposure = receivables balance (open invoices − unapplied credit) + open orders;
/// exposure + order total > limit → held CREDIT_LIMIT_EXCEEDED; equal passes; a limit of 0 is no credit.
@Suite struct CreditRulesTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let limit: String
        let balance: String
        let openOrders: String
        let total: String
        let outcome: CreditOutcome
        var testDescription: String { name }
    }

    @Test(arguments: [
        Case(name: "well within the limit", limit: "500000.00", balance: "100000.00", openOrders: "50000.00",
             total: "3800.00", outcome: .approved),
        Case(name: "exactly at the limit passes", limit: "500000.00", balance: "300000.00", openOrders: "100000.00",
             total: "100000.00", outcome: .approved),
        Case(name: "one kopeck over the limit is held", limit: "500000.00", balance: "300000.00", openOrders: "100000.00",
             total: "100000.01", outcome: .held),
        Case(name: "open orders alone fill the limit", limit: "1000.00", balance: "0.00", openOrders: "1000.00",
             total: "0.01", outcome: .held),
        Case(name: "receivables alone fill the limit", limit: "1000.00", balance: "1000.00", openOrders: "0.00",
             total: "0.01", outcome: .held),
        Case(name: "limit 0 holds any positive order", limit: "0.00", balance: "0.00", openOrders: "0.00",
             total: "0.01", outcome: .held),
        Case(name: "limit 0 holds the SPEC example order", limit: "0.00", balance: "0.00", openOrders: "0.00",
             total: "3800.00", outcome: .held),
        Case(name: "limit 0 and a zero order", limit: "0.00", balance: "0.00", openOrders: "0.00",
             total: "0.00", outcome: .approved),
        Case(name: "unapplied credit raises availability (equal)", limit: "1000.00", balance: "-500.00", openOrders: "0.00",
             total: "1500.00", outcome: .approved),
        Case(name: "unapplied credit raises availability (over by a kopeck)", limit: "1000.00", balance: "-500.00",
             openOrders: "0.00", total: "1500.01", outcome: .held),
        Case(name: "unapplied credit offsets open orders", limit: "1000.00", balance: "-300.00", openOrders: "800.00",
             total: "500.00", outcome: .approved),
        Case(name: "already over the limit before the order", limit: "1000.00", balance: "1200.00", openOrders: "0.00",
             total: "1.00", outcome: .held),
    ])
    func limit(_ c: Case) {
        let position = CreditPosition(creditLimit: money(c.limit), receivablesBalance: money(c.balance),
                                      openOrders: money(c.openOrders))
        let (outcome, reasons) = CreditRules.check(orderTotal: money(c.total), position: position)
        #expect(outcome == c.outcome)
        #expect(reasons.map(\.code) == (c.outcome == .held ? ["CREDIT_LIMIT_EXCEEDED"] : []))
    }

    @Test func heldReasonStatesTheArithmetic() {
        let position = CreditPosition(creditLimit: money("500000.00"), receivablesBalance: money("300000.00"),
                                      openOrders: money("100000.00"))
        let (_, reasons) = CreditRules.check(orderTotal: money("100000.01"), position: position)
        #expect(reasons == [Reason(code: "CREDIT_LIMIT_EXCEEDED", message:
            "exposure 400000.00 + order 100000.01 = 500000.01 exceeds the credit limit 500000.00")])
    }

    struct PositionCase: Sendable, CustomTestStringConvertible {
        let limit: String
        let balance: String
        let openOrders: String
        let openReceivables: String
        let unappliedCredit: String
        let exposure: String
        let available: String
        var testDescription: String { "limit \(limit), balance \(balance), open orders \(openOrders)" }
    }

    @Test(arguments: [
        PositionCase(limit: "500000.00", balance: "1234.56", openOrders: "100.00",
                     openReceivables: "1234.56", unappliedCredit: "0.00", exposure: "1334.56", available: "498665.44"),
        PositionCase(limit: "1000.00", balance: "-200.00", openOrders: "0.00",
                     openReceivables: "0.00", unappliedCredit: "200.00", exposure: "-200.00", available: "1200.00"),
        PositionCase(limit: "1000.00", balance: "-200.00", openOrders: "350.50",
                     openReceivables: "0.00", unappliedCredit: "200.00", exposure: "150.50", available: "849.50"),
        PositionCase(limit: "0.00", balance: "0.00", openOrders: "0.00",
                     openReceivables: "0.00", unappliedCredit: "0.00", exposure: "0.00", available: "0.00"),
        PositionCase(limit: "1000.00", balance: "999.99", openOrders: "0.02",
                     openReceivables: "999.99", unappliedCredit: "0.00", exposure: "1000.01", available: "-0.01"),
        PositionCase(limit: "0.00", balance: "-0.01", openOrders: "0.00",
                     openReceivables: "0.00", unappliedCredit: "0.01", exposure: "-0.01", available: "0.01"),
    ])
    func position(_ c: PositionCase) {
        let p = CreditPosition(creditLimit: money(c.limit), receivablesBalance: money(c.balance), openOrders: money(c.openOrders))
        #expect(p.openReceivables == money(c.openReceivables))
        #expect(p.unappliedCredit == money(c.unappliedCredit))
        #expect(p.exposure == money(c.exposure))
        #expect(p.available == money(c.available))
        // The split is exact: what is owed minus the credit is the balance.
        #expect(p.openReceivables - p.unappliedCredit == p.receivablesBalance)
    }

    @Test func twoOrdersThatEachFitButNotTogether() {
        // SPEC 5.2 step 4: once the first is approved it counts as an open order for the second.
        let before = CreditPosition(creditLimit: money("1000.00"), receivablesBalance: money("200.00"), openOrders: .zero)
        #expect(CreditRules.check(orderTotal: money("500.00"), position: before).0 == .approved)
        let after = CreditPosition(creditLimit: money("1000.00"), receivablesBalance: money("200.00"), openOrders: money("500.00"))
        #expect(CreditRules.check(orderTotal: money("500.00"), position: after).0 == .held)
        #expect(CreditRules.check(orderTotal: money("300.00"), position: after).0 == .approved)
    }
}
