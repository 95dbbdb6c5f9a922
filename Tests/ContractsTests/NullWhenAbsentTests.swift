import Foundation
import Testing
@testable import Contracts

@Suite struct NullWhenAbsentTests {
    static let empty = PaymentDiscipline(asOf: try! BusinessDate(parsing: "2026-11-30"), windowDays: 365, settledInvoices: 0,
                                         paidOnTime: 0, averageDaysLate: nil, shareOnTimePct: nil, dso: nil,
                                         outstanding: .zero, invoicedLast90Days: .zero)

    @Test func undefinedFiguresAreWrittenAsNull() throws {
        let text = String(decoding: try WireJSON.encoder().encode(Self.empty), as: UTF8.self)
        #expect(text == #"{"asOf":"2026-11-30","averageDaysLate":null,"dso":null,"invoicedLast90Days":"0.00","#
            + #""outstanding":"0.00","paidOnTime":0,"settledInvoices":0,"shareOnTimePct":null,"windowDays":365}"#)
    }

    @Test func nullAndMissingReadBackAsNil() throws {
        let missing = #"{"asOf":"2026-11-30","invoicedLast90Days":"0.00","outstanding":"0.00","paidOnTime":0,"settledInvoices":0,"windowDays":365}"#
        #expect(try WireJSON.decoder().decode(PaymentDiscipline.self, from: Data(missing.utf8)) == Self.empty)
        let encoded = try WireJSON.encoder().encode(Self.empty)
        #expect(try WireJSON.decoder().decode(PaymentDiscipline.self, from: encoded) == Self.empty)
    }

    @Test func presentFiguresRoundTrip() throws {
        var d = Self.empty
        d.averageDaysLate = try Decimal2(parsing: "4.33")
        d.shareOnTimePct = try Percent(parsing: "33.33")
        d.dso = Decimal2(30)
        let back = try WireJSON.decoder().decode(PaymentDiscipline.self, from: try WireJSON.encoder().encode(d))
        #expect(back == d)
        #expect(back.dso?.description == "30.00")
    }

    @Test(arguments: [(Int64(1), Int64(3), "0.33"), (2, 3, "0.67"), (1, 8, "0.13"), (13, 3, "4.33"), (0, 7, "0.00")])
    func quotientsRoundHalfUp(_ a: Int64, _ d: Int64, _ text: String) {
        #expect(Decimal2.quotient(a, over: d)?.description == text)
    }

    @Test func quotientByZeroIsUndefined() {
        #expect(Decimal2.quotient(5, over: 0) == nil)
        #expect(Percent.share(1, of: 0) == nil)
        #expect(Percent.share(2, of: 3)?.description == "66.67")
    }
}
