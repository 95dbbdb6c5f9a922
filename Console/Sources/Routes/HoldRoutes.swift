import Foundation
import Hummingbird
import ServiceKit

/// The head's queue of orders waiting for a decision: credit holds and discounts above the
/// KAM's authority. A KAM sees its own clients' holds without the actions.
enum HoldRoutes {
    static func add(to router: Router<BasicRequestContext>, app: ConsoleApp) {
        router.get("/holds") { request, _ -> Response in
            try await app.page(request) { signedIn in
                try await holdsPage(app, signedIn, flash: nil, status: .ok)
            }
        }

        router.post("/holds/:orderId/decision") { request, context -> Response in
            try await app.form(request) { signedIn, fields in
                // The action is not offered to a KAM, and refused if forged.
                guard signedIn.user.role == .head else { return app.refusal(signedIn) }
                let orderId = try context.parameters.requireDecoded("orderId")
                guard let decision = fields["decision"], ["approve", "reject"].contains(decision) else {
                    throw BackendError.refused(status: 400, detail: "decision must be approve or reject")
                }
                var body = ["decision": decision]
                if let comment = fields.text("comment") { body["comment"] = comment }
                let backend = app.backend(signedIn.user)
                let t = signedIn.language
                do {
                    if fields["kind"] == "discount" {
                        _ = try await backend.post(Ignored.self, app.config.backends.orders,
                                                   "/orders/\(Backend.segment(orderId))/discount-decision", json: body)
                    } else {
                        _ = try await backend.post(Ignored.self, app.config.backends.credit,
                                                   "/holds/\(Backend.segment(orderId))/decision", json: body)
                    }
                } catch BackendError.refused(let status, let detail) where status == 409 || status == 404 {
                    // Decided meanwhile (another head, a cancellation): show the queue as it is now.
                    return try await holdsPage(app, signedIn, flash: .init(text: detail, isError: true), status: .conflict)
                }
                app.logger.info("hold decided", metadata: ["orderId": "\(orderId)", "decision": "\(decision)",
                                                           "by": "\(signedIn.user.login)", "kind": "\(fields["kind"] ?? "credit")"])
                let done = String(format: t.text(decision == "approve" ? "holds.approved" : "holds.rejected"), orderId)
                return try await holdsPage(app, signedIn, flash: .init(text: done, isError: false), status: .ok)
            }
        }
    }

    static func holdsPage(_ app: ConsoleApp, _ signedIn: ConsoleApp.SignedIn, flash: PageRenderer.Flash?,
                          status: HTTPResponse.Status) async throws -> Response {
        let backend = app.backend(signedIn.user)
        async let credit = backend.get(HoldList.self, app.config.backends.credit, "/holds", query: [("limit", "500")])
        async let onHold = backend.get(OrderList.self, app.config.backends.orders, "/orders",
                                       query: [("status", "on_hold"), ("limit", "500")])
        let (holds, orders) = try await (credit, onHold)
        let canDecide = signedIn.user.role == .head
        let views = ViewModels(language: signedIn.language, calendar: app.config.calendar)
        let creditRows = holds.holds.map { views.creditHold($0, canDecide: canDecide) }
        let discountRows = orders.orders.filter(ViewModels.waitsForDiscount).map { views.discountHold($0, canDecide: canDecide) }
        return app.pages.render("holds", frame: app.frame(signedIn, title: signedIn.language.text("holds.title"), nav: "holds", flash: flash),
                                status: status,
                                data: ["creditHolds": creditRows, "hasCreditHolds": !creditRows.isEmpty,
                                       "discountHolds": discountRows, "hasDiscountHolds": !discountRows.isEmpty])
    }
}
