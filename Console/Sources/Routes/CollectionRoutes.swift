import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// Who to call about money first: receivables' collection worklist with each client's
/// overdue debt, oldest overdue days and dunning level. A KAM sees its own clients.
enum CollectionRoutes {
    static func add(to router: Router<BasicRequestContext>, app: ConsoleApp) {
        router.get("/collections") { request, _ -> Response in
            try await app.page(request) { signedIn in
                let query = request.uri.queryParameters
                let kamId = signedIn.user.role == .kam ? signedIn.user.kamId : query.get("kamId").flatMap { $0.isEmpty ? nil : $0 }
                let offset = max(0, Int(query.get("offset") ?? "") ?? 0)
                let list = try await app.backend(signedIn.user).get(
                    CollectionList.self, app.config.backends.receivables, "/collections",
                    query: [("kamId", kamId), ("limit", "50"), ("offset", "\(offset)")])
                let views = ViewModels(language: signedIn.language, calendar: app.config.calendar)
                let rows = list.clients.enumerated().map { i, entry in views.collectionRow(entry, rank: offset + i + 1) }
                var next: String?
                if let nextOffset = list.nextOffset { next = "/collections?kamId=\(Backend.segment(kamId ?? ""))&offset=\(nextOffset)" }
                return app.pages.render("collections", frame: app.frame(signedIn, title: signedIn.language.text("collections.title"), nav: "collections"),
                                        data: ["rows": rows, "hasRows": !rows.isEmpty, "asOf": views.date(list.asOf), "kamId": kamId ?? "",
                                               "isKam": signedIn.user.role == .kam, "nextLink": next as Any])
            }
        }
    }
}
