import Contracts
import Foundation

/// A wall-clock time of day in the company time zone.
public struct TimeOfDay: Sendable, Equatable, CustomStringConvertible {
    public var hour: Int
    public var minute: Int

    public init(hour: Int, minute: Int) {
        self.hour = hour
        self.minute = minute
    }

    /// Strict "HH:MM".
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m) else { return nil }
        self.init(hour: h, minute: m)
    }

    public var description: String { "\(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)" }
}

/// When the daily dunning run is due. A run belongs to a business date; it is due from its
/// time on that date, so after a restart (or a day the service was down) the run of today is
/// caught up at once. Days missed before today are not run one by one: today's run judges
/// every client on today, which is where those days would have led (a jump of levels is
/// one notice at the level reached).
public enum DailySchedule {
    public enum Action: Sendable, Equatable {
        case run(BusinessDate)
        case wait(until: Date)
    }

    /// `lastDone`: the latest date this instance ran or found already run.
    public static func next(now: Date, lastDone: BusinessDate?, at time: TimeOfDay, calendar: CompanyCalendar) -> Action {
        let today = calendar.businessDate(of: now)
        let dueToday = instant(of: today, at: time, in: calendar.timeZone)
        if now < dueToday { return .wait(until: dueToday) }
        if lastDone.map({ $0 < today }) ?? true { return .run(today) }
        return .wait(until: instant(of: today.adding(days: 1), at: time, in: calendar.timeZone))
    }

    /// `date` at `time` on the wall clock of `zone`.
    public static func instant(of date: BusinessDate, at time: TimeOfDay, in zone: TimeZone) -> Date {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = zone
        let parts = DateComponents(year: date.year, month: date.month, day: date.day, hour: time.hour, minute: time.minute)
        guard let instant = gregorian.date(from: parts) else { preconditionFailure("no instant for \(date) \(time) in \(zone.identifier)") }
        return instant
    }
}
