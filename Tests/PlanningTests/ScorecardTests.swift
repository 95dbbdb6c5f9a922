import Contracts
import Foundation
import Testing
@testable import Planning

private func money(_ text: String) -> Money { try! Money(parsing: text) }
private func pct(_ text: String?) -> Percent? { text.map { try! Percent(parsing: $0) } }

/// SPEC 5.4 scorecard: fulfilment % to 2 decimals, growth, returns share.
@Suite struct ScorecardTests {
    static let month = try! YearMonth(parsing: "2026-11")

    static func actuals(turnover: String = "0.00", invoiced: String = "0.00", returns: String = "0.00",
                        active: Int = 0, new: Int = 0, held: Int = 0, rejected: Int = 0) -> MonthActuals {
        MonthActuals(turnover: money(turnover), invoiced: money(invoiced), returns: money(returns),
                     activeClients: active, newClients: new, heldOrders: held, rejectedOrders: rejected)
    }

    static func card(_ actuals: MonthActuals, plan: MonthlyPlan? = nil, previous: String = "0.00",
                     lastYear: String = "0.00") -> Scorecard {
        ScorecardRules.scorecard(kamId: "kam-ivanova", month: month, actuals: actuals, plan: plan,
                                 previousTurnover: money(previous), lastYearTurnover: money(lastYear))
    }

    @Test(arguments: [
        ("1.00", "9.00", "11.11"),
        ("100000.00", "100000.00", "100.00"),
        ("125000.00", "100000.00", "125.00"),
        ("2.00", "3.00", "66.67"),
        ("0.00", "100000.00", "0.00"),
        ("99999.99", "100000.00", "100.00"),   // 99.99999 rounds up
        ("99994.99", "100000.00", "99.99"),    // 99.99499
        ("99995.00", "100000.00", "100.00"),   // 99.995: half up
        ("-500.00", "100000.00", "-0.50"),     // credit notes exceed invoices
        ("1.00", "0.00", nil),                 // target 0: undefined
    ] as [(String, String, String?)])
    func turnoverFulfilment(actual: String, target: String, expected: String?) {
        let c = Self.card(Self.actuals(turnover: actual),
                          plan: MonthlyPlan(turnoverTarget: money(target), activeClientsTarget: 1, newClientsTarget: 1))
        #expect(c.turnover.actual == money(actual))
        #expect(c.turnover.target == money(target))
        #expect(c.turnover.fulfilmentPct == pct(expected))
        #expect(c.turnover.fulfilmentPct?.description == expected)
    }

    @Test(arguments: [
        (1, 9, "11.11"),
        (2, 3, "66.67"),
        (12, 12, "100.00"),
        (13, 12, "108.33"),
        (0, 5, "0.00"),
        (1, 8, "12.50"),
        (3, 0, nil),
        (0, 0, nil),
    ] as [(Int, Int, String?)])
    func countFulfilment(actual: Int, target: Int, expected: String?) {
        let c = Self.card(Self.actuals(active: actual, new: actual),
                          plan: MonthlyPlan(turnoverTarget: money("1.00"), activeClientsTarget: target, newClientsTarget: target))
        #expect(c.activeClients == Measure(actual: actual, target: target, fulfilmentPct: pct(expected)))
        #expect(c.newClients == Measure(actual: actual, target: target, fulfilmentPct: pct(expected)))
    }

    @Test func noPlanMeansNoTargetsAndNoFulfilment() {
        let c = Self.card(Self.actuals(turnover: "5000.00", active: 3, new: 1))
        #expect(c.turnover == Measure(actual: money("5000.00"), target: nil, fulfilmentPct: nil))
        #expect(c.activeClients == Measure(actual: 3, target: nil, fulfilmentPct: nil))
        #expect(c.newClients == Measure(actual: 1, target: nil, fulfilmentPct: nil))
    }

    @Test(arguments: [
        ("110.00", "100.00", "10.00"),
        ("100.00", "100.00", "0.00"),
        ("400.00", "300.00", "33.33"),
        ("200.00", "300.00", "-33.33"),
        ("100.00", "300.00", "-66.67"),    // −66.666…: half away from zero
        ("0.00", "100.00", "-100.00"),
        ("250000.00", "100000.00", "150.00"),
        ("100.01", "100.00", "0.01"),
        ("100.00", "0.00", nil),           // no base
        ("0.00", "0.00", nil),
        ("100.00", "-50.00", nil),         // negative base (returns exceeded invoices): undefined
    ] as [(String, String, String?)])
    func growth(now: String, base: String, expected: String?) {
        let vsPrevious = Self.card(Self.actuals(turnover: now), previous: base, lastYear: "1.00")
        #expect(vsPrevious.growth.vsPreviousMonthPct == pct(expected))
        let vsLastYear = Self.card(Self.actuals(turnover: now), previous: "1.00", lastYear: base)
        #expect(vsLastYear.growth.vsSameMonthLastYearPct == pct(expected))
    }

