import Contracts
import Hummingbird
import ServiceKit

/// HTTP resources of the credit service (SPEC §6).
enum CreditRoutes {
    static func add(to router: Router<BasicRequestContext>, platform: Platform) {
        let auth = platform.auth

        router.get("/clients/:clientId/credit") { request, context in
            let principal = try auth.principal(of: request)
            let id = try context.parameters.requireDecoded("clientId")
            let today = platform.calendar.businessDate(of: platform.clock())
            let view = try await platform.postgres.withConnection { conn -> CreditView? in
                let store = CreditStore(connection: conn, logger: platform.logger)
                guard let credit = try await visibleClient(id, store: store, principal: principal) else { return nil }
                // The client's own queue, oldest first (a client rarely has more than a few holds).
                let page = Page(limit: Page.maxLimit)
                let held = page.cut(try await store.heldOrders(clientId: id, kamId: nil, page: page)).items
                return CreditView(credit, today: today, holds: held.map { HoldView($0, now: credit.position) })
            }
            guard let view else { throw Problem.notFound("client \(id) is not known") }
            return JSONBody(view)
        }

        HoldRoutes.add(to: router, platform: platform)
        CreditLimitRoutes.add(to: router, platform: platform)
    }

    /// A client credit knows; nil when unknown, 403 when it belongs to another KAM.
    static func visibleClient(_ id: String, store: CreditStore, principal: Principal) async throws -> CreditStore.ClientCredit? {
        guard let credit = try await store.credit(id) else { return nil }
        guard principal.canSee(kamId: credit.client.kamId) else { throw Problem.forbidden("client \(id) belongs to another KAM") }
        return credit
    }
}
