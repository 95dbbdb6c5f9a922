/// Parsing and printing of the wire's 2-decimal numbers (money, percentages).
/// Done by hand on ASCII bytes so that nothing passes through floating point
/// and nothing locale-dependent can change the accepted syntax.
enum FixedPoint2 {
    /// Accepts `-?digits(.d|.dd)?`; returns the value in hundredths.
    static func parse(_ text: String, what: String) throws(ContractError) -> Int64 {
        let bytes = Array(text.utf8)
        func reject(_ why: String) -> ContractError {
            ContractError("invalid \(what) \"\(text)\": \(why)")
        }
        var index = 0
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { index = 1 }

        var whole: Int64 = 0
        var wholeDigits = 0
        while index < bytes.count, let digit = digitValue(bytes[index]) {
            let (times10, o1) = whole.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(digit)
            if o1 || o2 { throw reject("too large") }
            whole = sum
            wholeDigits += 1
            index += 1
        }
        guard wholeDigits > 0 else { throw reject(expected) }

        var fraction: Int64 = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var fractionDigits = 0
            while index < bytes.count, let digit = digitValue(bytes[index]) {
                guard fractionDigits < 2 else { throw reject("more than 2 fractional digits") }
                fraction = fraction * 10 + digit
                fractionDigits += 1
                index += 1
            }
            guard fractionDigits > 0 else { throw reject(expected) }
            if fractionDigits == 1 { fraction *= 10 }
        }
        guard index == bytes.count else { throw reject(expected) }

        let (hundreds, o1) = whole.multipliedReportingOverflow(by: 100)
        let (magnitude, o2) = hundreds.addingReportingOverflow(fraction)
        if o1 || o2 { throw reject("too large") }
        return negative ? -magnitude : magnitude
    }

    /// Always exactly two fractional digits, as outputs must be (SPEC §2).
    static func format(_ hundredths: Int64) -> String {
        let magnitude = hundredths.magnitude
        let fraction = magnitude % 100
        let sign = hundredths < 0 ? "-" : ""
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    static let expected = "expected a decimal with at most 2 fractional digits, like \"12500.00\""

    private static func digitValue(_ byte: UInt8) -> Int64? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int64(byte - UInt8(ascii: "0")) : nil
    }
}
