import Contracts
import Logging
import PostgresNIO

/// Client ledgers as they stood on a date: the stored book when it holds every document up to
/// that date (today, nearly always), else a replay of that client's documents up to it — only
/// for the clients that need one.
struct LedgerAsOf {
    let connection: PostgresConnection
    let logger: Logger

    private var reads: LedgerReads { LedgerReads(connection: connection, logger: logger) }
    private var facts: ReceivablesStore { ReceivablesStore(connection: connection, logger: logger) }

    /// One client's ledger on `asOf`: every open invoice, those payment discipline counts, the unapplied credit.
    func client(_ clientId: String, asOf: BusinessDate, windowDays: Int) async throws -> LedgerState {
        let selection = LedgerUpdate.Selection(named: [], today: asOf, windowDays: windowDays)
        if let stored = try await reads.client(clientId, asOf: asOf, selection: selection) { return stored }
        let docs = try await facts.documents(clientIds: [clientId], asOf: asOf)[clientId] ?? []
        return LedgerBook.replay(docs).state
    }

    /// Clients with debt past due on `asOf` (optionally one KAM's): their open invoices then,
    /// and with `windowDays` also the invoices their payment discipline counts.
    func overdueClients(asOf: BusinessDate, kamId: String?, windowDays: Int? = nil) async throws -> [String: [InvoiceBalance]] {
        let selection = windowDays.map { LedgerUpdate.Selection(named: [], today: asOf, windowDays: $0) }
        var result = try await reads.overdueClients(asOf: asOf, kamId: kamId, selection: selection)
        for (client, state) in try await replayed(asOf: asOf, kamId: kamId)
        where state.invoices.contains(where: { $0.daysOverdue(on: asOf) > 0 }) {
            result[client] = state.invoices
        }
        return result
    }

    /// Ageing buckets per client with open invoices on `asOf` (optionally one KAM's), with the client's KAM.
    func ageing(asOf: BusinessDate, kamId: String?) async throws -> [String: (kamId: String?, buckets: AgeingBuckets)] {
        var result: [String: (kamId: String?, buckets: AgeingBuckets)] = [:]
        for row in try await reads.ageing(asOf: asOf, kamId: kamId) { result[row.clientId] = (row.kamId, row.buckets) }
        let replayed = try await replayed(asOf: asOf, kamId: kamId)
        let kams = try await facts.kams(of: Array(replayed.keys))
        for (client, state) in replayed where !state.openInvoices.isEmpty {
            result[client] = (kams[client], AgeingBuckets.of(state, asOf: asOf))
        }
        return result
    }

    /// The clients whose stored book does not hold `asOf`, replayed up to it.
    private func replayed(asOf: BusinessDate, kamId: String?) async throws -> [String: LedgerState] {
        let ids = try await reads.clientsToReplay(asOf: asOf, kamId: kamId)
        if ids.isEmpty { return [:] }
        let docs = try await facts.documents(clientIds: ids, asOf: asOf)
        return docs.mapValues { LedgerBook.replay($0).state }
    }
}
