import Contracts
import ServiceKit
import Testing
@testable import Planning

/// The planning service's settings: defaults, overrides, and bad values listed at startup.
@Suite struct PlanningSettingsTests {
    @Test func defaultsAreTheSpecs() throws {
        let env = Environment([:])
        let s = PlanningSettings(env)
        try env.validate()
        #expect(s.contacts == ContactPolicy(visitsPerDay: 4, callsPerDay: 12))
        #expect(s.bonus == BonusPolicy.standard)
        #expect(s.bonus.maximum == P.pct("60.00"))
    }

    @Test func valuesAreRead() throws {
        let env = Environment([
            "KAM_PLAN_MAX_VISITS_PER_DAY": "2", "KAM_PLAN_MAX_CALLS_PER_DAY": "0",
            "KAM_BONUS_TURNOVER_WEIGHT": "35.5", "KAM_BONUS_ACTIVE_CLIENTS_WEIGHT": "7.25",
            "KAM_BONUS_NEW_CLIENTS_WEIGHT": "0", "KAM_BONUS_FULFILMENT_CAP": "150.00",
            "KAM_BONUS_OVERDUE_TOLERANCE": "0.00", "KAM_BONUS_OVERDUE_PENALTY_PER_PCT": "2.50",
            "KAM_BONUS_RETURNS_TOLERANCE": "1", "KAM_BONUS_RETURNS_PENALTY_PER_PCT": "0.75", "KAM_BONUS_MAX": "45",
        ])
        let s = PlanningSettings(env)
        try env.validate()
        #expect(s.contacts.visitsPerDay == 2)
        #expect(s.contacts.callsPerDay == 0)
        #expect(s.bonus.turnoverWeight == P.pct("35.50"))
        #expect(s.bonus.activeClientsWeight == P.pct("7.25"))
        #expect(s.bonus.newClientsWeight == P.pct("0.00"))
        #expect(s.bonus.fulfilmentCap == P.pct("150.00"))
        #expect(s.bonus.overdueTolerance == P.pct("0.00"))
        #expect(s.bonus.overduePenaltyPerPct == Decimal2(hundredths: 250))
        #expect(s.bonus.returnsTolerance == P.pct("1.00"))
        #expect(s.bonus.returnsPenaltyPerPct == Decimal2(hundredths: 75))
        #expect(s.bonus.maximum == P.pct("45.00"))
    }

    @Test func everyBadValueIsListedAtOnce() {
        let env = Environment([
            "KAM_PLAN_MAX_VISITS_PER_DAY": "-1", "KAM_PLAN_MAX_CALLS_PER_DAY": "twelve",
            "KAM_BONUS_MAX": "61", "KAM_BONUS_FULFILMENT_CAP": "99.99", "KAM_BONUS_TURNOVER_WEIGHT": "30.001",
            "KAM_BONUS_RETURNS_PENALTY_PER_PCT": "-1",
        ])
        _ = PlanningSettings(env)
        do {
            try env.validate()
            Issue.record("expected a configuration error")
        } catch let error as ConfigurationError {
            #expect(error.problems == [
                "KAM_PLAN_MAX_VISITS_PER_DAY=-1 is not an integer in 0...50",
                "KAM_PLAN_MAX_CALLS_PER_DAY=twelve is not an integer in 0...200",
                "KAM_BONUS_TURNOVER_WEIGHT=30.001 is not a decimal with at most 2 places in 0.00...100.00",
                "KAM_BONUS_FULFILMENT_CAP=99.99 is not a decimal with at most 2 places in 100.00...500.00",
                "KAM_BONUS_RETURNS_PENALTY_PER_PCT=-1 is not a decimal with at most 2 places in 0.00...100.00",
                "KAM_BONUS_MAX=61 is not a decimal with at most 2 places in 0.00...60.00",
            ])
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
