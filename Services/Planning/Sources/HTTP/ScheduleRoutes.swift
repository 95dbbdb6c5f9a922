import Contracts
import Hummingbird
import ServiceKit

/// `GET /schedules/{kamId}/{YYYY-Www}`: the KAM's weekly contact plan (SPEC 5.4), computed
/// when asked from what planning knows then, judged on the week's first working day.
enum ScheduleRoutes {
    static func add(to router: Router<BasicRequestContext>, platform: Platform, settings: PlanningSettings) {
        router.get("/schedules/:kamId/:week") { request, context in
            let principal = try platform.auth.principal(of: request)
            let kamId = try context.parameters.requireDecoded("kamId")
            guard principal.canSee(kamId: kamId) else { throw Problem.forbidden("a KAM sees only its own contact plan") }
            let week = try Query.week(try context.parameters.requireDecoded("week"))
            let clients = try await platform.postgres.withConnection { conn in
                try await PlanningStore(connection: conn, logger: platform.logger)
                    .planClients(kamId: kamId, on: week.monday, policy: settings.contacts)
            }
            return JSONBody(ContactPlanner.plan(kamId: kamId, week: week, clients: clients, policy: settings.contacts))
        }
    }
}
