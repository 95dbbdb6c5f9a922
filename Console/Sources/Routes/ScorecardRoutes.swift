import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// Scorecards: every KAM's month for the head (the KAMs are the console's users with role
/// kam), a KAM's own month with plan against actual; the head sets the plan there.
enum ScorecardRoutes {
    static func add(to router: Router<BasicRequestContext>, app: ConsoleApp) {
        router.get("/scorecards") { request, _ -> Response in
            try await app.page(request) { signedIn in
                if signedIn.user.role == .kam, let own = signedIn.user.kamId {
                    return PageRenderer.redirect("/scorecards/\(Backend.segment(own))")
                }
                let month = selectedMonth(request, app)
                let kams = try await app.postgres.withConnection { conn in
                    try await UserStore(connection: conn, logger: app.logger).list()
                }.filter { $0.role == .kam && !$0.disabled }
                let backend = app.backend(signedIn.user)
                let views = ViewModels(language: signedIn.language, calendar: app.config.calendar)
                var rows: [[String: Any]] = []
                for kam in kams {
                    guard let kamId = kam.kamId else { continue }
                    let card = try await backend.get(ScorecardReport.self, app.config.backends.planning,
                                                     "/scorecards/\(Backend.segment(kamId))/\(month)")
                    rows.append(views.scorecardRow(card, name: kam.displayName))
                }
                return app.pages.render("scorecards", frame: app.frame(signedIn, title: signedIn.language.text("scorecards.title"), nav: "scorecards"),
                                        data: ["month": month, "rows": rows, "hasRows": !rows.isEmpty])
            }
        }

        router.get("/scorecards/:kamId") { request, context -> Response in
            try await app.page(request) { signedIn in
                try await scorecardPage(app, signedIn, kamId: try context.parameters.requireDecoded("kamId"),
                                        month: selectedMonth(request, app), flash: nil, status: .ok)
            }
        }

        router.post("/scorecards/:kamId/plan") { request, context -> Response in
            try await app.form(request) { signedIn, fields in
                guard signedIn.user.role == .head else { return app.refusal(signedIn) }
                let kamId = try context.parameters.requireDecoded("kamId")
                let month = (try? YearMonth(parsing: fields["month"] ?? "")).map(\.description) ?? selectedMonth(request, app)
                let body = PlanBody(turnoverTarget: Formats.typedAmount(fields["turnoverTarget"] ?? ""),
                                    activeClientsTarget: Int(fields["activeClientsTarget"] ?? "") ?? -1,
                                    newClientsTarget: Int(fields["newClientsTarget"] ?? "") ?? -1)
                do {
                    _ = try await app.backend(signedIn.user).put(Ignored.self, app.config.backends.planning,
                                                                 "/plans/\(Backend.segment(kamId))/\(month)", body: body)
                } catch BackendError.refused(let status, let detail) where status == 400 || status == 422 {
                    return try await scorecardPage(app, signedIn, kamId: kamId, month: month,
                                                   flash: .init(text: detail, isError: true), status: .badRequest)
                }
                app.logger.info("plan set", metadata: ["kamId": "\(kamId)", "month": "\(month)", "by": "\(signedIn.user.login)"])
                return try await scorecardPage(app, signedIn, kamId: kamId, month: month,
                                               flash: .init(text: signedIn.language.text("scorecard.planSaved"), isError: false), status: .ok)
            }
        }
    }

    struct PlanBody: Encodable {
        var turnoverTarget: String
        var activeClientsTarget: Int
        var newClientsTarget: Int
    }

    static func selectedMonth(_ request: Request, _ app: ConsoleApp) -> String {
        request.uri.queryParameters.get("month").flatMap { try? YearMonth(parsing: $0) }.map(\.description)
            ?? Formats.month(of: app.clock(), calendar: app.config.calendar)
    }

    static func scorecardPage(_ app: ConsoleApp, _ signedIn: ConsoleApp.SignedIn, kamId: String, month: String,
                              flash: PageRenderer.Flash?, status: HTTPResponse.Status) async throws -> Response {
        let card = try await app.backend(signedIn.user).get(ScorecardReport.self, app.config.backends.planning,
                                                            "/scorecards/\(Backend.segment(kamId))/\(month)")
        let views = ViewModels(language: signedIn.language, calendar: app.config.calendar)
        return app.pages.render("scorecard", frame: app.frame(signedIn, title: kamId, nav: "scorecards", flash: flash), status: status,
                                data: ["card": views.scorecard(card), "month": month, "kamPath": Backend.segment(kamId),
                                       "canPlan": signedIn.user.role == .head])
    }
}
