import Contracts
import Hummingbird
import ServiceKit

/// Statements, ageing, payment discipline and allocation history (SPEC 5.3, §6).
enum LedgerRoutes {
    static func add(to router: Router<BasicRequestContext>, platform: Platform, settings: ReceivablesSettings) {
        let auth = platform.auth

        /// The visible client's ledger on `?asOf=` (404 unknown, 403 another KAM's).
        @Sendable func ledger(_ request: Request, _ context: BasicRequestContext) async throws -> (String, String?, BusinessDate, LedgerState) {
            let principal = try auth.principal(of: request)
            let id = try context.parameters.requireDecoded("clientId")
            let date = try Access.asOf(request, platform: platform)
            let found = try await platform.postgres.withConnection { conn -> (String?, LedgerState)? in
                let store = ReceivablesStore(connection: conn, logger: platform.logger)
                guard let client = try await Access.visibleClient(id, store: store, principal: principal) else { return nil }
                let state = try await LedgerAsOf(connection: conn, logger: platform.logger)
                    .client(id, asOf: date, windowDays: settings.disciplineWindowDays)
                return (client.kamId, state)
            }
            guard let (kamId, state) = found else { throw Problem.notFound("client \(id) is not known") }
            return (id, kamId, date, state)
        }

        router.get("/clients/:clientId/statement") { request, context in
            let (id, kamId, date, state) = try await ledger(request, context)
            return JSONBody(StatementView(clientId: id, kamId: kamId, asOf: date, state: state))
        }

        router.get("/clients/:clientId/discipline") { request, context in
            let (id, kamId, date, state) = try await ledger(request, context)
            let discipline = DisciplineRules.discipline(of: state, asOf: date, windowDays: settings.disciplineWindowDays)
            return JSONBody(DisciplineView(clientId: id, kamId: kamId, discipline: discipline))
        }

        router.get("/clients/:clientId/allocations") { request, context in
            let principal = try auth.principal(of: request)
            let id = try context.parameters.requireDecoded("clientId")
            let page = try Page(request)
            let rows = try await platform.postgres.withConnection { conn -> [AllocationView]? in
                let store = ReceivablesStore(connection: conn, logger: platform.logger)
                guard try await Access.visibleClient(id, store: store, principal: principal) != nil else { return nil }
                return try await LedgerReads(connection: conn, logger: platform.logger).allocations(of: id, page: page)
            }
            guard let rows else { throw Problem.notFound("client \(id) is not known") }
            return JSONBody(PagedList("allocations", rows, page: page))
        }

        router.get("/ageing") { request, _ in
            let principal = try auth.principal(of: request)
            let date = try Access.asOf(request, platform: platform)
            let kamFilter = try Access.kamFilter(request, principal: principal)
            let byClient = try await platform.postgres.withConnection { conn in
                try await LedgerAsOf(connection: conn, logger: platform.logger).ageing(asOf: date, kamId: kamFilter)
            }
            var totals = AgeingBuckets()
            var rows: [AgeingView.ClientRow] = []
            rows.reserveCapacity(byClient.count)
            for (client, row) in byClient where row.buckets.total > .zero {
                totals = totals + row.buckets
                rows.append(.init(clientId: client, kamId: row.kamId, buckets: row.buckets))
            }
            return JSONBody(AgeingView(asOf: date, totals: totals, clients: rows.sorted { $0.clientId < $1.clientId }))
        }
    }
}
