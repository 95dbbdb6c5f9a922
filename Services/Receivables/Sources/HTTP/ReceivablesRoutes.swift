import Contracts
import Foundation
import Hummingbird
import ServiceKit

struct StatementView: Codable, Sendable {
    struct OpenInvoice: Codable, Sendable {
        var invoiceId: String
        var orderId: String?
        var amount: Money
        var issuedOn: BusinessDate
        var dueDate: BusinessDate
        var outstanding: Money
        var daysOverdue: Int
    }
    struct Totals: Codable, Sendable {
        var outstanding: Money
        var overdue: Money
        var unappliedCredit: Money
        /// outstanding − unapplied credit
        var balance: Money
    }
    var clientId: String
    var kamId: String?
    var asOf: BusinessDate
    var openInvoices: [OpenInvoice]
    var unappliedCredit: Money
    var totals: Totals
}

struct AgeingView: Codable, Sendable {
    struct ClientRow: Codable, Sendable {
        var clientId: String
        var kamId: String?
        var buckets: AgeingBuckets
        func encode(to encoder: any Encoder) throws {
            try buckets.encode(to: encoder)
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(clientId, forKey: .clientId)
            try c.encode(kamId, forKey: .kamId)
        }
        enum Keys: String, CodingKey { case clientId, kamId }
    }
    var asOf: BusinessDate
    var totals: AgeingBuckets
    var clients: [ClientRow]
}

/// `GET /clients/{clientId}/discipline`: the client and its PaymentDiscipline fields side by side.
struct DisciplineView: Encodable, Sendable {
    var clientId: String
    var kamId: String?
    var discipline: PaymentDiscipline

    enum Keys: String, CodingKey { case clientId, kamId }

    func encode(to encoder: any Encoder) throws {
        try discipline.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(clientId, forKey: .clientId)
        try c.encode(kamId, forKey: .kamId)
    }
}

/// HTTP resources of the receivables service (SPEC §6).
enum ReceivablesRoutes {
    static func asOf(_ request: Request, platform: Platform) throws -> BusinessDate {
        guard let raw = request.uri.queryParameters.get("asOf") else { return platform.calendar.businessDate(of: platform.clock()) }
        do { return try BusinessDate(parsing: raw) } catch { throw Problem.badRequest("asOf: \(error.reason)") }
    }

    /// A client receivables knows (by an upsert or a document), with its KAM; nil when unknown,
    /// 403 when it belongs to another KAM.
    static func visibleClient(_ id: String, store: ReceivablesStore, principal: Principal) async throws -> KnownClient? {
        let kam = try await store.kamId(of: id)
        let hasDocuments = kam != nil ? true : try await store.hasDocuments(clientId: id)
        guard hasDocuments else { return nil }
        guard principal.canSee(kamId: kam) else { throw Problem.forbidden("client \(id) belongs to another KAM") }
        return KnownClient(kamId: kam)
    }

    struct KnownClient {
        var kamId: String?
    }

    static func add(to router: Router<BasicRequestContext>, platform: Platform, settings: ReceivablesSettings) {
        let auth = platform.auth

        router.get("/clients/:clientId/statement") { request, context in
            let principal = try auth.principal(of: request)
            let id = try context.parameters.requireDecoded("clientId")
            let date = try asOf(request, platform: platform)
            let view = try await platform.postgres.withConnection { conn -> StatementView? in
                let store = ReceivablesStore(connection: conn, logger: platform.logger)
                guard let client = try await visibleClient(id, store: store, principal: principal) else { return nil }
                let docs = try await store.ledgers(clientId: id, asOf: date)[id] ?? .init()
                let state = LedgerAllocation.replay(docs, asOf: date)
                let open = state.openInvoices.sorted { ($0.dueDate, $0.issuedOn, $0.invoiceId) < ($1.dueDate, $1.issuedOn, $1.invoiceId) }
                return StatementView(
                    clientId: id, kamId: client.kamId, asOf: date,
                    openInvoices: open.map { .init(invoiceId: $0.invoiceId, orderId: $0.orderId, amount: $0.amount, issuedOn: $0.issuedOn,
                                                   dueDate: $0.dueDate, outstanding: $0.outstanding, daysOverdue: $0.daysOverdue(on: date)) },
                    unappliedCredit: state.unappliedCredit,
                    totals: .init(outstanding: state.outstanding, overdue: state.overdue(on: date), unappliedCredit: state.unappliedCredit,
                                  balance: state.outstanding - state.unappliedCredit))
            }
            guard let view else { throw Problem.notFound("client \(id) is not known") }
            return JSONBody(view)
        }

        router.get("/clients/:clientId/discipline") { request, context in
            let principal = try auth.principal(of: request)
            let id = try context.parameters.requireDecoded("clientId")
            let date = try asOf(request, platform: platform)
            let view = try await platform.postgres.withConnection { conn -> DisciplineView? in
                let store = ReceivablesStore(connection: conn, logger: platform.logger)
                guard let client = try await visibleClient(id, store: store, principal: principal) else { return nil }
                let docs = try await store.ledgers(clientId: id, asOf: date)[id] ?? .init()
                let discipline = DisciplineRules.discipline(of: LedgerAllocation.replay(docs, asOf: date), asOf: date,
                                                            windowDays: settings.disciplineWindowDays)
                return DisciplineView(clientId: id, kamId: client.kamId, discipline: discipline)
            }
            guard let view else { throw Problem.notFound("client \(id) is not known") }
            return JSONBody(view)
        }

        router.get("/ageing") { request, _ in
            let principal = try auth.principal(of: request)
            let date = try asOf(request, platform: platform)
            var kamFilter = request.uri.queryParameters.get("kamId")
            if principal.role == .kam {
                if let k = kamFilter, k != principal.kamId { throw Problem.forbidden("a KAM sees only its own clients") }
                kamFilter = principal.kamId
            }
            let view = try await platform.postgres.withConnection { conn -> AgeingView in
                let store = ReceivablesStore(connection: conn, logger: platform.logger)
                let kams = try await store.kams()
                var totals = AgeingBuckets()
                var rows: [AgeingView.ClientRow] = []
                for (client, docs) in try await store.ledgers(clientId: nil, asOf: date) {
                    let kam = kams[client]
                    if let kamFilter, kam != kamFilter { continue }
                    let buckets = AgeingBuckets.of(LedgerAllocation.replay(docs, asOf: date), asOf: date)
                    guard buckets.total > .zero else { continue }
                    totals = totals + buckets
                    rows.append(.init(clientId: client, kamId: kam, buckets: buckets))
                }
                return AgeingView(asOf: date, totals: totals, clients: rows.sorted { $0.clientId < $1.clientId })
            }
            return JSONBody(view)
        }
    }
}
