import Contracts
import Foundation
@testable import Planning

/// Builders for the planning domain tests: values as the wire writes them.
enum P {
    static func money(_ text: String) -> Money { try! Money(parsing: text) }
    static func pct(_ text: String?) -> Percent? { text.map { try! Percent(parsing: $0) } }
    static func date(_ text: String) -> BusinessDate { try! BusinessDate(parsing: text) }
    static func month(_ text: String) -> YearMonth { try! YearMonth(parsing: text) }
    static func week(_ text: String) -> IsoWeek { try! IsoWeek(parsing: text) }
    static func instant(_ text: String) -> Date { WireJSON.parseTimestamp(text)! }

    /// An upsert at 09:00 Moscow time on `on` (06:00Z: the same business date).
    static func card(_ client: String, _ kam: String, on: String, tier: ClientTier = .a,
                     status: ClientStatus = .active, minute: Int = 0) -> ClientCard {
        let at = instant("\(on)T06:\(minute < 10 ? "0" : "")\(minute):00Z")
        return ClientCard(clientId: client, occurredAt: at, effectiveOn: date(on), kamId: kam, tier: tier, status: status)
    }

    static func inv(_ id: String, _ client: String, _ on: String, _ amount: String) -> SalesDocument {
        .invoice(id, client, date(on), money(amount))
    }

    static func cn(_ id: String, _ client: String, _ on: String, _ amount: String, _ reason: CreditNoteReason = .return,
                   lines: [(String, Int64)]? = nil) -> SalesDocument {
        .creditNote(id, client, date(on), money(amount), reason, lines: lines?.map { CreditNoteLine(sku: $0.0, quantity: $0.1) })
    }

    static func outcome(_ order: String, _ client: String, _ kind: OrderOutcome.Kind, _ on: String) -> OrderOutcome {
        OrderOutcome(orderId: order, clientId: client, kind: kind, on: date(on))
    }

    static func open(_ id: String, _ outstanding: String, issued: String, due: String) -> OpenInvoice {
        OpenInvoice(invoiceId: id, orderId: nil, outstanding: money(outstanding), issuedOn: date(issued), dueDate: date(due))
    }

    static func snapshot(_ client: String, version: Int64 = 1, asOf: String, _ invoices: [OpenInvoice]) -> OpenItemsSnapshot {
        OpenItemsSnapshot(clientId: client, version: version, asOf: date(asOf), openInvoices: invoices)
    }

    static func plan(_ turnover: String, active: Int, new: Int) -> MonthlyPlan {
        MonthlyPlan(turnoverTarget: money(turnover), activeClientsTarget: active, newClientsTarget: new)
    }
}
