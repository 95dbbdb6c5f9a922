import Foundation

/// A calendar date without time ("2026-11-30"): due dates, issue dates, and the
/// business date of an instant in the company time zone (SPEC §2).
public struct BusinessDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int) throws(ContractError) {
        // Four-digit years only: the wire format is YYYY-MM-DD.
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CivilDays.daysInMonth(year: year, month: month)).contains(day)
        else {
            throw ContractError("invalid date \(year)-\(month)-\(day): no such calendar day")
        }
        self.init(unchecked: year, month, day)
    }

    /// Strict `YYYY-MM-DD`.
    public init(parsing text: String) throws(ContractError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = CivilDays.digits(bytes[0..<4]),
              let month = CivilDays.digits(bytes[5..<7]),
              let day = CivilDays.digits(bytes[8..<10])
        else {
            throw ContractError("invalid date \"\(text)\": expected YYYY-MM-DD")
        }
        do {
            try self.init(year: year, month: month, day: day)
        } catch {
            throw ContractError("invalid date \"\(text)\": no such calendar day")
        }
    }

    /// The date of `instant` on a wall clock in `timeZone`.
    public init(_ instant: Date, in timeZone: TimeZone) {
        let offset = timeZone.secondsFromGMT(for: instant)
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + offset
        self.init(daysSinceEpoch: CivilDays.floorDiv(seconds, 86_400))
    }

    init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    init(daysSinceEpoch days: Int) {
        let civil = CivilDays.civil(fromDays: days)
        self.init(unchecked: civil.year, civil.month, civil.day)
    }

    var daysSinceEpoch: Int { CivilDays.from(year: year, month: month, day: day) }

    public func adding(days: Int) -> BusinessDate {
        BusinessDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// `self − other` in days: positive when `self` is later.
    public func days(since other: BusinessDate) -> Int {
        daysSinceEpoch - other.daysSinceEpoch
    }

    public var yearMonth: YearMonth { YearMonth(unchecked: year, month) }

    /// Monday = 1 … Sunday = 7 (ISO 8601), for weekly plans.
    public var isoWeekday: Int {
        // 1970-01-01 was a Thursday (4).
        let remainder = (daysSinceEpoch + 3) % 7
        return (remainder < 0 ? remainder + 7 : remainder) + 1
    }

    public var description: String {
        "\(CivilDays.pad(year, width: 4))-\(CivilDays.pad(month, width: 2))-\(CivilDays.pad(day, width: 2))"
    }

    public static func < (lhs: BusinessDate, rhs: BusinessDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try WireString.decode(BusinessDate.self, from: decoder)
        do {
            self = try BusinessDate(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.reason))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
