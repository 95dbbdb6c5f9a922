import Contracts
import Hummingbird
import ServiceKit

/// `GET /collections?kamId=&asOf=`: clients with overdue debt, highest collection priority
/// first (`CollectionPriority`), each with the reason and the figures behind it.
enum CollectionRoutes {
    static func add(to router: Router<BasicRequestContext>, platform: Platform, settings: ReceivablesSettings) {
        let auth = platform.auth
        let window = settings.disciplineWindowDays

        router.get("/collections") { request, _ in
            let principal = try auth.principal(of: request)
            let kamFilter = try Access.kamFilter(request, principal: principal)
            let date = try Access.asOf(request, platform: platform)
            let page = try Page(request)
            let cases = try await platform.postgres.withConnection { conn -> [CollectionCase] in
                let overdue = try await LedgerAsOf(connection: conn, logger: platform.logger)
                    .overdueClients(asOf: date, kamId: kamFilter, windowDays: window)
                let ids = Array(overdue.keys)
                let levels = try await DunningReads(connection: conn, logger: platform.logger).levels(of: ids)
                let kams = try await ReceivablesStore(connection: conn, logger: platform.logger).kams(of: ids)
                return overdue.map { client, invoices in
                    let state = LedgerState(invoices: invoices, unappliedCredit: .zero)
                    return CollectionCase(clientId: client, kamId: kams[client], openInvoices: state.openInvoices,
                                          dunningLevel: levels[client] ?? 0,
                                          discipline: DisciplineRules.discipline(of: state, asOf: date, windowDays: window))
                }
            }
            let list = CollectionPriority.worklist(cases, asOf: date)
            let (items, next) = page.cut(Array(list.dropFirst(page.offset).prefix(page.fetchLimit)))
            return JSONBody(CollectionsView(asOf: date, clients: items, limit: page.limit, offset: page.offset, nextOffset: next))
        }
    }
}
