import Contracts
import Foundation
import Kafka
import ServiceKit
import Testing
import TestSupport

/// Two credit processes in one consumer group (SPEC 5.2 step 4: one client's orders are
/// checked one at a time): the per-client lock and the inbox keep the answers exact.
@Suite("End to end: two credit instances", .serialized, .enabled(if: TestStack.isAvailable))
struct TwoCreditInstancesTests {
    @Test("clients with 10 orders each that fit alone but together exceed the limit: exactly the first 5 of each confirmed, the rest held, one decision per order — also when an instance is killed mid-stream")
    func concurrentOrdersOfOneClient() async throws {
        try await Platform4.with(creditInstances: 2) { p in
        // Both instances must hold partitions before the orders arrive.
        let settled = try await TestStack.eventually(timeout: .seconds(60), every: .milliseconds(500)) {
            try await Task.sleep(for: .seconds(2))
            for name in ["credit", "credit-2"] where try await HTTP.get("\(p[name].baseURL)/health/ready").status != 200 { return false }
            return true
        }
        #expect(settled)
        let decisions = try p.reader([Topics.orderDecisions])
        try await p.publish(Topics.erpPriceLists, key: "PL-2026-11", [Fixtures.priceList])

        // Wave 1: both instances steady.
        let wave1 = try await Self.publishOrders(p, clients: (1...12).map { String(format: "C-%02d", $0) })
        try await Self.expectExact(p, decisions, wave1)
        // Both instances decided checks: the load was really shared.
        for name in ["credit", "credit-2"] {
            let metrics = try await HTTP.get("\(p[name].baseURL)/metrics").text
            let checks = metrics.split(separator: "\n").filter {
                $0.hasPrefix("kam_messages_processed_total") && $0.contains("credit-requests") && $0.contains("processed")
            }
            let count = checks.compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }.reduce(0, +)
            #expect(count > 0, "\(name) decided no credit check")
        }

        // Wave 2: one instance is killed while the orders flow and started again; its
        // partitions move to the other and back, uncommitted records are delivered again.
        let wave2Clients = (13...20).map { String(format: "C-%02d", $0) }
        let publishing = Task { try await Self.publishOrders(p, clients: wave2Clients) }
        try await Task.sleep(for: .milliseconds(200))
        await p["credit-2"].crash()
        let wave2 = try await publishing.value
        try await Task.sleep(for: .seconds(1))
        try p["credit-2"].start()
        try await p["credit-2"].waitReady()
        try await Self.expectExact(p, decisions, wave2)
        await decisions.close()
        }
    }

    /// Per client: a limit of 1000.00 and 10 orders of 2 × 95.00 = 190.00 (five fit: 950.00).
    static func publishOrders(_ p: Platform4, clients: [String]) async throws -> [String: [String]] {
        var orderIds: [String: [String]] = [:]
        for id in clients {
            try await p.publish(Topics.erpClients, key: id, [Fixtures.client(id, kam: "kam-ivanova", limit: "1000.00")])
        }
        for id in clients {
            let orders = (1...10).map { n in
                Fixtures.order("\(id)-O\(n)", client: id, [("MILK-1L", 2)], placedAt: Fixtures.placedAt.addingTimeInterval(Double(n)))
            }
            orderIds[id] = orders.map(\.orderId)
            try await p.publish(Topics.erpOrders, key: id, orders)
        }
        return orderIds
    }

    /// Every order exactly one decision: each client's first five confirmed, the rest held.
    static func expectExact(_ p: Platform4, _ reader: TopicReader, _ orders: [String: [String]]) async throws {
        let all = orders.values.flatMap { $0 }
        _ = try await TestStack.eventually(timeout: .seconds(90)) {
            let got = Decisions(try await reader.read())
            return all.allSatisfy { !got.types(of: $0).isEmpty }
        }
        let d = Decisions(try await reader.drain(quiet: .seconds(3)))
        for (client, ids) in orders.sorted(by: { $0.key < $1.key }) {
            for (n, order) in ids.enumerated() {
                #expect(d.types(of: order) == [n < 5 ? "OrderConfirmed" : "OrderOnHold"], "\(order)")
            }
            let credit = try await HTTP.get("\(p["credit"].baseURL)/clients/\(client)/credit", token: p.token(.head)).json
            #expect(credit["openOrders"] as? String == "950.00", "\(client)")
            #expect((credit["holds"] as? [Any])?.count == 5, "\(client)")
        }
        #expect(all.filter { d.types(of: $0) == ["OrderConfirmed"] }.count == orders.count * 5)
    }
}
