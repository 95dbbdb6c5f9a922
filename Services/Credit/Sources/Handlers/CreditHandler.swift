import Contracts
import Foundation
import ServiceKit

/// Keeps each client's limit, ledger totals, open orders and receivables' open items, and
/// answers credit checks — one client's requests strictly in order, each seeing the orders
/// approved before it.
struct CreditHandler: MessageHandler {
    let settings: CreditSettings

    /// Locks every client of the batch up front (see `ClientLocks`): with two credit instances,
    /// or a head deciding a hold meanwhile, one client's changes still happen one at a time.
    func prepare(_ messages: [InboundMessage], context: MessageContext) async throws {
        try await ClientLocks.lock(messages.compactMap(Self.clientId), on: context.connection, logger: context.logger)
    }

    func handle(_ message: InboundMessage, context: MessageContext) async throws {
        let store = CreditStore(connection: context.connection, logger: context.logger)
        switch message {
        case .clientUpserted(let e):
            try await upsertClient(e.payload, occurredAt: e.occurredAt, store: store, context: context)
            // Checks that waited for this client's master data are decided now, in arrival order.
            for request in try await store.pendingChecks(clientId: e.payload.clientId) {
                guard let credit = try await store.credit(request.clientId) else { break }
                let decision = decide(request, credit: credit, at: context.now)
                try await store.saveDecision(orderId: request.orderId, outcome: decision.outcome, reasons: decision.reasons,
                                             exposure: decision.exposure, at: context.now)
                try await apply(decision, request, credit: credit, store: store, context: context)
            }
        case .clientOpenItemsChanged(let e):
            try await store.saveOpenItems(e.payload, at: context.now)
        case .invoiceIssued(let e):
            let p = e.payload
            try await store.record(kind: "invoice", docId: p.invoiceId, clientId: p.clientId, orderId: p.orderId, amount: p.amount, date: p.issuedOn)
        case .paymentReceived(let e):
            let p = e.payload
            try await store.record(kind: "payment", docId: p.paymentId, clientId: p.clientId, orderId: nil, amount: p.amount, date: p.receivedOn)
        case .creditNoteIssued(let e):
            let p = e.payload
            try await store.record(kind: "credit_note", docId: p.creditNoteId, clientId: p.clientId, orderId: p.orderId, amount: p.amount, date: p.issuedOn)
        case .orderCancelled(let e):
            try await store.endOrder(orderId: e.payload.orderId, clientId: e.payload.clientId, status: "cancelled", at: context.now)
        case .orderCompleted(let e):
            try await store.endOrder(orderId: e.payload.orderId, clientId: e.payload.clientId, status: "completed", at: context.now)
        case .creditCheckRequested(let e):
            let request = e.payload
            // No decision on partial knowledge: an unknown client's check waits for its ClientUpserted.
            guard let credit = try await store.credit(request.clientId) else {
                _ = try await store.insertCheck(request)
                return
            }
            let decision = decide(request, credit: credit, at: context.now)
            // A repeated request (same orderId) finds the stored check and changes nothing.
            guard try await store.insertCheck(request, decision: decision) else { return }
            try await apply(decision, request, credit: credit, store: store, context: context)
        default:
            break
        }
    }

    /// A newer upsert replaces the client; its contract limit goes through the limit rules
    /// (a head's limit survives an unchanged ERP limit) and any change is audited.
    private func upsertClient(_ c: ClientUpserted, occurredAt: Date, store: CreditStore, context: MessageContext) async throws {
        let stored = try await store.storedLimits(c.clientId)
        if let stored, stored.occurredAt >= occurredAt { return }
        let (limits, change) = CreditLimitRules.erpUpserted(stored?.limits, contract: c.contract)
        try await store.saveClient(c, occurredAt: occurredAt, limits: limits)
        if let change { try await store.appendLimitChange(change, clientId: c.clientId, at: occurredAt) }
    }

    func decide(_ request: CreditCheckRequested, credit: CreditStore.ClientCredit, at now: Date) -> CreditStore.Decision {
        let overdue = OverdueTerms(openInvoices: credit.openItems?.openInvoices ?? [], orderDate: request.businessDate,
                                   graceDays: settings.overdueGraceDays)
        let (outcome, reasons) = CreditRules.check(orderTotal: request.total, position: credit.position, overdue: overdue)
        return CreditStore.Decision(outcome: outcome, reasons: reasons, exposure: credit.position.exposure, at: now)
    }

    /// An approval opens the order's reservation; either way orders hears the answer.
    private func apply(_ decision: CreditStore.Decision, _ request: CreditCheckRequested, credit: CreditStore.ClientCredit,
                       store: CreditStore, context: MessageContext) async throws {
        if decision.outcome == .approved {
            try await store.openOrder(orderId: request.orderId, clientId: request.clientId, total: request.total, at: context.now)
        }
        try context.emit(CreditCheckDecided(orderId: request.orderId, clientId: request.clientId, outcome: decision.outcome,
                                            reasons: decision.reasons, exposure: credit.position.exposure,
                                            creditLimit: credit.client.creditLimit, decidedAt: context.now),
                         on: Topics.creditDecisions, key: request.clientId)
    }

    static func clientId(of message: InboundMessage) -> String? {
        switch message {
        case .clientUpserted(let e): e.payload.clientId
        case .clientOpenItemsChanged(let e): e.payload.clientId
        case .invoiceIssued(let e): e.payload.clientId
        case .paymentReceived(let e): e.payload.clientId
        case .creditNoteIssued(let e): e.payload.clientId
        case .orderCancelled(let e): e.payload.clientId
        case .orderCompleted(let e): e.payload.clientId
        case .creditCheckRequested(let e): e.payload.clientId
        default: nil
        }
    }
}
