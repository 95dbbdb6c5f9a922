import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// The head's queue of credit holds and the decisions on them.
enum HoldRoutes {
    static func add(to router: Router<BasicRequestContext>, platform: Platform) {
        let auth = platform.auth

        // ?limit= (default 50, at most 500) &offset=; a KAM sees its own clients' holds only.
        router.get("/holds") { request, _ in
            let principal = try auth.principal(of: request)
            let page = try Page(request)
            let list = try await platform.postgres.withConnection { conn -> PagedList<HoldView> in
                let store = CreditStore(connection: conn, logger: platform.logger)
                let held = try await store.heldOrders(clientId: nil, kamId: principal.role == .kam ? principal.kamId : nil, page: page)
                let now = try await store.credits(Array(Set(held.map(\.clientId))))
                return PagedList("holds", held.map { HoldView($0, now: now[$0.clientId]?.position) }, page: page)
            }
            return JSONBody(list)
        }

        router.post("/holds/:orderId/decision") { request, context in
            // The role first: a KAM learns nothing about the order, not even whether it exists.
            let principal = try auth.principal(of: request, allowed: [.head])
            let orderId = try context.parameters.requireDecoded("orderId")
            let body = try await request.decodeJSON(HoldDecisionRequest.self, context: context)
            guard let decision = HoldDecision(rawValue: body.decision) else {
                throw Problem.badRequest("decision must be approve or reject, got \(body.decision)")
            }
            let comment = body.comment?.trimmingCharacters(in: .whitespacesAndNewlines)
            let view = try await platform.transaction { ctx in
                try await decide(orderId, decision, comment: comment?.isEmpty == false ? comment : nil,
                                 by: principal.subject, context: ctx)
            }
            return JSONBody(view)
        }
    }

    /// Records the head's decision once and tells orders; an approval opens the order's
    /// reservation. Under the client's lock, so it never races a credit check or a second
    /// decision, also on another credit instance.
    static func decide(_ orderId: String, _ decision: HoldDecision, comment: String?, by head: String,
                       context: MessageContext) async throws -> HoldDecisionView {
        let store = CreditStore(connection: context.connection, logger: context.logger)
        guard let seen = try await store.checkedOrder(orderId) else {
            throw Problem.notFound("credit holds no order \(orderId)")
        }
        let clientId = seen.request.clientId
        try await ClientLocks.lock([clientId], on: context.connection, logger: context.logger)
        // Read again under the lock: a decision or a cancellation may have committed meanwhile.
        guard let order = try await store.checkedOrder(orderId), let credit = try await store.credit(clientId) else {
            throw Problem.notFound("credit holds no order \(orderId)")
        }
        do { try HoldRules.checkDecidable(order.state) } catch { throw Problem(.conflict, "\(error)") }

        let position = credit.position
        if decision == .approve {
            try await store.openOrder(orderId: orderId, clientId: clientId, total: order.request.total, at: context.now)
        }
        try await store.saveHoldDecision(orderId: orderId, clientId: clientId, outcome: decision.outcome, by: head,
                                         comment: comment, position: position, at: context.now)
        try context.emit(CreditCheckDecided(orderId: orderId, clientId: clientId, outcome: decision.outcome, reasons: order.reasons,
                                            exposure: position.exposure, creditLimit: position.creditLimit,
                                            decidedAt: context.now, decidedBy: head, comment: comment),
                         on: Topics.creditDecisions, key: clientId)
        return HoldDecisionView(orderId: orderId, clientId: clientId, outcome: decision.outcome, decidedBy: head,
                                decidedAt: context.now, comment: comment, exposure: position.exposure,
                                creditLimit: position.creditLimit)
    }
}
