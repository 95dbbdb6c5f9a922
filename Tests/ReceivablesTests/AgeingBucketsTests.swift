import Contracts
import Foundation
import Testing
@testable import Receivables

/// SPEC 5.3 ageing: notDue, 1-30, 31-60, 61-90, 90+ by days overdue; 30 is "1-30", 31 is "31-60".
@Suite struct AgeingBucketsTests {
    enum Bucket: String, Sendable { case notDue, d1to30 = "1-30", d31to60 = "31-60", d61to90 = "61-90", over90 = "90+" }

    static func amounts(_ b: AgeingBuckets) -> [Bucket: Money] {
        [.notDue: b.notDue, .d1to30: b.d1to30, .d31to60: b.d31to60, .d61to90: b.d61to90, .over90: b.over90]
    }

    @Test(arguments: [
        (-30, Bucket.notDue), (0, .notDue),
        (1, .d1to30), (15, .d1to30), (30, .d1to30),
        (31, .d31to60), (60, .d31to60),
        (61, .d61to90), (90, .d61to90),
        (91, .over90), (365, .over90),
    ] as [(Int, Bucket)])
    func boundary(daysOverdue: Int, bucket: Bucket) {
        var b = AgeingBuckets()
        b.add(L.money("0.01"), daysOverdue: daysOverdue)
        for (other, amount) in Self.amounts(b) {
            #expect(amount == (other == bucket ? L.money("0.01") : .zero), "\(other.rawValue)")
        }
        #expect(b.total == L.money("0.01"))
    }

    @Test func ofALedgerAsOfADate() {
        // As of 2026-12-31: due dates give 0, 30, 31, 60, 61, 90, 91 days overdue.
        let asOf = L.date("2026-12-31")
        let docs = LedgerDocuments(
            invoices: [
                L.inv("I-0", "100.00", issued: "2026-12-01", due: "2026-12-31"),    // 0 → notDue
                L.inv("I-30", "200.00", issued: "2026-11-01", due: "2026-12-01"),   // 30 → 1-30
                L.inv("I-31", "300.00", issued: "2026-10-30", due: "2026-11-30"),   // 31 → 31-60
                L.inv("I-60", "0.01", issued: "2026-10-01", due: "2026-11-01"),     // 60 → 31-60
                L.inv("I-61", "400.00", issued: "2026-10-01", due: "2026-10-31"),   // 61 → 61-90
                L.inv("I-90", "500.00", issued: "2026-09-01", due: "2026-10-02"),   // 90 → 61-90
                L.inv("I-91", "600.00", issued: "2026-09-01", due: "2026-10-01"),   // 91 → 90+
                L.inv("I-PAID", "700.00", issued: "2026-08-01", due: "2026-08-31"), // paid → nowhere
                L.inv("I-LATER", "800.00", issued: "2027-01-01", due: "2027-01-31"), // after asOf → nowhere
            ],
            payments: [L.pay("P-1", "750.00", on: "2026-09-15", [("I-PAID", "700.00"), ("I-91", "50.00")])])
        let b = AgeingBuckets.of(LedgerAllocation.replay(docs, asOf: asOf), asOf: asOf)
        #expect(b.notDue == L.money("100.00"))
        #expect(b.d1to30 == L.money("200.00"))
        #expect(b.d31to60 == L.money("300.01"))
        #expect(b.d61to90 == L.money("900.00"))
        #expect(b.over90 == L.money("550.00"))
        #expect(b.total == L.money("2050.01"))
    }

    @Test func sumOfBuckets() {
        var a = AgeingBuckets()
        a.add(L.money("1.10"), daysOverdue: 0)
        a.add(L.money("2.20"), daysOverdue: 45)
        var b = AgeingBuckets()
        b.add(L.money("0.05"), daysOverdue: 0)
        b.add(L.money("3.00"), daysOverdue: 120)
        let s = a + b
        #expect(s.notDue == L.money("1.15"))
        #expect(s.d1to30 == .zero)
        #expect(s.d31to60 == L.money("2.20"))
        #expect(s.d61to90 == .zero)
        #expect(s.over90 == L.money("3.00"))
        #expect(s.total == L.money("6.35"))
    }

    @Test func jsonHasTheSpecKeysAndTotal() throws {
        var b = AgeingBuckets()
        b.add(L.money("100.00"), daysOverdue: 0)
        b.add(L.money("0.01"), daysOverdue: 30)
        b.add(L.money("20.50"), daysOverdue: 31)
        b.add(L.money("3.00"), daysOverdue: 90)
        b.add(L.money("4000.00"), daysOverdue: 91)
        let json = String(decoding: try WireJSON.encoder().encode(b), as: UTF8.self)
        #expect(json == #"{"1-30":"0.01","31-60":"20.50","61-90":"3.00","90+":"4000.00","notDue":"100.00","total":"4123.51"}"#)

        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String])
        #expect(Set(object.keys) == ["notDue", "1-30", "31-60", "61-90", "90+", "total"])

        // Decoding ignores "total" (it is derived) and round-trips.
        #expect(try WireJSON.decoder().decode(AgeingBuckets.self, from: Data(json.utf8)) == b)
    }

    @Test func emptyBucketsEncodeZeros() throws {
        let json = String(decoding: try WireJSON.encoder().encode(AgeingBuckets()), as: UTF8.self)
        #expect(json == #"{"1-30":"0.00","31-60":"0.00","61-90":"0.00","90+":"0.00","notDue":"0.00","total":"0.00"}"#)
    }
}
