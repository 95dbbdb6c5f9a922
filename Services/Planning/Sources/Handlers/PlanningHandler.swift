import Contracts
import ServiceKit

/// Records facts: who owned which client when, the sales documents, order outcomes and
/// cancellations, and receivables' open items. Nothing is computed here; reads do that.
struct PlanningHandler: MessageHandler {
    func handle(_ message: InboundMessage, context: MessageContext) async throws {
        let store = PlanningStore(connection: context.connection, logger: context.logger)
        let calendar = context.calendar
        switch message {
        case .clientUpserted(let e):
            try await store.recordClient(e.payload, occurredAt: e.occurredAt, effectiveOn: calendar.businessDate(of: e.occurredAt))
        case .invoiceIssued(let e):
            try await store.recordInvoice(e.payload)
        case .creditNoteIssued(let e):
            try await store.recordCreditNote(e.payload)
        case .orderOnHold(let e):
            let p = e.payload
            try await store.recordOutcome(OrderOutcome(orderId: p.orderId, clientId: p.clientId, kind: .held,
                                                       on: calendar.businessDate(of: p.heldAt)))
        case .orderRejected(let e):
            let p = e.payload
            try await store.recordOutcome(OrderOutcome(orderId: p.orderId, clientId: p.clientId, kind: .rejected,
                                                       on: calendar.businessDate(of: p.rejectedAt)))
        case .orderConfirmed(let e):
            let p = e.payload
            try await store.recordOutcome(OrderOutcome(orderId: p.orderId, clientId: p.clientId, kind: .confirmed,
                                                       on: calendar.businessDate(of: p.confirmedAt)))
        case .orderCancelled(let e):
            try await store.recordCancellation(e.payload, on: calendar.businessDate(of: e.payload.cancelledAt))
        case .clientOpenItemsChanged(let e):
            try await store.recordOpenItems(e.payload)
        default:
            break
        }
    }
}
