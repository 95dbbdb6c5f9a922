import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// Scorecards: every KAM's month for the head (planning's list, named as the console's users),
/// a KAM's own month with plan against actual; the head sets the plan there.
enum ScorecardRoutes {
    static func add(to router: Router<BasicRequestContext>, app: ConsoleApp) {
        router.get("/scorecards") { request, _ -> Response in
            try await app.page(request) { signedIn in
                if signedIn.user.role == .kam, let own = signedIn.user.kamId {
                    return PageRenderer.redirect("/scorecards/\(Backend.segment(own))")
                }
                let month = selectedMonth(request, app)
                // Every KAM planning knows, in one call; named as the console's users are.
                let names = Dictionary(try await app.postgres.withConnection { conn in
                    try await UserStore(connection: conn, logger: app.logger).list()
                }.compactMap { user in user.kamId.map { ($0, user.displayName) } }) { first, _ in first }
                let list = try await app.backend(signedIn.user).get(ScorecardList.self, app.config.backends.planning, "/scorecards",
                                                                     query: [("month", month)])
                let views = ViewModels(language: signedIn.language, calendar: app.config.calendar)
                let rows = list.scorecards.map { views.scorecardRow($0, name: names[$0.kamId] ?? $0.kamId) }
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
