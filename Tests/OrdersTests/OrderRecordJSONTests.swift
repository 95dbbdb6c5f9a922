import Contracts
import Foundation
@testable import Orders
import ServiceKit
import Testing
import TestSupport

/// The order document writes itself (OrderRecord+JSON.swift): exactly what its Codable encoding writes.
@Suite struct OrderRecordJSONTests {
    static var full: OrderRecord {
        OrderRecord(orderId: "O-1", clientId: "C-1", kamId: "kam-1", status: .onHold, stage: .creditHold, placedAt: F.t0,
                    businessDate: F.businessDate, requestedDeliveryDate: F.date("2026-12-01"), requestedDiscountPercent: F.pct("2.50"),
                    requestedLines: [OrderLine(lineNo: 1, sku: "MILK-1L", quantity: 40)],
                    priced: PricedOrder(priceListId: "PL-1", priceColumn: 2, discountPercent: F.pct("2.50"),
                                        lines: [PricedLine(lineNo: 1, sku: "MILK-1L", quantity: 40, unitPrice: F.money("95.00"),
                                                           lineTotal: F.money("3800.00"))],
                                        total: F.money("3705.00")),
                    reasons: [Reason(code: "OVER_LIMIT", message: "лимит превышен")], parkedUntil: F.t0.addingTimeInterval(60),
                    decidedAt: F.t0.addingTimeInterval(1.5), approvedBy: "head", comment: "срочно\n\"к обеду\"",
                    updatedAt: F.t0.addingTimeInterval(2),
                    history: [OrderEvent(.placed, at: F.t0), OrderEvent(.held, at: F.t0, reasons: [Reason(code: "OVER_LIMIT", message: "m")]),
                              OrderEvent(.creditApproved, at: F.t0, by: "head", comment: "да")])
    }

    @Test func aFullRecordIsWrittenAsCodableWritesIt() throws {
        let outcome = try DirectJSONCheck.compare(Self.full)
        #expect(outcome.direct == outcome.codable)
        #expect(outcome.unsetFields == [])
        let event = try DirectJSONCheck.compare(OrderEvent(.creditApproved, at: F.t0, by: "head", comment: "да"))
        #expect(event.direct == event.codable)
        #expect(event.unsetFields == [])
    }

    @Test func aBareRecordToo() throws {
        let bare = OrderRecord.received(OrderPlaced(orderId: "O-2", clientId: "C-1", placedAt: F.t0, requestedDeliveryDate: F.businessDate,
                                                    lines: []), businessDate: F.businessDate, at: F.t0)
        let outcome = try DirectJSONCheck.compare(bare)
        #expect(outcome.direct == outcome.codable)
        var old = bare
        old.history = nil
        let again = try DirectJSONCheck.compare(old)
        #expect(again.direct == again.codable)
    }

    @Test func theStoredDocumentReadsBackAsTheSameRecord() throws {
        let text = try JSONColumn.document(Self.full)
        #expect(try JSONColumn.value(OrderRecord.self, from: text) == Self.full)
    }

    /// PostgreSQL gives jsonb back with its own spacing and key order; the record reads itself from
    /// it directly, and to the value Foundation's decoder reads.
    @Test func aStoredDocumentIsReadDirectly() throws {
        for record in [Self.full, OrderRecord.received(OrderPlaced(orderId: "O-2", clientId: "C-1", placedAt: F.t0,
                                                                    requestedDeliveryDate: F.businessDate, lines: []),
                                                        businessDate: F.businessDate, at: F.t0)] {
            let compact = try JSONColumn.document(record)
            let spaced = compact.replacingOccurrences(of: "\":", with: "\": ").replacingOccurrences(of: ",\"", with: ", \"")
            for text in [compact, spaced] {
                let direct = try JSONInput.read(OrderRecord.self, from: Array(text.utf8))
                #expect(direct == record)
                #expect(direct == (try WireJSON.sharedDecoder.decode(OrderRecord.self, from: Data(text.utf8))))
            }
        }
    }

    @Test func aDocumentItCannotReadIsLeftToFoundation() throws {
        let text = try JSONColumn.document(Self.full).replacingOccurrences(of: "\"priceColumn\":2", with: "\"priceColumn\":2.0")
        #expect(throws: JSONInput.Refused.self) { try JSONInput.read(OrderRecord.self, from: Array(text.utf8)) }
        #expect(try JSONColumn.value(OrderRecord.self, from: text) == (try WireJSON.sharedDecoder.decode(OrderRecord.self, from: Data(text.utf8))))
    }
}
