import Contracts
import ServiceKit

/// Records the ERP's ledger documents; allocation happens when a statement is read, so
/// any "as of" date is answered from the same facts.
struct ReceivablesHandler: MessageHandler {
    func handle(_ message: InboundMessage, context: MessageContext) async throws {
        let store = ReceivablesStore(connection: context.connection, logger: context.logger)
        switch message {
        case .clientUpserted(let e):
            try await store.upsertClient(e.payload, occurredAt: e.occurredAt)
        case .invoiceIssued(let e):
            try await store.record(kind: "invoice", id: e.payload.invoiceId, clientId: e.payload.clientId, date: e.payload.issuedOn, doc: e.payload)
        case .paymentReceived(let e):
            try await store.record(kind: "payment", id: e.payload.paymentId, clientId: e.payload.clientId, date: e.payload.receivedOn, doc: e.payload)
        case .creditNoteIssued(let e):
            try await store.record(kind: "credit_note", id: e.payload.creditNoteId, clientId: e.payload.clientId, date: e.payload.issuedOn, doc: e.payload)
        default:
            break
        }
    }
}
