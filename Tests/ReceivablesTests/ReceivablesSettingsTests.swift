import ServiceKit
import Testing
@testable import Receivables

@Suite struct ReceivablesSettingsTests {
    @Test func defaults() throws {
        let env = Environment([:])
        let s = ReceivablesSettings(env)
        #expect(s.dunningPolicy.thresholds == [1, 15, 30])
        #expect(s.dailyRunAt == TimeOfDay(hour: 6, minute: 0))
        #expect(s.disciplineWindowDays == 365)
        try env.validate()
    }

    @Test func ownValues() throws {
        let env = Environment(["KAM_DUNNING_LEVELS": "3,10,45,90", "KAM_DUNNING_RUN_AT": "07:30"])
        let s = ReceivablesSettings(env)
        #expect(s.dunningPolicy.thresholds == [3, 10, 45, 90])
        #expect(s.dailyRunAt == TimeOfDay(hour: 7, minute: 30))
        try env.validate()
        #expect(ReceivablesSettings(Environment(["KAM_DUNNING_RUN_AT": "off"])).dailyRunAt == nil)
    }

    @Test func badValuesStopTheStartWithEveryProblemNamed() {
        let env = Environment(["KAM_DUNNING_LEVELS": "1,30,15", "KAM_DUNNING_RUN_AT": "6am"])
        _ = ReceivablesSettings(env)
        do {
            try env.validate()
            Issue.record("expected a configuration error")
        } catch let error as ConfigurationError {
            #expect(error.problems == [
                "KAM_DUNNING_LEVELS=1,30,15: the days must rise from level to level (days overdue per level, rising, e.g. 1,15,30)",
                "KAM_DUNNING_RUN_AT=6am is not a time HH:MM (00:00-23:59) or off",
            ])
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
