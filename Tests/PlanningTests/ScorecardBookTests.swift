import Contracts
import Foundation
import Testing
@testable import Planning

/// Exact scorecards for a crafted November 2026: a client reassigned mid-month, growth with
/// and without a previous year, the overdue share from receivables' snapshots, and the bonus.
@Suite struct ScorecardBookTests {
    static let lastYear = P.inv("INV-LY", "C-1", "2025-11-14", "2500.00")   // before C-1's first upsert: ivanova's

    static let snapshots = [
        // C-1 is petrov's on November 30th: 200.00 of 700.00 past due.
        P.snapshot("C-1", version: 4, asOf: "2026-11-21", [
            P.open("INV-1", "200.00", issued: "2026-11-02", due: "2026-11-20"),
            P.open("INV-2", "500.00", issued: "2026-11-16", due: "2026-12-16"),
        ]),
        // C-2 (ivanova): version 2 of November 30th counts, not the older one nor December's.
        P.snapshot("C-2", version: 1, asOf: "2026-11-15", [P.open("INV-X", "9999.00", issued: "2026-10-01", due: "2026-10-30")]),
        P.snapshot("C-2", version: 2, asOf: "2026-11-30", [
            P.open("INV-X", "1000.00", issued: "2026-10-30", due: "2026-11-29"),
            P.open("INV-3", "2000.00", issued: "2026-11-30", due: "2026-12-30"),
        ]),
        P.snapshot("C-2", version: 3, asOf: "2026-12-05", []),
    ]

    static func facts(_ month: String, today: String, plans: [String: MonthlyPlan] = [:]) -> ScorecardFacts {
        let m = P.month(month)
        let date = ScorecardBook.overdueDate(month: m, today: P.date(today))
        return ScorecardFacts(
            month: m, overdueDate: date, cards: [
                P.card("C-1", "kam-ivanova", on: "2026-01-10"),
                P.card("C-1", "kam-petrov", on: "2026-11-16"),
                P.card("C-2", "kam-ivanova", on: "2026-02-01", tier: .b),
                P.card("C-3", "kam-petrov", on: "2026-11-05", tier: .c),
                P.card("C-4", "kam-ivanova", on: "2026-11-20"),
            ],
            documents: ActualsRulesTests.documents + [lastYear], firstInvoices: ActualsRulesTests.firsts,
            outcomes: ActualsRulesTests.outcomes,
            // The store hands over each client's latest snapshot on or before the day; the rules pick it themselves too.
            snapshots: date.map { d in snapshots.filter { $0.asOf <= d } } ?? [],
            plans: plans)
    }

    static let ivanovaPlan = P.plan("4000.00", active: 4, new: 1)

    @Test func runningMonthWithAPlan() throws {
        let book = ScorecardBook(Self.facts("2026-11", today: "2026-11-30", plans: ["kam-ivanova": Self.ivanovaPlan]))
        let c = book.scorecard("kam-ivanova", policy: .standard)
        #expect(c.turnover == Measure(actual: P.money("3620.00"), target: P.money("4000.00"), fulfilmentPct: P.pct("90.50")))
        #expect(c.activeClients == Measure(actual: 3, target: 4, fulfilmentPct: P.pct("75.00")))
        #expect(c.newClients == Measure(actual: 1, target: 1, fulfilmentPct: P.pct("100.00")))
        // October 400.00 (INV-0); November 2025 2500.00 (INV-LY).
        #expect(c.growth == Growth(vsPreviousMonthPct: P.pct("805.00"), vsSameMonthLastYearPct: P.pct("44.80")))
        #expect(c.overdueSharePct == P.pct("33.33"))      // 1000.00 of 3000.00
        #expect(c.returnsSharePct == P.pct("0.81"))       // 30.00 of 3700.00
        #expect(c.heldOrders == 1)
        #expect(c.rejectedOrders == 1)
        // 30 × 0.905 + 10 × 0.75 + 10 × 1.00 − (33.33 − 5.00) − 0 = 27.15 + 7.50 + 10.00 − 28.33
        #expect(c.bonus.percentOfSalary == P.pct("16.32"))
        #expect(c.bonus.inputs.turnover.points?.description == "27.15")
        #expect(c.bonus.inputs.activeClients.points?.description == "7.50")
        #expect(c.bonus.inputs.newClients.points?.description == "10.00")
        #expect(c.bonus.inputs.overdue.points.description == "-28.33")
        #expect(c.bonus.inputs.returns.points.description == "0.00")
        #expect(c.bonus.inputs.uncappedPct == P.pct("16.32"))
    }

