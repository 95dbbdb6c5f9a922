import Contracts
import ServiceKit

/// Keeps each client's ledger (allocation state) up to date as documents arrive, in the
/// batch's transaction, and publishes the open items and payment discipline of every client
/// whose ledger changed (kam.receivables.open-items.v1), once per consumed batch.
struct ReceivablesHandler: MessageHandler {
    let settings: ReceivablesSettings

    /// The whole batch's ledger work happens here, set-based; `handle` only publishes.
    func prepare(_ messages: [InboundMessage], context: MessageContext) async throws {
        let batch = LedgerBatch(messages)
        context.batchCache = batch
        if batch.documents.isEmpty { return }
        let today = context.businessDate
        let books = try await LedgerProcessing(connection: context.connection, logger: context.logger)
            .process(batch.documents, today: today, windowDays: settings.disciplineWindowDays)
        // The versions after the ledger rows' locks: one client's snapshots are numbered in commit order.
        let versions = try await LedgerStore(connection: context.connection, logger: context.logger)
            .nextOpenItemsVersions(Array(books.keys))
        for (client, book) in books {
            batch.snapshots[client] = OpenItems.snapshot(clientId: client, version: versions[client] ?? 1, state: book.state,
                                                         asOf: today, windowDays: settings.disciplineWindowDays)
        }
    }

    func handle(_ message: InboundMessage, context: MessageContext) async throws {
        if case .clientUpserted(let e) = message {
            try await ReceivablesStore(connection: context.connection, logger: context.logger)
                .upsertClient(e.payload, occurredAt: e.occurredAt)
            return
        }
        // A message the prepared batch does not cover (a caller that skipped prepare) is a batch of its own.
        if (context.batchCache as? LedgerBatch)?.covers(message) != true {
            guard LedgerBatch.document(of: message) != nil else { return }
            try await prepare([message], context: context)
        }
        guard let batch = context.batchCache as? LedgerBatch, let snapshot = batch.snapshot(after: message) else { return }
        try context.emit(snapshot, on: Topics.receivablesOpenItems, key: snapshot.clientId)
    }
}
