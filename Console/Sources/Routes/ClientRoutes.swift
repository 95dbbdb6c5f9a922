import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// A client's credit (limit, exposure, overdue, risk), its limit history and orders; the head
/// changes the limit here with a reason.
enum ClientRoutes {
    static func add(to router: Router<BasicRequestContext>, app: ConsoleApp) {
        router.get("/clients/:clientId") { request, context -> Response in
            try await app.page(request) { signedIn in
                try await clientPage(app, signedIn, clientId: try context.parameters.requireDecoded("clientId"), flash: nil, status: .ok)
            }
        }

        router.post("/clients/:clientId/credit-limit") { request, context -> Response in
            try await app.form(request) { signedIn, fields in
                guard signedIn.user.role == .head else { return app.refusal(signedIn) }
                let clientId = try context.parameters.requireDecoded("clientId")
                let t = signedIn.language
                let typed = Formats.typedAmount(fields["creditLimit"] ?? "")
                do {
                    _ = try await app.backend(signedIn.user).put(
                        Ignored.self, app.config.backends.credit, "/clients/\(Backend.segment(clientId))/credit-limit",
                        json: ["creditLimit": typed, "reason": fields.text("reason") ?? ""])
                } catch BackendError.refused(let status, let detail) where status == 400 || status == 422 {
                    return try await clientPage(app, signedIn, clientId: clientId, flash: .init(text: detail, isError: true),
                                                status: .badRequest)
                }
                app.logger.info("credit limit changed", metadata: ["clientId": "\(clientId)", "by": "\(signedIn.user.login)"])
                return try await clientPage(app, signedIn, clientId: clientId,
                                            flash: .init(text: t.text("client.limitChanged"), isError: false), status: .ok)
            }
        }
    }

    static func clientPage(_ app: ConsoleApp, _ signedIn: ConsoleApp.SignedIn, clientId: String, flash: PageRenderer.Flash?,
                           status: HTTPResponse.Status) async throws -> Response {
        let backend = app.backend(signedIn.user)
        let path = "/clients/\(Backend.segment(clientId))"
        // Credit first: it refuses another KAM's client before anything else is read.
        let credit = try await backend.get(ClientCredit.self, app.config.backends.credit, "\(path)/credit")
        async let history = backend.get(CreditLimitHistory.self, app.config.backends.credit, "\(path)/credit-limit/history")
        async let orders = backend.get(OrderList.self, app.config.backends.orders, "/orders",
                                       query: [("clientId", clientId), ("limit", "\(OrderRoutes.pageSize)")])
        // A client receivables or planning has not heard of yet simply has no statement or history.
        async let statement = optional { try await backend.get(Statement.self, app.config.backends.receivables, "\(path)/statement") }
        async let sales = optional { try await backend.get(SalesHistory.self, app.config.backends.planning, "\(path)/history") }
        let views = ViewModels(language: signedIn.language, calendar: app.config.calendar)
        let rows = try await orders.orders.map(views.orderRow)
        let changes = try await history.history.reversed().map(views.limitChange)
        let (statementView, salesView) = try await (statement.map(views.statement), sales.map(views.history))
        return app.pages.render("client", frame: app.frame(signedIn, title: clientId, nav: nil, flash: flash), status: status,
                                data: ["credit": views.credit(credit), "orders": rows, "hasOrders": !rows.isEmpty,
                                       "clientPath": Backend.segment(clientId), "limitChanges": Array(changes),
                                       "hasLimitChanges": !changes.isEmpty, "canChangeLimit": signedIn.user.role == .head,
                                       "limitInput": credit.creditLimit.description,
                                       "statement": statementView as Any, "sales": salesView as Any])
    }

    /// The answer, or nil when the service does not know the client (404).
    static func optional<T: Sendable>(_ call: () async throws -> T) async throws -> T? {
        do { return try await call() } catch BackendError.refused(404, _) { return nil }
    }
}
