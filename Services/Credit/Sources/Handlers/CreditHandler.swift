import Contracts
import Foundation
import ServiceKit

/// Keeps each client's limit, ledger totals and open orders, and answers credit checks —
/// one client's requests strictly in order, each seeing the orders approved before it.
struct CreditHandler: MessageHandler {
    func handle(_ message: InboundMessage, context: MessageContext) async throws {
        let store = CreditStore(connection: context.connection, logger: context.logger)
        switch message {
        case .clientUpserted(let e):
            try await store.upsertClient(e.payload, occurredAt: e.occurredAt)
            // Checks that waited for this client's master data are decided now, in arrival order.
            for request in try await store.pendingChecks(clientId: e.payload.clientId) {
                guard let (client, position) = try await store.clientPosition(request.clientId) else { break }
                let decision = Self.decide(request, position: position, at: context.now)
                try await store.saveDecision(orderId: request.orderId, outcome: decision.outcome, reasons: decision.reasons,
                                             exposure: decision.exposure, at: context.now)
                try await apply(decision, request, client: client, position: position, store: store, context: context)
            }
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
            guard let (client, position) = try await store.clientPosition(request.clientId) else {
                _ = try await store.insertCheck(request)
                return
            }
            let decision = Self.decide(request, position: position, at: context.now)
            // A repeated request (same orderId) finds the stored check and changes nothing.
            guard try await store.insertCheck(request, decision: decision) else { return }
            try await apply(decision, request, client: client, position: position, store: store, context: context)
        default:
            break
        }
    }

    static func decide(_ request: CreditCheckRequested, position: CreditPosition, at now: Date) -> CreditStore.Decision {
        let (outcome, reasons) = CreditRules.check(orderTotal: request.total, position: position)
        return CreditStore.Decision(outcome: outcome, reasons: reasons, exposure: position.exposure, at: now)
    }

    /// An approval opens the order's reservation; either way orders hears the answer.
    private func apply(_ decision: CreditStore.Decision, _ request: CreditCheckRequested, client: CreditStore.ClientRow,
                       position: CreditPosition, store: CreditStore, context: MessageContext) async throws {
        if decision.outcome == .approved {
            try await store.openOrder(orderId: request.orderId, clientId: request.clientId, total: request.total, at: context.now)
        }
        try context.emit(CreditCheckDecided(orderId: request.orderId, clientId: request.clientId, outcome: decision.outcome,
                                            reasons: decision.reasons, exposure: position.exposure,
                                            creditLimit: client.creditLimit, decidedAt: context.now),
                         on: Topics.creditDecisions, key: request.clientId)
    }
}