    @Test func growthVsPreviousAndLastYearAreIndependent() {
        let c = Self.card(Self.actuals(turnover: "120000.00"), previous: "100000.00", lastYear: "80000.00")
        #expect(c.growth == Growth(vsPreviousMonthPct: pct("20.00"), vsSameMonthLastYearPct: pct("50.00")))
    }

    @Test(arguments: [
        ("50.00", "1000.00", "5.00"),
        ("1.00", "3.00", "33.33"),
        ("0.00", "1000.00", "0.00"),
        ("1000.00", "1000.00", "100.00"),
        ("0.01", "1000.00", "0.00"),       // 0.001 %
        ("0.05", "1000.00", "0.01"),       // 0.005 %: half up
        ("10.00", "0.00", nil),            // nothing invoiced
    ] as [(String, String, String?)])
    func returnsShare(returns: String, invoiced: String, expected: String?) {
        let c = Self.card(Self.actuals(invoiced: invoiced, returns: returns))
        #expect(c.returnsSharePct == pct(expected))
    }

    @Test func countsAndIdentityPassThrough() {
        let c = Self.card(Self.actuals(held: 4, rejected: 2))
        #expect(c.kamId == "kam-ivanova")
        #expect(c.month == Self.month)
        #expect(c.heldOrders == 4)
        #expect(c.rejectedOrders == 2)
    }

    @Test func jsonWithAPlan() throws {
        let c = Self.card(Self.actuals(turnover: "1.00", invoiced: "1.00", active: 1, new: 0),
                          plan: MonthlyPlan(turnoverTarget: money("9.00"), activeClientsTarget: 9, newClientsTarget: 2),
                          previous: "2.00", lastYear: "0.50")
        let json = String(decoding: try WireJSON.encoder().encode(c), as: UTF8.self)
        #expect(json == """
            {"activeClients":{"actual":1,"fulfilmentPct":"11.11","target":9},"bonus":{"inputs":{"activeClients":\
            {"countedPct":"11.11","fulfilmentPct":"11.11","points":"1.11","weightPct":"10.00"},\
            "formula":"\(BonusRules.formula(.standard))","maximumPct":"60.00","newClients":{"countedPct":"0.00",\
            "fulfilmentPct":"0.00","points":"0.00","weightPct":"10.00"},"overdue":{"perPct":"1.00","points":"0.00",\
            "sharePct":null,"tolerancePct":"5.00"},"returns":{"perPct":"1.00","points":"0.00","sharePct":"0.00",\
            "tolerancePct":"2.00"},"turnover":{"countedPct":"11.11","fulfilmentPct":"11.11","points":"3.33","weightPct":"30.00"},\
            "uncappedPct":"4.44"},"percentOfSalary":"4.44"},"growth":{"vsPreviousMonthPct":"-50.00",\
            "vsSameMonthLastYearPct":"100.00"},"heldOrders":0,"kamId":"kam-ivanova","month":"2026-11",\
            "newClients":{"actual":0,"fulfilmentPct":"0.00","target":2},"overdueSharePct":null,"rejectedOrders":0,\
            "returnsSharePct":"0.00","turnover":{"actual":"1.00","fulfilmentPct":"11.11","target":"9.00"}}
            """)
    }

    @Test func undefinedPercentagesAreJsonNull() throws {
        // SPEC 5.4: "null where undefined (no target, no previous month)".
        let c = Self.card(Self.actuals(turnover: "100.00"))
        let data = try WireJSON.encoder().encode(c)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let turnover = try #require(object["turnover"] as? [String: Any])
        let growth = try #require(object["growth"] as? [String: Any])
        #expect(turnover["target"] is NSNull)
        #expect(turnover["fulfilmentPct"] is NSNull)
        #expect(growth["vsPreviousMonthPct"] is NSNull)
        #expect(growth["vsSameMonthLastYearPct"] is NSNull)
        #expect(object["returnsSharePct"] is NSNull)
        #expect(object["overdueSharePct"] is NSNull)
        let bonus = try #require(object["bonus"] as? [String: Any])
        #expect(bonus["percentOfSalary"] is NSNull)
        #expect((bonus["inputs"] as? [String: Any])?["uncappedPct"] is NSNull)
    }
}
