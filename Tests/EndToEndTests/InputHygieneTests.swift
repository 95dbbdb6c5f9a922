import Contracts
import Foundation
import Kafka
import ServiceKit
import Testing
import TestSupport

/// Awkward input from the ERP and from people: nothing crashes, nothing leaks internals,
/// nothing blocks what comes after.
@Suite("End to end: input hygiene", .serialized, .enabled(if: TestStack.isAvailable))
struct InputHygieneTests {
    @Test("NUL in a string is dead-lettered by every reader; an order too large to confirm is rejected; percent-encoded ids work; problems show no internals; KAM access follows the client's current KAM")
    func awkwardInput() async throws {
        try await Platform4.with { p in
            let reader = try p.reader([Topics.orderDecisions, Topics.deadLetter])
            try await p.publish(Topics.erpPriceLists, key: "PL-2026-11", [Fixtures.priceList])
            let client = "К-1001 «Ромашка»/опт"
            try await p.publish(Topics.erpClients, key: client, [Fixtures.client(client, kam: "kam-ivanova", limit: "500000.00")])

            // A NUL hidden in a comment: every reader of erp.orders.v1 dead-letters it the same way.
            let nul = Fixtures.order("H-NUL", client: client, [("MILK-1L", 1)])
            var text = String(decoding: try Envelope(occurredAt: Date(), payload: nul).jsonBytes(), as: UTF8.self)
            text = text.replacingOccurrences(of: #""orderId":"#, with: #""note":"a\u0000b","orderId":"#)
            // 9,000 lines: its confirmation would not fit in one message.
            let huge = Fixtures.order("H-HUGE", client: client, (1...9_000).map { _ in ("MILK-1L", Int64(1)) })
            let orderId = "З/1 тест"
            try await p.publishRaw(Topics.erpOrders, key: client, [Array(text.utf8)])
            try await p.publish(Topics.erpOrders, key: client, [huge, Fixtures.order(orderId, client: client, [("BREAD", 2)])])

            _ = try await TestStack.eventually(timeout: .seconds(60)) {
                !Decisions(try await reader.read()).types(of: orderId).isEmpty
            }
            let records = try await reader.drain(quiet: .seconds(2))
            let decisions = Decisions(records.filter { $0.topic.hasSuffix(Topics.orderDecisions.name) })
            #expect(decisions.types(of: orderId) == ["OrderConfirmed"])
            #expect(decisions.types(of: "H-NUL").isEmpty)
            #expect(decisions.types(of: "H-HUGE") == ["OrderRejected"])
            #expect(decisions.rejected("H-HUGE")?.reasons.map(\.code) == ["INVALID_LINE"])
            var letters: [DeadLetter] = []
            for r in records where r.topic.hasSuffix(Topics.deadLetter.name) {
                if case .deadLetter(let e) = try InboundMessage.decode(topic: Topics.deadLetter.name, value: r.value) { letters.append(e.payload) }
            }
            #expect(Set(letters.map(\.service)) == ["orders", "credit", "planning"])
            #expect(Set(letters.map(\.error)) == [#"value: a string contains \u0000 (NUL), which is not allowed"#])

            // Ids with Cyrillic, spaces and a slash, percent-encoded in the path.
            let head = p.token(.head)
            let encoded = orderId.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let order = try await HTTP.get("\(p["orders"].baseURL)/orders/\(encoded)", token: head)
            #expect(order.status == 200, "\(order.text)")
            #expect(order.json["orderId"] as? String == orderId)
            let encodedClient = client.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let credit = try await HTTP.get("\(p["credit"].baseURL)/clients/\(encodedClient)/credit", token: head)
            #expect(credit.status == 200, "\(credit.text)")

            // Problems name what is wrong in the request, never the server's internals.
            let decisionURL = "\(p["orders"].baseURL)/orders/\(encoded)/discount-decision"
            let malformed = try await HTTP.send("POST", decisionURL, token: head, body: Data(#"{"decision": 5"#.utf8))
            #expect(malformed.status == 400)
            let wrongType = try await HTTP.send("POST", decisionURL, token: head, body: Data(#"{"decision": 5}"#.utf8))
            #expect(wrongType.status == 400)
            #expect(wrongType.json["detail"] as? String == "invalid request body: decision: expected a string, got 5")
            let oversized = try await HTTP.send("POST", decisionURL, token: head,
                                                body: Data(#"{"decision": "approve", "comment": "\#(String(repeating: "x", count: 1_100_000))"}"#.utf8))
            #expect(oversized.status == 413)
            for reply in [malformed, wrongType, oversized] {
                #expect(!reply.text.contains("Error("), "\(reply.text)")
                #expect(!reply.text.contains("DecodingError") && !reply.text.contains("NIO"), "\(reply.text)")
            }
            let missing = try await HTTP.send("POST", "\(p["orders"].baseURL)/orders/NOPE/discount-decision", token: head,
                                              body: Data(#"{"decision": "approve"}"#.utf8))
            #expect(missing.status == 404)
            let decided = try await HTTP.send("POST", decisionURL, token: head, body: Data(#"{"decision": "approve"}"#.utf8))
            #expect(decided.status == 409)

            // The client moves to another KAM: access follows.
            let ivanova = p.token(.kam, kam: "kam-ivanova")
            let petrov = p.token(.kam, kam: "kam-petrov")
            #expect(try await HTTP.get("\(p["orders"].baseURL)/orders/\(encoded)", token: ivanova).status == 200)
            try await p.publish(Topics.erpClients, key: client, [Fixtures.client(client, kam: "kam-petrov", limit: "500000.00")],
                                occurredAt: Date().addingTimeInterval(1))
            let moved = try await TestStack.eventually {
                try await HTTP.get("\(p["orders"].baseURL)/orders/\(encoded)", token: petrov).status == 200
            }
            #expect(moved)
            #expect(try await HTTP.get("\(p["orders"].baseURL)/orders/\(encoded)", token: ivanova).status == 403)
            #expect(try await HTTP.get("\(p["orders"].baseURL)/orders?clientId=\(encodedClient)", token: ivanova).status == 403)
            let list = try await HTTP.get("\(p["orders"].baseURL)/orders?clientId=\(encodedClient)", token: petrov)
            #expect(list.status == 200)
            await reader.close()
        }
    }
}
