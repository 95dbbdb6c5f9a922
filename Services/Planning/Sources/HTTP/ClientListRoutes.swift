import Contracts
import Hummingbird
import ServiceKit

/// `GET /clients?kamId=&limit=&offset=`: a KAM's clients now, by id, each with its overdue
/// debt today and its last contact. A KAM lists only its own (403 for another kamId); head
/// and ops any KAM's, or every client without kamId.
enum ClientListRoutes {
    static func add(to router: Router<BasicRequestContext>, platform: Platform) {
        router.get("/clients") { request, _ in
            let principal = try platform.auth.principal(of: request)
            var kamId = request.uri.queryParameters.get("kamId")
            if principal.role == .kam {
                if let kamId, kamId != principal.kamId { throw Problem.forbidden("a KAM lists only its own clients") }
                kamId = principal.kamId
            }
            let page = try Page(request)
            let today = Query.today(platform)
            let scope = kamId
            let rows = try await platform.postgres.withConnection { conn -> [ClientBookEntry] in
                let store = PlanningStore(connection: conn, logger: platform.logger)
                let cards = Array(ClientBookRules.clients(KamAttribution(try await store.cards()), kamId: scope)
                    .dropFirst(page.offset).prefix(page.fetchLimit))
                let ids = cards.map(\.clientId)
                guard !ids.isEmpty else { return [] }
                let snapshots = try await store.snapshots(onOrBefore: nil, clients: ids)
                return ClientBookRules.entries(
                    cards, today: today, snapshots: Dictionary(uniqueKeysWithValues: snapshots.map { ($0.clientId, $0) }),
                    lastContacts: try await store.lastContacts(clients: ids, before: today.adding(days: 1)))
            }
            return JSONBody(PagedList("clients", rows, page: page))
        }
    }
}
