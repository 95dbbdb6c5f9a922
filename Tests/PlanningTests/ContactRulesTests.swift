import Contracts
import Testing
@testable import Planning

/// SPEC 5.4's reasons for a visit or a call, per client, judged on the week's first working day.
@Suite struct ContactRulesTests {
    static let monday = P.date("2026-12-07")

    static func needs(_ client: PlanClient) -> [String] {
        ContactRules.needs(client, on: monday, policy: ContactPolicy()).map { need in
            "\(need.kind.rawValue)\(need.firstDay ? "@first" : "") \(need.reasons.map(\.rawValue).joined(separator: ","))"
                + (need.fallback.isEmpty ? "" : " else call \(need.fallback.map(\.rawValue).joined(separator: ","))")
        }
    }

    static func client(_ tier: ClientTier, _ status: ClientStatus = .active, overdue: String = "0.00", holds: Int = 0,
                       contact: String? = nil, recent: String = "0.00", earlier: String = "0.00") -> PlanClient {
        PlanClient(clientId: "C-1", tier: tier, status: status, overdue: P.money(overdue), openHolds: holds,
                   lastContact: contact.map(P.date), recentTurnover: P.money(recent), earlierTurnover: P.money(earlier))
    }

    @Test(arguments: [
        (ContactRulesTests.client(.a), ["visit tier_a"]),
        (ContactRulesTests.client(.b), ["call tier_b"]),
        (ContactRulesTests.client(.c), ["call tier_c"]),                                        // never contacted
        (ContactRulesTests.client(.c, contact: "2026-11-08"), ["call tier_c"]),                 // 29 days before: none in the last 28
        (ContactRulesTests.client(.c, contact: "2026-11-09"), []),                              // 28 days before: within the 28
        (ContactRulesTests.client(.c, contact: "2026-12-04"), []),
        (ContactRulesTests.client(.a, .prospect), ["call prospect"]),                           // a prospect is called as a prospect, whatever its tier
        (ContactRulesTests.client(.c, .prospect, contact: "2026-11-22"), ["call prospect"]),   // 15 days before
        (ContactRulesTests.client(.c, .prospect, contact: "2026-11-23"), []),                  // 14 days before
        (ContactRulesTests.client(.a, .blocked), []),                                           // a blocked client only about debt and holds
        (ContactRulesTests.client(.a, .blocked, overdue: "10.00"), ["call@first overdue"]),
        (ContactRulesTests.client(.b, overdue: "10.00"), ["call@first overdue,tier_b"]),       // the routine call is the first-day call
        (ContactRulesTests.client(.c, holds: 2), ["call@first on_hold,tier_c"]),
        (ContactRulesTests.client(.c, holds: 1, contact: "2026-12-01"), ["call@first on_hold"]),
        (ContactRulesTests.client(.a, overdue: "0.01", holds: 1), ["call@first overdue,on_hold", "visit tier_a"]),
        (ContactRulesTests.client(.a, recent: "699.99", earlier: "1000.00"), ["visit declining,tier_a"]),
        (ContactRulesTests.client(.b, recent: "699.99", earlier: "1000.00"), ["visit declining,tier_b else call tier_b"]),
        (ContactRulesTests.client(.c, recent: "0.00", earlier: "1000.00"), ["visit declining,tier_c else call tier_c"]),
        (ContactRulesTests.client(.c, contact: "2026-12-01", recent: "0.00", earlier: "1000.00"), ["visit declining"]),
        (ContactRulesTests.client(.b, overdue: "5.00", recent: "0.00", earlier: "1000.00"), ["call@first overdue,tier_b", "visit declining"]),
        (ContactRulesTests.client(.a, .prospect, recent: "0.00", earlier: "1000.00"), ["call prospect"]),   // decline is for active clients
    ] as [(PlanClient, [String])])
    func reasons(client: PlanClient, expected: [String]) {
        #expect(Self.needs(client) == expected)
    }

    @Test(arguments: [
        ("700.00", "1000.00", false),    // exactly 30 % less: not more than 30 %
        ("699.99", "1000.00", true),
        ("1000.00", "1000.00", false),
        ("2000.00", "1000.00", false),
        ("-50.00", "1000.00", true),     // credit notes above invoices
        ("0.00", "0.00", false),         // nothing before: nothing to fall from
        ("0.00", "-100.00", false),
        ("0.70", "1.00", false),
        ("0.69", "1.00", true),
    ] as [(String, String, Bool)])
    func declining(recent: String, earlier: String, expected: Bool) {
        #expect(ContactRules.isDeclining(Self.client(.b, recent: recent, earlier: earlier), policy: ContactPolicy()) == expected)
    }

    @Test func theClientsFactsAreJudgedOnTheMonday() {
        let card = P.card("C-1", "kam-ivanova", on: "2026-01-10", tier: .b)
        let snapshot = P.snapshot("C-1", asOf: "2026-12-04", [
            P.open("I-1", "100.00", issued: "2026-11-06", due: "2026-12-06"),   // overdue on Monday the 7th
            P.open("I-2", "40.00", issued: "2026-11-07", due: "2026-12-07"),    // due that day: not overdue
            P.open("I-3", "0.00", issued: "2026-10-01", due: "2026-10-31"),
        ])
        let trails = [
            OrderTrail(orderId: "O-1", clientId: "C-1", heldOn: P.date("2026-12-01")),
            OrderTrail(orderId: "O-2", clientId: "C-1", heldOn: P.date("2026-12-01"), confirmedOn: P.date("2026-12-02")),
            OrderTrail(orderId: "O-3", clientId: "C-1", heldOn: P.date("2026-12-01"), cancelledOn: P.date("2026-12-02")),
            OrderTrail(orderId: "O-4", clientId: "C-1", heldOn: P.date("2026-12-03")),
            OrderTrail(orderId: "O-5", clientId: "C-1", confirmedOn: P.date("2026-12-03")),
        ]
        let documents = [
            P.inv("D-1", "C-1", "2026-10-11", "5000.00"),   // before both windows
            P.inv("D-2", "C-1", "2026-10-12", "600.00"),    // earlier window: Oct 12 … Nov 8
            P.inv("D-3", "C-1", "2026-11-08", "400.00"),
            P.inv("D-4", "C-1", "2026-11-09", "300.00"),    // recent window: Nov 9 … Dec 6
            P.cn("D-5", "C-1", "2026-12-06", "50.00"),
            P.inv("D-6", "C-1", "2026-12-07", "9000.00"),   // in the week itself
        ]
        let judged = PlanClient.judged(card, on: Self.monday, snapshot: snapshot, trails: trails, lastContact: P.date("2026-12-07"),
                                       documents: documents, policy: ContactPolicy())
        #expect(judged == PlanClient(clientId: "C-1", tier: .b, status: .active, overdue: P.money("100.00"), openHolds: 2,
                                     lastContact: nil, recentTurnover: P.money("250.00"), earlierTurnover: P.money("1000.00")))
        #expect(Self.needs(judged) == ["call@first overdue,on_hold,tier_b", "visit declining"])
    }
}
