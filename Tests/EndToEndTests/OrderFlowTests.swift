import Contracts
import Foundation
import Kafka
import ServiceKit
import Testing
import TestSupport

/// The four real executables against the real broker and PostgreSQL.
@Suite("End to end: four services", .serialized, .enabled(if: TestStack.isAvailable))
struct OrderFlowTests {
    @Test("ERP clients, price list and orders flow through orders and credit to decisions; receivables and planning follow")
    func orderFlow() async throws {
        try await Platform4.with { p in
        let decisions = try p.reader([Topics.orderDecisions])

        try await p.publish(Topics.erpPriceLists, key: "PL-2026-11", [Fixtures.priceList])
        try await p.publish(Topics.erpClients, key: "C-1001", [Fixtures.client("C-1001", kam: "kam-ivanova", limit: "500000.00")])
        try await p.publish(Topics.erpClients, key: "C-1002", [Fixtures.client("C-1002", kam: "kam-petrov", limit: "10000.00", column: 1, maxDiscount: "5.00")])
        try await p.publish(Topics.erpClients, key: "C-1003", [Fixtures.client("C-1003", kam: "kam-petrov", limit: "10000.00", status: .blocked)])
        // An order arriving before its client's master data is parked, then decided.
        try await p.publish(Topics.erpOrders, key: "C-2000", [Fixtures.order("O-8", client: "C-2000", [("MILK-1L", 1)])])
        try await Task.sleep(for: .milliseconds(300))
        try await p.publish(Topics.erpClients, key: "C-2000", [Fixtures.client("C-2000", kam: "kam-ivanova", limit: "1000.00")])
        try await p.publish(Topics.erpOrders, key: "C-1001", [
            Fixtures.order("O-1", client: "C-1001", [("MILK-1L", 40)]),
            Fixtures.order("O-5", client: "C-1001", [("MILK-1L", 10)], discount: "5.00"),
            Fixtures.order("O-7", client: "C-1001", [("CHEESE", 1), ("MILK-1L", 1)]),
        ])
        try await p.publish(Topics.erpOrders, key: "C-1002", [
            Fixtures.order("O-2", client: "C-1002", [("MILK-1L", 200)]),
            Fixtures.order("O-3", client: "C-1002", [("BREAD", 100)]),
            Fixtures.order("O-4", client: "C-1002", [("BREAD", 120)]),
        ])
        try await p.publish(Topics.erpOrders, key: "C-1003", [Fixtures.order("O-6", client: "C-1003", [("BREAD", 1)])])

        let expected: [String: [String]] = [
            "O-1": ["OrderConfirmed"], "O-2": ["OrderOnHold"], "O-3": ["OrderConfirmed"], "O-4": ["OrderOnHold"],
            "O-5": ["OrderOnHold"], "O-6": ["OrderRejected"], "O-7": ["OrderRejected"], "O-8": ["OrderConfirmed"],
        ]
        _ = try await TestStack.eventually(timeout: .seconds(60)) {
            let got = Decisions(try await decisions.read())
            return expected.keys.allSatisfy { got.types(of: $0) == expected[$0] }
        }
        let d = Decisions(try await decisions.drain(quiet: .seconds(2)))
        for (order, types) in expected {
            #expect(d.types(of: order) == types, "\(order): \(d.rejected(order)?.reasons.map(\.message) ?? [])")
        }

        // Pricing (SPEC 5.1) and the decision payloads.
        let o1 = try #require(d.confirmed("O-1"))
        #expect(o1.total.description == "3800.00")
        #expect(o1.kamId == "kam-ivanova")
        #expect(o1.priceListId == "PL-2026-11")
        #expect(o1.priceColumn == 2)
        #expect(o1.lines.map { "\($0.sku) \($0.quantity) \($0.unitPrice) \($0.lineTotal)" } == ["MILK-1L 40 95.00 3800.00"])
        #expect(d.onHold("O-2")?.reasons.map(\.code) == ["CREDIT_LIMIT_EXCEEDED"])
        #expect(d.onHold("O-2")?.total.description == "20000.00")
        // Two orders that each fit but together exceed the limit: the second is held.
        #expect(d.confirmed("O-3")?.total.description == "5000.00")
        #expect(d.onHold("O-4")?.reasons.map(\.code) == ["CREDIT_LIMIT_EXCEEDED"])
        #expect(d.onHold("O-5")?.reasons.map(\.code) == ["DISCOUNT_APPROVAL_REQUIRED"])
        #expect(d.onHold("O-5")?.total.description == "902.50")
        #expect(d.rejected("O-6")?.reasons.map(\.code) == ["CLIENT_BLOCKED"])
        #expect(d.rejected("O-7")?.reasons.map(\.code) == ["UNKNOWN_SKU"])
        #expect(d.confirmed("O-8")?.total.description == "95.00")

        // Invoice and payment: receivables, credit and planning all see them.
        try await p.publish(Topics.erpInvoices, key: "C-1001", [InvoiceIssued(
            invoiceId: "INV-1", clientId: "C-1001", orderId: "O-1", amount: try Money(parsing: "3800.00"),
            issuedOn: Fixtures.day, dueDate: try BusinessDate(parsing: "2026-12-30"))])
        try await p.publish(Topics.erpPayments, key: "C-1001", [PaymentReceived(
            paymentId: "PAY-1", clientId: "C-1001", amount: try Money(parsing: "1000.00"), receivedOn: Fixtures.day)])

        let head = p.token(.head)
        let statementOK = try await TestStack.eventually {
            let r = try await HTTP.get("\(p["receivables"].baseURL)/clients/C-1001/statement?asOf=2026-11-30", token: head)
            return (r.json["totals"] as? [String: Any])?["outstanding"] as? String == "2800.00"
        }
        #expect(statementOK)
        let statement = try await HTTP.get("\(p["receivables"].baseURL)/clients/C-1001/statement?asOf=2026-11-30", token: head).json
        let open = statement["openInvoices"] as? [[String: Any]] ?? []
        #expect(open.map { "\($0["invoiceId"]!) \($0["outstanding"]!) \($0["daysOverdue"]!)" } == ["INV-1 2800.00 0"])

        let creditOK = try await TestStack.eventually {
            let r = try await HTTP.get("\(p["credit"].baseURL)/clients/C-1001/credit", token: head).json
            return r["exposure"] as? String == "2800.00"
        }
        #expect(creditOK)
        let credit = try await HTTP.get("\(p["credit"].baseURL)/clients/C-1001/credit", token: head).json
        #expect(credit["creditLimit"] as? String == "500000.00")
        #expect(credit["openReceivables"] as? String == "2800.00")
        #expect(credit["openOrders"] as? String == "0.00")
        #expect(credit["available"] as? String == "497200.00")
        let c1002 = try await HTTP.get("\(p["credit"].baseURL)/clients/C-1002/credit", token: head).json
        #expect(c1002["exposure"] as? String == "5000.00")
        #expect((c1002["holds"] as? [[String: Any]])?.compactMap { $0["orderId"] as? String } == ["O-2", "O-4"])
        #expect(try await HTTP.get("\(p["credit"].baseURL)/clients/C-9999/credit", token: head).status == 404)

        let scorecardOK = try await TestStack.eventually {
            let r = try await HTTP.get("\(p["planning"].baseURL)/scorecards/kam-ivanova/2026-11", token: head).json
            return (r["turnover"] as? [String: Any])?["actual"] as? String == "3800.00"
        }
        #expect(scorecardOK)

        // HTTP: the order as people see it, with authentication and KAM scoping.
        let order = try await HTTP.get("\(p["orders"].baseURL)/orders/O-1", token: p.token(.kam, kam: "kam-ivanova"))
        #expect(order.status == 200)
        #expect(order.json["status"] as? String == "confirmed")
        #expect(order.json["total"] as? String == "3800.00")
        #expect(try await HTTP.get("\(p["orders"].baseURL)/orders/O-1", token: p.token(.kam, kam: "kam-petrov")).status == 403)
        #expect(try await HTTP.get("\(p["orders"].baseURL)/orders/O-1").status == 401)
        let missing = try await HTTP.get("\(p["orders"].baseURL)/orders/NOPE", token: head)
        #expect(missing.status == 404)
        #expect(missing.json["status"] as? Int == 404)
        let held = try await HTTP.get("\(p["orders"].baseURL)/orders?clientId=C-1002&status=on_hold", token: head)
        #expect((held.json["orders"] as? [[String: Any]])?.compactMap { $0["orderId"] as? String }.sorted() == ["O-2", "O-4"])

        // Metrics: lag and processing counters are exposed.
        let metrics = try await HTTP.get("\(p["orders"].baseURL)/metrics").text
        #expect(metrics.contains("kam_messages_processed_total"))
        #expect(metrics.contains("kam_consumer_lag{"))

        // SIGTERM: the batch in hand is finished and committed, the group left, the producer
        // flushed, and the process exits cleanly, well inside an orchestrator's 30 s grace
        // period (a background loop asleep for its next round must not hold it up).
        #expect(await p["orders"].terminate(timeout: .seconds(15)) == 0)
        let log = p["orders"].logText()
        for line in ["consumer closed", "outbox relay stopped; producer flushed", "\"msg\":\"stopped\""] {
            #expect(log.contains(line), "missing in the log: \(line)")
        }
        // Everything it consumed was committed before it left: no lag for its group.
        let admin = try TestStack.admin()
        let topics = try await admin.listTopics().filter { $0.key.hasPrefix(p.prefix) }
        let lag = try await admin.groupLag(group: "\(p.prefix)orders", topics: topics)
        #expect(!lag.isEmpty)
        #expect(lag.allSatisfy { $0.lag == 0 }, "\(lag.filter { $0.lag > 0 })")
        await decisions.close()
        }
    }
}
