import Foundation
import Testing
@testable import Contracts

@Suite struct DeadLetterTests {
    private let at = Date(timeIntervalSince1970: 1_796_022_901)

    @Test func encodesMissingKeyAsNull() throws {
        let letter = DeadLetter.make(service: "orders", consumerGroup: "kam-orders", topic: "erp.orders.v1",
                                     partition: 3, offset: 42, key: nil, value: Array("not json".utf8),
                                     error: "value is not valid JSON", at: at)
        let envelope = Envelope(messageId: "dl-1", occurredAt: at, payload: letter)
        let text = String(decoding: try envelope.jsonBytes(), as: UTF8.self)
        #expect(text == #"{"messageId":"dl-1","occurredAt":"2026-11-30T07:15:01Z","payload":{"consumerGroup":"kam-orders","#
            + #""deadLetteredAt":"2026-11-30T07:15:01Z","error":"value is not valid JSON","originalKey":null,"#
            + #""originalValue":"bm90IGpzb24=","service":"orders","sourceOffset":42,"sourcePartition":3,"#
            + #""sourceTopic":"erp.orders.v1"},"schemaVersion":1,"type":"DeadLetter"}"#)
    }

    @Test func base64RoundTrip() throws {
        let key: [UInt8] = Array("C-1001".utf8)
        let value: [UInt8] = [0x00, 0xFF, 0x7B]
        let letter = DeadLetter.make(service: "credit", consumerGroup: "kam-credit", topic: "erp.invoices.v1",
                                     partition: 0, offset: 7, key: key, value: value, error: "e", at: at)
        #expect(letter.originalKey == "Qy0xMDAx")
        #expect(letter.originalValue == "AP97")
        #expect(letter.originalKeyBytes == key)
        #expect(letter.originalValueBytes == value)

        let bytes = try Envelope(occurredAt: at, payload: letter).jsonBytes()
        guard case .deadLetter(let decoded) = try InboundMessage.decode(topic: Topics.deadLetter.name, value: bytes) else {
            Issue.record("wrong case"); return
        }
        #expect(decoded.payload == letter)
    }

    @Test("a value above 256 KiB keeps its first 256 KiB, its size and digest, so the dead letter fits on the broker")
    func largeValuesAreTruncated() throws {
        let value = [UInt8](repeating: 0x41, count: DeadLetter.maxOriginalBytes + 10)
        let letter = DeadLetter.make(service: "orders", consumerGroup: "kam-orders", topic: "erp.pricelists.v1",
                                     partition: 1, offset: 9, key: nil, value: value, error: "e", at: at,
                                     sha256: { "digest-of-\($0.count)" })
        #expect(letter.originalValueBytes?.count == DeadLetter.maxOriginalBytes)
        #expect(letter.originalValueTruncated == true)
        #expect(letter.originalSize == DeadLetter.maxOriginalBytes + 10)
        #expect(letter.originalSha256 == "digest-of-\(DeadLetter.maxOriginalBytes + 10)")
        let bytes = try Envelope(occurredAt: at, payload: letter).jsonBytes()
        #expect(bytes.count < 400 * 1024)
        guard case .deadLetter(let decoded) = try InboundMessage.decode(topic: Topics.deadLetter.name, value: bytes) else {
            Issue.record("wrong case"); return
        }
        #expect(decoded.payload == letter)

        let small = DeadLetter.make(service: "orders", consumerGroup: "kam-orders", topic: "t", partition: 0, offset: 0,
                                    key: nil, value: [1, 2], error: "e", at: at, sha256: { _ in "x" })
        #expect(small.originalValueTruncated == nil && small.originalSize == nil && small.originalSha256 == nil)
    }

    @Test func invalidBase64IsAContractError() {
        let payload = Fixtures.examples.first { $0.type == "DeadLetter" }!.payload
            .replacingOccurrences(of: "bm90IGpzb24=", with: "***")
        #expect(throws: ContractError("payload.originalValue: not valid base64")) {
            try InboundMessage.decode(topic: Topics.deadLetter.name, value: Fixtures.envelope(type: "DeadLetter", payload: payload))
        }
    }
}
