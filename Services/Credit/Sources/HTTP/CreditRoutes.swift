import Contracts
import Hummingbird
import ServiceKit

struct CreditView: Codable, Sendable {
    var clientId: String
    var kamId: String
    var creditLimit: Money
    var openReceivables: Money
    var unappliedCredit: Money
    var openOrders: Money
    var exposure: Money
    var available: Money
    var holds: [CreditStore.Hold]
}

struct HoldList: Codable, Sendable {
    var holds: [CreditStore.Hold]
}

/// HTTP resources of the credit service (SPEC §6).
enum CreditRoutes {
    static func add(to router: Router<BasicRequestContext>, platform: Platform) {
        let auth = platform.auth

        router.get("/clients/:clientId/credit") { request, context in
            let principal = try auth.principal(of: request)
            let id = try context.parameters.require("clientId")
            let view = try await platform.postgres.withConnection { conn -> CreditView? in
                let store = CreditStore(connection: conn, logger: platform.logger)
                guard let client = try await store.client(id) else { return nil }
                guard principal.canSee(kamId: client.kamId) else { throw Problem.forbidden("client \(id) belongs to another KAM") }
                let p = try await store.position(client)
                return CreditView(clientId: id, kamId: client.kamId, creditLimit: p.creditLimit, openReceivables: p.openReceivables,
                                  unappliedCredit: p.unappliedCredit, openOrders: p.openOrders, exposure: p.exposure,
                                  available: p.available, holds: try await store.holds(clientId: id, kamId: nil))
            }
            guard let view else { throw Problem.notFound("client \(id) is not known") }
            return JSONBody(view)
        }

        router.get("/holds") { request, _ in
            let principal = try auth.principal(of: request)
            let holds = try await platform.postgres.withConnection { conn in
                try await CreditStore(connection: conn, logger: platform.logger)
                    .holds(clientId: nil, kamId: principal.role == .kam ? principal.kamId : nil)
            }
            return JSONBody(HoldList(holds: holds))
        }
    }
}
