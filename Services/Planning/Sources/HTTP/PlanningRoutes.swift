import Contracts
import Hummingbird
import ServiceKit

/// HTTP resources of the planning service (SPEC §6).
enum PlanningRoutes {
    static func month(_ raw: String) throws -> YearMonth {
        do { return try YearMonth(parsing: raw) } catch { throw Problem.badRequest("month: \(error.reason)") }
    }

    static func add(to router: Router<BasicRequestContext>, platform: Platform) {
        let auth = platform.auth

        router.put("/plans/:kamId/:month") { request, context in
            let principal = try auth.principal(of: request, allowed: [.head])
            let kamId = try context.parameters.requireDecoded("kamId")
            let month = try month(try context.parameters.requireDecoded("month"))
            let plan = try await request.decodeJSON(MonthlyPlan.self, context: context)
            guard plan.turnoverTarget >= .zero, plan.activeClientsTarget >= 0, plan.newClientsTarget >= 0 else {
                throw Problem.badRequest("targets must not be negative")
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
            let month = try month(try context.parameters.requireDecoded("month"))
            let card = try await platform.postgres.withConnection { conn in
                let store = PlanningStore(connection: conn, logger: platform.logger)
                return ScorecardRules.scorecard(
                    kamId: kamId, month: month,
                    actuals: try await store.actuals(kamId: kamId, month: month),
                    plan: try await store.plan(kamId: kamId, month: month),
                    previousTurnover: try await store.turnover(kamId: kamId, month: month.previous),
                    lastYearTurnover: try await store.turnover(kamId: kamId, month: month.sameMonthLastYear))
            }
            return JSONBody(card)
        }
    }
}
