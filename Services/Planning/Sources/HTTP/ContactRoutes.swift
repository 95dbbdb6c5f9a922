import Contracts
import Hummingbird
import ServiceKit

/// The contact log: `POST /contacts` and `GET /contacts?clientId=&kamId=&from=&to=`.
enum ContactRoutes {
    static func add(to router: Router<BasicRequestContext>, platform: Platform) {
        // A KAM logs for its own clients and as itself; head and ops for anyone.
        router.post("/contacts") { request, context in
            let principal = try platform.auth.principal(of: request)
            let body = try await request.decodeJSON(ContactRequest.self, context: context)
            let contact: ContactRequest
            do throws(ContractError) { contact = try ContactLogRules.validated(body, now: platform.clock()) } catch {
                throw Problem.badRequest(error.reason)
            }
            if principal.role == .kam && contact.kamId != principal.kamId {
                throw Problem.forbidden("a KAM logs contacts only as itself (\(principal.kamId ?? ""))")
            }
            let (record, created) = try await platform.transaction { ctx in
                let store = PlanningStore(connection: ctx.connection, logger: ctx.logger)
                guard let card = KamAttribution(try await store.cards()).current(contact.clientId) else {
                    throw Problem.notFound("client \(contact.clientId) is not known")
                }
                guard principal.canSee(kamId: card.kamId) else {
                    throw Problem.forbidden("client \(contact.clientId) belongs to another KAM")
                }
                return try await store.logContact(contact, on: ctx.calendar.businessDate(of: contact.at), by: principal.subject, at: ctx.now)
            }
            return JSONBody(record, status: created ? .created : .ok)
        }

        // Newest first, paged; a KAM sees the contacts of the clients it owns now.
        router.get("/contacts") { request, _ in
            let principal = try platform.auth.principal(of: request)
            let query = request.uri.queryParameters
            let page = try Page(request)
            let (from, to) = (try Query.date(request, "from"), try Query.date(request, "to"))
            if let from, let to, from > to { throw Problem.badRequest("from \(from) is after to \(to)") }
            let clientId = query.get("clientId")
            let list = try await platform.postgres.withConnection { conn -> PagedList<ContactRecord> in
                let store = PlanningStore(connection: conn, logger: platform.logger)
                var clients = clientId.map { [$0] }
                if principal.role == .kam {
                    let owners = KamAttribution(try await store.cards())
                    if let clientId, let owner = owners.current(clientId)?.kamId, !principal.canSee(kamId: owner) {
                        throw Problem.forbidden("client \(clientId) belongs to another KAM")
                    }
                    let own = owners.currentClients(of: principal.kamId ?? "").map(\.clientId)
                    clients = clients.map { $0.filter(own.contains) } ?? own
                }
                let rows = try await store.contacts(clients: clients, kamId: query.get("kamId"), from: from, to: to, page: page)
                return PagedList("contacts", rows, page: page)
            }
            return JSONBody(list)
        }
    }
}
