import Contracts
import Hummingbird
import ServiceKit

/// `GET /clients/{clientId}/history?from=&to=` and `GET /returns?month=&kamId=` (SPEC 5.4).
enum HistoryRoutes {
    /// A history spans at most ten years.
    static let maxMonths = 120

    static func add(to router: Router<BasicRequestContext>, platform: Platform) {
        router.get("/clients/:clientId/history") { request, context in
            let principal = try platform.auth.principal(of: request)
            let clientId = try context.parameters.requireDecoded("clientId")
            let to = try Query.month(request, "to") ?? Query.today(platform).yearMonth
            let from = try Query.month(request, "from") ?? YearMonth.back(11, from: to)
            guard from <= to else { throw Problem.badRequest("from \(from) is after to \(to)") }
            guard YearMonth.back(maxMonths - 1, from: to) <= from else {
                throw Problem.badRequest("a history spans at most \(maxMonths) months")
            }
            let history = try await platform.postgres.withConnection { conn -> ClientHistory? in
                let store = PlanningStore(connection: conn, logger: platform.logger)
                let kamId = KamAttribution(try await store.cards()).current(clientId)?.kamId
                let known = kamId != nil ? true : try await store.hasDocuments(clientId: clientId)
                guard known else { return nil }
                guard principal.canSee(kamId: kamId) else { throw Problem.forbidden("client \(clientId) belongs to another KAM") }
                return ClientHistoryRules.history(
                    clientId: clientId, kamId: kamId, from: from, to: to,
                    documents: try await store.documents(in: [from.firstDay...to.lastDay], clients: [clientId]),
                    trails: try await store.trails(clients: [clientId], onlyHeld: false))
            }
            guard let history else { throw Problem.notFound("client \(clientId) is not known") }
            return JSONBody(history)
        }

        // A KAM gets its own analysis (403 for another KAM's); head and ops any KAM's, or all.
        router.get("/returns") { request, _ in
            let principal = try platform.auth.principal(of: request)
            let month = try Query.month(request, "month") ?? Query.today(platform).yearMonth
            var kamId = request.uri.queryParameters.get("kamId")
            if principal.role == .kam {
                if let kamId, kamId != principal.kamId { throw Problem.forbidden("a KAM sees only its own returns") }
                kamId = principal.kamId
            }
            let scope = kamId
            let analysis = try await platform.postgres.withConnection { conn in
                let store = PlanningStore(connection: conn, logger: platform.logger)
                return ReturnsRules.analysis(month: month, kamId: scope,
                                             documents: try await store.documents(in: [month.firstDay...month.lastDay], withLines: true),
                                             owners: KamAttribution(try await store.cards()))
            }
            return JSONBody(analysis)
        }
    }
}

extension YearMonth {
    /// The month `count` months before `month`.
    static func back(_ count: Int, from month: YearMonth) -> YearMonth {
        var m = month
        for _ in 0..<max(count, 0) { m = m.previous }
        return m
    }
}
