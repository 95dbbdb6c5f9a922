import Contracts
import Hummingbird
import ServiceKit

/// Dunning runs on demand, current levels and notices (SPEC 5.3, §6).
enum DunningRoutes {
    struct RunRequest: Decodable {
        /// The date to judge on (past or future); today when absent.
        var asOf: BusinessDate?
    }

    static func add(to router: Router<BasicRequestContext>, platform: Platform, settings: ReceivablesSettings) {
        let auth = platform.auth
        let dunning = DunningRun(policy: settings.dunningPolicy)

        router.post("/dunning/run") { request, context in
            let principal = try auth.principal(of: request, allowed: [.head, .ops])
            let body = try await request.decodeJSON(RunRequest.self, context: context)
            let date = body.asOf ?? platform.calendar.businessDate(of: platform.clock())
            let summary = try await platform.transaction { context in
                try await dunning.execute(asOf: date, trigger: .manual, requestedBy: principal.subject, context: context)
            }
            platform.logger.info("dunning run", metadata: ["asOf": "\(date)", "by": "\(principal.subject)",
                                                           "notices": "\(summary.notices.count)", "resets": "\(summary.resets.count)"])
            return JSONBody(summary)
        }

        router.get("/dunning") { request, _ in
            let principal = try auth.principal(of: request)
            let kamFilter = try Access.kamFilter(request, principal: principal)
            let page = try Page(request)
            let rows = try await platform.postgres.withConnection { conn in
                try await DunningReads(connection: conn, logger: platform.logger).clients(kamId: kamFilter, page: page)
            }
            return JSONBody(PagedList("clients", rows, page: page))
        }

        router.get("/dunning/notices") { request, _ in
            let principal = try auth.principal(of: request)
            let kamFilter = try Access.kamFilter(request, principal: principal)
            let clientId = request.uri.queryParameters.get("clientId").map { String($0) }
            let page = try Page(request)
            let rows = try await platform.postgres.withConnection { conn -> [NoticeRecord] in
                if let clientId {
                    let store = ReceivablesStore(connection: conn, logger: platform.logger)
                    guard try await Access.visibleClient(clientId, store: store, principal: principal) != nil else { return [] }
                }
                return try await DunningReads(connection: conn, logger: platform.logger).notices(clientId: clientId, kamId: kamFilter, page: page)
            }
            return JSONBody(PagedList("notices", rows, page: page))
        }
    }
}
