import Foundation
import Testing
@testable import Contracts

@Suite struct MoneyTests {
    @Test(arguments: [
        ("12500.00", 1_250_000, "12500.00"),
        ("12500", 1_250_000, "12500.00"),
        ("12500.5", 1_250_050, "12500.50"),
        ("0.01", 1, "0.01"),
        ("-3.00", -300, "-3.00"),
        ("-0.50", -50, "-0.50"),
        ("-0.00", 0, "0.00"),
        ("0", 0, "0.00"),
        ("007.10", 710, "7.10"),
        ("92233720368547758.07", Int64.max, "92233720368547758.07"),
    ] as [(String, Int64, String)])
    func parsesAndPrints(text: String, kopecks: Int64, printed: String) throws {
        let money = try Money(parsing: text)
        #expect(money.kopecks == kopecks)
        #expect(money.description == printed)
    }

    @Test(arguments: ["1.234", "", "1e3", " 1", "1 ", "abc", "+1.00", "1.", ".5", "-", "1,00", "--1",
                      "92233720368547758.08", "99999999999999999999", "١٢"])
    func rejects(text: String) {
        #expect(throws: ContractError.self) { try Money(parsing: text) }
    }

    @Test func rejectionNamesTheText() {
        #expect(throws: ContractError("invalid money amount \"1.234\": more than 2 fractional digits")) {
            try Money(parsing: "1.234")
        }
    }

    @Test func printsMinimum() {
        #expect(Money(kopecks: Int64.min).description == "-92233720368547758.08")
        #expect(Money(kopecks: -5).description == "-0.05")
    }

    @Test func arithmetic() {
        var money = Money(kopecks: 1000)
        money += Money(kopecks: 250)
        money -= Money(kopecks: 50)
        #expect(money == Money(kopecks: 1200))
        #expect(-money == Money(kopecks: -1200))
        #expect((money - Money(kopecks: 1300)).isNegative)
        #expect(!Money.zero.isNegative)
        #expect(Money.sum([Money(kopecks: 1), Money(kopecks: 2), Money(kopecks: 3)]) == Money(kopecks: 6))
        #expect(Money.sum([Money]()) == .zero)
        #expect(Money(kopecks: 1) < Money(kopecks: 2))
    }

    @Test func codableAsStringOnly() throws {
        let decoded = try WireJSON.decoder().decode([Money].self, from: Data(#"["12500.5"]"#.utf8))
        #expect(decoded == [Money(kopecks: 1_250_050)])
        let encoded = try WireJSON.encoder().encode([Money(kopecks: 5)])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["0.05"]"#)
        #expect(throws: DecodingError.self) {
            try WireJSON.decoder().decode([Money].self, from: Data("[12500.00]".utf8))
        }
        #expect(throws: DecodingError.self) {
            try WireJSON.decoder().decode([Money].self, from: Data(#"["1.234"]"#.utf8))
        }
    }
}
