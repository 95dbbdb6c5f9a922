import Foundation
import Testing
@testable import Contracts

/// The direct reading of the hot message types (DirectJSONReaders.swift) gives exactly what the
/// Codable path gives, and leaves every value that path refuses, or reads differently, to it.
@Suite struct DirectJSONReadTests {
    static let at = Date(timeIntervalSince1970: 1_796_022_900.25)
    static let reasons = [Reason(code: "OVER_LIMIT", message: "лимит \"превышен\"\n/\\ \u{1F600}"), Reason(code: "OVERDUE", message: "")]
    static let lines = [PricedLine(lineNo: 1, sku: "MILK-1L", quantity: 40, unitPrice: Money(kopecks: 9_500), lineTotal: Money(kopecks: 380_000))]

    /// Valid messages of every type the direct path reads, with optional fields set and not.
    static let samples: [(topic: String, value: [UInt8])] = {
        let date = try! BusinessDate(parsing: "2026-11-30")
        var samples: [(String, [UInt8])] = []
        func add<P: MessagePayload>(_ topic: TopicSpec, _ payload: P, correlationId: String? = "corr-1") {
            samples.append((topic.name, try! Envelope(messageId: "m-1", occurredAt: at, payload: payload, correlationId: correlationId).jsonBytes()))
        }
        add(Topics.erpOrders, OrderPlaced(orderId: "O-1", clientId: "C-1", placedAt: at, requestedDeliveryDate: date,
                                          lines: [OrderLine(lineNo: 1, sku: "MILK-1L", quantity: 40), OrderLine(lineNo: 2, sku: "Сыр", quantity: 0)],
                                          requestedDiscountPercent: Percent(hundredths: 250), comment: "к обеду\t\"срочно\""))
        add(Topics.erpOrders, OrderPlaced(orderId: "O-2", clientId: "C-1", placedAt: at, requestedDeliveryDate: date, lines: []), correlationId: nil)
        add(Topics.creditRequests, CreditCheckRequested(orderId: "O-1", clientId: "C-1", kamId: "kam-1", total: Money(kopecks: 123_456),
                                                        businessDate: date, requestedAt: at))
        add(Topics.creditDecisions, CreditCheckDecided(orderId: "O-1", clientId: "C-1", outcome: .held, reasons: reasons,
                                                       exposure: Money(kopecks: -5), creditLimit: Money(kopecks: 100), decidedAt: at,
                                                       decidedBy: "head", comment: "ok"))
        add(Topics.creditDecisions, CreditCheckDecided(orderId: "O-1", clientId: "C-1", outcome: .approved, reasons: [],
                                                       exposure: .zero, creditLimit: .zero, decidedAt: at))
        add(Topics.orderDecisions, OrderConfirmed(orderId: "O-1", clientId: "C-1", kamId: "kam-1", priceListId: "PL-1", priceColumn: 2,
                                                  discountPercent: Percent(hundredths: 0), lines: lines, total: Money(kopecks: 380_000),
                                                  confirmedAt: at, approvedBy: "head"))
        add(Topics.orderDecisions, OrderOnHold(orderId: "O-1", clientId: "C-1", total: Money(kopecks: 1), reasons: reasons, heldAt: at))
        add(Topics.orderDecisions, OrderRejected(orderId: "O-1", clientId: "C-1", reasons: reasons, rejectedAt: at))
        return samples
    }()

    @Test func validMessagesAreReadDirectlyAndAsCodableReadsThem() throws {
        for sample in Self.samples {
            let spec = try #require(Topics.spec(named: sample.topic))
            guard case .message(let direct) = InboundMessage.directRead(sample.value, on: spec, readingPayloadsOf: nil) else {
                Issue.record("not read directly: \(String(decoding: sample.value, as: UTF8.self))")
                continue
            }
            #expect(direct == (try InboundMessage.codableDecode(sample.value, on: spec, readingPayloadsOf: nil)))
        }
    }

    @Test func ignoredTypesAreReadAsFarAsTheirEnvelope() throws {
        let sample = Self.samples[0]
        let spec = try #require(Topics.spec(named: sample.topic))
        guard case .message(let direct) = InboundMessage.directRead(sample.value, on: spec, readingPayloadsOf: ["OrderCancelled"]) else {
            Issue.record("not read directly"); return
        }
        #expect(direct == nil)
    }

    /// Every single-byte deletion, and a set of substitutions, of every sample: whatever the direct
    /// path reads must be what the Codable path reads; whatever it cannot, it leaves to that path.
    @Test func mutatedMessagesAgreeWithTheCodablePath() throws {
        let substitutions: [(String, String)] = [
            ("40", "40.0"), ("40", "4e1"), ("40", "\"40\""), ("40", "-0"), ("40", "040"), ("40", "99999999999999999999"),
            ("\"1\"", "1"), ("\"m-1\"", "\"\""), ("\"m-1\"", "null"), ("1,", "2,"), ("\"O-1\"", "\"O-1\",\"orderId\":\"O-9\""),
            ("\"held\"", "\"maybe\""), ("\"2026-11-30\"", "\"2026-02-30\""), ("Z\"", "+03:00\""), ("\"2.50\"", "\"2.505\""),
            ("\"-0.05\"", "\"-0.05\"".replacingOccurrences(of: "-", with: "+")), ("\"1.00\"", "\"-1.00\""), ("[]", "{}"), ("[]", "null"),
            ("\"head\"", "\"\\u0068ead\""), ("\"head\"", "\"\\ud83d\\ude00\""), ("\"head\"", "\"\\ud83d\""), ("\"head\"", "\"he\\x\""),
            ("\"corr-1\"", "null"), ("\"corr-1\"", "7"), ("}", "},"), ("{", "{ "), (":", " : "), ("\"type\"", "\"Type\""),
            ("\"OrderPlaced\"", "\"OrderCancelled\""), ("\"CreditCheckDecided\"", "\"CreditCheckRequested\""),
        ]
        var directReads = 0
        var fallBacks = 0
        for sample in Self.samples {
            let spec = try #require(Topics.spec(named: sample.topic))
            let text = String(decoding: sample.value, as: UTF8.self)
            var variants: [[UInt8]] = (0..<sample.value.count).map { index in
                var bytes = sample.value
                bytes.remove(at: index)
                return bytes
            }
            for (from, to) in substitutions where text.contains(from) {
                variants.append(Array(text.replacingOccurrences(of: from, with: to).utf8))
            }
            for variant in variants {
                let codable = Result { () throws(ContractError) in try InboundMessage.codableDecode(variant, on: spec, readingPayloadsOf: nil) }
                switch InboundMessage.directRead(variant, on: spec, readingPayloadsOf: nil) {
                case .message(let direct):
                    directReads += 1
                    #expect((try? codable.get()) == direct, "\(String(decoding: variant, as: UTF8.self))")
                case .fallBack:
                    fallBacks += 1
                }
            }
        }
        // Most mutations break the JSON or the contract; some (a deleted space, a changed digit) do not.
        #expect(directReads > 0 && fallBacks > 0)
    }
}
