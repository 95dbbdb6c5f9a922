import Contracts
import Foundation

/// `GET /clients/{clientId}/credit` (SPEC §6).
struct CreditView: Encodable, Sendable {
    var clientId: String
    var kamId: String
    var creditLimit: Money
    var limitSource: LimitSource
    var openReceivables: Money
    var unappliedCredit: Money
    var openOrders: Money
    var exposure: Money
    /// creditLimit − exposure; may be negative.
    var available: Money
    /// Owed on invoices past their due date today (receivables' open items).
    var overdueAmount: Money
    var riskClass: RiskClass
    var riskInputs: RiskInputs
    /// Receivables' latest open items, which overdue and the risk class are judged on.
    var receivables: OpenItemsSummary
    var holds: [HoldView]

    init(_ credit: CreditStore.ClientCredit, today: BusinessDate, holds: [HoldView]) {
        let p = credit.position
        let openInvoices = credit.openItems?.openInvoices ?? []
        let risk = RiskScoring.assess(discipline: credit.openItems?.discipline, openInvoices: openInvoices,
                                      creditLimit: p.creditLimit, on: today)
        clientId = credit.client.clientId
        kamId = credit.client.kamId
        creditLimit = p.creditLimit
        limitSource = credit.client.limitSource
        openReceivables = p.openReceivables
        unappliedCredit = p.unappliedCredit
        openOrders = p.openOrders
        exposure = p.exposure
        available = p.available
        overdueAmount = risk.inputs.overdueAmount
        riskClass = risk.riskClass
        riskInputs = risk.inputs
        receivables = OpenItemsSummary(credit.openItems)
        self.holds = holds
    }
}

/// What credit last heard from receivables about a client (docs/decisions.md "Open items"):
/// after an invoice or payment it trails credit's own totals for a moment.
struct OpenItemsSummary: Encodable, Sendable {
    /// null until receivables published anything for the client.
    @NullWhenAbsent var version: Int64?
    var openInvoices: Int
    var outstanding: Money
    var unappliedCredit: Money

    init(_ snapshot: ClientOpenItemsChanged?) {
        version = snapshot?.version
        openInvoices = snapshot?.openInvoices.count ?? 0
        outstanding = Money.sum(snapshot?.openInvoices.map(\.outstanding) ?? [])
        unappliedCredit = snapshot?.unappliedCredit ?? .zero
    }
}

/// A credit hold as the head sees it: the order, why it was held and the exposure then,
/// next to the client's position now (a hold stays until a person decides, SPEC 5.2).
struct HoldView: Encodable, Sendable {
    var orderId: String
    var clientId: String
    var kamId: String
    var total: Money
    var reasons: [Reason]
    var heldAt: Date
    var exposureAtHold: Money
    @NullWhenAbsent var currentExposure: Money?
    @NullWhenAbsent var creditLimit: Money?
    @NullWhenAbsent var available: Money?

    init(_ held: CreditStore.HeldOrder, now: CreditPosition?) {
        orderId = held.orderId
        clientId = held.clientId
        kamId = held.kamId
        total = held.total
        reasons = held.reasons
        heldAt = held.heldAt
        exposureAtHold = held.exposureAtHold
        currentExposure = now?.exposure
        creditLimit = now?.creditLimit
        available = now?.available
    }
}

struct HoldDecisionRequest: Decodable, Sendable {
    var decision: String
    var comment: String?
}

/// What `POST /holds/{orderId}/decision` recorded.
struct HoldDecisionView: Encodable, Sendable {
    var orderId: String
    var clientId: String
    var outcome: CreditOutcome
    var decidedBy: String
    var decidedAt: Date
    @NullWhenAbsent var comment: String?
    var exposure: Money
    var creditLimit: Money
}

struct CreditLimitRequest: Decodable, Sendable {
    var creditLimit: String
    var reason: String?
}

/// `PUT /clients/{id}/credit-limit` and `GET /clients/{id}/credit-limit/history`.
struct CreditLimitView: Encodable, Sendable {
    var clientId: String
    var creditLimit: Money
    var limitSource: LimitSource
    var history: [CreditStore.LimitHistoryEntry]
}
