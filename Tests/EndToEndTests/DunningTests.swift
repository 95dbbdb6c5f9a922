import Contracts
import Foundation
import Kafka
import ServiceKit
import Testing
import TestSupport

/// Dunning and the collection worklist with the real executables (SPEC 5.3, §4, §6): runs by
/// date through POST /dunning/run, each DunningNoticeIssued exactly once on kam.dunning.v1.
@Suite("End to end: dunning and collections", .serialized, .enabled(if: TestStack.isAvailable))
struct DunningTests {
    /// The daily run stays off: these tests choose every run's date themselves.
    static let manualOnly = ["KAM_DUNNING_RUN_AT": "off"]

    static func run(_ p: Platform4, _ asOf: String, token: String, instance: String = "receivables") async throws -> HTTP.Reply {
        try await HTTP.send("POST", "\(p[instance].baseURL)/dunning/run", token: token, json: ["asOf": asOf])
    }

    /// "clientId:level" of each notice in a run's answer, sorted.
    static func issued(_ reply: HTTP.Reply) -> [String] {
        (reply.json["notices"] as? [[String: Any]] ?? []).map { "\($0["clientId"] as? String ?? "?"):\($0["level"] as? Int ?? -1)" }.sorted()
    }

    static func invoice(_ id: String, _ client: String, _ amount: String, issued: String, due: String) -> InvoiceIssued {
        InvoiceIssued(invoiceId: id, clientId: client, amount: try! Money(parsing: amount), issuedOn: try! BusinessDate(parsing: issued),
                      dueDate: try! BusinessDate(parsing: due))
    }

    /// Waits until receivables shows each client's balance (statement totals) as given.
    static func waitBalances(_ p: Platform4, _ balances: [String: String], instance: String = "receivables") async throws {
        let token = p.token(.head)
        let seen = try await TestStack.eventually(timeout: .seconds(60), every: .milliseconds(200)) {
            for (client, balance) in balances {
                let reply = try await HTTP.get("\(p[instance].baseURL)/clients/\(client)/statement?asOf=2026-12-31", token: token)
                if (reply.json["totals"] as? [String: Any])?["balance"] as? String != balance { return false }
            }
            return true
        }
        #expect(seen, "receivables did not show the balances \(balances)")
    }

    /// Decoded notices from kam.dunning.v1: "clientId:level:asOf" per distinct message.
    static func notices(_ records: [ConsumerRecord]) -> (keys: [String], payloads: [DunningNoticeIssued]) {
        var seen = Set<String>()
        var keys: [String] = []
        var payloads: [DunningNoticeIssued] = []
        for r in records {
            guard case .dunningNoticeIssued(let e)? = try? InboundMessage.decode(topic: Topics.dunning.name, value: r.value),
                  seen.insert(e.messageId).inserted else { continue }
            keys.append("\(e.payload.clientId):\(e.payload.level):\(e.payload.asOf)")
            payloads.append(e.payload)
            #expect(r.keyString == e.payload.clientId)
        }
        return (keys.sorted(), payloads)
    }

