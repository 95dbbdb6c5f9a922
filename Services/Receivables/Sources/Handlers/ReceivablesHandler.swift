import Contracts
import ServiceKit

/// Records the ERP's ledger documents; allocation happens when a statement is read, so
/// any "as of" date is answered from the same facts. A client whose ledger changed gets its
/// open items and payment discipline published (kam.receivables.open-items.v1) in the same
/// transaction, once per consumed batch.
struct ReceivablesHandler: MessageHandler {
    let settings: ReceivablesSettings

    func prepare(_ messages: [InboundMessage], context: MessageContext) async throws {
        context.batchCache = OpenItemsBatch(messages)
    }

    func handle(_ message: InboundMessage, context: MessageContext) async throws {
        let store = ReceivablesStore(connection: context.connection, logger: context.logger)
        let changed: Bool
        let clientId: String
        switch message {
        case .clientUpserted(let e):
            try await store.upsertClient(e.payload, occurredAt: e.occurredAt)
            return
        case .invoiceIssued(let e):
            clientId = e.payload.clientId
            changed = try await store.record(kind: "invoice", id: e.payload.invoiceId, clientId: clientId, date: e.payload.issuedOn, doc: e.payload)
        case .paymentReceived(let e):
            clientId = e.payload.clientId
            changed = try await store.record(kind: "payment", id: e.payload.paymentId, clientId: clientId, date: e.payload.receivedOn, doc: e.payload)
        case .creditNoteIssued(let e):
            clientId = e.payload.clientId
            changed = try await store.record(kind: "credit_note", id: e.payload.creditNoteId, clientId: clientId, date: e.payload.issuedOn, doc: e.payload)
        default:
            return
        }
        // Without a batch (a caller that skipped prepare) every new document publishes.
        let due = (context.batchCache as? OpenItemsBatch)?.handled(message, clientId: clientId, changedLedger: changed) ?? changed
        if due { try await publishOpenItems(clientId: clientId, store: store, context: context) }
    }

    private func publishOpenItems(clientId: String, store: ReceivablesStore, context: MessageContext) async throws {
        // The version first: it locks the client's row, so the documents read next include
        // those of any other transaction that published before this one.
        let version = try await store.nextOpenItemsVersion(clientId: clientId)
        let docs = try await store.ledgers(clientId: clientId, asOf: nil)[clientId] ?? .init()
        let snapshot = OpenItems.snapshot(clientId: clientId, version: version, state: LedgerAllocation.replay(docs),
                                          asOf: context.businessDate, windowDays: settings.disciplineWindowDays)
        try context.emit(snapshot, on: Topics.receivablesOpenItems, key: clientId)
    }
}
