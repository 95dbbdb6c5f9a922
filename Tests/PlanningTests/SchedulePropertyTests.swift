import Contracts
import ServiceKit
import Testing
@testable import Planning

/// Properties of the weekly plan over many generated client books (seeded, so a failure
/// names a book that can be replayed): working days only, caps kept, nothing lost, tier A
/// visited and debts called on the first working day when there is room, and only the lowest
/// priorities moved or dropped when there is not.
@Suite struct SchedulePropertyTests {
    struct Book: Sendable, CustomTestStringConvertible {
        let seed: UInt64
        let week: IsoWeek
        let clients: [PlanClient]
        let policy: ContactPolicy
        var testDescription: String { "book \(seed): \(clients.count) clients, \(policy.visitsPerDay)/\(policy.callsPerDay) a day, \(week)" }
    }

    static let books: [Book] = (1...400).map(generate)

    /// A book of 0–70 clients; caps from 0 to 5 visits and 0 to 14 calls a day (small caps
    /// make the over-capacity cases common).
    static func generate(_ seed: UInt64) -> Book {
        var rng = SeededRandom(seed: seed)
        let week = IsoWeek(containing: P.date("2026-01-05").adding(days: rng.int(0...700)))
        let monday = week.monday
        let clients = (0..<rng.int(0...70)).map { i -> PlanClient in
            let status: ClientStatus = rng.chance(0.80) ? .active : rng.chance(0.50) ? .prospect : .blocked
            return PlanClient(
                clientId: "C-\(seed)-\(i)", tier: [.a, .b, .c][rng.int(0...2)], status: status,
                overdue: rng.chance(0.20) ? Money(kopecks: Int64(rng.int(1...5_000_000))) : .zero,
                openHolds: rng.chance(0.15) ? rng.int(1...3) : 0,
                lastContact: rng.chance(0.60) ? monday.adding(days: -rng.int(1...60)) : nil,
                recentTurnover: Money(kopecks: Int64(rng.int(0...1_000_000))),
                earlierTurnover: rng.chance(0.30) ? Money(kopecks: Int64(rng.int(0...3_000_000))) : .zero)
        }
        return Book(seed: seed, week: week, clients: clients,
                    policy: ContactPolicy(visitsPerDay: rng.int(0...5), callsPerDay: rng.int(0...14)))
    }

    static func plan(_ book: Book) -> WeekPlan {
        ContactPlanner.plan(kamId: "kam-x", week: book.week, clients: book.clients, policy: book.policy)
    }

    static func needs(_ book: Book) -> [ContactNeed] {
        book.clients.flatMap { ContactRules.needs($0, on: book.week.monday, policy: book.policy) }
    }

    static func isFirstDay(_ reasons: [ContactReason]) -> Bool { reasons.contains(.overdue) || reasons.contains(.onHold) }

    @Test(arguments: books)
    func onlyTheWeeksWorkingDaysAndWithinTheCaps(_ book: Book) {
        let plan = Self.plan(book)
        #expect(plan.days.map(\.date) == book.week.workingDays)
        for day in plan.days {
            #expect((1...5).contains(day.date.isoWeekday))
            #expect(IsoWeek(containing: day.date) == book.week)
            #expect(day.entries.filter { $0.kind == .visit }.count <= book.policy.visitsPerDay)
            #expect(day.entries.filter { $0.kind == .call }.count <= book.policy.callsPerDay)
        }
    }

    @Test(arguments: books)
    func everyNeedIsScheduledOrReportedOnce(_ book: Book) {
        let plan = Self.plan(book)
        let scheduled = plan.scheduled.map { "\($0.entry.clientId) \($0.entry.kind)" }
        let unscheduled = plan.unscheduled.map { "\($0.clientId) \($0.kind)" }
        #expect(Set(scheduled).count == scheduled.count, "a client twice with one kind")
        #expect(Set(unscheduled).count == unscheduled.count)
        var expected: [String] = []
        for need in Self.needs(book) {
            expected.append("\(need.clientId) \(need.kind)")
            // A visit without room gives its folded routine call back.
            if need.kind == .visit, !need.fallback.isEmpty, unscheduled.contains("\(need.clientId) visit") {
                expected.append("\(need.clientId) call")
            }
        }
        #expect((scheduled + unscheduled).sorted() == expected.sorted())
        // Every reason of the client's needs is in an entry (the plan says why).
        for need in Self.needs(book) {
            let said = (plan.scheduled.map(\.entry).filter { $0.clientId == need.clientId }.flatMap(\.reasons)
                + plan.unscheduled.filter { $0.clientId == need.clientId }.flatMap(\.reasons))
            #expect(Set(need.reasons).isSubset(of: Set(said)))
        }
    }

