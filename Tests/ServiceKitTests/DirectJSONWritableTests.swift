import Contracts
import Foundation
import Testing
import TestSupport

/// The messages that write their own JSON write what their Codable encoding writes, every field set.
@Suite struct DirectJSONWritableTests {
    static let at = Date(timeIntervalSince1970: 1_796_022_900.25)
    static let reasons = [Reason(code: "OVER_LIMIT", message: "лимит \"превышен\"\n/\\"), Reason(code: "OVERDUE", message: "")]
    static let lines = [PricedLine(lineNo: 1, sku: "MILK-1L", quantity: 40, unitPrice: Money(kopecks: 9_500), lineTotal: Money(kopecks: 380_000)),
                        PricedLine(lineNo: 12, sku: "Сыр\t1", quantity: -3, unitPrice: Money(kopecks: 1), lineTotal: Money(kopecks: -3))]
    static let date = try! BusinessDate(parsing: "2026-11-30")

    static func check(_ sample: some DirectJSONWritable & Encodable, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let outcome = try DirectJSONCheck.compare(sample)
        #expect(outcome.direct == outcome.codable, sourceLocation: sourceLocation)
        #expect(outcome.unsetFields == [], "the sample must set every field", sourceLocation: sourceLocation)
    }

    @Test func creditCheckRequested() throws {
        let payload = CreditCheckRequested(orderId: "O-1", clientId: "C-1", kamId: "kam-1", total: Money(kopecks: 123_456_789),
                                           businessDate: Self.date, requestedAt: Self.at)
        try Self.check(payload)
        try Self.check(Envelope(messageId: "m-1", occurredAt: Self.at, payload: payload, correlationId: "corr-1"))
    }

    @Test func creditCheckDecided() throws {
        try Self.check(CreditCheckDecided(orderId: "O-1", clientId: "C-1", outcome: .held, reasons: Self.reasons, exposure: Money(kopecks: -5),
                                          creditLimit: Money(kopecks: 50_000_000), decidedAt: Self.at, decidedBy: "head", comment: "ok"))
    }

    @Test func decisions() throws {
        try Self.check(OrderConfirmed(orderId: "O-1", clientId: "C-1", kamId: "kam-1", priceListId: "PL-1", priceColumn: 3,
                                      discountPercent: Percent(hundredths: 250), lines: Self.lines, total: Money(kopecks: 379_997),
                                      confirmedAt: Self.at, approvedBy: "head"))
        try Self.check(OrderOnHold(orderId: "O-1", clientId: "C-1", total: Money(kopecks: 100), reasons: Self.reasons, heldAt: Self.at))
        try Self.check(OrderRejected(orderId: "O-1", clientId: "C-1", reasons: [], rejectedAt: Self.at))
    }

    @Test func partsAndAbsentOptionals() throws {
        try Self.check(OrderLine(lineNo: 1, sku: "MILK-1L", quantity: 40))
        // Absent optionals are left out, as Codable leaves them out.
        let bare = CreditCheckDecided(orderId: "O", clientId: "C", outcome: .approved, reasons: [], exposure: .zero,
                                      creditLimit: .zero, decidedAt: Self.at)
        let outcome = try DirectJSONCheck.compare(Envelope(messageId: "m", occurredAt: Self.at, payload: bare))
        #expect(outcome.direct == outcome.codable)
    }

    @Test func theEncoderUsesThem() throws {
        let envelope = Envelope(messageId: "m-1", occurredAt: Self.at,
                                payload: OrderRejected(orderId: "O-1", clientId: "C-1", reasons: Self.reasons, rejectedAt: Self.at))
        #expect(try envelope.jsonBytes() == [UInt8](try WireJSON.sharedEncoder.encode(envelope)))
    }
}
