import Contracts
import Logging
import PostgresNIO

/// Brings ledgers up to date with new documents in the caller's transaction: records the
/// documents, then, per client with new ones, applies them to the stored book or replays the
/// client (`LedgerUpdate.plan`), and writes the books back — a few set-based statements for
/// any number of clients.
struct LedgerProcessing {
    let connection: PostgresConnection
    let logger: Logger

    /// The books of the clients that had new documents, after them.
    func process(_ documents: [LedgerDocument], today: BusinessDate, windowDays: Int) async throws -> [String: LedgerBook] {
        let facts = ReceivablesStore(connection: connection, logger: logger)
        let ledgers = LedgerStore(connection: connection, logger: logger)
        // The lock first: a document is recorded and applied by one transaction at a time per client.
        try await ledgers.lock(Set(documents.map(\.clientId)))
        let fresh = try await facts.record(documents)
        let new = documents.filter { fresh.contains("\($0.kind.rawValue)/\($0.id)") }
        if new.isEmpty { return [:] }
        let byClient = Dictionary(grouping: new, by: \.clientId)
        let selection = LedgerUpdate.Selection(named: Set(new.flatMap(\.namedInvoiceIds)), today: today, windowDays: windowDays)
        let stored = try await ledgers.load(Set(byClient.keys), selection: selection)

        var changes: [LedgerChange] = []
        var replay: [String] = []
        for (client, docs) in byClient {
            guard let ledger = stored[client] else { preconditionFailure("ledger row of \(client) was locked but not loaded") }
            switch LedgerUpdate.plan(lastKey: ledger.book.lastKey, stale: ledger.stale, newDocuments: docs) {
            case .apply:
                var book = ledger.book
                for d in docs.sorted(by: { $0.key < $1.key }) { book.apply(d) }
                changes.append(LedgerChange(clientId: client, replayed: false, book: book))
            case .replay:
                replay.append(client)
            }
        }
        if !replay.isEmpty {
            let all = try await facts.documents(clientIds: replay, asOf: nil)
            for client in replay {
                changes.append(LedgerChange(clientId: client, replayed: true, book: LedgerBook.replay(all[client] ?? [])))
            }
        }
        try await ledgers.save(changes)
        return Dictionary(uniqueKeysWithValues: changes.map { ($0.clientId, $0.book) })
    }
}
