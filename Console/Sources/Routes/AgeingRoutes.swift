import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// Receivables by age on a date: the five buckets as a chart and a table, then the clients
/// with the most overdue first. A KAM sees its own clients (receivables decides).
enum AgeingRoutes {
    static let shownClients = 200

    static func add(to router: Router<BasicRequestContext>, app: ConsoleApp) {
        router.get("/ageing") { request, _ -> Response in
            try await app.page(request) { signedIn in
                let query = request.uri.queryParameters
                let asOf = query.get("asOf").flatMap { try? BusinessDate(parsing: $0) } ?? app.config.calendar.businessDate(of: app.clock())
                let kamId = signedIn.user.role == .kam ? signedIn.user.kamId : query.get("kamId").flatMap { $0.isEmpty ? nil : $0 }
                let report = try await app.backend(signedIn.user).get(
                    AgeingReport.self, app.config.backends.receivables, "/ageing",
                    query: [("asOf", asOf.description), ("kamId", kamId)])
                let views = ViewModels(language: signedIn.language, calendar: app.config.calendar)
                let clients = report.clients.filter { $0.buckets.total.kopecks != 0 }
                    .sorted { ($0.buckets.overdue, $0.buckets.total) > ($1.buckets.overdue, $1.buckets.total) }
                return app.pages.render("ageing", frame: app.frame(signedIn, title: signedIn.language.text("ageing.title"), nav: "ageing"),
                                        data: ["asOf": asOf.description, "asOfText": views.date(asOf), "kamId": kamId ?? "",
                                               "isKam": signedIn.user.role == .kam,
                                               "chart": views.ageingChart(report.totals), "totals": views.buckets(report.totals),
                                               "clients": clients.prefix(shownClients).map(views.ageingRow),
                                               "hasClients": !clients.isEmpty,
                                               "more": clients.count > shownClients ? "\(clients.count - shownClients)" : ""])
            }
        }
    }
}
