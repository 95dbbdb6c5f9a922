import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// The head sets a client's credit limit; every change (the head's and the ERP's) is audited.
enum CreditLimitRoutes {
    static func add(to router: Router<BasicRequestContext>, platform: Platform) {
        let auth = platform.auth

        router.put("/clients/:clientId/credit-limit") { request, context in
            let principal = try auth.principal(of: request, allowed: [.head])
            let id = try context.parameters.requireDecoded("clientId")
            let body = try await request.decodeJSON(CreditLimitRequest.self, context: context)
            let limit: Money
            let reason: String
            do { (limit, reason) = try CreditLimitRules.validate(creditLimit: body.creditLimit, reason: body.reason) } catch {
                throw Problem.badRequest("\(error)")
            }
            let view = try await platform.transaction { ctx -> CreditLimitView in
                let store = CreditStore(connection: ctx.connection, logger: ctx.logger)
                // The client's lock: a check of this client waits for the new limit, or runs before it.
                try await ClientLocks.lock([id], on: ctx.connection, logger: ctx.logger)
                guard let stored = try await store.storedLimits(id) else { throw Problem.notFound("client \(id) is not known") }
                let (limits, change) = CreditLimitRules.setManually(stored.limits, limit: limit, by: principal.subject, reason: reason)
                try await store.saveManualLimit(clientId: id, limits: limits)
                try await store.appendLimitChange(change, clientId: id, at: ctx.now)
                return CreditLimitView(clientId: id, creditLimit: limits.effective, limitSource: limits.source,
                                       history: try await store.limitHistory(clientId: id))
            }
            return JSONBody(view)
        }

        router.get("/clients/:clientId/credit-limit/history") { request, context in
            let principal = try auth.principal(of: request)
            let id = try context.parameters.requireDecoded("clientId")
            let view = try await platform.postgres.withConnection { conn -> CreditLimitView? in
                let store = CreditStore(connection: conn, logger: platform.logger)
                guard let credit = try await CreditRoutes.visibleClient(id, store: store, principal: principal) else { return nil }
                return CreditLimitView(clientId: id, creditLimit: credit.client.creditLimit, limitSource: credit.client.limitSource,
                                       history: try await store.limitHistory(clientId: id))
            }
            guard let view else { throw Problem.notFound("client \(id) is not known") }
            return JSONBody(view)
        }
    }
}
