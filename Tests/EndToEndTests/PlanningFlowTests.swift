import Contracts
import Foundation
import Kafka
import ServiceKit
import Testing
import TestSupport

/// Planning with the real executables: an overdue invoice (through receivables' open items),
/// an order on hold (through orders and credit), a cancellation and a logged contact change
/// next week's contact plan and this month's scorecard. Dates follow the clock, because the
/// plan and the running month's overdue share are judged from today.
@Suite("End to end: planning", .serialized, .enabled(if: TestStack.isAvailable))
struct PlanningFlowTests {
    static let calendar = CompanyCalendar.moscow

    /// "date: client kind reasons; …" per day of the plan.
    static func render(_ plan: [String: Any]) -> [String] {
        (plan["days"] as? [[String: Any]] ?? []).map { day in
            let entries = (day["entries"] as? [[String: Any]] ?? []).map { e in
                "\(e["clientId"] ?? "") \(e["kind"] ?? "") \((e["reasons"] as? [String] ?? []).joined(separator: ","))"
            }
            return "\(day["date"] ?? ""): " + entries.joined(separator: "; ")
        }
    }

    @Test("an overdue invoice, a hold, a cancellation and a logged contact change the contact plan and the scorecard")
    func eventsChangeThePlanAndTheScorecard() async throws {
        try await Platform4.with { p in
        let now = Date()
        let today = Self.calendar.businessDate(of: now)
        let month = today.yearMonth
        let week = IsoWeek(containing: today).next
        let days = (0..<5).map { week.monday.adding(days: $0).description }
        let planning = p["planning"].baseURL
        let head = p.token(.head)
        let ivanova = p.token(.kam, kam: "kam-ivanova")
        let petrov = p.token(.kam, kam: "kam-petrov")
        let scheduleURL = "\(planning)/schedules/kam-ivanova/\(week.description)"
        func plan() async throws -> [String] { Self.render(try await HTTP.get(scheduleURL, token: ivanova).json) }

        let priceList = PriceListPublished(priceListId: "PL-E2E", effectiveFrom: try BusinessDate(parsing: "2000-01-01"),
                                           items: Fixtures.priceList.items)
        try await p.publish(Topics.erpPriceLists, key: priceList.priceListId, [priceList])
        let upserted = now.addingTimeInterval(-2 * 86_400)
        for (id, tier, status, kam) in [("C-ODUE", ClientTier.b, ClientStatus.active, "kam-ivanova"), ("C-HOLD", .c, .active, "kam-ivanova"),
                                        ("C-A", .a, .active, "kam-ivanova"), ("C-PRO", .b, .prospect, "kam-ivanova"),
                                        ("C-PET", .b, .active, "kam-petrov")] {
            try await p.publish(Topics.erpClients, key: id, [Fixtures.client(id, kam: kam, limit: "1000.00", status: status,
                                                                              contract: status != .prospect, tier: tier)],
                                occurredAt: upserted)
        }
        // The book as the ERP described it: routine contacts only.
        let routine = [
            "\(days[0]): C-A visit tier_a; C-ODUE call tier_b",
            "\(days[1]): C-PRO call prospect",
            "\(days[2]): C-HOLD call tier_c",
            "\(days[3]): ", "\(days[4]): ",
        ]
        _ = try await TestStack.eventually(timeout: .seconds(60)) { try await plan() == routine }
        #expect(try await plan() == routine)

        // Receivables: C-ODUE owes 300.00 due ten days ago, and 700.00 not due; C-A is invoiced for the
        // first time and returns part of it.
        try await p.publish(Topics.erpInvoices, key: "C-ODUE", [
            InvoiceIssued(invoiceId: "INV-OLD", clientId: "C-ODUE", amount: try Money(parsing: "300.00"),
                          issuedOn: today.adding(days: -40), dueDate: today.adding(days: -10)),
            InvoiceIssued(invoiceId: "INV-NEW", clientId: "C-ODUE", amount: try Money(parsing: "700.00"),
                          issuedOn: today, dueDate: today.adding(days: 30)),
        ])
        try await p.publish(Topics.erpInvoices, key: "C-A", [InvoiceIssued(
            invoiceId: "INV-A", clientId: "C-A", amount: try Money(parsing: "700.00"), issuedOn: today, dueDate: today.adding(days: 30))])
        try await p.publish(Topics.erpCreditNotes, key: "C-A", [CreditNoteIssued(
            creditNoteId: "CN-A", clientId: "C-A", invoiceId: "INV-A", amount: try Money(parsing: "14.00"), issuedOn: today,
            reason: .return, lines: [CreditNoteLine(sku: "MILK-1L", quantity: 1)])])
        // Orders and credit: 20 × 95.00 = 1900.00 over C-HOLD's limit of 1000.00 → on hold.
        try await p.publish(Topics.erpOrders, key: "C-HOLD", [Fixtures.order("P-HOLD", client: "C-HOLD", [("MILK-1L", 20)], placedAt: now)])

        let urgent = [
            "\(days[0]): C-ODUE call overdue,tier_b; C-HOLD call on_hold,tier_c; C-A visit tier_a",
            "\(days[1]): C-PRO call prospect",
            "\(days[2]): ", "\(days[3]): ", "\(days[4]): ",
        ]
        _ = try await TestStack.eventually(timeout: .seconds(60)) { try await plan() == urgent }
        #expect(try await plan() == urgent)

        // The contact log: a KAM logs for its own clients as itself.
        let contacts = "\(planning)/contacts"
        var call: [String: Any] = ["kamId": "kam-ivanova", "clientId": "C-PRO", "kind": "call",
                                   "at": WireJSON.format(now.addingTimeInterval(-3600)), "outcome": "договорились о дегустации"]
        let logged = try await HTTP.send("POST", contacts, token: ivanova, json: call)
        #expect(logged.status == 201)
        #expect(logged.json["loggedBy"] as? String == "test-kam")
        #expect(logged.json["note"] is NSNull)
        let again = try await HTTP.send("POST", contacts, token: ivanova, json: call)
        #expect(again.status == 200)
        #expect(again.json["contactId"] as? String == logged.json["contactId"] as? String)
        #expect(try await HTTP.send("POST", contacts, token: petrov, json: call).status == 403)
        call["kamId"] = "kam-petrov"
        #expect(try await HTTP.send("POST", contacts, token: ivanova, json: call).status == 403)
        #expect(try await HTTP.send("POST", contacts, token: head, json: call.merging(["clientId": "C-NONE"]) { $1 }).status == 404)
        #expect(try await HTTP.send("POST", contacts, token: head, json: call.merging(["kind": "letter"]) { $1 }).status == 400)
        #expect(try await HTTP.send("POST", contacts, token: head, json: call.merging(["outcome": " "]) { $1 }).status == 400)
        #expect(try await HTTP.send("POST", contacts, token: head,
                                    json: call.merging(["at": WireJSON.format(now.addingTimeInterval(86_400))]) { $1 }).status == 400)
        #expect(try await HTTP.send("POST", contacts, token: nil, json: call).status == 401)
        let list = try await HTTP.get("\(contacts)?clientId=C-PRO&from=\(today.adding(days: -1))&to=\(today)", token: ivanova)
        #expect(list.status == 200)
        #expect((list.json["contacts"] as? [[String: Any]])?.map { $0["outcome"] as? String } == ["договорились о дегустации"])
        #expect(list.json["nextOffset"] is NSNull)
        #expect(try await HTTP.get("\(contacts)?clientId=C-PRO", token: petrov).status == 403)
        #expect((try await HTTP.get(contacts, token: petrov).json["contacts"] as? [Any])?.isEmpty == true)
        #expect(try await HTTP.get("\(contacts)?from=2026-13-01", token: head).status == 400)

