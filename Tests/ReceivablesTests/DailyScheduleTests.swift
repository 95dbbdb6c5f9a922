import Contracts
import Foundation
import Testing
@testable import Receivables

/// The daily dunning run at 06:00 company time (Moscow, UTC+3): due from 06:00 on its date,
/// caught up at once after a restart, once per date.
@Suite struct DailyScheduleTests {
    static let six = TimeOfDay(hour: 6, minute: 0)

    static func at(_ text: String) -> Date { WireJSON.parseTimestamp(text)! }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let now: String
        var lastDone: String? = nil
        let action: DailySchedule.Action
        var testDescription: String { name }
    }

    @Test(arguments: [
        Case(name: "05:59 Moscow: wait until 06:00", now: "2026-11-30T02:59:00Z",
             action: .wait(until: at("2026-11-30T03:00:00Z"))),
        Case(name: "06:00 sharp: run today's", now: "2026-11-30T03:00:00Z", action: .run(L.date("2026-11-30"))),
        Case(name: "started at 15:30 without today's run: catch it up", now: "2026-11-30T12:30:00Z",
             lastDone: "2026-11-27", action: .run(L.date("2026-11-30"))),
        Case(name: "today's done: wait for tomorrow 06:00", now: "2026-11-30T12:30:00Z", lastDone: "2026-11-30",
             action: .wait(until: at("2026-12-01T03:00:00Z"))),
        Case(name: "23:30 UTC is already the next business day, before its 06:00", now: "2026-11-30T23:30:00Z",
             lastDone: "2026-11-30", action: .wait(until: at("2026-12-01T03:00:00Z"))),
    ])
    func next(_ c: Case) {
        #expect(DailySchedule.next(now: Self.at(c.now), lastDone: c.lastDone.map(L.date), at: Self.six, calendar: .moscow) == c.action)
    }

    @Test func anotherTimeAndZone() throws {
        let utc = CompanyCalendar(timeZone: TimeZone(identifier: "UTC")!)
        let time = try #require(TimeOfDay(parsing: "22:45"))
        #expect(DailySchedule.next(now: Self.at("2026-11-30T22:44:59Z"), lastDone: nil, at: time, calendar: utc)
                == .wait(until: Self.at("2026-11-30T22:45:00Z")))
    }

    @Test(arguments: ["6:00", "24:00", "06:60", "06-00", "0600", "+6:00", "", "06:00:00"])
    func badTimes(_ text: String) {
        #expect(TimeOfDay(parsing: text) == nil)
    }
}
