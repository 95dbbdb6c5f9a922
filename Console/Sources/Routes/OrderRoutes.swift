import Foundation
import Hummingbird
import ServiceKit

/// Orders by client and status, and one order. What a KAM may see is decided by the
/// orders service: another KAM's client comes back as a refusal.
enum OrderRoutes {
    static let statuses = ["received", "on_hold", "confirmed", "rejected", "cancelled", "completed"]
    static let pageSize = 50

    static func add(to router: Router<BasicRequestContext>, app: ConsoleApp) {
        router.get("/orders") { request, _ -> Response in
            try await app.page(request) { signedIn in
                let query = request.uri.queryParameters
                let clientId = query.get("clientId").flatMap { $0.isEmpty ? nil : $0 }
                let status = query.get("status").flatMap { statuses.contains($0) ? $0 : nil }
                let offset = max(0, Int(query.get("offset") ?? "") ?? 0)
                let list = try await app.backend(signedIn.user).get(
                    OrderList.self, app.config.backends.orders, "/orders",
                    query: [("clientId", clientId), ("status", status), ("limit", "\(pageSize)"), ("offset", "\(offset)")])
                let views = ViewModels(language: signedIn.language, calendar: app.config.calendar)
                let rows = list.orders.map(views.orderRow)
                var next: String?
                if let nextOffset = list.nextOffset {
                    var c = URLComponents()
                    c.path = "/orders"
                    c.queryItems = [URLQueryItem(name: "clientId", value: clientId ?? ""), URLQueryItem(name: "status", value: status ?? ""),
                                    URLQueryItem(name: "offset", value: "\(nextOffset)")]
                    next = c.string
                }
                return app.pages.render("orders", frame: app.frame(signedIn, title: signedIn.language.text("orders.title"), nav: "orders"),
                                        data: ["orders": rows, "hasOrders": !rows.isEmpty, "clientId": clientId ?? "",
                                               "statuses": statuses.map { ["value": $0, "name": views.statusName($0), "selected": $0 == status] },
                                               "nextLink": next as Any])
            }
        }

        router.get("/orders/:orderId") { request, context -> Response in
            try await app.page(request) { signedIn in
                let orderId = try context.parameters.requireDecoded("orderId")
                let order = try await app.backend(signedIn.user).get(OrderDetail.self, app.config.backends.orders,
                                                                     "/orders/\(Backend.segment(orderId))")
                let views = ViewModels(language: signedIn.language, calendar: app.config.calendar)
                return app.pages.render("order", frame: app.frame(signedIn, title: orderId, nav: "orders"),
                                        data: ["order": views.order(order)])
            }
        }
    }
}
