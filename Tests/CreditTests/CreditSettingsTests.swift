import ServiceKit
import Testing
@testable import Credit

@Suite struct CreditSettingsTests {
    @Test func graceDaysDefaultToZero() throws {
        let env = Environment([:])
        #expect(CreditSettings(env).overdueGraceDays == 0)
        try env.validate()
    }

    @Test func graceDaysAreRead() throws {
        let env = Environment(["KAM_OVERDUE_GRACE_DAYS": "5"])
        #expect(CreditSettings(env).overdueGraceDays == 5)
        try env.validate()
    }

    @Test(arguments: ["-1", "five", "366", "1.5"])
    func aBadValueStopsTheStartWithAClearMessage(_ raw: String) {
        let env = Environment(["KAM_OVERDUE_GRACE_DAYS": raw])
        _ = CreditSettings(env)
        do {
            try env.validate()
            Issue.record("expected a configuration error")
        } catch let error as ConfigurationError {
            #expect(error.problems == ["KAM_OVERDUE_GRACE_DAYS=\(raw) is not an integer in 0...365"])
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
