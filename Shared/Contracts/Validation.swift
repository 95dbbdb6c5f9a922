/// Shared contract checks; each reason starts with the offending field's path.
enum Check {
    static func nonNegative(_ amount: Money, _ path: String) throws(ContractError) {
        if amount.isNegative { throw ContractError("\(path): must not be negative, got \(amount)") }
    }

    static func nonEmpty(_ text: String, _ path: String) throws(ContractError) {
        if text.isEmpty { throw ContractError("\(path): must not be empty") }
    }

    /// A discount: 0 ≤ d < 100 (SPEC §5.1).
    static func discount(_ percent: Percent, _ path: String) throws(ContractError) {
        guard percent >= .zero, percent < .hundred else {
            throw ContractError("\(path): must be at least 0.00 and below 100.00, got \(percent)")
        }
    }

    static func atLeast<T: BinaryInteger>(_ value: T, _ minimum: T, _ path: String) throws(ContractError) {
        if value < minimum { throw ContractError("\(path): must be at least \(minimum), got \(value)") }
    }
}
