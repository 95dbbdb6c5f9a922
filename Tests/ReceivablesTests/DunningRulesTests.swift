import Contracts
import Testing
@testable import Receivables

/// SPEC 5.3 dunning: levels at ≥ 1, ≥ 15, ≥ 30 days overdue, one notice per rise, no repeat
/// at a level, back to 0 when nothing is overdue, dunned again from level 1 after that.
@Suite struct DunningRulesTests {
    static let policy = DunningPolicy.standard
    static let day = L.date("2026-11-30")

    @Test(arguments: [(0, 0), (-5, 0), (1, 1), (14, 1), (15, 2), (29, 2), (30, 3), (400, 3)] as [(Int, Int)])
    func levelByDaysOverdue(days: Int, level: Int) {
        #expect(Self.policy.level(daysOverdue: days) == level)
    }

    @Test func aPolicyOfItsOwn() throws {
        let policy = try DunningPolicy(parsing: " 3, 10 ")
        #expect(policy.thresholds == [3, 10])
        #expect([2, 3, 9, 10, 11].map(policy.level(daysOverdue:)) == [0, 1, 1, 2, 2])
    }

    @Test(arguments: [
        ("", "\"\" is not a whole number of days in 1...3650"),
        ("1,15,x", "\"x\" is not a whole number of days in 1...3650"),
        ("0,15", "\"0\" is not a whole number of days in 1...3650"),
        ("1,30,15", "the days must rise from level to level"),
        ("1,1", "the days must rise from level to level"),
        ("1,2,3,4,5,6,7,8,9,10", "give 1 to 9 levels"),
    ])
    func badPolicies(_ text: String, _ message: String) {
        #expect(throws: DunningPolicyError.self) { try DunningPolicy(parsing: text) }
        do { _ = try DunningPolicy(parsing: text) } catch { #expect(error.description == message) }
    }

    struct StepCase: Sendable, CustomTestStringConvertible {
        let name: String
        let level: Int
        var evaluatedOn: String? = nil
        let days: Int
        var hasKam = true
        let step: DunningStep
        var testDescription: String { name }
    }

    @Test(arguments: [
        StepCase(name: "first day overdue: level 1", level: 0, days: 1, step: .rise(to: 1)),
        StepCase(name: "0 → 2 is one rise to 2", level: 0, days: 16, step: .rise(to: 2)),
        StepCase(name: "0 → 3 at once", level: 0, days: 45, step: .rise(to: 3)),
        StepCase(name: "level 1 holds at 14 days: no repeat", level: 1, days: 14, step: .unchanged),
        StepCase(name: "level 1 rises at 15 days", level: 1, days: 15, step: .rise(to: 2)),
        StepCase(name: "level 2 rises at 30 days", level: 2, days: 30, step: .rise(to: 3)),
        StepCase(name: "the top level is not issued again", level: 3, days: 90, step: .unchanged),
        StepCase(name: "newer debt less overdue does not lower the level", level: 3, days: 5, step: .unchanged),
        StepCase(name: "nothing overdue: back to 0", level: 2, days: 0, step: .reset),
        StepCase(name: "nothing overdue at 0 stays 0", level: 0, days: 0, step: .unchanged),
        StepCase(name: "a date before the last judged one changes nothing", level: 1, evaluatedOn: "2026-12-31", days: 45,
                 step: .judgedLater),
        StepCase(name: "the same date again is judged", level: 1, evaluatedOn: "2026-11-30", days: 15, step: .rise(to: 2)),
        StepCase(name: "no KAM known: the rise waits", level: 0, days: 20, hasKam: false, step: .noKam),
        StepCase(name: "no KAM known: a reset still happens", level: 1, days: 0, hasKam: false, step: .reset),
    ])
    func steps(_ c: StepCase) {
        let standing = DunningStanding(level: c.level, episode: 1, evaluatedOn: c.evaluatedOn.map(L.date))
        #expect(DunningRules.step(standing, oldestDaysOverdue: c.days, asOf: Self.day, policy: Self.policy, hasKam: c.hasKam) == c.step)
    }

    @Test func standingsAfterEachStep() {
        let s = DunningStanding(level: 2, episode: 3, evaluatedOn: L.date("2026-11-01"))
        let d = Self.day
        #expect(DunningRules.standing(after: .rise(to: 3), from: s, asOf: d) == DunningStanding(level: 3, episode: 3, evaluatedOn: d))
        #expect(DunningRules.standing(after: .reset, from: s, asOf: d) == DunningStanding(level: 0, episode: 4, evaluatedOn: d))
        #expect(DunningRules.standing(after: .unchanged, from: s, asOf: d) == DunningStanding(level: 2, episode: 3, evaluatedOn: d))
        #expect(DunningRules.standing(after: .judgedLater, from: s, asOf: d) == s)
        #expect(DunningRules.standing(after: .noKam, from: s, asOf: d) == s)
    }

    /// A client through a season of runs: 1 → 2 → 3, no repeats, paid → 0, new debt → 1 again.
    @Test func aClientThroughItsRuns() {
        let i1 = L.inv("I-1", "1000.00", issued: "2026-10-02", due: "2026-11-01")
        let i2 = L.inv("I-2", "250.50", issued: "2026-11-10", due: "2026-12-10")
        var docs: [LedgerDocument] = [.invoice(i1)]
        var standing = DunningStanding.never
        func run(_ date: String) -> Int? {
            let asOf = L.date(date)
            let outcome = DunningRules.judge(clientId: "C-1001", kamId: "kam-ivanova", standing: standing,
                                             openInvoices: LedgerBook.replay(docs, asOf: asOf).state.openInvoices, asOf: asOf, policy: Self.policy)
            standing = outcome.standing
            return outcome.notice?.level
        }
        #expect(run("2026-11-01") == nil) // due today: not overdue
        #expect(run("2026-11-02") == 1)
        #expect(run("2026-11-02") == nil)
        #expect(run("2026-11-15") == nil) // 14 days
        #expect(run("2026-11-16") == 2)
        #expect(run("2026-11-20") == nil)
        #expect(run("2026-12-01") == 3)
        #expect(run("2026-12-04") == nil)
        #expect(standing == DunningStanding(level: 3, episode: 1, evaluatedOn: L.date("2026-12-04")))
        docs.append(.invoice(i2))
        docs.append(.payment(L.pay("P-1", "1000.00", on: "2026-12-05")))
        #expect(run("2026-12-06") == nil)
        #expect(standing == DunningStanding(level: 0, episode: 2, evaluatedOn: L.date("2026-12-06")))
        #expect(run("2026-12-10") == nil) // I-2 due today
        #expect(run("2026-12-11") == 1)
        #expect(standing == DunningStanding(level: 1, episode: 2, evaluatedOn: L.date("2026-12-11")))
    }

    @Test func theNoticeListsTheOverdueInvoicesOldestFirst() throws {
        let state = LedgerBook.replay([
            .invoice(L.inv("I-B", "300.00", issued: "2026-10-05", due: "2026-11-04")),
            .invoice(L.inv("I-A", "1000.00", issued: "2026-10-01", due: "2026-10-31")),
            .invoice(L.inv("I-NEW", "700.00", issued: "2026-11-20", due: "2026-12-20")),
            .payment(L.pay("P-1", "400.00", on: "2026-11-25")),
        ]).state
        let outcome = DunningRules.judge(clientId: "C-1001", kamId: "kam-ivanova", standing: .never, openInvoices: state.openInvoices,
                                         asOf: Self.day, policy: Self.policy)
        let notice = try #require(outcome.notice)
        #expect(outcome.step == .rise(to: 3)) // 30 days: level 3
        // 400.00 paid I-A down to 600.00: 30 days and 26 days overdue, I-NEW not due.
        #expect(notice == DunningNoticeIssued(
            clientId: "C-1001", kamId: "kam-ivanova", level: 3, asOf: Self.day, totalOverdue: L.money("900.00"),
            invoices: [DunnedInvoice(invoiceId: "I-A", outstanding: L.money("600.00"), dueDate: L.date("2026-10-31"), daysOverdue: 30),
                       DunnedInvoice(invoiceId: "I-B", outstanding: L.money("300.00"), dueDate: L.date("2026-11-04"), daysOverdue: 26)]))
    }
}
