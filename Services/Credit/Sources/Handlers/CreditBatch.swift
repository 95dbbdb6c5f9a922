import Contracts
import Foundation
import ServiceKit

/// One consumed batch, set-based, under the locks of all its clients (`ClientLocks`):
/// first the facts — clients and their limits, open items, ledger documents, ended orders, one
/// statement each — then the checks: every check client by client in arrival order (those
/// that waited for their client first), judged in memory on positions loaded with one query,
/// each seeing the reservations approved before it, and written with one statement each.
///
/// Facts before checks: they arrive on other topics than the checks, so no order between them
/// is defined; a check judged on the newest facts of its batch is one legitimate interleaving.
struct CreditBatch {
    let context: MessageContext
    let settings: CreditSettings

    func run(_ batch: [IncomingMessage]) async throws {
        try await ClientLocks.lock(batch.compactMap { CreditHandler.clientId(of: $0.message) }, on: context.connection, logger: context.logger)
        let store = CreditStore(connection: context.connection, logger: context.logger)
        var upserts: [(item: IncomingMessage, client: ClientUpserted, at: Date)] = []
        var snapshots: [String: ClientOpenItemsChanged] = [:]
        var docs: [CreditStore.LedgerDocument] = []
        var ends: [(orderId: String, clientId: String, status: String)] = []
        var endedInBatch = Set<String>()
        var requests: [(item: IncomingMessage, request: CreditCheckRequested)] = []
        for item in batch {
            switch item.message {
            case .clientUpserted(let e): upserts.append((item, e.payload, e.occurredAt))
            case .clientOpenItemsChanged(let e):
                if (snapshots[e.payload.clientId]?.version ?? .min) < e.payload.version { snapshots[e.payload.clientId] = e.payload }
            case .invoiceIssued(let e):
                let p = e.payload
                docs.append(.init(kind: "invoice", docId: p.invoiceId, clientId: p.clientId, orderId: p.orderId, amount: p.amount, date: p.issuedOn))
            case .paymentReceived(let e):
                let p = e.payload
                docs.append(.init(kind: "payment", docId: p.paymentId, clientId: p.clientId, orderId: nil, amount: p.amount, date: p.receivedOn))
            case .creditNoteIssued(let e):
                let p = e.payload
                docs.append(.init(kind: "credit_note", docId: p.creditNoteId, clientId: p.clientId, orderId: p.orderId, amount: p.amount, date: p.issuedOn))
            case .orderCancelled(let e):
                if endedInBatch.insert(e.payload.orderId).inserted { ends.append((e.payload.orderId, e.payload.clientId, "cancelled")) }
            case .orderCompleted(let e):
                if endedInBatch.insert(e.payload.orderId).inserted { ends.append((e.payload.orderId, e.payload.clientId, "completed")) }
            case .creditCheckRequested(let e): requests.append((item, e.payload))
            default: break
            }
        }
        try await applyUpserts(upserts, store: store)
        try await store.saveOpenItems(snapshots.keys.sorted().compactMap { snapshots[$0] }, at: context.now)
        try await store.record(docs)
        try await store.endOrders(ends, at: context.now)
        try await decideChecks(requests, waitingFor: upserts, store: store)
    }

    /// A newer upsert replaces the client; its contract limit goes through the limit rules (a
    /// head's limit survives an unchanged ERP limit) and every change is audited.
    private func applyUpserts(_ upserts: [(item: IncomingMessage, client: ClientUpserted, at: Date)], store: CreditStore) async throws {
        if upserts.isEmpty { return }
        var state = try await store.storedLimits(Array(Set(upserts.map(\.client.clientId))).sorted())
        var latest: [String: (client: ClientUpserted, occurredAt: Date, limits: CreditLimitState)] = [:]
        var changes: [(change: LimitChange, clientId: String, at: Date)] = []
        for (_, client, at) in upserts {
            let stored = state[client.clientId]
            if let stored, stored.occurredAt >= at { continue }
            let (limits, change) = CreditLimitRules.erpUpserted(stored?.limits, contract: client.contract)
            state[client.clientId] = (at, limits)
            latest[client.clientId] = (client, at, limits)
            if let change { changes.append((change, client.clientId, at)) }
        }
        try await store.saveClients(latest.keys.sorted().compactMap { latest[$0] })
        try await store.appendLimitChanges(changes)
    }

