import Contracts
import Hummingbird
import ServiceKit

/// HTTP resources of the orders service (SPEC §6).
enum OrdersRoutes {
    static func add(to router: Router<BasicRequestContext>, platform: Platform, retrier: ParkedOrderRetrier) {
        let auth = platform.auth

        router.get("/orders/:orderId") { request, context in
            let principal = try auth.principal(of: request)
            let id = try context.parameters.requireDecoded("orderId")
            let found = try await platform.postgres.withConnection { conn -> (OrderRecord, String?)? in
                let store = OrdersStore(connection: conn, logger: platform.logger)
                guard let record = try await store.order(id) else { return nil }
                // Access follows the client's KAM now, not the one who owned it when the order came.
                return (record, try await store.client(record.clientId)?.kamId ?? record.kamId)
            }
            guard let (record, owner) = found else { throw Problem.notFound("order \(id) does not exist") }
            guard principal.canSee(kamId: owner) else { throw Problem.forbidden("order \(id) belongs to another KAM's client") }
            return JSONBody(OrderView(record))
        }

        // ?clientId=&status=&limit= (default 50, at most 500) &offset=, newest first. A KAM
        // sees its own clients' orders; asking for another KAM's client is 403.
        router.get("/orders") { request, context in
            let principal = try auth.principal(of: request)
            let query = request.uri.queryParameters
            let clientId = query.get("clientId")
            var status: OrderStatus?
            if let raw = query.get("status") {
                guard let s = OrderStatus(rawValue: raw) else {
                    throw Problem.badRequest("status must be one of \(OrderStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                status = s
            }
            let page = try Page(request)
            let kamId = principal.role == .kam ? principal.kamId : nil
            let rows = try await platform.postgres.withConnection { conn in
                let store = OrdersStore(connection: conn, logger: platform.logger)
                if let clientId, let kamId, let client = try await store.client(clientId), client.kamId != kamId {
                    throw Problem.forbidden("client \(clientId) belongs to another KAM")
                }
                return try await store.list(clientId: clientId, status: status, ownedBy: kamId, page: page)
            }
            return JSONBody(PagedList("orders", rows.map(OrderView.init), page: page))
        }

        router.post("/orders/:orderId/discount-decision") { request, context in
            let principal = try auth.principal(of: request, allowed: [.head])
            let id = try context.parameters.requireDecoded("orderId")
            let body = try await request.decodeJSON(DiscountDecisionRequest.self, context: context)
            guard ["approve", "reject"].contains(body.decision) else {
                throw Problem.badRequest("decision must be approve or reject")
            }
            let view = try await platform.transaction { ctx -> OrderView in
                let store = OrdersStore(connection: ctx.connection, logger: ctx.logger)
                guard let record = try await store.order(id, forUpdate: true) else { throw Problem.notFound("order \(id) does not exist") }
                do {
                    let (next, effects) = try OrderWorkflow.discountDecided(
                        approve: body.decision == "approve", by: principal.subject, comment: body.comment, record: record, now: ctx.now)
                    try await store.save(next)
                    try OrderProcessing.publish(effects, context: ctx)
                    return OrderView(next)
                } catch let error as WorkflowError {
                    throw Problem(.conflict, error.description)
                }
            }
            return JSONBody(view)
        }
    }
}
