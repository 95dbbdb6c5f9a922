import Foundation
import Testing
@testable import Contracts

@Suite struct SpecExamplesTests {
    @Test(arguments: Fixtures.examples)
    func roundTrips(example: Fixtures.Example) throws {
        let first = try InboundMessage.decode(topic: example.topic, value: example.value)
        #expect(first.type == example.type)
        #expect(first.messageId == "3f1c6a2e-0000-4000-8000-000000000001")
        #expect(first.correlationId == "corr-1")
        #expect(first.occurredAt == WireJSON.parseTimestamp("2026-11-30T07:15:00Z"))
        let again = try InboundMessage.decode(topic: example.topic, value: try Self.encode(first))
        #expect(again == first)
    }

    @Test func clientExampleDecodesToExactValues() throws {
        guard case .clientUpserted(let envelope) = try InboundMessage.decode(
            topic: Topics.erpClients.name, value: Fixtures.envelope(type: "ClientUpserted", payload: Fixtures.clientUpserted))
        else { Issue.record("wrong case"); return }
        let expected = ClientUpserted(
            clientId: "C-1001", name: "ООО Ромашка", taxId: "7701234567", kamId: "kam-ivanova",
            segment: .retailChain, tier: .a, status: .active,
            contract: Contract(contractId: "D-77", signedOn: try BusinessDate(year: 2026, month: 1, day: 15),
                               paymentTermDays: 30, creditLimit: Money(kopecks: 50_000_000), priceColumn: 2,
                               maxDiscountPercent: Percent(hundredths: 300)))
        #expect(envelope.payload == expected)
        #expect(envelope.schemaVersion == 1)
    }

    @Test func absentContractIsNil() throws {
        let payload = #"{"clientId":"C-1","name":"n","taxId":"t","kamId":"k","segment":"other","tier":"B","status":"blocked"}"#
        guard case .clientUpserted(let envelope) = try InboundMessage.decode(
            topic: Topics.erpClients.name, value: Fixtures.envelope(type: "ClientUpserted", payload: payload))
        else { Issue.record("wrong case"); return }
        #expect(envelope.payload.contract == nil)
        #expect(envelope.payload.status == .blocked)
    }

    @Test func orderExampleDecodesToExactValues() throws {
        guard case .orderPlaced(let envelope) = try InboundMessage.decode(
            topic: Topics.erpOrders.name, value: Fixtures.envelope(type: "OrderPlaced", payload: Fixtures.orderPlaced))
        else { Issue.record("wrong case"); return }
        #expect(envelope.payload.lines == [OrderLine(lineNo: 1, sku: "MILK-1L", quantity: 40)])
        #expect(envelope.payload.requestedDiscountPercent == Percent(hundredths: 500))
        #expect(envelope.payload.placedAt == WireJSON.parseTimestamp("2026-11-30T07:10:00Z"))
    }

    @Test func encodesTheWireFormat() throws {
        let envelope = Envelope(
            messageId: "m-1", occurredAt: Date(timeIntervalSince1970: 1_796_022_900),
            payload: OrderRejected(orderId: "O-2", clientId: "C-1",
                                   reasons: [Reason(code: "UNKNOWN_CLIENT", message: "no client C-1")],
                                   rejectedAt: Date(timeIntervalSince1970: 1_796_022_900.5)))
        let text = String(decoding: try envelope.jsonBytes(), as: UTF8.self)
        #expect(text == #"{"messageId":"m-1","occurredAt":"2026-11-30T07:15:00Z","payload":{"clientId":"C-1","#
            + #""orderId":"O-2","reasons":[{"code":"UNKNOWN_CLIENT","message":"no client C-1"}],"#
            + #""rejectedAt":"2026-11-30T07:15:00.500Z"},"schemaVersion":1,"type":"OrderRejected"}"#)
        #expect(try encodeEnvelope(envelope) == envelope.jsonBytes())
    }

    @Test func newEnvelopeDefaults() {
        let envelope = Envelope(occurredAt: Date(), payload: OrderCompleted(orderId: "O", clientId: "C", completedAt: Date()))
        #expect(envelope.type == "OrderCompleted")
        #expect(envelope.schemaVersion == 1)
        #expect(envelope.messageId.count == 36)
        #expect(envelope.messageId == envelope.messageId.lowercased())
        #expect(envelope.correlationId == nil)
    }

    @Test func moneyIsPrintedWithTwoDecimals() throws {
        let payload = #"{"invoiceId":"I","clientId":"C","amount":"12500.5","issuedOn":"2026-12-02","dueDate":"2027-01-01"}"#
        let message = try InboundMessage.decode(topic: Topics.erpInvoices.name,
                                                value: Fixtures.envelope(type: "InvoiceIssued", payload: payload))
        let text = String(decoding: try Self.encode(message), as: UTF8.self)
        #expect(text.contains(#""amount":"12500.50""#))
        #expect(!text.contains("orderId"))
    }

    static func encode(_ message: InboundMessage) throws -> [UInt8] {
        switch message {
        case .clientUpserted(let e): try e.jsonBytes()
        case .priceListPublished(let e): try e.jsonBytes()
        case .orderPlaced(let e): try e.jsonBytes()
        case .orderCancelled(let e): try e.jsonBytes()
        case .orderCompleted(let e): try e.jsonBytes()
        case .invoiceIssued(let e): try e.jsonBytes()
        case .paymentReceived(let e): try e.jsonBytes()
        case .creditNoteIssued(let e): try e.jsonBytes()
        case .orderConfirmed(let e): try e.jsonBytes()
        case .orderOnHold(let e): try e.jsonBytes()
        case .orderRejected(let e): try e.jsonBytes()
        case .dunningNoticeIssued(let e): try e.jsonBytes()
        case .deadLetter(let e): try e.jsonBytes()
        case .creditCheckRequested(let e): try e.jsonBytes()
        case .creditCheckDecided(let e): try e.jsonBytes()
        case .clientOpenItemsChanged(let e): try e.jsonBytes()
        }
    }
}
