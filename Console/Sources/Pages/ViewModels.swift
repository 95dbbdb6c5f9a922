import Contracts
import Foundation

/// Turns the services' answers into what the templates show: texts formatted for the
/// reader's language, links with encoded ids. Pure, so it is table-tested.
struct ViewModels {
    let language: Language
    let calendar: CompanyCalendar

    func money(_ amount: Money?) -> String { amount.map { Formats.money($0, language) } ?? "—" }
    func date(_ date: BusinessDate?) -> String { date.map { Formats.date($0, language) } ?? "—" }
    func dateTime(_ instant: Date?) -> String { instant.map { Formats.dateTime($0, language, calendar: calendar) } ?? "—" }
    func percent(_ p: Percent?) -> String {
        guard let p else { return "—" }
        let text = p.description
        return (language == .ru ? text.replacingOccurrences(of: ".", with: ",") : text) + "\u{00A0}%"
    }

    /// The reason in the reader's language where the code is known; the service's own
    /// message (with its figures) below it.
    func reasons(_ reasons: [Reason]) -> [[String: Any]] {
        reasons.map { ["code": $0.code, "label": language.texts["reason.\($0.code)"] ?? $0.code, "message": $0.message] }
    }

    func statusName(_ status: String) -> String { language.texts["status.\(status)"] ?? status }

    func creditHold(_ hold: HoldList.Hold, canDecide: Bool) -> [String: Any] {
        ["orderId": hold.orderId, "orderPath": Backend.segment(hold.orderId), "clientId": hold.clientId,
         "clientPath": Backend.segment(hold.clientId), "kamId": hold.kamId, "total": money(hold.total),
         "reasons": reasons(hold.reasons), "exposure": money(hold.currentExposure), "limit": money(hold.creditLimit),
         "available": money(hold.available), "heldAt": dateTime(hold.heldAt), "canDecide": canDecide]
    }

    func discountHold(_ order: OrderDetail, canDecide: Bool) -> [String: Any] {
        ["orderId": order.orderId, "orderPath": Backend.segment(order.orderId), "clientId": order.clientId,
         "clientPath": Backend.segment(order.clientId), "kamId": order.kamId ?? "—", "total": money(order.total),
         "discount": percent(order.requestedDiscountPercent), "reasons": reasons(order.reasons), "canDecide": canDecide]
    }

    func orderRow(_ order: OrderDetail) -> [String: Any] {
        ["orderId": order.orderId, "orderPath": Backend.segment(order.orderId), "clientId": order.clientId,
         "clientPath": Backend.segment(order.clientId), "kamId": order.kamId ?? "—", "status": order.status,
         "statusName": statusName(order.status), "date": date(order.businessDate), "total": money(order.total)]
    }

    func order(_ order: OrderDetail) -> [String: Any] {
        var view = orderRow(order)
        view["heading"] = String(format: language.text("order.title"), order.orderId)
        view["delivery"] = date(order.requestedDeliveryDate)
        view["discount"] = percent(order.discountPercent ?? order.requestedDiscountPercent)
        view["reasons"] = reasons(order.reasons)
        view["hasReasons"] = !order.reasons.isEmpty
        view["approvedBy"] = order.approvedBy
        view["decidedAt"] = order.decidedAt.map { dateTime($0) }
        view["lines"] = order.lines.map { line -> [String: Any] in
            ["lineNo": line.lineNo, "sku": line.sku, "quantity": "\(line.quantity)", "price": money(line.unitPrice),
             "lineTotal": money(line.lineTotal)]
        }
        return view
    }

    func credit(_ credit: ClientCredit) -> [String: Any] {
        ["heading": String(format: language.text("client.title"), credit.clientId), "kamId": credit.kamId,
         "limit": money(credit.creditLimit), "exposure": money(credit.exposure), "available": money(credit.available),
         "openReceivables": money(credit.openReceivables), "openOrders": money(credit.openOrders),
         "overdue": money(credit.overdueAmount), "risk": credit.riskClass]
    }

    /// An order waits for the head's discount decision while it is on hold for its discount.
    static func waitsForDiscount(_ order: OrderDetail) -> Bool {
        order.status == "on_hold" && order.approvedBy == nil && order.reasons.contains { $0.code == "DISCOUNT_APPROVAL_REQUIRED" }
    }
}
