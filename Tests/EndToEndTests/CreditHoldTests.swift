import Contracts
import Foundation
import Kafka
import ServiceKit
import Testing
import TestSupport

/// The credit workflow with the real executables (SPEC 5.2 step 4, §6): overdue and limit
/// holds, the head's decisions, cancellations, limit changes, and the views around them.
@Suite("End to end: credit holds", .serialized, .enabled(if: TestStack.isAvailable))
struct CreditHoldTests {
    static func holdIds(_ reply: HTTP.Reply) -> [String] {
        (reply.json["holds"] as? [[String: Any]] ?? []).compactMap { $0["orderId"] as? String }
    }

    static func decide(_ p: Platform4, _ orderId: String, _ decision: String, comment: String? = nil,
                       token: String) async throws -> HTTP.Reply {
        var body: [String: Any] = ["decision": decision]
        if let comment { body["comment"] = comment }
        return try await HTTP.send("POST", "\(p["credit"].baseURL)/holds/\(orderId)/decision", token: token, json: body)
    }

    @Test("limit hold → approve → confirmed with approvedBy; overdue hold → reject → CREDIT_REJECTED; twice → 409; a KAM → 403; a cancelled hold leaves the queue; a raised limit lets the next order pass")
    func creditWorkflow() async throws {
        try await Platform4.with { p in
        let decisions = try p.reader([Topics.orderDecisions])
        let head = p.token(.head)
        let ivanova = p.token(.kam, kam: "kam-ivanova")
        let petrov = p.token(.kam, kam: "kam-petrov")
        let credit = p["credit"].baseURL

        try await p.publish(Topics.erpPriceLists, key: "PL-2026-11", [Fixtures.priceList])
        for (id, kam, limit) in [("C-LIM", "kam-ivanova", "5000.00"), ("C-OVD", "kam-ivanova", "500000.00"),
                                 ("C-TWICE", "kam-petrov", "1000.00"), ("C-CAN", "kam-petrov", "1000.00"),
                                 ("C-RAISE", "kam-ivanova", "1000.00")] {
            try await p.publish(Topics.erpClients, key: id, [Fixtures.client(id, kam: kam, limit: limit)],
                                occurredAt: Fixtures.placedAt.addingTimeInterval(-86_400))
        }
        // C-OVD owes an invoice that was due a month before the orders' business date.
        try await p.publish(Topics.erpInvoices, key: "C-OVD", [InvoiceIssued(
            invoiceId: "INV-OVD", clientId: "C-OVD", amount: try Money(parsing: "300.00"),
            issuedOn: try BusinessDate(parsing: "2026-10-01"), dueDate: try BusinessDate(parsing: "2026-10-31"))])
        // Credit has receivables' open items (the snapshot comes after the invoice).
        let openItemsArrived = try await TestStack.eventually(timeout: .seconds(60)) {
            let r = try await HTTP.get("\(credit)/clients/C-OVD/credit", token: head).json
            return (r["riskInputs"] as? [String: Any])?["disciplineAsOf"] is String
        }
        #expect(openItemsArrived)

        let orders: [(String, String, Int64)] = [("H-1", "C-LIM", 60), ("H-2", "C-OVD", 1), ("H-3", "C-TWICE", 11),
                                                  ("H-4", "C-CAN", 11), ("H-5", "C-RAISE", 11)]
        for (index, (id, client, quantity)) in orders.enumerated() {
            try await p.publish(Topics.erpOrders, key: client, [Fixtures.order(id, client: client, [("MILK-1L", quantity)],
                                                                               placedAt: Fixtures.placedAt.addingTimeInterval(Double(index)))])
        }
        let allHeld = try await TestStack.eventually(timeout: .seconds(60)) {
            let got = Decisions(try await decisions.read())
            return orders.allSatisfy { got.types(of: $0.0) == ["OrderOnHold"] }
        }
        #expect(allHeld)
        var d = Decisions(try await decisions.read())
        #expect(d.onHold("H-1")?.reasons.map(\.code) == ["CREDIT_LIMIT_EXCEEDED"])
        #expect(d.onHold("H-1")?.total.description == "5700.00")
        #expect(d.onHold("H-2")?.reasons == [Reason(code: "OVERDUE_RECEIVABLES", message:
            "overdue receivables 300.00 on 2026-11-30: INV-OVD 300.00 due 2026-10-31 (30 days)")])

        // The queue: everything for the head, own clients for a KAM, paged.
        let queue = try await HTTP.get("\(credit)/holds", token: head)
        #expect(queue.status == 200)
        // Oldest hold first (the five clients' checks may be decided in any order).
        let all = Self.holdIds(queue)
        #expect(all.sorted() == ["H-1", "H-2", "H-3", "H-4", "H-5"])
        let heldAt = (queue.json["holds"] as? [[String: Any]] ?? []).compactMap { ($0["heldAt"] as? String).flatMap(WireJSON.parseTimestamp) }
        #expect(heldAt.count == 5 && heldAt == heldAt.sorted())
        let h1 = (queue.json["holds"] as? [[String: Any]])?.first { $0["orderId"] as? String == "H-1" } ?? [:]
        #expect(h1["total"] as? String == "5700.00")
        #expect(h1["kamId"] as? String == "kam-ivanova")
        #expect(h1["exposureAtHold"] as? String == "0.00")
        #expect(h1["currentExposure"] as? String == "0.00")
        #expect(h1["creditLimit"] as? String == "5000.00")
        #expect(h1["available"] as? String == "5000.00")
        #expect(queue.json["nextOffset"] is NSNull)
        #expect(Self.holdIds(try await HTTP.get("\(credit)/holds", token: petrov)) == all.filter { ["H-3", "H-4"].contains($0) })
        let page1 = try await HTTP.get("\(credit)/holds?limit=2", token: head)
        #expect(Self.holdIds(page1) == Array(all.prefix(2)))
        #expect(page1.json["nextOffset"] as? Int == 2)
        let page3 = try await HTTP.get("\(credit)/holds?limit=2&offset=4", token: head)
        #expect(Self.holdIds(page3) == Array(all.suffix(1)))
        #expect(page3.json["nextOffset"] is NSNull)
        #expect(try await HTTP.get("\(credit)/holds?limit=501", token: head).status == 400)

        // Only the head decides; the role is checked before the order is looked up.
        #expect(try await Self.decide(p, "H-1", "approve", token: ivanova).status == 403)
        #expect(try await Self.decide(p, "NO-SUCH-ORDER", "approve", token: ivanova).status == 403)
        #expect(try await Self.decide(p, "H-1", "approve", token: p.token(.ops)).status == 403)
        #expect(try await HTTP.send("POST", "\(credit)/holds/H-1/decision", token: nil, json: ["decision": "approve"]).status == 401)
        #expect(try await Self.decide(p, "H-1", "maybe", token: head).status == 400)
        #expect(try await Self.decide(p, "NO-SUCH-ORDER", "approve", token: head).status == 404)

        // Limit hold → approve → OrderConfirmed with approvedBy; the order now counts as exposure.
        let approved = try await Self.decide(p, "H-1", "approve", comment: "оплата гарантирована", token: head)
        #expect(approved.status == 200)
        #expect(approved.json["outcome"] as? String == "approved")
        #expect(approved.json["decidedBy"] as? String == "test-head")
        // Overdue hold → reject → OrderRejected CREDIT_REJECTED with the head's comment.
        #expect(try await Self.decide(p, "H-2", "reject", comment: "сначала погасить INV-OVD", token: head).status == 200)
        // Approve twice: one decision, then 409 (also for a reject after it).
        #expect(try await Self.decide(p, "H-3", "approve", token: head).status == 200)
        let again = try await Self.decide(p, "H-3", "approve", token: head)
        #expect(again.status == 409)
        #expect(again.json["status"] as? Int == 409)
        #expect((again.json["detail"] as? String)?.hasPrefix("the hold was already decided: approved by test-head") == true)
        #expect(try await Self.decide(p, "H-3", "reject", token: head).status == 409)
        // A credit hold is not a discount hold: the orders service answers 409 too.
        let notDiscount = try await HTTP.send("POST", "\(p["orders"].baseURL)/orders/H-5/discount-decision", token: head,
                                              json: ["decision": "approve"])
        #expect(notDiscount.status == 409)
        #expect(notDiscount.json["detail"] as? String == "the order is not waiting for a discount decision (status on_hold)")

        // The ERP cancels a held order: it leaves the queue and cannot be decided any more.
        try await p.publish(Topics.erpOrders, key: "C-CAN", [OrderCancelled(
            orderId: "H-4", clientId: "C-CAN", cancelledAt: Fixtures.placedAt.addingTimeInterval(600), reason: "клиент передумал")])
        let cancelledGone = try await TestStack.eventually {
            !Self.holdIds(try await HTTP.get("\(credit)/holds", token: head)).contains("H-4")
        }
        #expect(cancelledGone)
        let onCancelled = try await Self.decide(p, "H-4", "approve", token: head)
        #expect(onCancelled.status == 409)
        #expect(onCancelled.json["detail"] as? String == "the order was cancelled by the ERP; there is nothing to decide")
        #expect(Self.holdIds(try await HTTP.get("\(credit)/holds", token: head)) == ["H-5"])

        // Each order's history on the orders service: every step in time order, who decided and why.
        func history(_ id: String) async throws -> [String] {
            let order = try await HTTP.get("\(p["orders"].baseURL)/orders/\(id)", token: head).json
            return (order["history"] as? [[String: Any]] ?? []).map { e in
                let reasons = (e["reasons"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }.joined(separator: ",")
                return ["event", "by", "comment"].map { e[$0] is NSNull ? "-" : "\(e[$0] ?? "?")" }.joined(separator: " ") + " [\(reasons)]"
            }
        }
        let histories = [
            "H-1": ["placed - - []", "held - - [CREDIT_LIMIT_EXCEEDED]", "credit_approved test-head оплата гарантирована []",
                    "confirmed test-head - []"],
            "H-2": ["placed - - []", "held - - [OVERDUE_RECEIVABLES]", "rejected test-head сначала погасить INV-OVD [CREDIT_REJECTED]"],
            "H-4": ["placed - - []", "held - - [CREDIT_LIMIT_EXCEEDED]", "cancelled - клиент передумал []"],
        ]
        let historiesKept = try await TestStack.eventually(timeout: .seconds(60)) {
            for (id, expected) in histories where try await history(id) != expected { return false }
            return true
        }
        #expect(historiesKept)
        for (id, expected) in histories.sorted(by: { $0.key < $1.key }) { #expect(try await history(id) == expected, "\(id)") }
        let h1Order = try await HTTP.get("\(p["orders"].baseURL)/orders/H-1", token: head).json
        let h1Times = (h1Order["history"] as? [[String: Any]] ?? []).compactMap { ($0["at"] as? String).flatMap(WireJSON.parseTimestamp) }
        #expect(h1Times.first == Fixtures.placedAt && h1Times == h1Times.sorted())

        // A limit raised via PUT lets the next order pass (H-5 stays held until decided).
        let limitURL = "\(credit)/clients/C-RAISE/credit-limit"
        #expect(try await HTTP.send("PUT", limitURL, token: ivanova, json: ["creditLimit": "5000.00", "reason": "r"]).status == 403)
        #expect(try await HTTP.send("PUT", limitURL, token: head, json: ["creditLimit": "5000.005", "reason": "r"]).status == 400)
        #expect(try await HTTP.send("PUT", limitURL, token: head, json: ["creditLimit": "-1.00", "reason": "r"]).status == 400)
        #expect(try await HTTP.send("PUT", limitURL, token: head, json: ["creditLimit": "5000.00"]).status == 400)
        #expect(try await HTTP.send("PUT", "\(credit)/clients/C-NONE/credit-limit", token: head,
                                    json: ["creditLimit": "5000.00", "reason": "r"]).status == 404)
        let raised = try await HTTP.send("PUT", limitURL, token: head, json: ["creditLimit": "5000.00", "reason": "новый договор поручительства"])
        #expect(raised.status == 200)
        #expect(raised.json["creditLimit"] as? String == "5000.00")
        #expect(raised.json["limitSource"] as? String == "manual")
        try await p.publish(Topics.erpOrders, key: "C-RAISE", [Fixtures.order("H-6", client: "C-RAISE", [("MILK-1L", 11)],
                                                                              placedAt: Fixtures.placedAt.addingTimeInterval(10))])

        _ = try await TestStack.eventually(timeout: .seconds(60)) {
            let got = Decisions(try await decisions.read())
            return got.types(of: "H-1").count == 2 && got.types(of: "H-2").count == 2 && got.types(of: "H-3").count == 2
                && !got.types(of: "H-6").isEmpty
        }
        d = Decisions(try await decisions.drain(quiet: .seconds(2)))
        #expect(d.types(of: "H-1") == ["OrderOnHold", "OrderConfirmed"])
        #expect(d.confirmed("H-1")?.approvedBy == "test-head")
        #expect(d.confirmed("H-1")?.total.description == "5700.00")
        #expect(d.types(of: "H-2") == ["OrderOnHold", "OrderRejected"])
        #expect(d.rejected("H-2")?.reasons == [Reason(code: "CREDIT_REJECTED", message: "сначала погасить INV-OVD")])
        #expect(d.types(of: "H-3") == ["OrderOnHold", "OrderConfirmed"])
        #expect(d.types(of: "H-4") == ["OrderOnHold"])
        #expect(d.types(of: "H-5") == ["OrderOnHold"])
        #expect(d.types(of: "H-6") == ["OrderConfirmed"])
        #expect(d.confirmed("H-6")?.approvedBy == nil)

        // The credit view: every SPEC §6 field, the approved hold counted as an open order.
        let lim = try await HTTP.get("\(credit)/clients/C-LIM/credit", token: head).json
        #expect(lim["creditLimit"] as? String == "5000.00")
        #expect(lim["openOrders"] as? String == "5700.00")
        #expect(lim["exposure"] as? String == "5700.00")
        #expect(lim["available"] as? String == "-700.00")
        #expect(lim["limitSource"] as? String == "erp")
        #expect(lim["overdueAmount"] as? String == "0.00")
        #expect(lim["riskClass"] as? String == "A")
        #expect((lim["holds"] as? [Any])?.isEmpty == true)
        let ovd = try await HTTP.get("\(credit)/clients/C-OVD/credit", token: ivanova)
        #expect(ovd.json["openReceivables"] as? String == "300.00")
        #expect(ovd.json["overdueAmount"] as? String == "300.00")
        // 30+ days overdue (3–4 points), small against the limit (0): class B whatever today is.
        #expect(ovd.json["riskClass"] as? String == "B")
        let inputs = ovd.json["riskInputs"] as? [String: Any] ?? [:]
        #expect(inputs["overdueAmount"] as? String == "300.00")
        #expect(inputs["settledInvoices"] as? Int == 0)
        #expect(inputs["averageDaysLate"] is NSNull)
        #expect((inputs["explanation"] as? [String])?.count == 5)
        let items = ovd.json["receivables"] as? [String: Any] ?? [:]
        #expect(items["version"] as? Int == 1)
        #expect(items["openInvoices"] as? Int == 1)
        #expect(items["outstanding"] as? String == "300.00")
        #expect(items["unappliedCredit"] as? String == "0.00")
        #expect(try await HTTP.get("\(credit)/clients/C-OVD/credit", token: petrov).status == 403)

        // The limit's history: the ERP's first value, then the head's.
        let history = try await HTTP.get("\(credit)/clients/C-RAISE/credit-limit/history", token: ivanova).json
        let entries = history["history"] as? [[String: Any]] ?? []
        #expect(entries.map { "\($0["source"]!) \($0["oldLimit"]!) \($0["newLimit"]!) \($0["changedBy"]!) \($0["reason"]!)" } == [
            "erp <null> 1000.00 erp contract D-C-RAISE",
            "manual 1000.00 5000.00 test-head новый договор поручительства",
        ])
        #expect(try await HTTP.get("\(credit)/clients/C-RAISE/credit-limit/history", token: petrov).status == 403)

        /// The ERP sends C-RAISE's card again; waits until credit's view shows `key` = `value`.
        func resendCard(limit: String, after seconds: Double, until key: String, is value: String) async throws -> [String: Any] {
            try await p.publish(Topics.erpClients, key: "C-RAISE", [Fixtures.client("C-RAISE", kam: "kam-petrov", limit: limit)],
                                occurredAt: Fixtures.placedAt.addingTimeInterval(seconds))
            let seen = try await TestStack.eventually {
                try await HTTP.get("\(credit)/clients/C-RAISE/credit", token: head).json[key] as? String == value
            }
            #expect(seen, "credit never showed \(key) \(value)")
            return try await HTTP.get("\(credit)/clients/C-RAISE/credit", token: head).json
        }
        // The same contract limit (and a new KAM): the override stays.
        let kept = try await resendCard(limit: "1000.00", after: 3600, until: "kamId", is: "kam-petrov")
        #expect(kept["creditLimit"] as? String == "5000.00")
        #expect(kept["limitSource"] as? String == "manual")
        // A different ERP limit wins and is recorded with source erp.
        _ = try await resendCard(limit: "2000.00", after: 7200, until: "limitSource", is: "erp")
        let after = try await HTTP.get("\(credit)/clients/C-RAISE/credit-limit/history", token: head).json
        #expect(after["creditLimit"] as? String == "2000.00")
        #expect(((after["history"] as? [[String: Any]])?.last).map { "\($0["source"]!) \($0["oldLimit"]!) \($0["newLimit"]!)" }
                == "erp 5000.00 2000.00")

        // Orders: GET /orders newest first, paged, a KAM only for its own clients.
        let orders1 = try await HTTP.get("\(p["orders"].baseURL)/orders?limit=2", token: head)
        #expect((orders1.json["orders"] as? [[String: Any]])?.compactMap { $0["orderId"] as? String } == ["H-6", "H-5"])
        #expect(orders1.json["nextOffset"] as? Int == 2)
        let held = try await HTTP.get("\(p["orders"].baseURL)/orders?status=on_hold", token: head)
        #expect((held.json["orders"] as? [[String: Any]])?.compactMap { $0["orderId"] as? String } == ["H-5"])
        #expect(try await HTTP.get("\(p["orders"].baseURL)/orders?clientId=C-LIM", token: petrov).status == 403)
        let own = try await HTTP.get("\(p["orders"].baseURL)/orders?clientId=C-LIM", token: ivanova)
        #expect((own.json["orders"] as? [[String: Any]])?.compactMap { $0["orderId"] as? String } == ["H-1"])
        let mine = try await HTTP.get("\(p["orders"].baseURL)/orders", token: petrov)
        #expect((mine.json["orders"] as? [[String: Any]])?.compactMap { $0["orderId"] as? String } == ["H-6", "H-5", "H-4", "H-3"])
        let status = try await HTTP.get("\(p["orders"].baseURL)/orders/H-4", token: head).json["status"] as? String
        #expect(status == "cancelled")

        // Receivables: the client's payment discipline.
        let discipline = try await HTTP.get("\(p["receivables"].baseURL)/clients/C-OVD/discipline?asOf=2026-11-30", token: ivanova)
        #expect(discipline.status == 200)
        #expect(discipline.json["settledInvoices"] as? Int == 0)
        #expect(discipline.json["averageDaysLate"] is NSNull)
        #expect(discipline.json["shareOnTimePct"] is NSNull)
        #expect(discipline.json["dso"] as? String == "90.00")
        #expect(try await HTTP.get("\(p["receivables"].baseURL)/clients/C-OVD/discipline", token: petrov).status == 403)
        #expect(try await HTTP.get("\(p["receivables"].baseURL)/clients/C-NONE/discipline", token: head).status == 404)
        await decisions.close()
        }
    }
}
