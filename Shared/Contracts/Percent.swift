/// A percentage with 2 decimals ("2.50"), held as integer hundredths of a percent.
public struct Percent: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// "2.50" is 250.
    public let hundredths: Int64

    public init(hundredths: Int64) {
        self.hundredths = hundredths
    }

    public init(parsing text: String) throws(ContractError) {
        hundredths = try FixedPoint2.parse(text, what: "percentage")
    }

    public static let zero = Percent(hundredths: 0)
    public static let hundred = Percent(hundredths: 10_000)

    /// `part / whole × 100` rounded half up to 2 decimals (a share of counts); nil when `whole` is 0.
    public static func share(_ part: Int64, of whole: Int64) -> Percent? {
        WideArithmetic.productQuotientRoundedHalfUp(part, hundred.hundredths, 1, dividedBy: whole).map(Percent.init(hundredths:))
    }

    public var description: String { FixedPoint2.format(hundredths) }

    public static func < (lhs: Percent, rhs: Percent) -> Bool { lhs.hundredths < rhs.hundredths }

    public init(from decoder: any Decoder) throws {
        let text = try WireString.decode(Percent.self, from: decoder)
        do {
            self = try Percent(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.reason))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