    @Test(arguments: books)
    func tierAClientsAreVisitedWhenThereIsRoom(_ book: Book) {
        let plan = Self.plan(book)
        let visitNeeds = Self.needs(book).filter { $0.kind == .visit }
        let visited = Set(plan.scheduled.filter { $0.entry.kind == .visit }.map(\.entry.clientId))
        let tierA = book.clients.filter { $0.tier == .a && $0.status == .active }.map(\.clientId)
        if visitNeeds.count <= 5 * book.policy.visitsPerDay {
            #expect(Set(tierA).isSubset(of: visited))
            #expect(plan.unscheduled.filter { $0.kind == .visit }.isEmpty)
        } else {
            // Over capacity: every day is full of visits and what is left out ranks lowest.
            #expect(visited.count == 5 * book.policy.visitsPerDay)
            let lowestIn = plan.scheduled.filter { $0.entry.kind == .visit }.map { $0.entry.reasons[0] }.max()
            for left in plan.unscheduled where left.kind == .visit {
                #expect(lowestIn.map { left.reasons[0] >= $0 } ?? true)
            }
        }
    }

    @Test(arguments: books)
    func debtsAndHoldsAreCalledOnTheFirstWorkingDay(_ book: Book) {
        let plan = Self.plan(book)
        let urgent = book.clients.filter { $0.overdue > .zero || $0.openHolds > 0 }.map(\.clientId)
        let cap = book.policy.callsPerDay
        let firstDayCalls = plan.days.map { $0.entries.filter { $0.kind == .call && Self.isFirstDay($0.reasons) } }
        if urgent.count <= cap {
            #expect(Set(firstDayCalls[0].map(\.clientId)) == Set(urgent))
        } else {
            // More than a day's calls: they fill the earliest days, highest priority first.
            let placed = firstDayCalls.flatMap { $0 }
            #expect(placed.count == min(urgent.count, 5 * cap))
            for (index, calls) in firstDayCalls.enumerated() where !calls.isEmpty && index > 0 {
                #expect(firstDayCalls[index - 1].count == cap)
            }
            let ranks = placed.map { $0.reasons[0] }
            #expect(ranks == ranks.sorted())
        }
        for day in plan.days {
            let ranks = day.entries.map { $0.reasons[0] }
            #expect(ranks == ranks.sorted(), "a day lists its entries highest priority first")
        }
    }

    @Test(arguments: books)
    func onlyLowerPrioritiesAreDropped(_ book: Book) {
        let plan = Self.plan(book)
        for kind in ContactKind.allCases {
            let inRanks = plan.scheduled.filter { $0.entry.kind == kind }.map { $0.entry.reasons[0] }
            for left in plan.unscheduled where left.kind == kind {
                #expect(inRanks.allSatisfy { $0 <= left.reasons[0] }, "\(left.clientId) \(kind) dropped before a lower priority")
                #expect(plan.days.allSatisfy { day in day.entries.filter { $0.kind == kind }.count == book.policy.cap(kind) })
            }
        }
    }

    @Test func theSameBookGivesTheSamePlan() {
        for book in Self.books.prefix(50) {
            let shuffled = Book(seed: book.seed, week: book.week, clients: book.clients.reversed(), policy: book.policy)
            #expect(Self.plan(book) == Self.plan(shuffled))
        }
    }

    @Test func theGeneratorCoversTheCases() {
        let plans = Self.books.map(Self.plan)
        #expect(plans.contains { $0.unscheduled.contains { $0.kind == .visit } })
        #expect(plans.contains { $0.unscheduled.contains { $0.kind == .call } })
        #expect(plans.contains { plan in plan.days.dropFirst().contains { $0.entries.contains { Self.isFirstDay($0.reasons) } } })
        #expect(plans.contains { $0.unscheduled.isEmpty && !$0.scheduled.isEmpty })
        #expect(plans.contains { $0.scheduled.contains { $0.entry.reasons.contains(.declining) } })
    }
}