    @Test func theReassignedClientsDebtIsItsNewKams() {
        let book = ScorecardBook(Self.facts("2026-11", today: "2026-11-30"))
        let c = book.scorecard("kam-petrov", policy: .standard)
        #expect(c.turnover == Measure(actual: P.money("700.00"), target: nil, fulfilmentPct: nil))
        #expect(c.activeClients.actual == 2)
        #expect(c.newClients.actual == 1)
        // No October and no November 2025 for petrov: growth undefined.
        #expect(c.growth == Growth(vsPreviousMonthPct: nil, vsSameMonthLastYearPct: nil))
        #expect(c.overdueSharePct == P.pct("28.57"))      // 200.00 of 700.00
        #expect(c.returnsSharePct == P.pct("12.50"))      // 100.00 of 800.00
        // Without a plan there is nothing to judge: no bonus, but the inputs are shown.
        #expect(c.bonus.percentOfSalary == nil)
        #expect(c.bonus.inputs.uncappedPct == nil)
        #expect(c.bonus.inputs.overdue.points.description == "-23.57")
        #expect(c.bonus.inputs.returns.points.description == "-10.50")
    }

    @Test func aPastMonthTakesTheSnapshotsOfItsLastDay() {
        // Asked on December 10th: C-2's December snapshot (all paid) does not count for November.
        let november = ScorecardBook(Self.facts("2026-11", today: "2026-12-10")).scorecard("kam-ivanova", policy: .standard)
        #expect(november.overdueSharePct == P.pct("33.33"))
        // For December (running) it does: nothing owed by ivanova's clients, so undefined.
        let december = ScorecardBook(Self.facts("2026-12", today: "2026-12-10")).scorecard("kam-ivanova", policy: .standard)
        #expect(december.overdueSharePct == nil)
        #expect(december.turnover.actual == P.money("800.00"))
        // December vs November: (800 − 3620) / 3620 = −77.90 %; no December 2025.
        #expect(december.growth == Growth(vsPreviousMonthPct: P.pct("-77.90"), vsSameMonthLastYearPct: nil))
    }

    @Test func aMonthToComeHasNoOverdueShare() {
        let book = ScorecardBook(Self.facts("2027-01", today: "2026-11-30"))
        #expect(book.facts.overdueDate == nil)
        #expect(book.scorecard("kam-ivanova", policy: .standard).overdueSharePct == nil)
    }

    @Test func everyKamIsListed() {
        let book = ScorecardBook(Self.facts("2026-11", today: "2026-11-30", plans: ["kam-orlov": P.plan("1.00", active: 1, new: 0)]))
        #expect(book.kamIds == ["kam-ivanova", "kam-orlov", "kam-petrov"])
        let cards = book.scorecards(policy: .standard)
        #expect(cards.map(\.kamId) == ["kam-ivanova", "kam-orlov", "kam-petrov"])
        // orlov has a plan and nothing else: 0 % turnover and active clients, a new-client target of 0 counts as met.
        #expect(cards[1].bonus.percentOfSalary == P.pct("10.00"))
    }

    @Test(arguments: [
        ("2026-10", "2026-11-30", "2026-10-31"),
        ("2026-11", "2026-11-30", "2026-11-30"),
        ("2026-11", "2026-11-01", "2026-11-01"),
        ("2026-02", "2027-01-15", "2026-02-28"),
        ("2026-12", "2026-11-30", nil),
    ] as [(String, String, String?)])
    func theOverdueDay(month: String, today: String, expected: String?) {
        #expect(ScorecardBook.overdueDate(month: P.month(month), today: P.date(today)) == expected.map(P.date))
    }

    @Test func theScorecardJSONCarriesOverdueShareAndBonus() throws {
        let c = ScorecardBook(Self.facts("2026-11", today: "2026-11-30", plans: ["kam-ivanova": Self.ivanovaPlan]))
            .scorecard("kam-ivanova", policy: .standard)
        let object = try #require(try JSONSerialization.jsonObject(with: try WireJSON.encoder().encode(c)) as? [String: Any])
        #expect(object["overdueSharePct"] as? String == "33.33")
        let bonus = try #require(object["bonus"] as? [String: Any])
        #expect(bonus["percentOfSalary"] as? String == "16.32")
        let inputs = try #require(bonus["inputs"] as? [String: Any])
        #expect((inputs["turnover"] as? [String: Any])?["fulfilmentPct"] as? String == "90.50")
        #expect((inputs["turnover"] as? [String: Any])?["weightPct"] as? String == "30.00")
        #expect((inputs["overdue"] as? [String: Any])?["sharePct"] as? String == "33.33")
        #expect((inputs["overdue"] as? [String: Any])?["tolerancePct"] as? String == "5.00")
        #expect(inputs["maximumPct"] as? String == "60.00")
        #expect((inputs["formula"] as? String)?.hasPrefix("30.00 × turnover + 10.00 × active clients") == true)
    }
}
