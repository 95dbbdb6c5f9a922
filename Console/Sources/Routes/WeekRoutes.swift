import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// A KAM's week: the contact plan day by day with the reasons, and a call or visit logged in
/// place. A contact logged now counts for the plans of the weeks after this one.
enum WeekRoutes {
    static func add(to router: Router<BasicRequestContext>, app: ConsoleApp) {
        router.get("/week") { request, _ -> Response in
            try await app.page(request) { signedIn in
                guard let kamId = kam(of: signedIn, request) else { return PageRenderer.redirect("/scorecards") }
                let week = selectedWeek(request.uri.queryParameters.get("week"), app)
                return try await weekPage(app, signedIn, kamId: kamId, week: week, flash: nil, status: .ok)
            }
        }

        router.post("/week/contacts") { request, _ -> Response in
            try await app.form(request) { signedIn, fields in
                guard let kamId = kam(of: signedIn, request, form: fields) else { return app.refusal(signedIn) }
                let week = selectedWeek(fields["week"], app)
                let t = signedIn.language
                guard let clientId = fields.text("clientId"), let kind = fields["kind"], ["call", "visit"].contains(kind) else {
                    throw BackendError.refused(status: 400, detail: "clientId and kind (call or visit) are required")
                }
                let outcome = fields.text("outcome") ?? t.text(kind == "visit" ? "week.visited" : "week.called")
                var body = ["kamId": kamId, "clientId": clientId, "kind": kind, "at": WireJSON.format(app.clock()), "outcome": outcome]
                if let note = fields.text("note") { body["note"] = note }
                do {
                    _ = try await app.backend(signedIn.user).post(Ignored.self, app.config.backends.planning, "/contacts", json: body)
                } catch BackendError.refused(let status, let detail) where status == 400 || status == 404 {
                    return try await weekPage(app, signedIn, kamId: kamId, week: week, flash: .init(text: detail, isError: true),
                                              status: .badRequest)
                }
                app.logger.info("contact logged", metadata: ["kamId": "\(kamId)", "clientId": "\(clientId)", "kind": "\(kind)"])
                let done = String(format: t.text(kind == "visit" ? "week.visitLogged" : "week.callLogged"), clientId)
                return try await weekPage(app, signedIn, kamId: kamId, week: week, flash: .init(text: done, isError: false), status: .ok)
            }
        }
    }

    /// Whose week: a KAM's own; the head or ops name one with `kamId`.
    static func kam(of signedIn: ConsoleApp.SignedIn, _ request: Request, form: FormFields? = nil) -> String? {
        if signedIn.user.role == .kam { return signedIn.user.kamId }
        let named = form?.text("kamId") ?? request.uri.queryParameters.get("kamId")
        return named.flatMap { $0.isEmpty ? nil : $0 }
    }

    static func selectedWeek(_ raw: String?, _ app: ConsoleApp) -> IsoWeek {
        raw.flatMap { try? IsoWeek(parsing: $0) } ?? IsoWeek(containing: app.config.calendar.businessDate(of: app.clock()))
    }

    static func weekPage(_ app: ConsoleApp, _ signedIn: ConsoleApp.SignedIn, kamId: String, week: IsoWeek,
                         flash: PageRenderer.Flash?, status: HTTPResponse.Status) async throws -> Response {
        let plan = try await app.backend(signedIn.user).get(WeekPlan.self, app.config.backends.planning,
                                                            "/schedules/\(Backend.segment(kamId))/\(week)")
        let views = ViewModels(language: signedIn.language, calendar: app.config.calendar)
        let monday = week.monday
        let t = signedIn.language
        return app.pages.render("week", frame: app.frame(signedIn, title: t.text("week.title"), nav: "week", flash: flash), status: status,
                                data: ["heading": String(format: t.text("week.heading"), week.description, views.date(monday),
                                                         views.date(monday.adding(days: 4))),
                                       "week": week.description, "kamId": kamId, "isKam": signedIn.user.role == .kam,
                                       "previous": IsoWeek(containing: monday.adding(days: -7)).description, "next": week.next.description,
                                       "days": plan.days.map(views.weekDay), "unscheduled": plan.unscheduled.map(views.weekEntry),
                                       "hasUnscheduled": !plan.unscheduled.isEmpty])
    }
}
