import Foundation
import Testing
@testable import Contracts

@Suite struct BusinessDateTests {
    @Test func specExampleIsNextDayInMoscow() throws {
        let instant = try #require(WireJSON.parseTimestamp("2026-11-29T22:30:00Z"))
        #expect(CompanyCalendar.moscow.businessDate(of: instant) == (try BusinessDate(parsing: "2026-11-30")))
        #expect(BusinessDate(instant, in: TimeZone(identifier: "UTC")!).description == "2026-11-29")
    }

    @Test(arguments: [
        ("2026-11-29T20:59:59Z", "2026-11-29"),
        ("2026-11-29T21:00:00Z", "2026-11-30"),
        ("1969-12-31T20:59:59Z", "1969-12-31"),
        ("1969-12-31T21:00:00Z", "1970-01-01"),
    ])
    func moscowMidnight(instant: String, expected: String) throws {
        let date = try #require(WireJSON.parseTimestamp(instant))
        #expect(CompanyCalendar.moscow.businessDate(of: date).description == expected)
    }

    @Test func configurableZone() throws {
        let calendar = try CompanyCalendar(identifier: "Asia/Vladivostok")
        let instant = try #require(WireJSON.parseTimestamp("2026-11-29T14:30:00Z"))
        #expect(calendar.businessDate(of: instant).description == "2026-11-30")
        #expect(throws: ContractError("unknown time zone \"Mars/Olympus\"")) {
            try CompanyCalendar(identifier: "Mars/Olympus")
        }
    }

    @Test(arguments: ["2026-11-30", "2024-02-29", "0001-01-01", "9999-12-31"])
    func roundTrips(text: String) throws {
        #expect(try BusinessDate(parsing: text).description == text)
    }

    @Test(arguments: ["2026-02-29", "2026-13-01", "2026-00-10", "2026-11-31", "2026-1-30", "26-11-30",
                      "2026/11/30", "2026-11-30T00:00:00Z", "", " 2026-11-30", "0000-01-01", "2100-02-29"])
    func rejects(text: String) {
        #expect(throws: ContractError.self) { try BusinessDate(parsing: text) }
    }

    @Test func arithmetic() throws {
        let date = try BusinessDate(year: 2026, month: 11, day: 30)
        #expect(date.adding(days: 1).description == "2026-12-01")
        #expect(date.adding(days: 32).description == "2027-01-01")
        #expect(date.adding(days: -365).description == "2025-11-30")
        #expect(try BusinessDate(parsing: "2024-02-28").adding(days: 1).description == "2024-02-29")
        #expect(date.days(since: try BusinessDate(parsing: "2026-10-31")) == 30)
        #expect(try BusinessDate(parsing: "2026-10-31").days(since: date) == -30)
        #expect(date.days(since: date) == 0)
        #expect(try BusinessDate(parsing: "2026-11-29") < date)
        #expect(date.isoWeekday == 1) // a Monday
        #expect(try BusinessDate(parsing: "1970-01-01").isoWeekday == 4)
        #expect(try BusinessDate(parsing: "1969-12-28").isoWeekday == 7)
    }

    @Test func invalidComponents() {
        #expect(throws: ContractError.self) { try BusinessDate(year: 2026, month: 2, day: 29) }
        #expect(throws: ContractError.self) { try YearMonth(year: 2026, month: 13) }
    }

    @Test func codableAsString() throws {
        let data = try WireJSON.encoder().encode([try BusinessDate(parsing: "2026-01-05")])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-01-05"]"#)
        let decoded = try WireJSON.decoder().decode([BusinessDate].self, from: data)
        #expect(decoded.first?.description == "2026-01-05")
    }

    @Test func yearMonth() throws {
        let month = try YearMonth(parsing: "2026-01")
        #expect(month.description == "2026-01")
        #expect(month.previous.description == "2025-12")
        #expect(month.next.description == "2026-02")
        #expect(month.sameMonthLastYear.description == "2025-01")
        #expect(month.firstDay.description == "2026-01-01")
        #expect(try YearMonth(parsing: "2024-02").lastDay.description == "2024-02-29")
        #expect(try BusinessDate(parsing: "2026-01-31").yearMonth == month)
        #expect(month.contains(try BusinessDate(parsing: "2026-01-15")))
        #expect(month.previous < month)
        for bad in ["2026-13", "2026-1", "2026-01-01", ""] {
            #expect(throws: ContractError.self) { try YearMonth(parsing: bad) }
        }
    }
}