        // The ERP cancels the held order: no hold any more, C-HOLD keeps its routine call.
        try await p.publish(Topics.erpOrders, key: "C-HOLD", [OrderCancelled(orderId: "P-HOLD", clientId: "C-HOLD",
                                                                            cancelledAt: now.addingTimeInterval(60), reason: "клиент передумал")])
        let final = [
            "\(days[0]): C-ODUE call overdue,tier_b; C-A visit tier_a",
            "\(days[1]): C-HOLD call tier_c",
            "\(days[2]): ", "\(days[3]): ", "\(days[4]): ",
        ]
        _ = try await TestStack.eventually(timeout: .seconds(60)) { try await plan() == final }
        #expect(try await plan() == final)
        let schedule = try await HTTP.get(scheduleURL, token: ivanova).json
        #expect(schedule["asOf"] as? String == days[0])
        #expect(schedule["week"] as? String == week.description)
        #expect((schedule["unscheduled"] as? [Any])?.isEmpty == true)
        #expect(try await HTTP.get(scheduleURL, token: petrov).status == 403)
        #expect(try await HTTP.get("\(planning)/schedules/kam-ivanova/2026-W54", token: head).status == 400)

        // The scorecard of the running month: turnover 700 + 700 − 14, C-A new, one order held,
        // 300.00 overdue of 1686.00 owed, and the bonus from them.
        let plan = try await HTTP.send("PUT", "\(planning)/plans/kam-ivanova/\(month)", token: head,
                                       json: ["turnoverTarget": "1400.00", "activeClientsTarget": 2, "newClientsTarget": 1])
        #expect(plan.status == 200)
        #expect(try await HTTP.send("PUT", "\(planning)/plans/kam-ivanova/\(month)", token: head,
                                    json: ["turnoverTarget": "1400.00", "activeClientsTarget": 2_147_483_648, "newClientsTarget": 1]).status == 400)
        let cardURL = "\(planning)/scorecards/kam-ivanova/\(month)"
        let complete = try await TestStack.eventually(timeout: .seconds(60)) {
            let card = try await HTTP.get(cardURL, token: ivanova).json
            return card["overdueSharePct"] as? String == "17.79" && card["heldOrders"] as? Int == 1
                && (card["turnover"] as? [String: Any])?["actual"] as? String == "1386.00"
        }
        #expect(complete)
        let card = try await HTTP.get(cardURL, token: ivanova).json
        #expect((card["turnover"] as? [String: Any])?["fulfilmentPct"] as? String == "99.00")
        #expect((card["activeClients"] as? [String: Any])?["actual"] as? Int == 2)
        #expect((card["newClients"] as? [String: Any])?["actual"] as? Int == 1)
        #expect(card["returnsSharePct"] as? String == "1.00")
        #expect(card["rejectedOrders"] as? Int == 0)
        let bonus = card["bonus"] as? [String: Any] ?? [:]
        // 30 × 0.99 + 10 + 10 − (17.79 − 5.00)
        #expect(bonus["percentOfSalary"] as? String == "36.91")
        #expect(((bonus["inputs"] as? [String: Any])?["overdue"] as? [String: Any])?["points"] as? String == "-12.79")

        let all = try await HTTP.get("\(planning)/scorecards?month=\(month)", token: head)
        #expect((all.json["scorecards"] as? [[String: Any]])?.compactMap { $0["kamId"] as? String } == ["kam-ivanova", "kam-petrov"])
        let own = try await HTTP.get("\(planning)/scorecards?month=\(month)", token: ivanova)
        #expect((own.json["scorecards"] as? [[String: Any]])?.compactMap { $0["kamId"] as? String } == ["kam-ivanova"])
        #expect(try await HTTP.get("\(planning)/scorecards/kam-ivanova/\(month)", token: petrov).status == 403)

        // History and returns of the month.
        let history = try await HTTP.get("\(planning)/clients/C-A/history", token: ivanova)
        #expect(history.status == 200)
        let thisMonth = (history.json["months"] as? [[String: Any]])?.last ?? [:]
        #expect(thisMonth["month"] as? String == month.description)
        #expect(thisMonth["turnover"] as? String == "686.00")
        #expect(((thisMonth["returns"] as? [[String: Any]])?.first)?["amount"] as? String == "14.00")
        let holdHistory = try await HTTP.get("\(planning)/clients/C-HOLD/history", token: head)
        #expect(((holdHistory.json["months"] as? [[String: Any]])?.last?["orders"] as? [String: Any])?["cancelled"] as? Int == 1)
        #expect(try await HTTP.get("\(planning)/clients/C-A/history", token: petrov).status == 403)
        #expect(try await HTTP.get("\(planning)/clients/C-NONE/history", token: head).status == 404)
        let returns = try await HTTP.get("\(planning)/returns?month=\(month)&kamId=kam-ivanova", token: head).json
        #expect((returns["returns"] as? [String: Any])?["amount"] as? String == "14.00")
        #expect(returns["sharePct"] as? String == "1.00")
        #expect((returns["bySku"] as? [[String: Any]])?.map { "\($0["sku"] ?? "") \($0["quantity"] ?? "")" } == ["MILK-1L 1"])
        #expect(try await HTTP.get("\(planning)/returns?month=\(month)&kamId=kam-ivanova", token: petrov).status == 403)

        // The KAM's book: its clients by id with overdue debt today and the last contact.
        let called = Self.calendar.businessDate(of: now.addingTimeInterval(-3600)).description
        func book(_ query: String, _ token: String) async throws -> (rows: [String], next: Any?) {
            let json = try await HTTP.get("\(planning)/clients\(query)", token: token).json
            let rows = (json["clients"] as? [[String: Any]] ?? []).map { c in
                ["clientId", "name", "kamId", "tier", "status", "overdueAmount", "lastContact"].map { c[$0] is NSNull ? "null" : "\(c[$0] ?? "?")" }.joined(separator: " | ")
            }
            return (rows, json["nextOffset"])
        }
        let ivanovaBook = [
            "C-A | Client C-A | kam-ivanova | A | active | 0.00 | null",
            "C-HOLD | Client C-HOLD | kam-ivanova | C | active | 0.00 | null",
            "C-ODUE | Client C-ODUE | kam-ivanova | B | active | 300.00 | null",
            "C-PRO | Client C-PRO | kam-ivanova | B | prospect | 0.00 | \(called)",
        ]
        let mine = try await book("", ivanova)
        #expect(mine.rows == ivanovaBook)
        #expect(mine.next is NSNull)
        let pageOne = try await book("?kamId=kam-ivanova&limit=2", head)
        #expect(pageOne.rows == Array(ivanovaBook.prefix(2)))
        #expect(pageOne.next as? Int == 2)
        let pageTwo = try await book("?kamId=kam-ivanova&limit=2&offset=2", head)
        #expect(pageTwo.rows == Array(ivanovaBook.suffix(2)))
        #expect(pageTwo.next is NSNull)
        #expect(try await book("", petrov).rows == ["C-PET | Client C-PET | kam-petrov | B | active | 0.00 | null"])
        #expect(try await book("?kamId=kam-petrov", head).rows == ["C-PET | Client C-PET | kam-petrov | B | active | 0.00 | null"])
        #expect(try await book("", head).rows.count == 5)
        #expect(try await HTTP.get("\(planning)/clients?kamId=kam-ivanova", token: petrov).status == 403)
        #expect(try await HTTP.get("\(planning)/clients?limit=0", token: head).status == 400)
        #expect(try await HTTP.get("\(planning)/clients", token: nil).status == 401)
        }
    }
}
