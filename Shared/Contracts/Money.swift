/// An amount in RUB, exact to the kopeck. Integer kopecks internally; on the wire a
/// JSON string with at most 2 decimals (SPEC §2) — never a float.
public struct Money: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let kopecks: Int64

    public init(kopecks: Int64) {
        self.kopecks = kopecks
    }

    /// Accepts "12500.00", "12500", "12500.5", "-3.00"; rejects exponents, spaces,
    /// more than 2 decimals and values that do not fit.
    public init(parsing text: String) throws(ContractError) {
        kopecks = try FixedPoint2.parse(text, what: "money amount")
    }

    public static let zero = Money(kopecks: 0)

    public var description: String { FixedPoint2.format(kopecks) }

    public var isNegative: Bool { kopecks < 0 }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.kopecks < rhs.kopecks }

    // Arithmetic traps on Int64 overflow, like Int64 itself: an overflowing
    // ledger is a bug, not a value to carry on with.
    public static func + (lhs: Money, rhs: Money) -> Money { Money(kopecks: lhs.kopecks + rhs.kopecks) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(kopecks: lhs.kopecks - rhs.kopecks) }
    public static prefix func - (value: Money) -> Money { Money(kopecks: -value.kopecks) }
    public static func += (lhs: inout Money, rhs: Money) { lhs = lhs + rhs }
    public static func -= (lhs: inout Money, rhs: Money) { lhs = lhs - rhs }

    public static func sum<S: Sequence>(_ amounts: S) -> Money where S.Element == Money {
        amounts.reduce(.zero, +)
    }

    public init(from decoder: any Decoder) throws {
        let text = try WireString.decode(Money.self, from: decoder)
        do {
            self = try Money(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.reason))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
