import Contracts
import Foundation
import Kafka
import ServiceKit
import Testing
import TestSupport

/// Nothing lost, nothing twice: redeliveries, resends, bad input and a crash.
@Suite("End to end: delivery guarantees", .serialized, .enabled(if: TestStack.isAvailable))
struct DeliveryGuaranteeTests {
    @Test("a redelivered OrderPlaced (same messageId) and a resent one (same orderId) give one decision; malformed JSON is dead-lettered and the next order is still decided")
    func duplicatesAndDeadLetters() async throws {
        try await Platform4.with { p in
        let reader = try p.reader([Topics.orderDecisions, Topics.deadLetter])
        try await p.publish(Topics.erpPriceLists, key: "PL-2026-11", [Fixtures.priceList])
        try await p.publish(Topics.erpClients, key: "C-1001", [Fixtures.client("C-1001", kam: "kam-ivanova", limit: "500000.00")])

        let order = Fixtures.order("D-1", client: "C-1001", [("MILK-1L", 3)])
        let envelope = try Envelope(occurredAt: Date(), payload: order).jsonBytes()
        let resent = try Envelope(occurredAt: Date(), payload: order).jsonBytes()  // new messageId
        let malformed = Array(#"{"messageId": "m-bad", "type": "OrderPlaced", oops"#.utf8)
        try await p.publishRaw(Topics.erpOrders, key: "C-1001", [envelope, envelope, resent, malformed])
        try await p.publish(Topics.erpOrders, key: "C-1001", [Fixtures.order("D-2", client: "C-1001", [("BREAD", 2)])])

        _ = try await TestStack.eventually(timeout: .seconds(60)) {
            let got = Decisions(try await reader.read())
            return !got.types(of: "D-2").isEmpty
        }
        let records = try await reader.drain(quiet: .seconds(3))
        let decisions = Decisions(records.filter { $0.topic.hasSuffix(Topics.orderDecisions.name) })
        #expect(decisions.types(of: "D-1") == ["OrderConfirmed"])
        #expect(decisions.types(of: "D-2") == ["OrderConfirmed"])
        #expect(decisions.confirmed("D-1")?.total.description == "285.00")

        // orders, credit and planning all read erp.orders.v1: each writes its own dead letter.
        var letters: [DeadLetter] = []
        for r in records where r.topic.hasSuffix(Topics.deadLetter.name) {
            if case .deadLetter(let e) = try InboundMessage.decode(topic: Topics.deadLetter.name, value: r.value) {
                letters.append(e.payload)
                #expect(r.keyString == "C-1001")
            }
        }
        #expect(Set(letters.map(\.service)) == ["orders", "credit", "planning"])
        #expect(letters.count == 3)
        for letter in letters {
            #expect(letter.originalValueBytes == malformed)
            #expect(letter.originalKeyBytes == Array("C-1001".utf8))
            #expect(letter.sourceTopic == p.prefix + Topics.erpOrders.name)
            #expect(!letter.error.isEmpty)
        }
        let metrics = try await HTTP.get("\(p["orders"].baseURL)/metrics").text
        #expect(metrics.contains("kam_dead_letters_total"))
        await reader.close()
        }
    }

    @Test("SIGKILL of the orders service in the middle of 2,000 orders, then a restart: every order decided exactly once")
    func crashMidStream() async throws {
        try await Platform4.with { p in
        let reader = try p.reader([Topics.orderDecisions])
        try await p.publish(Topics.erpPriceLists, key: "PL-2026-11", [Fixtures.priceList])
        let clients = (0..<20).map { "C-\(3000 + $0)" }
        for c in clients { try await p.publish(Topics.erpClients, key: c, [Fixtures.client(c, kam: "kam-load", limit: "100000000.00")]) }

        let total = 2000
        let ids = (0..<total).map { String(format: "K-%05d", $0) }
        let records = try ids.map { id in
            let client = clients[Int(id.dropFirst(2))! % clients.count]
            return ProducerRecord(topic: p.prefix + Topics.erpOrders.name, key: client,
                                  value: try Envelope(occurredAt: Date(), payload: Fixtures.order(id, client: client, [("MILK-1L", 2)])).jsonBytes())
        }
        // First half, then SIGKILL once part of it is decided; the second half arrives while
        // the service is down.
        try await p.erp.send(Array(records[0..<1000]))
        _ = try await TestStack.eventually(timeout: .seconds(60), every: .milliseconds(10)) {
            Set(Decisions(try await reader.read()).all.map(\.orderId)).count >= 300
        }
        await p["orders"].crash()
        let atCrash = Set(Decisions(reader.records).all.map(\.orderId)).count
        #expect(atCrash >= 300 && atCrash < total, "the crash should land mid-stream (\(atCrash) decided)")
        try await p.erp.send(Array(records[1000...]))
        try p["orders"].start()
        try await p["orders"].waitReady()

        _ = try await TestStack.eventually(timeout: .seconds(120)) {
            Set(Decisions(try await reader.read()).all.map(\.orderId)).count >= total
        }
        let decisions = Decisions(try await reader.drain(quiet: .seconds(3)))
        let decided = Set(decisions.all.map(\.orderId))
        #expect(decided == Set(ids), "missing: \(Set(ids).subtracting(decided).sorted().prefix(10))")
        let twice = ids.filter { decisions.types(of: $0) != ["OrderConfirmed"] }
        #expect(twice.isEmpty, "orders without exactly one decision: \(twice.prefix(10))")
        await reader.close()
        }
    }
}
