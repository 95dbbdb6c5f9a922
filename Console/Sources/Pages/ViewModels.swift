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
        let history = (order.history ?? []).map(orderEvent)
        view["history"] = history
        view["hasHistory"] = !history.isEmpty
        view["lines"] = order.lines.map { line -> [String: Any] in
            ["lineNo": line.lineNo, "sku": line.sku, "quantity": "\(line.quantity)", "price": money(line.unitPrice),
             "lineTotal": money(line.lineTotal)]
        }
        return view
    }

    /// One step of the order's history: what happened in the reader's language, who decided and why.
    func orderEvent(_ event: OrderDetail.Event) -> [String: Any] {
        ["at": dateTime(event.at), "event": event.event, "name": language.texts["orderEvent.\(event.event)"] ?? event.event,
         "by": event.by ?? "—", "comment": event.comment ?? "", "reasons": reasons(event.reasons)]
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

    // MARK: ageing

    static let bucketColours = ["#7fa7d6", "#f2c14e", "#ef8a3c", "#d9534f", "#8e1c1c"]

    func ageingChart(_ totals: AgeingReport.Buckets) -> String {
        let values = [totals.notDue, totals.d1to30, totals.d31to60, totals.d61to90, totals.over90]
        let labels = ["ageing.notDue", "ageing.d1to30", "ageing.d31to60", "ageing.d61to90", "ageing.over90"].map(language.text)
        let bars = zip(zip(labels, values), Self.bucketColours).map { pair, colour in
            Charts.Bar(label: pair.0, value: pair.1.kopecks, caption: money(pair.1), colour: colour)
        }
        return Charts.bars(bars, title: language.text("ageing.title"))
    }

    func buckets(_ b: AgeingReport.Buckets) -> [String: Any] {
        ["notDue": money(b.notDue), "d1to30": money(b.d1to30), "d31to60": money(b.d31to60), "d61to90": money(b.d61to90),
         "over90": money(b.over90), "overdue": money(b.overdue), "total": money(b.total)]
    }

    func ageingRow(_ client: AgeingReport.Client) -> [String: Any] {
        var row = buckets(client.buckets)
        row["clientId"] = client.clientId
        row["clientPath"] = Backend.segment(client.clientId)
        row["kamId"] = client.kamId ?? "—"
        return row
    }

    // MARK: scorecards

    func count(_ value: Int?) -> String { value.map(String.init) ?? "—" }

    func scorecardRow(_ card: ScorecardReport, name: String) -> [String: Any] {
        ["kamId": card.kamId, "kamPath": Backend.segment(card.kamId), "name": name,
         "turnover": money(card.turnover.actual), "turnoverTarget": money(card.turnover.target),
         "turnoverPct": percent(card.turnover.fulfilmentPct), "active": count(card.activeClients.actual),
         "activeTarget": count(card.activeClients.target), "new": count(card.newClients.actual),
         "newTarget": count(card.newClients.target), "overdueShare": percent(card.overdueSharePct),
         "bonus": percent(card.bonus?.percentOfSalary)]
    }

    func scorecard(_ card: ScorecardReport) -> [String: Any] {
        var view = scorecardRow(card, name: card.kamId)
        view["heading"] = String(format: language.text("scorecard.title"), card.kamId, card.month.description)
        view["activePct"] = percent(card.activeClients.fulfilmentPct)
        view["newPct"] = percent(card.newClients.fulfilmentPct)
        view["growthPrevious"] = percent(card.growth.vsPreviousMonthPct)
        view["growthLastYear"] = percent(card.growth.vsSameMonthLastYearPct)
        view["returnsShare"] = percent(card.returnsSharePct)
        view["held"] = "\(card.heldOrders)"
        view["rejected"] = "\(card.rejectedOrders)"
        view["chart"] = planChart(card)
        view["turnoverInput"] = card.turnover.target?.description ?? ""
        view["activeInput"] = card.activeClients.target.map(String.init) ?? ""
        view["newInput"] = card.newClients.target.map(String.init) ?? ""
        return view
    }

    /// Plan against actual turnover: two bars.
    func planChart(_ card: ScorecardReport) -> String {
        var bars = [Charts.Bar(label: language.text("scorecard.actual"), value: card.turnover.actual.kopecks,
                               caption: money(card.turnover.actual), colour: "#1f5fa8")]
        if let target = card.turnover.target {
            bars.append(Charts.Bar(label: language.text("scorecard.target"), value: target.kopecks, caption: money(target), colour: "#b8c4d3"))
        }
        return Charts.bars(bars, title: language.text("scorecard.turnover"))
    }

    // MARK: credit limit

    func limitChange(_ change: CreditLimitHistory.Change) -> [String: Any] {
        ["at": dateTime(change.changedAt), "old": money(change.oldLimit), "new": money(change.newLimit),
         "source": language.texts["limitSource.\(change.source)"] ?? change.source, "by": change.changedBy, "reason": change.reason]
    }

    // MARK: the week's contact plan

    func weekEntry(_ entry: WeekPlan.Entry) -> [String: Any] {
        ["clientId": entry.clientId, "clientPath": Backend.segment(entry.clientId), "kind": entry.kind,
         "kindName": language.texts["contact.\(entry.kind)"] ?? entry.kind, "isVisit": entry.kind == "visit",
         "reasons": entry.reasons.map { ["label": language.texts["contactReason.\($0)"] ?? $0] },
         "why": entry.why ?? ""]
    }

    func weekDay(_ day: WeekPlan.Day) -> [String: Any] {
        let weekday = (day.date.days(since: try! BusinessDate(year: 2024, month: 1, day: 1)) % 7 + 7) % 7  // 2024-01-01 was a Monday
        return ["date": date(day.date), "weekday": language.text("weekday.\(weekday)"), "entries": day.entries.map(weekEntry),
                "hasEntries": !day.entries.isEmpty]
    }

    // MARK: collections

    func collectionRow(_ entry: CollectionList.Entry, rank: Int) -> [String: Any] {
        ["rank": "\(rank)", "clientId": entry.clientId, "clientPath": Backend.segment(entry.clientId), "kamId": entry.kamId ?? "—",
         "overdue": money(entry.inputs.overdueAmount), "invoices": "\(entry.inputs.overdueInvoices)",
         "days": "\(entry.inputs.oldestDaysOverdue)", "level": "\(entry.inputs.dunningLevel)",
         // The reader's language from the inputs; the service's own wording (with the weights) on hover.
         "why": String(format: language.text("collections.because"), money(entry.inputs.overdueAmount),
                       "\(entry.inputs.overdueInvoices)", "\(entry.inputs.oldestDaysOverdue)", "\(entry.inputs.dunningLevel)",
                       percent(entry.inputs.shareOnTimePct)),
         "reason": entry.reason]
    }

    // MARK: a client's statement and sales history

    func statement(_ statement: Statement) -> [String: Any] {
        ["asOf": date(statement.asOf), "outstanding": money(statement.totals.outstanding), "overdue": money(statement.totals.overdue),
         "unapplied": money(statement.totals.unappliedCredit), "balance": money(statement.totals.balance),
         "invoices": statement.openInvoices.map { invoice -> [String: Any] in
             ["invoiceId": invoice.invoiceId, "orderId": invoice.orderId ?? "—", "issuedOn": date(invoice.issuedOn),
              "dueDate": date(invoice.dueDate), "amount": money(invoice.amount), "outstanding": money(invoice.outstanding),
              "daysOverdue": invoice.daysOverdue > 0 ? "\(invoice.daysOverdue)" : "—", "isOverdue": invoice.daysOverdue > 0]
         },
         "hasInvoices": !statement.openInvoices.isEmpty]
    }

    func history(_ history: SalesHistory) -> [String: Any] {
        let months = history.months.sorted { $0.month < $1.month }
        let bars = months.map { Charts.Bar(label: $0.month.description, value: $0.turnover.kopecks, caption: money($0.turnover), colour: "#1f5fa8") }
        return ["chart": Charts.bars(bars, title: language.text("client.history")),
                "months": months.reversed().map { m -> [String: Any] in
                    ["month": m.month.description, "turnover": money(m.turnover), "credited": money(m.credited),
                     "confirmed": "\(m.orders.confirmed)", "rejected": "\(m.orders.rejected)", "cancelled": "\(m.orders.cancelled)",
                     "held": "\(m.orders.held)"]
                },
                "hasMonths": !months.isEmpty]
    }
}
