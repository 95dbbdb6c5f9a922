import Foundation
import Testing
@testable import Contracts

@Suite struct PercentTests {
    @Test(arguments: [
        ("2.50", 250, "2.50"),
        ("2.5", 250, "2.50"),
        ("5", 500, "5.00"),
        ("0.01", 1, "0.01"),
        ("99.99", 9999, "99.99"),
        ("-1.00", -100, "-1.00"),
    ] as [(String, Int64, String)])
    func parsesAndPrints(text: String, hundredths: Int64, printed: String) throws {
        let percent = try Percent(parsing: text)
        #expect(percent.hundredths == hundredths)
        #expect(percent.description == printed)
    }

    @Test(arguments: ["2.505", "", "5%", "1e1", "x"])
    func rejects(text: String) {
        #expect(throws: ContractError.self) { try Percent(parsing: text) }
    }

    @Test func codable() throws {
        let decoded = try WireJSON.decoder().decode([Percent].self, from: Data(#"["3.00"]"#.utf8))
        #expect(decoded == [Percent(hundredths: 300)])
        let encoded = try WireJSON.encoder().encode([Percent(hundredths: 250)])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["2.50"]"#)
        #expect(throws: DecodingError.self) {
            try WireJSON.decoder().decode([Percent].self, from: Data("[2.5]".utf8))
        }
    }
}
