import Testing
@testable import Contracts

@Suite struct RoundingTests {
    @Test(arguments: [
        ("95.00", 40, "5.00", "3610.00"),
        ("33.33", 3, "2.50", "97.49"),     // 97.49025
        ("0.05", 1, "50.00", "0.03"),      // 0.025 rounds half up
        ("100.00", 1, "0.00", "100.00"),
        ("0.01", 1, "50.00", "0.01"),      // 0.005: exactly half a kopeck, up
        ("0.01", 1, "50.01", "0.00"),      // 0.004999: just below half, down
        ("0.03", 1, "50.00", "0.02"),      // 0.015
        ("10.00", 3, "33.33", "20.00"),    // 20.001
        ("19.99", 7, "12.35", "122.65"),   // 122.648645
        ("0.00", 1000, "10.00", "0.00"),
        ("1.00", 0, "10.00", "0.00"),
        ("1.00", -3, "0.00", "-3.00"),     // business-invalid quantity still computes
        ("-0.01", 1, "50.00", "-0.01"),    // half away from zero
    ] as [(String, Int64, String, String)])
    func lineTotal(price: String, quantity: Int64, discount: String, expected: String) throws {
        let total = Rounding.lineTotal(unitPrice: try Money(parsing: price), quantity: quantity,
                                       discount: try Percent(parsing: discount))
        #expect(total.description == expected)
    }

    @Test func lineTotalUsesWideIntermediates() {
        // price × qty × 10000 exceeds Int64 although the result fits.
        let total = Rounding.checkedLineTotal(unitPrice: Money(kopecks: 1_000_000_000_000), quantity: 1_000_000,
                                              discount: Percent(hundredths: 250))
        #expect(total == Money(kopecks: 975_000_000_000_000_000))
    }

    @Test func checkedLineTotalReportsOverflow() {
        #expect(Rounding.checkedLineTotal(unitPrice: Money(kopecks: Int64.max), quantity: 2, discount: .zero) == nil)
        #expect(Rounding.checkedLineTotal(unitPrice: Money(kopecks: Int64.max), quantity: Int64.max,
                                          discount: .zero) == nil)
        #expect(Rounding.checkedLineTotal(unitPrice: Money(kopecks: Int64.max), quantity: 1, discount: .zero)
                == Money(kopecks: Int64.max))
    }

    @Test(arguments: [
        ("1.00", "3.00", "33.33"),
        ("2.00", "3.00", "66.67"),
        ("1.00", "8.00", "12.50"),
        ("0.01", "20000.00", "0.00"),   // 0.00005 %
        ("0.01", "19999.99", "0.00"),
        ("1.00", "20000.00", "0.01"),   // 0.005 % rounds half up
        ("-1.00", "3.00", "-33.33"),
        ("-2.00", "3.00", "-66.67"),
        ("150.00", "100.00", "150.00"),
    ] as [(String, String, String)])
    func percent(part: String, whole: String, expected: String) throws {
        let percent = Rounding.percent(try Money(parsing: part), of: try Money(parsing: whole))
        #expect(percent?.description == expected)
    }

    @Test func percentOfZeroIsUndefined() {
        #expect(Rounding.percent(Money(kopecks: 100), of: .zero) == nil)
    }
}
