/// An ISO 8601 week ("2026-W49"): weeks start on Monday, and week 1 is the one holding the
/// year's first Thursday (equivalently, January 4th). Planning's weekly contact plan is per week.
public struct IsoWeek: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let week: Int

    public init(year: Int, week: Int) throws(ContractError) {
        guard (1...9998).contains(year), (1...Self.weeks(in: year)).contains(week) else {
            throw ContractError("invalid week \(year)-W\(week): \(year) has \(Self.weeks(in: max(1, min(year, 9998)))) weeks")
        }
        self.year = year
        self.week = week
    }

    /// Strict `YYYY-Www` (`2026-W49`).
    public init(parsing text: String) throws(ContractError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 8, bytes[4] == UInt8(ascii: "-"), bytes[5] == UInt8(ascii: "W"),
              let year = CivilDays.digits(bytes[0..<4]), let week = CivilDays.digits(bytes[6..<8])
        else {
            throw ContractError("invalid week \"\(text)\": expected YYYY-Www, like 2026-W49")
        }
        try self.init(year: year, week: week)
    }

    /// The week `date` falls in (which may belong to the previous or the next ISO year).
    public init(containing date: BusinessDate) {
        let thursday = date.adding(days: 4 - date.isoWeekday)
        let firstMonday = Self.mondayOfWeekOne(thursday.year)
        year = thursday.year
        week = date.adding(days: 1 - date.isoWeekday).days(since: firstMonday) / 7 + 1
    }

    public var monday: BusinessDate { Self.mondayOfWeekOne(year).adding(days: 7 * (week - 1)) }

    /// Monday to Friday: the days a plan fills (no holidays calendar; see docs/decisions.md).
    public var workingDays: [BusinessDate] { (0..<5).map { monday.adding(days: $0) } }

    public var next: IsoWeek { IsoWeek(containing: monday.adding(days: 7)) }

    public var description: String { "\(CivilDays.pad(year, width: 4))-W\(CivilDays.pad(week, width: 2))" }

    public static func < (lhs: IsoWeek, rhs: IsoWeek) -> Bool { (lhs.year, lhs.week) < (rhs.year, rhs.week) }

    /// 52, or 53 when the year's last week holds December 28th in week 53.
    static func weeks(in year: Int) -> Int {
        mondayOfWeekOne(year + 1).days(since: mondayOfWeekOne(year)) / 7
    }

    /// The Monday of the week holding January 4th.
    static func mondayOfWeekOne(_ year: Int) -> BusinessDate {
        let january4 = try! BusinessDate(year: year, month: 1, day: 4)
        return january4.adding(days: 1 - january4.isoWeekday)
    }

}

extension IsoWeek: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try WireString.decode(IsoWeek.self, from: decoder)
        do { self = try IsoWeek(parsing: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.reason))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
