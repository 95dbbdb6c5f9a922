/// Exact `a × b × c / d` with 128-bit intermediates. Built from UInt64 full-width
/// operations because the standard Int128 type is not available on every
/// platform the package declares.
enum WideArithmetic {
    /// `a × b × c / d` rounded half away from zero, or nil when `d` is 0 or the
    /// result (or the intermediate product) does not fit.
    static func productQuotientRoundedHalfUp(_ a: Int64, _ b: Int64, _ c: Int64, dividedBy d: Int64) -> Int64? {
        guard d != 0 else { return nil }
        let negative = [a, b, c, d].filter { $0 < 0 }.count % 2 == 1

        // |a| × |b| as 128 bits, then × |c| keeping 128 bits.
        let ab = a.magnitude.multipliedFullWidth(by: b.magnitude)
        let lowTimesC = ab.low.multipliedFullWidth(by: c.magnitude)
        let highTimesC = ab.high.multipliedFullWidth(by: c.magnitude)
        guard highTimesC.high == 0 else { return nil }
        let (high, carry) = highTimesC.low.addingReportingOverflow(lowTimesC.high)
        guard !carry else { return nil }
        let low = lowTimesC.low

        // 128 / 64 division in two steps; the remainder decides the rounding.
        let divisor = d.magnitude
        let (quotientHigh, remainderHigh) = high.quotientAndRemainder(dividingBy: divisor)
        let (lowQuotient, remainder) = divisor.dividingFullWidth((high: remainderHigh, low: low))
        var quotient = lowQuotient
        guard quotientHigh == 0 else { return nil }
        if remainder >= divisor - remainder {
            let (rounded, overflow) = quotient.addingReportingOverflow(1)
            guard !overflow else { return nil }
            quotient = rounded
        }

        if negative {
            guard quotient <= Int64.min.magnitude else { return nil }
            return quotient == Int64.min.magnitude ? Int64.min : -Int64(quotient)
        }
        guard quotient <= UInt64(Int64.max) else { return nil }
        return Int64(quotient)
    }
}
