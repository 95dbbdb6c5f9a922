import Contracts
import ServiceKit

/// Records who owned which client when, the sales documents, and order outcomes.
struct PlanningHandler: MessageHandler {
    func handle(_ message: InboundMessage, context: MessageContext) async throws {
        let store = PlanningStore(connection: context.connection, logger: context.logger)
        switch message {
        case .clientUpserted(let e):
            try await store.recordClient(e.payload, occurredAt: e.occurredAt, effectiveOn: context.calendar.businessDate(of: e.occurredAt))
        case .invoiceIssued(let e):
            try await store.recordInvoice(e.payload)
        case .creditNoteIssued(let e):
            try await store.recordCreditNote(e.payload)
        case .orderOnHold(let e):
            try await store.recordOutcome(orderId: e.payload.orderId, outcome: "held", clientId: e.payload.clientId,
                                          on: context.calendar.businessDate(of: e.payload.heldAt))
        case .orderRejected(let e):
            try await store.recordOutcome(orderId: e.payload.orderId, outcome: "rejected", clientId: e.payload.clientId,
                                          on: context.calendar.businessDate(of: e.payload.rejectedAt))
        case .orderConfirmed(let e):
            try await store.recordOutcome(orderId: e.payload.orderId, outcome: "confirmed", clientId: e.payload.clientId,
                                          on: context.calendar.businessDate(of: e.payload.confirmedAt))
        default:
            break
        }
    }
}
