import Contracts
import Foundation
import ServiceKit

/// Keeps each client's limit, ledger totals, open orders and receivables' open items, and
/// answers credit checks — one client's requests strictly in order, each seeing the orders
/// approved before it. A whole batch at a time (`CreditBatch`).
struct CreditHandler: MessageHandler {
    let settings: CreditSettings

    func handleBatch(_ batch: [IncomingMessage], context: MessageContext) async throws {
        if batch.isEmpty { return }
        try await CreditBatch(context: context, settings: settings).run(batch)
    }

    func handle(_ message: InboundMessage, context: MessageContext) async throws {
        try await handleBatch([IncomingMessage(message, traceparent: context.traceparent)], context: context)
    }

    /// Credit reads erp.orders.v1 for cancellations and completions only: an OrderPlaced has no
    /// effect here (the types below are the ones `clientId(of:)` names).
    let handledTypes: Set<String>? = [ClientUpserted.messageType, ClientOpenItemsChanged.messageType, InvoiceIssued.messageType,
                                      PaymentReceived.messageType, CreditNoteIssued.messageType, OrderCancelled.messageType,
                                      OrderCompleted.messageType, CreditCheckRequested.messageType]

    /// One check judged alone on a client's current position (tests; batches use `SequentialChecks`).
    func decide(_ request: CreditCheckRequested, credit: CreditStore.ClientCredit, at now: Date) -> CreditStore.Decision {
        let overdue = OverdueTerms(openInvoices: credit.openItems?.openInvoices ?? [], orderDate: request.businessDate,
                                   graceDays: settings.overdueGraceDays)
        let (outcome, reasons) = CreditRules.check(orderTotal: request.total, position: credit.position, overdue: overdue)
        return CreditStore.Decision(outcome: outcome, reasons: reasons, exposure: credit.position.exposure, at: now)
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
