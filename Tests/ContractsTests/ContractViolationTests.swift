import Foundation
import Testing
@testable import Contracts

/// SPEC §2: every way a record can break the contract is a ContractError whose
/// reason names the path and the problem; business problems are not.
@Suite struct ContractViolationTests {
    struct Case: Sendable, CustomStringConvertible {
        let description: String
        let topic: String
        let value: [UInt8]
        let reason: String

        init(_ description: String, topic: String = "erp.orders.v1", value: [UInt8], reason: String) {
            self.description = description
            self.topic = topic
            self.value = value
            self.reason = reason
        }

        init(_ description: String, topic: String = "erp.orders.v1", json: String, reason: String) {
            self.init(description, topic: topic, value: Array(json.utf8), reason: reason)
        }

        /// An OrderPlaced whose example payload has one substring replaced.
        init(_ description: String, order replace: String, with replacement: String, reason: String) {
            let payload = Fixtures.orderPlaced.replacingOccurrences(of: replace, with: replacement)
            precondition(payload != Fixtures.orderPlaced, "fixture text not found: \(replace)")
            self.init(description, value: Fixtures.envelope(type: "OrderPlaced", payload: payload), reason: reason)
        }
    }

    static let cases: [Case] = [
        Case("bad JSON", json: #"{"messageId": "m", "type": "#,
             reason: "value is not valid JSON"),
        Case("empty value", json: "", reason: "value is not valid JSON"),
        Case("JSON null", json: "null", reason: "value must be a JSON object, got null"),
        Case("not UTF-8", value: [0x7B, 0xFF, 0xFE, 0x7D], reason: "value is not UTF-8 text"),
        Case("not an object", json: #"[1, 2]"#, reason: "value must be a JSON object, got an array"),
        Case("unknown topic", topic: "erp.orders.v9", value: Fixtures.envelope(type: "OrderPlaced", payload: Fixtures.orderPlaced),
             reason: "unknown topic erp.orders.v9"),
        Case("unknown type", value: Fixtures.envelope(type: "Foo", payload: "{}"),
             reason: "unknown type 'Foo' on topic erp.orders.v1"),
        Case("type of another topic", value: Fixtures.envelope(type: "InvoiceIssued", payload: "{}"),
             reason: "unknown type 'InvoiceIssued' on topic erp.orders.v1"),
        Case("unknown schemaVersion", value: Fixtures.envelope(type: "OrderPlaced", payload: Fixtures.orderPlaced, schemaVersion: "2"),
             reason: "schemaVersion: unsupported version 2 of 'OrderPlaced' (supported: 1)"),
        Case("schemaVersion as string", value: Fixtures.envelope(type: "OrderPlaced", payload: Fixtures.orderPlaced, schemaVersion: #""1""#),
             reason: #"schemaVersion: expected an integer, got a string "1""#),
        Case("missing envelope field", json: #"{"type": "OrderPlaced", "schemaVersion": 1, "occurredAt": "2026-11-30T07:15:00Z", "payload": {}}"#,
             reason: "messageId: missing required field"),
        Case("empty messageId", json: #"{"messageId": "", "type": "OrderPlaced", "schemaVersion": 1, "occurredAt": "2026-11-30T07:15:00Z", "payload": {}}"#,
             reason: "messageId: must not be empty"),
        Case("missing payload", json: #"{"messageId": "m", "type": "OrderPlaced", "schemaVersion": 1, "occurredAt": "2026-11-30T07:15:00Z"}"#,
             reason: "payload: missing required field"),
        Case("bad occurredAt", json: #"{"messageId": "m", "type": "OrderPlaced", "schemaVersion": 1, "occurredAt": "30.11.2026", "payload": {}}"#,
             reason: #"occurredAt: invalid timestamp "30.11.2026": expected RFC 3339, like "2026-11-30T07:15:00Z""#),
        Case("missing payload field", order: #""clientId": "C-1001", "#, with: "",
             reason: "payload.clientId: missing required field"),
        Case("missing line field", order: #", "sku": "MILK-1L""#, with: "",
             reason: "payload.lines[0].sku: missing required field"),
        Case("null required field", order: #""orderId": "O-1""#, with: #""orderId": null"#,
             reason: "payload.orderId: expected a string, got null"),
        Case("wrong JSON type", order: #""orderId": "O-1""#, with: #""orderId": 17"#,
             reason: "payload.orderId: expected a string, got 17"),
        Case("lines not an array", order: #""lines": [{"lineNo": 1, "sku": "MILK-1L", "quantity": 40}]"#, with: #""lines": {}"#,
             reason: "payload.lines: expected an array, got an object"),
        Case("quantity as string", order: #""quantity": 40"#, with: #""quantity": "40""#,
             reason: #"payload.lines[0].quantity: expected an integer, got a string "40""#),
        Case("fractional quantity", order: #""quantity": 40"#, with: #""quantity": 1.5"#,
             reason: "payload.lines[0].quantity: expected an integer, got 1.5"),
        Case("money as number", order: #""requestedDiscountPercent": "5.00""#, with: #""requestedDiscountPercent": 5"#,
             reason: #"payload.requestedDiscountPercent: expected a percentage as a JSON string like "2.50", got 5"#),
        Case("three decimals", order: #""requestedDiscountPercent": "5.00""#, with: #""requestedDiscountPercent": "5.001""#,
             reason: #"payload.requestedDiscountPercent: invalid percentage "5.001": more than 2 fractional digits"#),
        Case("negative discount", order: #""requestedDiscountPercent": "5.00""#, with: #""requestedDiscountPercent": "-1.00""#,
             reason: "payload.requestedDiscountPercent: must be at least 0.00 and below 100.00, got -1.00"),
        Case("discount of 100", order: #""requestedDiscountPercent": "5.00""#, with: #""requestedDiscountPercent": "100""#,
             reason: "payload.requestedDiscountPercent: must be at least 0.00 and below 100.00, got 100.00"),
        Case("bad date", order: #""requestedDeliveryDate": "2026-12-02""#, with: #""requestedDeliveryDate": "2026-02-30""#,
             reason: #"payload.requestedDeliveryDate: invalid date "2026-02-30": no such calendar day"#),
        Case("negative money", topic: "erp.invoices.v1", value: Fixtures.envelope(type: "InvoiceIssued", payload:
                #"{"invoiceId": "I-1", "clientId": "C-1", "amount": "-3.00", "issuedOn": "2026-12-02", "dueDate": "2027-01-01"}"#),
             reason: "payload.amount: must not be negative, got -3.00"),
        Case("money as JSON number", topic: "erp.invoices.v1", value: Fixtures.envelope(type: "InvoiceIssued", payload:
                #"{"invoiceId": "I-1", "clientId": "C-1", "amount": 3610.00, "issuedOn": "2026-12-02", "dueDate": "2027-01-01"}"#),
             reason: #"payload.amount: expected a money amount as a JSON string like "12500.00", got 3610"#),
        Case("negative allocation", topic: "erp.payments.v1", value: Fixtures.envelope(type: "PaymentReceived", payload:
                #"{"paymentId": "P", "clientId": "C-1", "amount": "1.00", "receivedOn": "2026-12-02", "allocations": [{"invoiceId": "I", "amount": "-0.01"}]}"#),
             reason: "payload.allocations[0].amount: must not be negative, got -0.01"),
        Case("negative price", topic: "erp.pricelists.v1", value: Fixtures.envelope(type: "PriceListPublished", payload:
                Fixtures.priceListPublished.replacingOccurrences(of: #""90.00""#, with: #""-90.00""#)),
             reason: "payload.items[0].prices[2]: must not be negative, got -90.00"),
        Case("no prices", topic: "erp.pricelists.v1", value: Fixtures.envelope(type: "PriceListPublished", payload:
                #"{"priceListId": "PL", "effectiveFrom": "2026-12-01", "items": [{"sku": "S", "name": "n", "category": "c", "prices": []}]}"#),
             reason: "payload.items[0].prices: must not be empty"),
        Case("unknown enum value", topic: "erp.clients.v1", value: Fixtures.envelope(type: "ClientUpserted", payload:
                Fixtures.clientUpserted.replacingOccurrences(of: "retail_chain", with: "online")),
             reason: #"payload.segment: invalid value "online": expected one of retail_chain, horeca, wholesale, institution, other"#),
        Case("negative credit limit", topic: "erp.clients.v1", value: Fixtures.envelope(type: "ClientUpserted", payload:
                Fixtures.clientUpserted.replacingOccurrences(of: #""500000.00""#, with: #""-1.00""#)),
             reason: "payload.contract.creditLimit: must not be negative, got -1.00"),
        Case("price column 0", topic: "erp.clients.v1", value: Fixtures.envelope(type: "ClientUpserted", payload:
                Fixtures.clientUpserted.replacingOccurrences(of: #""priceColumn": 2"#, with: #""priceColumn": 0"#)),
             reason: "payload.contract.priceColumn: must be at least 1, got 0"),
        Case("max discount 100", topic: "erp.clients.v1", value: Fixtures.envelope(type: "ClientUpserted", payload:
                Fixtures.clientUpserted.replacingOccurrences(of: #""3.00""#, with: #""100.00""#)),
             reason: "payload.contract.maxDiscountPercent: must be at least 0.00 and below 100.00, got 100.00"),
        Case("partition out of range", topic: "kam.deadletter.v1", value: Fixtures.envelope(type: "DeadLetter", payload:
                Fixtures.examples.first { $0.type == "DeadLetter" }!.payload
                    .replacingOccurrences(of: #""sourcePartition": 3"#, with: #""sourcePartition": 3000000000"#)),
             reason: "payload.sourcePartition: integer out of range, got 3000000000"),
        Case("NUL in a string", order: #""comment""#, with: #""note": "a\u0000b", "comment""#,
             reason: #"value: a string contains \u0000 (NUL), which is not allowed"#),
        Case("NUL after an escaped quote", order: #""comment""#, with: #""note": "\"\u0000", "comment""#,
             reason: #"value: a string contains \u0000 (NUL), which is not allowed"#),
    ]

    @Test("an escaped backslash before u0000 is text, not NUL")
    func escapedBackslashIsNotNUL() throws {
        let payload = Fixtures.orderPlaced.replacingOccurrences(of: #""comment""#, with: #""note": "C:\\u0000", "comment""#)
        #expect(WireDecoding.containsEscapedNUL(Array(payload.utf8)) == false)
        #expect(WireDecoding.containsEscapedNUL(Array(#"{"a": "\\\u0000"}"#.utf8)) == true)
        _ = try InboundMessage.decode(topic: "erp.orders.v1", value: Fixtures.envelope(type: "OrderPlaced", payload: payload))
    }

    @Test(arguments: cases)
    func isAContractError(violation: Case) {
        do {
            let message = try InboundMessage.decode(topic: violation.topic, value: violation.value)
            Issue.record("decoded as \(message.type)")
        } catch {
            #expect(error.reason == violation.reason)
        }
    }

    @Test func unknownExtraFieldsAreIgnored() throws {
        let payload = Fixtures.orderPlaced
            .replacingOccurrences(of: #""quantity": 40"#, with: #""quantity": 40, "unit": "pcs", "x": {"y": [1]}"#)
            .replacingOccurrences(of: #""orderId": "O-1""#, with: #""orderId": "O-1", "channel": "edi""#)
        let value = Fixtures.envelope(type: "OrderPlaced", payload: payload, extra: #", "producer": "erp-7""#)
        guard case .orderPlaced(let envelope) = try InboundMessage.decode(topic: "erp.orders.v1", value: value) else {
            Issue.record("wrong case"); return
        }
        #expect(envelope.payload.lines == [OrderLine(lineNo: 1, sku: "MILK-1L", quantity: 40)])
    }

    /// Business problems are the orders service's to reject (SPEC §5.2), not dead letters.
    @Test(arguments: [
        (#""quantity": 40"#, #""quantity": 0"#),
        (#""quantity": 40"#, #""quantity": -5"#),
        (#""lines": [{"lineNo": 1, "sku": "MILK-1L", "quantity": 40}]"#, #""lines": []"#),
        (#""lines": [{"lineNo": 1, "sku": "MILK-1L", "quantity": 40}]"#,
         #""lines": [{"lineNo": 1, "sku": "A", "quantity": 1}, {"lineNo": 1, "sku": "NOPE", "quantity": 2}]"#),
        (#""requestedDiscountPercent": "5.00", "comment": "к 9 утра""#, #""requestedDiscountPercent": null"#),
        (#""requestedDiscountPercent": "5.00""#, #""requestedDiscountPercent": "99.99""#),
    ])
    func businessProblemsDecode(replace: String, with replacement: String) throws {
        let payload = Fixtures.orderPlaced.replacingOccurrences(of: replace, with: replacement)
        #expect(payload != Fixtures.orderPlaced)
        _ = try InboundMessage.decode(topic: "erp.orders.v1", value: Fixtures.envelope(type: "OrderPlaced", payload: payload))
    }

    @Test func typedEnvelopeDecodeChecksTheType() {
        #expect(throws: ContractError("type: expected 'OrderCancelled', got 'OrderPlaced'")) {
            try Envelope<OrderCancelled>.decode(Fixtures.envelope(type: "OrderPlaced", payload: Fixtures.orderPlaced))
        }
    }
}
