/// Money arithmetic of SPEC §5.1, exact in integers, rounding half up (away from zero).
public enum Rounding {
    /// `round_half_up(unitPrice × quantity × (100 − d) / 100, 2)`.
    ///
    /// Traps when the result does not fit in Int64 kopecks (about 9.2·10¹⁶ RUB),
    /// like Money's `+`. Code holding untrusted quantities should call
    /// `checkedLineTotal` and treat nil as an invalid line.
    public static func lineTotal(unitPrice: Money, quantity: Int64, discount: Percent) -> Money {
        guard let total = checkedLineTotal(unitPrice: unitPrice, quantity: quantity, discount: discount) else {
            preconditionFailure("line total overflows: \(unitPrice) × \(quantity) at \(discount)%")
        }
        return total
    }

    /// `lineTotal`, or nil when the result does not fit in Int64 kopecks.
    public static func checkedLineTotal(unitPrice: Money, quantity: Int64, discount: Percent) -> Money? {
        // kopecks × qty × (10000 − hundredths) / 10000: the discount in hundredths of a percent.
        let (remaining, overflow) = Percent.hundred.hundredths.subtractingReportingOverflow(discount.hundredths)
        guard !overflow,
              let kopecks = WideArithmetic.productQuotientRoundedHalfUp(
                  unitPrice.kopecks, quantity, remaining, dividedBy: Percent.hundred.hundredths)
        else { return nil }
        return Money(kopecks: kopecks)
    }

    /// `part / whole × 100` rounded half up to 2 decimals; nil when `whole` is zero.
    public static func percent(_ part: Money, of whole: Money) -> Percent? {
        // hundredths of a percent = part × 10000 / whole.
        WideArithmetic.productQuotientRoundedHalfUp(part.kopecks, Percent.hundred.hundredths, 1, dividedBy: whole.kopecks)
            .map(Percent.init(hundredths:))
    }
}
