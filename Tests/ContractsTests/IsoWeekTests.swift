import Contracts
import Testing

private func day(_ text: String) -> BusinessDate { try! BusinessDate(parsing: text) }
private func isoWeek(_ text: String) -> IsoWeek { try! IsoWeek(parsing: text) }

/// ISO 8601 weeks: parsing, the Monday, the week of a date, 52- and 53-week years.
@Suite struct IsoWeekTests {
    @Test(arguments: [
        ("2026-W49", "2026-11-30"),
        ("2026-W01", "2025-12-29"),   // 2026-01-01 is a Thursday: week 1 starts in December
        ("2026-W53", "2026-12-28"),   // 2026 has 53 weeks
        ("2027-W01", "2027-01-04"),
        ("2021-W01", "2021-01-04"),   // 2021-01-01 is a Friday: it belongs to 2020-W53
        ("2020-W53", "2020-12-28"),
        ("2024-W09", "2024-02-26"),
    ])
    func mondayOfAWeek(week: String, monday: String) throws {
        let w = try IsoWeek(parsing: week)
        #expect(w.monday == day(monday))
        #expect(w.description == week)
        #expect(w.workingDays.count == 5)
        #expect(w.workingDays.map(\.isoWeekday) == [1, 2, 3, 4, 5])
        #expect(w.workingDays.last == day(monday).adding(days: 4))
    }

    @Test(arguments: [
        ("2026-11-30", "2026-W49"), ("2026-12-06", "2026-W49"), ("2026-12-07", "2026-W50"),
        ("2021-01-01", "2020-W53"), ("2021-01-03", "2020-W53"), ("2024-12-30", "2025-W01"),
        ("2026-12-31", "2026-W53"), ("2027-01-03", "2026-W53"),
    ])
    func weekOfADate(date: String, week: String) {
        #expect(IsoWeek(containing: day(date)).description == week)
    }

    @Test func nextWeekCrossesTheYear() {
        #expect(isoWeek("2026-W52").next.description == "2026-W53")
        #expect(isoWeek("2026-W53").next.description == "2027-W01")
        #expect(isoWeek("2025-W52").next.description == "2026-W01")
    }

    @Test(arguments: ["2026-W54", "2025-W53", "2026-W00", "2026-49", "2026W49", "2026-w49", "2026-W4", "26-W49", "2026-W049", ""])
    func malformedWeeksAreRefused(_ text: String) {
        #expect(throws: ContractError.self) { try IsoWeek(parsing: text) }
    }
}
