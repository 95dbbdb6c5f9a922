import Foundation

/// RFC 3339 timestamps, parsed and printed by hand: ISO8601DateFormatter is not
/// Sendable, accepts more than RFC 3339, and cannot make fractional seconds optional.
enum RFC3339 {
    /// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; `T` and `Z` in either case.
    /// Leap seconds (`:60`) are refused: Date cannot represent them.
    static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        func at(_ i: Int, _ char: Character) -> Bool { i < b.count && b[i] == char.asciiValue }
        guard b.count >= 20, at(4, "-"), at(7, "-"), at(10, "T") || at(10, "t"), at(13, ":"), at(16, ":"),
              let year = CivilDays.digits(b[0..<4]), let month = CivilDays.digits(b[5..<7]),
              let day = CivilDays.digits(b[8..<10]), let hour = CivilDays.digits(b[11..<13]),
              let minute = CivilDays.digits(b[14..<16]), let second = CivilDays.digits(b[17..<19]),
              (1...12).contains(month), (1...CivilDays.daysInMonth(year: year, month: month)).contains(day),
              hour < 24, minute < 60, second < 60
        else { return nil }

        var i = 19
        var nanoseconds = 0
        if at(i, ".") {
            i += 1
            let start = i
            while i < b.count, let digit = CivilDays.digits(b[i...i]) {
                // Beyond nanoseconds the digits are checked but do not matter.
                if i - start < 9 { nanoseconds = nanoseconds * 10 + digit }
                i += 1
            }
            guard i > start else { return nil }
            for _ in min(i - start, 9)..<9 { nanoseconds *= 10 }
        }

        let offsetSeconds: Int
        if at(i, "Z") || at(i, "z"), i + 1 == b.count {
            offsetSeconds = 0
        } else if at(i, "+") || at(i, "-"), i + 6 == b.count, at(i + 3, ":"),
                  let offsetHours = CivilDays.digits(b[(i + 1)..<(i + 3)]),
                  let offsetMinutes = CivilDays.digits(b[(i + 4)..<(i + 6)]),
                  offsetHours < 24, offsetMinutes < 60 {
            offsetSeconds = (at(i, "-") ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60)
        } else {
            return nil
        }

        let days = CivilDays.from(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + Double(nanoseconds) / 1_000_000_000)
    }

    /// UTC with `Z`; milliseconds only when nonzero ("2026-11-30T07:15:00.123Z").
    static func format(_ date: Date) -> String {
        let totalMilliseconds = Int((date.timeIntervalSince1970 * 1000).rounded())
        let seconds = CivilDays.floorDiv(totalMilliseconds, 1000)
        let milliseconds = totalMilliseconds - seconds * 1000
        let days = CivilDays.floorDiv(seconds, 86_400)
        let secondOfDay = seconds - days * 86_400
        let civil = CivilDays.civil(fromDays: days)
        var text = "\(CivilDays.pad(civil.year, width: 4))-\(CivilDays.pad(civil.month, width: 2))-"
            + "\(CivilDays.pad(civil.day, width: 2))T\(CivilDays.pad(secondOfDay / 3600, width: 2)):"
            + "\(CivilDays.pad(secondOfDay / 60 % 60, width: 2)):\(CivilDays.pad(secondOfDay % 60, width: 2))"
        if milliseconds != 0 { text += ".\(CivilDays.pad(milliseconds, width: 3))" }
        return text + "Z"
    }
}