    /// Decides the checks that waited for a client upserted in this batch, then the new ones.
    private func decideChecks(_ requests: [(item: IncomingMessage, request: CreditCheckRequested)],
                              waitingFor upserts: [(item: IncomingMessage, client: ClientUpserted, at: Date)],
                              store: CreditStore) async throws {
        // Checks that waited for their client's master data are decided now, in arrival order;
        // what they publish is caused by the upsert that released them.
        var released: [String: IncomingMessage] = [:]
        for u in upserts { released[u.client.clientId] = u.item }
        let waiting = try await store.pendingChecks(clientIds: released.keys.sorted())
        if waiting.isEmpty && requests.isEmpty { return }
        let facts = try await store.orderFacts(waiting.map(\.orderId) + requests.map(\.request.orderId))
        // A repeated request (same orderId, also twice in this batch) changes nothing.
        var seen = Set<String>()
        var fresh: [(item: IncomingMessage, request: CreditCheckRequested)] = []
        for r in requests where facts[r.request.orderId]?.checked != true && seen.insert(r.request.orderId).inserted { fresh.append(r) }

        // Per client, in order: the waiting checks first (they came earlier), then the new ones.
        var queues: [String: [(item: IncomingMessage?, request: CreditCheckRequested, waited: Bool)]] = [:]
        var clientOrder: [String] = []
        func enqueue(_ item: IncomingMessage?, _ request: CreditCheckRequested, waited: Bool) {
            if queues[request.clientId] == nil { clientOrder.append(request.clientId) }
            queues[request.clientId, default: []].append((item, request, waited))
        }
        for request in waiting { enqueue(released[request.clientId], request, waited: true) }
        for r in fresh { enqueue(r.item, r.request, waited: false) }
        let credits = try await store.credits(clientOrder)

        var inserts: [(request: CreditCheckRequested, decision: CreditStore.Decision?)] = []
        var decidedWaiting: [(orderId: String, decision: CreditStore.Decision)] = []
        var opens: [(orderId: String, clientId: String, total: Money)] = []
        for clientId in clientOrder {
            let queue = queues[clientId] ?? []
            // No decision on partial knowledge: an unknown client's checks wait for its ClientUpserted.
            guard let credit = credits[clientId] else {
                inserts += queue.filter { !$0.waited }.map { (request: $0.request, decision: CreditStore.Decision?.none) }
                continue
            }
            let checks = queue.map { q in
                SequentialChecks.Check(orderId: q.request.orderId, total: q.request.total, orderDate: q.request.businessDate,
                                       ended: facts[q.request.orderId]?.ended ?? false, invoiced: facts[q.request.orderId]?.invoiced ?? .zero)
            }
            let (decisions, _) = SequentialChecks.decide(checks, position: credit.position, openInvoices: credit.openItems?.openInvoices ?? [],
                                                         graceDays: settings.overdueGraceDays)
            for (q, d) in zip(queue, decisions) {
                let decision = CreditStore.Decision(outcome: d.outcome, reasons: d.reasons, exposure: d.exposure, at: context.now)
                if q.waited { decidedWaiting.append((q.request.orderId, decision)) } else { inserts.append((q.request, decision)) }
                if d.outcome == .approved { opens.append((q.request.orderId, clientId, q.request.total)) }
                if let item = q.item { context.handling(item) }
                try context.emit(CreditCheckDecided(orderId: q.request.orderId, clientId: clientId, outcome: d.outcome, reasons: d.reasons,
                                                    exposure: d.exposure, creditLimit: credit.client.creditLimit, decidedAt: context.now),
                                 on: Topics.creditDecisions, key: clientId)
            }
        }
        try await store.insertChecks(inserts)
        try await store.saveDecisions(decidedWaiting)
        try await store.openOrders(opens, at: context.now)
    }
}
