import Contracts
import Testing
@testable import Planning

/// The bonus: Σ weight × fulfilment (counted within 0 … 120 %) − penalties above their
/// tolerance, kept within 0 … 60 % of salary.
@Suite struct BonusRulesTests {
    static let plan = P.plan("100.00", active: 10, new: 2)

    static func bonus(_ turnover: String?, _ active: String?, _ new: String?, overdue: String? = nil, returns: String? = nil,
                      plan: MonthlyPlan? = BonusRulesTests.plan, policy: BonusPolicy = .standard) -> Bonus {
        BonusRules.bonus(plan: plan, turnoverFulfilment: P.pct(turnover), activeFulfilment: P.pct(active),
                         newFulfilment: P.pct(new), overdueShare: P.pct(overdue), returnsShare: P.pct(returns), policy: policy)
    }

    @Test(arguments: [
        // turnover, active, new, overdue, returns → % of salary
        ("100.00", "100.00", "100.00", nil, nil, "50.00"),
        ("120.00", "120.00", "120.00", nil, nil, "60.00"),
        ("150.00", "200.00", "300.00", nil, nil, "60.00"),        // fulfilment counted up to 120 %
        ("0.00", "0.00", "0.00", nil, nil, "0.00"),
        ("-5.00", "0.00", "0.00", nil, nil, "0.00"),              // negative turnover counts as 0
        ("90.50", "75.00", "100.00", "33.33", "0.81", "16.32"),
        ("100.00", "100.00", "100.00", "5.00", "2.00", "50.00"),  // at the tolerances: no penalty
        ("100.00", "100.00", "100.00", "5.01", "2.01", "49.98"),
        ("100.00", "100.00", "100.00", "100.00", nil, "0.00"),    // never below 0
        ("110.00", "110.00", "110.00", "7.50", nil, "52.50"),     // 55.00 − 2.50
        ("33.33", "66.67", "50.00", nil, nil, "21.67"),           // 9.999 + 6.667 + 5.000, each rounded: 10.00 + 6.67 + 5.00
        ("100.00", "100.00", nil, nil, nil, "50.00"),             // a new-clients target of 0 counts as met
    ] as [(String?, String?, String?, String?, String?, String)])
    func percentOfSalary(turnover: String?, active: String?, new: String?, overdue: String?, returns: String?, expected: String) {
        #expect(Self.bonus(turnover, active, new, overdue: overdue, returns: returns).percentOfSalary == P.pct(expected))
    }

    @Test func theInputsAddUp() {
        let b = Self.bonus("110.00", "110.00", "110.00", overdue: "7.50", returns: "3.00")
        #expect(b.inputs.turnover == BonusComponent(fulfilmentPct: P.pct("110.00"), countedPct: P.pct("110.00"),
                                                   weightPct: P.pct("30.00")!, points: Decimal2(hundredths: 3300)))
        #expect(b.inputs.overdue == BonusPenalty(sharePct: P.pct("7.50"), tolerancePct: P.pct("5.00")!,
                                                 perPct: Decimal2(hundredths: 100), points: Decimal2(hundredths: -250)))
        #expect(b.inputs.returns.points == Decimal2(hundredths: -100))
        // 33.00 + 11.00 + 11.00 − 2.50 − 1.00
        #expect(b.inputs.uncappedPct == P.pct("51.50"))
        #expect(b.percentOfSalary == P.pct("51.50"))
    }

    @Test func overTheMaximumShowsTheUncappedSum() {
        let b = Self.bonus("120.00", "120.00", "120.00")
        #expect(b.inputs.uncappedPct == P.pct("60.00"))
        var generous = BonusPolicy()
        generous.turnoverWeight = P.pct("50.00")!
        let capped = Self.bonus("120.00", "120.00", "120.00", policy: generous)
        #expect(capped.inputs.uncappedPct == P.pct("84.00"))
        #expect(capped.percentOfSalary == P.pct("60.00"))
    }

    @Test func withoutAPlanThereIsNoBonus() {
        let b = Self.bonus(nil, nil, nil, overdue: "10.00", plan: nil)
        #expect(b.percentOfSalary == nil)
        #expect(b.inputs.turnover.points == nil)
        #expect(b.inputs.turnover.countedPct == nil)
        #expect(b.inputs.overdue.points == Decimal2(hundredths: -500))
    }

    @Test func aConfiguredPolicyIsUsed() {
        var p = BonusPolicy()
        p.turnoverWeight = P.pct("40.00")!
        p.activeClientsWeight = P.pct("5.00")!
        p.newClientsWeight = P.pct("5.00")!
        p.fulfilmentCap = P.pct("110.00")!
        p.overdueTolerance = P.pct("0.00")!
        p.overduePenaltyPerPct = Decimal2(hundredths: 250)
        p.maximum = P.pct("45.00")!
        // 40 × 1.10 + 5 × 1.00 + 5 × 0.50 − 2.5 × 4.00 = 44.00 + 5.00 + 2.50 − 10.00
        #expect(Self.bonus("130.00", "100.00", "50.00", overdue: "4.00", policy: p).percentOfSalary == P.pct("41.50"))
        // 40 × 1.10 + 5 + 5 = 54.00, kept at 45.00
        #expect(Self.bonus("130.00", "100.00", "100.00", policy: p).percentOfSalary == P.pct("45.00"))
        #expect(BonusRules.formula(p).contains("2.50 × (overdue share % − 0.00, when above)"))
    }
}
