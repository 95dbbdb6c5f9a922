import Contracts
import Foundation
import Testing
@testable import Planning

/// Exact weekly plans for small crafted books (SPEC 5.4).
@Suite struct ContactPlannerTests {
    static let week = P.week("2026-W50")   // Monday 2026-12-07 … Friday 2026-12-11

    static func c(_ id: String, _ tier: ClientTier, _ status: ClientStatus = .active, overdue: String = "0.00", holds: Int = 0,
                  contact: String? = nil, declining: Bool = false) -> PlanClient {
        PlanClient(clientId: id, tier: tier, status: status, overdue: P.money(overdue), openHolds: holds,
                   lastContact: contact.map(P.date), recentTurnover: .zero, earlierTurnover: P.money(declining ? "100.00" : "0.00"))
    }

    /// "date: client kind reasons; …" per day, and the unscheduled entries.
    static func render(_ plan: WeekPlan) -> [String] {
        plan.days.map { day in
            "\(day.date): " + day.entries.map { "\($0.clientId) \($0.kind.rawValue) \($0.reasons.map(\.rawValue).joined(separator: ","))" }
                .joined(separator: "; ")
        } + plan.unscheduled.map { "unscheduled: \($0.clientId) \($0.kind.rawValue) \($0.reasons.map(\.rawValue).joined(separator: ","))" }
    }

    @Test func aSmallBookFitsAndIsSpreadOverTheWeek() {
        let plan = ContactPlanner.plan(kamId: "kam-ivanova", week: Self.week, clients: [
            Self.c("C-A1", .a),
            Self.c("C-A2", .a, overdue: "500.00"),
            Self.c("C-B1", .b),
            Self.c("C-B2", .b, holds: 1),
            Self.c("C-C1", .c),
            Self.c("C-C2", .c, contact: "2026-11-30"),   // called a week ago: nothing this week
            Self.c("C-P1", .b, .prospect),
            Self.c("C-X", .a, .blocked),
        ], policy: ContactPolicy())
        #expect(Self.render(plan) == [
            // Overdue and on-hold calls on Monday; the overdue client's visit avoids that day.
            "2026-12-07: C-A2 call overdue; C-B2 call on_hold,tier_b; C-A1 visit tier_a",
            "2026-12-08: C-A2 visit tier_a; C-B1 call tier_b",
            "2026-12-09: C-P1 call prospect",
            "2026-12-10: C-C1 call tier_c",
            "2026-12-11: ",
        ])
        #expect(plan.asOf == P.date("2026-12-07"))
        #expect(plan.limits == WeekPlan.Limits(visitsPerDay: 4, callsPerDay: 12))
    }

    @Test func overCapacityTheLowestPrioritiesMoveOrDrop() {
        var clients = [
            Self.c("O1", .c, overdue: "300.00", contact: "2026-12-01"),
            Self.c("O2", .c, overdue: "100.00", contact: "2026-12-01"),
            Self.c("O3", .c, overdue: "200.00", contact: "2026-12-01"),
            Self.c("H1", .b, holds: 1),
            Self.c("H2", .b, holds: 3),
            Self.c("D1", .b, declining: true),
            Self.c("D2", .b, declining: true),
        ]
        clients += (1...7).map { Self.c("A\($0)", .a) }
        clients += (1...4).map { Self.c("B\($0)", .b) }
        clients += (1...3).map { Self.c("P\($0)", .c, .prospect) }
        clients += (1...2).map { Self.c("C\($0)", .c) }
        let plan = ContactPlanner.plan(kamId: "kam-ivanova", week: Self.week, clients: clients.shuffled(),
                                       policy: ContactPolicy(visitsPerDay: 1, callsPerDay: 2))
        #expect(Self.render(plan) == [
            // The largest debts first; the first-day calls that do not fit on Monday move to Tuesday, Wednesday.
            "2026-12-07: O1 call overdue; O3 call overdue; D1 visit declining,tier_b",
            "2026-12-08: O2 call overdue; H1 call on_hold,tier_b; D2 visit declining,tier_b",
            "2026-12-09: H2 call on_hold,tier_b; A1 visit tier_a; B3 call tier_b",
            "2026-12-10: A2 visit tier_a; B1 call tier_b; B4 call tier_b",
            "2026-12-11: A3 visit tier_a; B2 call tier_b; P1 call prospect",
            "unscheduled: A4 visit tier_a", "unscheduled: A5 visit tier_a", "unscheduled: A6 visit tier_a",
            "unscheduled: A7 visit tier_a",
            "unscheduled: P2 call prospect", "unscheduled: P3 call prospect",
            "unscheduled: C1 call tier_c", "unscheduled: C2 call tier_c",
        ])
        #expect(plan.unscheduled[0].why == "all 5 visits of the week (1 a day) went to higher priorities")
        #expect(plan.unscheduled[4].why == "all 10 calls of the week (2 a day) went to higher priorities")
    }

    @Test func aVisitWithoutRoomBecomesItsRoutineCall() {
        let plan = ContactPlanner.plan(kamId: "kam-ivanova", week: Self.week, clients: [
            Self.c("D1", .b, declining: true),
            Self.c("A1", .a),
            Self.c("D2", .c, declining: true),
        ], policy: ContactPolicy(visitsPerDay: 0, callsPerDay: 12))
        #expect(Self.render(plan) == [
            "2026-12-07: D1 call tier_b",
            "2026-12-08: D2 call tier_c",
            "2026-12-09: ", "2026-12-10: ", "2026-12-11: ",
            "unscheduled: D1 visit declining", "unscheduled: D2 visit declining", "unscheduled: A1 visit tier_a",
        ])
        #expect(plan.unscheduled[0].why == "all 0 visits of the week (0 a day) went to higher priorities; a call is planned instead")
        #expect(plan.unscheduled[2].why == "all 0 visits of the week (0 a day) went to higher priorities")
    }

    @Test func anEmptyBookHasFiveEmptyDays() {
        let plan = ContactPlanner.plan(kamId: "kam-nobody", week: P.week("2026-W53"), clients: [], policy: ContactPolicy())
        #expect(plan.days.map(\.date.description) == ["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01"])
        #expect(plan.days.allSatisfy { $0.entries.isEmpty })
        #expect(plan.unscheduled.isEmpty)
    }

    @Test func theJSONIsTheSpecsShape() throws {
        let plan = ContactPlanner.plan(kamId: "kam-ivanova", week: Self.week,
                                       clients: [Self.c("C-B2", .b, overdue: "1.00", holds: 1)], policy: ContactPolicy())
        let json = String(decoding: try WireJSON.encoder().encode(plan), as: UTF8.self)
        #expect(json == """
            {"asOf":"2026-12-07","days":[{"date":"2026-12-07","entries":[{"clientId":"C-B2","kind":"call",\
            "reasons":["overdue","on_hold","tier_b"]}]},{"date":"2026-12-08","entries":[]},{"date":"2026-12-09","entries":[]},\
            {"date":"2026-12-10","entries":[]},{"date":"2026-12-11","entries":[]}],"kamId":"kam-ivanova",\
            "limits":{"callsPerDay":12,"visitsPerDay":4},"unscheduled":[],"week":"2026-W50"}
            """)
    }
}