    @Test("1 → 2 → 3 by asOf, 0 → 2 in one notice, no repeat at a level, back to 0 after payment and dunned again from 1; each notice once on kam.dunning.v1; levels, notices and the worklist by role")
    func dunningByDate() async throws {
        try await Platform4.with(environment: Self.manualOnly) { p in
        let reader = try p.reader([Topics.dunning])
        _ = try await reader.read() // joins its group while the data is set up
        let head = p.token(.head), ops = p.token(.ops)
        let ivanova = p.token(.kam, kam: "kam-ivanova"), petrov = p.token(.kam, kam: "kam-petrov")
        let recv = p["receivables"].baseURL
        for (id, kam) in [("C-DUN", "kam-ivanova"), ("C-JUMP", "kam-petrov"), ("C-COLL", "kam-ivanova")] {
            try await p.publish(Topics.erpClients, key: id, [Fixtures.client(id, kam: kam, limit: "100000.00")],
                                occurredAt: Fixtures.placedAt.addingTimeInterval(-90 * 86_400))
        }
        try await p.publish(Topics.erpInvoices, key: "C-DUN", [Self.invoice("INV-D1", "C-DUN", "1000.00", issued: "2026-10-02", due: "2026-11-01")])
        try await p.publish(Topics.erpInvoices, key: "C-JUMP", [Self.invoice("INV-J1", "C-JUMP", "400.00", issued: "2026-09-15", due: "2026-10-15")])
        try await Self.waitBalances(p, ["C-DUN": "1000.00", "C-JUMP": "400.00"])

        // Only head and ops run dunning; the body must hold a date.
        #expect(try await Self.run(p, "2026-11-02", token: ivanova).status == 403)
        #expect(try await HTTP.send("POST", "\(recv)/dunning/run", token: nil, json: ["asOf": "2026-11-02"]).status == 401)
        #expect(try await Self.run(p, "2026-11-31", token: head).status == 400)

        let r1 = try await Self.run(p, "2026-11-02", token: head)
        #expect(r1.status == 200)
        #expect(Self.issued(r1) == ["C-DUN:1", "C-JUMP:2"]) // C-JUMP: 18 days overdue at its first run — one notice, level 2
        #expect(Self.issued(try await Self.run(p, "2026-11-02", token: ops)) == []) // the same levels again: nothing
        #expect(Self.issued(try await Self.run(p, "2026-11-15", token: head)) == ["C-JUMP:3"]) // C-DUN 14 days: still 1
        #expect(Self.issued(try await Self.run(p, "2026-11-16", token: head)) == ["C-DUN:2"])
        #expect(Self.issued(try await Self.run(p, "2026-12-01", token: head)) == ["C-DUN:3"])
        #expect(Self.issued(try await Self.run(p, "2026-12-03", token: ops)) == [])
        // A run for a date before one already judged leaves the clients as they are.
        let older = try await Self.run(p, "2026-11-20", token: head)
        #expect(Self.issued(older) == [])
        #expect((older.json["judgedLater"] as? [String])?.sorted() == ["C-DUN", "C-JUMP"])

        // C-DUN pays: back to 0 (no notice); new debt is dunned from level 1 again.
        try await p.publish(Topics.erpPayments, key: "C-DUN", [PaymentReceived(
            paymentId: "PAY-D1", clientId: "C-DUN", amount: try Money(parsing: "1000.00"), receivedOn: try BusinessDate(parsing: "2026-12-04"))])
        try await Self.waitBalances(p, ["C-DUN": "0.00"])
        let reset = try await Self.run(p, "2026-12-05", token: head)
        #expect(Self.issued(reset) == [])
        #expect(reset.json["resets"] as? [String] == ["C-DUN"])
        try await p.publish(Topics.erpInvoices, key: "C-DUN", [Self.invoice("INV-D2", "C-DUN", "250.00", issued: "2026-11-20", due: "2026-12-06")])
        try await Self.waitBalances(p, ["C-DUN": "250.00"])
        #expect(Self.issued(try await Self.run(p, "2026-12-07", token: head)) == ["C-DUN:1"])

        // Each notice exactly once on kam.dunning.v1, keyed by client, with the SPEC §4 payload.
        _ = try await TestStack.eventually(timeout: .seconds(30)) { Self.notices(try await reader.read()).keys.count >= 6 }
        let topic = Self.notices(try await reader.drain(quiet: .seconds(2)))
        #expect(topic.keys == ["C-DUN:1:2026-11-02", "C-DUN:1:2026-12-07", "C-DUN:2:2026-11-16", "C-DUN:3:2026-12-01",
                               "C-JUMP:2:2026-11-02", "C-JUMP:3:2026-11-15"])
        #expect(topic.payloads.first { $0.clientId == "C-DUN" && $0.level == 2 } == DunningNoticeIssued(
            clientId: "C-DUN", kamId: "kam-ivanova", level: 2, asOf: try BusinessDate(parsing: "2026-11-16"),
            totalOverdue: try Money(parsing: "1000.00"),
            invoices: [DunnedInvoice(invoiceId: "INV-D1", outstanding: try Money(parsing: "1000.00"),
                                     dueDate: try BusinessDate(parsing: "2026-11-01"), daysOverdue: 15)]))
        await reader.close()

        // Current levels, highest first, with the notices of the current stretch of debt; a KAM sees its own.
        let levels = try await HTTP.get("\(recv)/dunning", token: head)
        let rows = levels.json["clients"] as? [[String: Any]] ?? []
        #expect(rows.map { "\($0["clientId"] as? String ?? ""):\($0["level"] as? Int ?? -1)" } == ["C-JUMP:3", "C-DUN:1"])
        #expect((rows.last?["notices"] as? [[String: Any]])?.map { $0["asOf"] as? String } == ["2026-12-07"])
        #expect(levels.json["nextOffset"] is NSNull)
        let own = try await HTTP.get("\(recv)/dunning", token: ivanova)
        #expect((own.json["clients"] as? [[String: Any]])?.map { $0["clientId"] as? String } == ["C-DUN"])
        #expect(try await HTTP.get("\(recv)/dunning?kamId=kam-petrov", token: ivanova).status == 403)
        let history = try await HTTP.get("\(recv)/dunning/notices?clientId=C-DUN", token: head)
        #expect((history.json["notices"] as? [[String: Any]])?.count == 4)
        #expect(try await HTTP.get("\(recv)/dunning/notices?clientId=C-DUN", token: petrov).status == 403)

        // The worklist on 2026-12-07: C-COLL owes the most but C-JUMP's debt is older and dunned to level 3.
        try await p.publish(Topics.erpInvoices, key: "C-COLL", [Self.invoice("INV-C1", "C-COLL", "5000.00", issued: "2026-10-28", due: "2026-11-27")])
        try await Self.waitBalances(p, ["C-COLL": "5000.00"])
        let work = try await HTTP.get("\(recv)/collections?asOf=2026-12-07", token: head)
        #expect(work.status == 200)
        let entries = work.json["clients"] as? [[String: Any]] ?? []
        // C-JUMP 400.00 × 53 days × 2.50 = 53 000; C-COLL 5000.00 × 10 days = 50 000; C-DUN 250.00 × 1 day × 1.50 × 1.50 (paid its
        // only settled invoice late) = 562.
        #expect(entries.map { $0["clientId"] as? String } == ["C-JUMP", "C-COLL", "C-DUN"])
        #expect(entries.map { $0["priority"] as? Int } == [53_000, 50_000, 562])
        #expect(entries.last?["reason"] as? String == "250.00 overdue on 1 invoice, the oldest 1 day (250 ruble-days); dunning level 1 ×1.50; "
                + "0.00 % of settled invoices paid on time ×1.50: priority 562")
        let mine = try await HTTP.get("\(recv)/collections?asOf=2026-12-07&limit=1", token: ivanova)
        #expect((mine.json["clients"] as? [[String: Any]])?.map { $0["clientId"] as? String } == ["C-COLL"])
        #expect(mine.json["nextOffset"] as? Int == 1)
        #expect(try await HTTP.get("\(recv)/collections?kamId=kam-petrov", token: ivanova).status == 403)
        #expect(try await HTTP.get("\(recv)/clients/C-JUMP/statement", token: ivanova).status == 403)
        }
    }

    @Test("two receivables instances: both run the same dates at the same moment, each notice is issued once; the daily run is claimed by one of them")
    func twoInstances() async throws {
        try await Platform4.with(receivablesInstances: 2, environment: ["KAM_DUNNING_RUN_AT": "00:00"]) { p in
        // Each instance ran or found done the day's run (before any document arrives, so it judged nobody).
        let started = try await TestStack.eventually(timeout: .seconds(30)) {
            ["receivables", "receivables-2"].allSatisfy { p[$0].logText().contains("daily dunning run") }
        }
        #expect(started)
        let reader = try p.reader([Topics.dunning])
        _ = try await reader.read() // joins its group while the data is set up
        let head = p.token(.head)
        let clients = (1...8).map { String(format: "C-R%02d", $0) }
        for (n, id) in clients.enumerated() {
            try await p.publish(Topics.erpClients, key: id, [Fixtures.client(id, kam: "kam-ivanova", limit: "100000.00")],
                                occurredAt: Fixtures.placedAt.addingTimeInterval(-90 * 86_400))
            // Due 2026-11-01 … 2026-11-08.
            try await p.publish(Topics.erpInvoices, key: id, [Self.invoice("INV-\(id)", id, "\(100 + n).00", issued: "2026-10-01",
                                                                           due: String(format: "2026-11-%02d", n + 1))])
        }
        try await Self.waitBalances(p, Dictionary(uniqueKeysWithValues: clients.enumerated().map { ($1, "\(100 + $0).00") }),
                                    instance: "receivables-2")
        var expected: [String] = []
        for (asOf, level) in [("2026-11-09", 1), ("2026-11-23", 2), ("2026-12-08", 3)] {
            async let a = Self.run(p, asOf, token: head, instance: "receivables")
            async let b = Self.run(p, asOf, token: head, instance: "receivables-2")
            let (ra, rb) = try await (a, b)
            #expect(ra.status == 200 && rb.status == 200)
            // One run did everything, the other found the levels set.
            #expect((Self.issued(ra) + Self.issued(rb)).sorted() == clients.map { "\($0):\(level)" })
            #expect(Self.issued(ra).isEmpty || Self.issued(rb).isEmpty)
            expected += clients.map { "\($0):\(level):\(asOf)" }
        }
        _ = try await TestStack.eventually(timeout: .seconds(30)) { Self.notices(try await reader.read()).keys.count >= expected.count }
        #expect(Self.notices(try await reader.drain(quiet: .seconds(2))).keys == expected.sorted())
        await reader.close()

        // Both instances started after 00:00 Moscow time: one ran the day's run, the other found it done.
        let done = ["receivables", "receivables-2"].map { p[$0].logText() }
        #expect(done.filter { $0.contains("daily dunning run done") }.count == 1)
        #expect(done.filter { $0.contains("daily dunning run already done") }.count == 1)
        }
    }
}
