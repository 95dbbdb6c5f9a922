/// A calendar month ("2026-11"): plans and scorecards are per KAM and month.
public struct YearMonth: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init(year: Int, month: Int) throws(ContractError) {
        guard (1...9999).contains(year), (1...12).contains(month) else {
            throw ContractError("invalid month \(year)-\(month)")
        }
        self.init(unchecked: year, month)
    }

    /// Strict `YYYY-MM`.
    public init(parsing text: String) throws(ContractError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"),
              let year = CivilDays.digits(bytes[0..<4]),
              let month = CivilDays.digits(bytes[5..<7]),
              (1...9999).contains(year), (1...12).contains(month)
        else {
            throw ContractError("invalid month \"\(text)\": expected YYYY-MM")
        }
        self.init(unchecked: year, month)
    }

    init(unchecked year: Int, _ month: Int) {
        self.year = year
        self.month = month
    }

    public var previous: YearMonth {
        month == 1 ? YearMonth(unchecked: year - 1, 12) : YearMonth(unchecked: year, month - 1)
    }

    public var next: YearMonth {
        month == 12 ? YearMonth(unchecked: year + 1, 1) : YearMonth(unchecked: year, month + 1)
    }

    public var sameMonthLastYear: YearMonth { YearMonth(unchecked: year - 1, month) }

    public var firstDay: BusinessDate { BusinessDate(unchecked: year, month, 1) }

    public var lastDay: BusinessDate {
        BusinessDate(unchecked: year, month, CivilDays.daysInMonth(year: year, month: month))
    }

    public func contains(_ date: BusinessDate) -> Bool {
        date.year == year && date.month == month
    }

    public var description: String {
        "\(CivilDays.pad(year, width: 4))-\(CivilDays.pad(month, width: 2))"
    }

    public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }

    public init(from decoder: any Decoder) throws {
        let text = try WireString.decode(YearMonth.self, from: decoder)
        do {
            self = try YearMonth(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.reason))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
