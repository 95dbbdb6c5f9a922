import Contracts
import Hummingbird
import ServiceKit

/// HTTP resources of the planning service (SPEC §6): plans and scorecards here, the rest in
/// the files next to it.
enum PlanningRoutes {
    struct ScorecardList: Encodable, Sendable {
        var month: YearMonth
        var scorecards: [Scorecard]
    }

    static func add(to router: Router<BasicRequestContext>, platform: Platform, settings: PlanningSettings) {
        let auth = platform.auth

        router.put("/plans/:kamId/:month") { request, context in
            let principal = try auth.principal(of: request, allowed: [.head])
            let kamId = try context.parameters.requireDecoded("kamId")
            let month = try Query.month(try context.parameters.requireDecoded("month"))
            let plan = try await request.decodeJSON(MonthlyPlan.self, context: context)
            guard plan.turnoverTarget >= .zero, plan.activeClientsTarget >= 0, plan.newClientsTarget >= 0 else {
                throw Problem.badRequest("targets must not be negative")
            }
            // The counts are stored as PostgreSQL integers.
            guard max(plan.activeClientsTarget, plan.newClientsTarget) <= Int(Int32.max) else {
                throw Problem.badRequest("client targets must be at most \(Int32.max)")
            }
            try await platform.transaction { ctx in
                try await PlanningStore(connection: ctx.connection, logger: ctx.logger)
                    .savePlan(kamId: kamId, month: month, plan: plan, by: principal.subject, at: ctx.now)
            }
            return JSONBody(plan)
        }

        router.get("/scorecards/:kamId/:month") { request, context in
            let principal = try auth.principal(of: request)
            let kamId = try context.parameters.requireDecoded("kamId")
            guard principal.canSee(kamId: kamId) else { throw Problem.forbidden("a KAM sees only its own scorecard") }
            let month = try Query.month(try context.parameters.requireDecoded("month"))
            let book = try await Self.book(month, platform: platform)
            return JSONBody(book.scorecard(kamId, policy: settings.bonus))
        }

        // Every KAM's scorecard for the head and ops; a KAM gets a list with its own only.
        router.get("/scorecards") { request, _ in
            let principal = try auth.principal(of: request)
            let month = try Query.month(request, "month") ?? Query.today(platform).yearMonth
            let book = try await Self.book(month, platform: platform)
            let cards = principal.role == .kam
                ? [book.scorecard(principal.kamId ?? "", policy: settings.bonus)]
                : book.scorecards(policy: settings.bonus)
            return JSONBody(ScorecardList(month: month, scorecards: cards))
        }

        ScheduleRoutes.add(to: router, platform: platform, settings: settings)
        ContactRoutes.add(to: router, platform: platform)
        HistoryRoutes.add(to: router, platform: platform)
        ClientListRoutes.add(to: router, platform: platform)
    }

    static func book(_ month: YearMonth, platform: Platform) async throws -> ScorecardBook {
        let today = Query.today(platform)
        return ScorecardBook(try await platform.postgres.withConnection { conn in
            try await PlanningStore(connection: conn, logger: platform.logger).scorecardFacts(month: month, today: today)
        })
    }
}
