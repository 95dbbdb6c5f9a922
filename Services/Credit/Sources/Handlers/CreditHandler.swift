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
                try await decide(request, store: store, context: context)
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
            guard try await store.insertCheck(e.payload) else { return }
            try await decide(e.payload, store: store, context: context)
        default:
            break
        }
    }

    /// Decides when the client is known; otherwise the request waits for its ClientUpserted
    /// (no decision on partial knowledge).
    private func decide(_ request: CreditCheckRequested, store: CreditStore, context: MessageContext) async throws {
        guard let client = try await store.client(request.clientId) else { return }
        let position = try await store.position(client)
        let (outcome, reasons) = CreditRules.check(orderTotal: request.total, position: position)
        try await store.saveDecision(orderId: request.orderId, outcome: outcome, reasons: reasons, exposure: position.exposure, at: context.now)
        if outcome == .approved {
            try await store.openOrder(orderId: request.orderId, clientId: request.clientId, total: request.total, at: context.now)
        }
        try context.emit(CreditCheckDecided(orderId: request.orderId, clientId: request.clientId, outcome: outcome, reasons: reasons,
                                            exposure: position.exposure, creditLimit: position.creditLimit, decidedAt: context.now),
                         on: Topics.creditDecisions, key: request.clientId)
    }
}
