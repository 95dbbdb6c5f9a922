/// A decimal with 2 places that is neither money nor a percentage ("12.50" days, a DSO of
/// "45.00"): integer hundredths, printed with exactly 2 decimals, never floating point.
public struct Decimal2: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// "12.50" is 1250.
    public let hundredths: Int64

    public init(hundredths: Int64) {
        self.hundredths = hundredths
    }

    public init(parsing text: String) throws(ContractError) {
        hundredths = try FixedPoint2.parse(text, what: "decimal")
    }

    public init(_ whole: Int) {
        hundredths = Int64(whole) * 100
    }

    /// `a × b / d` rounded half up to 2 decimals; nil when `d` is 0 or the result does not fit.
    public static func quotient(_ a: Int64, times b: Int64 = 1, over d: Int64) -> Decimal2? {
        WideArithmetic.productQuotientRoundedHalfUp(a, b, 100, dividedBy: d).map(Decimal2.init(hundredths:))
    }

    public var description: String { FixedPoint2.format(hundredths) }

    public static func < (lhs: Decimal2, rhs: Decimal2) -> Bool { lhs.hundredths < rhs.hundredths }

    public init(from decoder: any Decoder) throws {
        let text = try WireString.decode(Decimal2.self, from: decoder)
        do {
            self = try Decimal2(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.reason))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
