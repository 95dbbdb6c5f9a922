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
        calendar.businessDate(of: instant).yearMonth.description
    }
}
