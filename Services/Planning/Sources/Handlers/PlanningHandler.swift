import Contracts
import ServiceKit

/// Records facts: who owned which client when, the sales documents, order outcomes and
/// cancellations, and receivables' open items. Nothing is computed here; reads do that.
struct PlanningHandler: MessageHandler {
    /// The types `handle` records; the rest (every OrderPlaced, for one) are not read past the envelope.
    let handledTypes: Set<String>? = [ClientUpserted.messageType, InvoiceIssued.messageType, CreditNoteIssued.messageType,
                                      OrderOnHold.messageType, OrderRejected.messageType, OrderConfirmed.messageType,
                                      OrderCancelled.messageType, ClientOpenItemsChanged.messageType]

    /// Decisions, the bulk of a busy day, are written a run at a time with one statement; any
    /// other message first writes the run before it, so facts are still recorded in arrival order.
    func handleBatch(_ batch: [IncomingMessage], context: MessageContext) async throws {
        let store = PlanningStore(connection: context.connection, logger: context.logger)
        var outcomes: [OrderOutcome] = []
        for item in batch {
            if let outcome = Self.outcome(of: item.message, calendar: context.calendar) {
                outcomes.append(outcome)
                continue
            }
            try await store.recordOutcomes(outcomes)
            outcomes.removeAll()
            context.handling(item)
            try await handle(item.message, context: context)
        }
        try await store.recordOutcomes(outcomes)
    }

    static func outcome(of message: InboundMessage, calendar: CompanyCalendar) -> OrderOutcome? {
        switch message {
        case .orderOnHold(let e):
            OrderOutcome(orderId: e.payload.orderId, clientId: e.payload.clientId, kind: .held, on: calendar.businessDate(of: e.payload.heldAt))
        case .orderRejected(let e):
            OrderOutcome(orderId: e.payload.orderId, clientId: e.payload.clientId, kind: .rejected,
                         on: calendar.businessDate(of: e.payload.rejectedAt))
        case .orderConfirmed(let e):
            OrderOutcome(orderId: e.payload.orderId, clientId: e.payload.clientId, kind: .confirmed,
                         on: calendar.businessDate(of: e.payload.confirmedAt))
        default:
            nil
        }
    }

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
        case .orderOnHold, .orderRejected, .orderConfirmed:
            if let outcome = Self.outcome(of: message, calendar: calendar) { try await store.recordOutcomes([outcome]) }
        case .orderCancelled(let e):
            try await store.recordCancellation(e.payload, on: calendar.businessDate(of: e.payload.cancelledAt))
        case .clientOpenItemsChanged(let e):
            try await store.recordOpenItems(e.payload)
        default:
            break
        }
    }
}
