import Contracts
import Foundation

/// How money, dates and times read for people: `1 234 567,89 ₽` and `30.11.2026` in
/// Russian, `1,234,567.89 ₽` and `2026-11-30` in English. Exact: from kopecks, never floating point.
enum Formats {
    static func money(_ amount: Money, _ language: Language) -> String {
        let negative = amount.kopecks < 0
        let magnitude = amount.kopecks.magnitude
        let rubles = String(magnitude / 100)
        let kopecks = magnitude % 100
        let (group, decimal) = language == .ru ? ("\u{00A0}", ",") : (",", ".")
        var grouped = ""
        for (i, digit) in rubles.enumerated() {
            if i > 0 && (rubles.count - i) % 3 == 0 { grouped += group }
            grouped.append(digit)
        }
        let cents = kopecks < 10 ? "0\(kopecks)" : "\(kopecks)"
        return (negative ? "−" : "") + grouped + decimal + cents + "\u{00A0}₽"
    }

    static func date(_ date: BusinessDate, _ language: Language) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return language == .ru ? "\(two(date.day)).\(two(date.month)).\(date.year)"
                               : "\(date.year)-\(two(date.month))-\(two(date.day))"
    }

    /// An instant as a business date and time in the company time zone.
    static func dateTime(_ instant: Date, _ language: Language, calendar: CompanyCalendar) -> String {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = calendar.timeZone
        let parts = gregorian.dateComponents([.hour, .minute], from: instant)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return date(calendar.businessDate(of: instant), language) + " " + two(parts.hour ?? 0) + ":" + two(parts.minute ?? 0)
    }

    /// An amount as people type it ("1 500 000,50", "1500000.5 ₽") in the wire's syntax
    /// ("1500000.50" stays for the service to judge): spaces and the rouble sign out, a decimal
    /// comma becomes a point.
    static func typedAmount(_ typed: String) -> String {
        typed.filter { !$0.isWhitespace && $0 != "₽" }.replacingOccurrences(of: ",", with: ".")
    }

    /// The business month of an instant, as "2026-11".
    static func month(of instant: Date, calendar: CompanyCalendar) -> String {
        let date = calendar.businessDate(of: instant)
        return date.month < 10 ? "\(date.year)-0\(date.month)" : "\(date.year)-\(date.month)"
    }

    /// The ISO week of a business date, as "2026-W49", and the weeks either side of it.
    static func isoWeek(of date: BusinessDate, offset: Int = 0) -> String {
        var iso = Calendar(identifier: .iso8601)
        iso.timeZone = TimeZone(identifier: "UTC")!
        let day = iso.date(from: DateComponents(year: date.year, month: date.month, day: date.day + 7 * offset))!
        let parts = iso.dateComponents([.yearForWeekOfYear, .weekOfYear], from: day)
        let week = parts.weekOfYear ?? 1
        return "\(parts.yearForWeekOfYear ?? date.year)-W\(week < 10 ? "0" : "")\(week)"
    }

    /// The Monday of an ISO week "2026-W49"; nil when it is not one.
    static func monday(of week: String) -> BusinessDate? {
        let parts = week.split(separator: "-W")
        guard parts.count == 2, let year = Int(parts[0]), let number = Int(parts[1]), (1...53).contains(number) else { return nil }
        var iso = Calendar(identifier: .iso8601)
        iso.timeZone = TimeZone(identifier: "UTC")!
        guard let monday = iso.date(from: DateComponents(weekday: 2, weekOfYear: number, yearForWeekOfYear: year)) else { return nil }
        let d = iso.dateComponents([.year, .month, .day], from: monday)
        return try? BusinessDate(year: d.year!, month: d.month!, day: d.day!)
    }
}
