import Contracts
import Foundation
import ServiceKit

/// One consumed batch, set-based: master data written first (one statement for the clients,
/// a few per price list, which are rare), the batch's orders loaded and locked with one query,
/// every message applied in arrival order in memory, then new orders inserted and changed ones
/// updated with one statement each. A batch of orders costs the same handful of statements
/// whatever its size.
struct OrdersBatch {
    let context: MessageContext
    let cache: MasterDataCache
    let grace: Duration

    /// Another instance inserted one of the batch's new orders meanwhile (a rebalance): the
    /// batch is rolled back and retried, and then finds that order stored.
    struct ConcurrentInsert: Error, CustomStringConvertible {
        let orderIds: [String]
        var description: String { "orders inserted concurrently: \(orderIds.prefix(5).joined(separator: ", "))" }
    }

    /// Handles the batch; true when master data changed (parked orders may now be decidable).
    func run(_ batch: [IncomingMessage]) async throws -> Bool {
        var placedClients = Set<String>()
        var orderIds: [String] = []
        var upserts: [(ClientUpserted, Date)] = []
        var priceLists: [(PriceListPublished, Date)] = []
        for item in batch {
            switch item.message {
            case .clientUpserted(let e): upserts.append((e.payload, e.occurredAt))
            case .priceListPublished(let e): priceLists.append((e.payload, e.occurredAt))
            case .orderPlaced(let e):
                placedClients.insert(e.payload.clientId)
                orderIds.append(e.payload.orderId)
            case .orderCancelled(let e): orderIds.append(e.payload.orderId)
            case .orderCompleted(let e): orderIds.append(e.payload.orderId)
            case .creditCheckDecided(let e): orderIds.append(e.payload.orderId)
            default: break
            }
        }
        let store = OrdersStore(connection: context.connection, logger: context.logger)
        // A batch of credit answers alone needs no master data: no query for it.
        var master = MasterDataView(MasterDataCache.State())
        if !placedClients.isEmpty || !upserts.isEmpty || !priceLists.isEmpty {
            master = MasterDataView(try await cache.refresh(clientIds: placedClients.union(upserts.map(\.0.clientId)),
                                                            on: context.connection, logger: context.logger))
        }
        // Master data before orders: messages of different topics have no order between them,
        // and an order decided with the newest master data the batch knows is never worse.
        let masterChanged = try await writeMasterData(upserts, priceLists, into: &master)
        var dates = Set<BusinessDate>()
        for item in batch { if case .orderPlaced(let e) = item.message { dates.insert(context.calendar.businessDate(of: e.payload.placedAt)) } }
        let lacking = master.listsWithoutItems(on: dates)
        if !lacking.isEmpty { master.known = try await cache.loadItems(of: lacking, on: context.connection, logger: context.logger) }

        var orders = try await store.lockOrders(Array(Set(orderIds)).sorted())
        var inserted: [String] = []
        var isNew = Set<String>()
        var updated = Set<String>()
        func put(_ record: OrderRecord, new: Bool) {
            if new {
                inserted.append(record.orderId)
                isNew.insert(record.orderId)
            } else if !isNew.contains(record.orderId) {
                updated.insert(record.orderId)
            }
            orders[record.orderId] = record
        }
        for item in batch {
            context.handling(item)
            switch item.message {
            case .orderPlaced(let e):
                // A resent document (same orderId, new messageId) finds the order and changes nothing.
                guard orders[e.payload.orderId] == nil else { continue }
                let record = OrderRecord.received(e.payload, businessDate: context.calendar.businessDate(of: e.payload.placedAt), at: context.now)
                let (decided, effects) = OrderProcessing.decide(record, master: master, context: context,
                                                                graceEnds: context.now.addingTimeInterval(Double(grace.components.seconds)))
                put(decided, new: true)
                try OrderProcessing.publish(effects, context: context)
            case .orderCancelled(let e):
                if let record = orders[e.payload.orderId] {
                    let next = OrderWorkflow.cancelled(record: record, now: context.now, reason: e.payload.reason)
                    if next != record { put(next, new: false) }
                } else {
                    put(Self.tombstone(e.payload, context: context), new: true)
                }
            case .orderCompleted(let e):
                guard let record = orders[e.payload.orderId] else { continue }
                let next = OrderWorkflow.completed(record: record, now: context.now)
                if next != record { put(next, new: false) }
            case .creditCheckDecided(let e):
                guard let record = orders[e.payload.orderId] else { continue }
                let (next, effects) = OrderWorkflow.creditDecided(e.payload, record: record, now: context.now)
                guard next != record else { continue }
                put(next, new: false)
                try OrderProcessing.publish(effects, context: context)
            default:
                break
            }
        }
        let written = try await store.insert(inserted.compactMap { orders[$0] })
        if written.count < inserted.count { throw ConcurrentInsert(orderIds: inserted.filter { !written.contains($0) }) }
        try await store.update(updated.sorted().compactMap { orders[$0] })
        return masterChanged
    }

    /// Writes the batch's clients (the latest upsert of each, one statement) and price lists;
    /// what was written joins `master` for the rest of the batch. True when anything changed.
    private func writeMasterData(_ upserts: [(ClientUpserted, Date)], _ priceLists: [(PriceListPublished, Date)],
                                 into master: inout MasterDataView) async throws -> Bool {
        let store = MasterDataStore(connection: context.connection, logger: context.logger)
        var latest: [String: (ClientUpserted, Date)] = [:]
        for (client, at) in upserts {
            // The latest occurredAt wins; an older upsert arriving late changes nothing.
            let current = latest[client.clientId]?.1 ?? master.clientEntry(client.clientId)?.occurredAt
            if current.map({ $0 < at }) ?? true { latest[client.clientId] = (client, at) }
        }
        var changed = false
        if !latest.isEmpty {
            let (generation, written) = try await store.upsertClients(latest.keys.sorted().compactMap { latest[$0] })
            for id in written {
                guard let (client, at) = latest[id] else { continue }
                master.clients[id] = MasterDataCache.Client(terms: OrdersStore.terms(client), occurredAt: at, generation: generation)
            }
            changed = !written.isEmpty
        }
        for (list, at) in priceLists {
            guard let generation = try await store.upsertPriceList(list, occurredAt: at) else { continue }
            var prices: [String: [Money]] = [:]
            for item in list.items where prices[item.sku] == nil { prices[item.sku] = item.prices }
            master.lists[list.priceListId] = (MasterDataCache.PriceListHeader(priceListId: list.priceListId, effectiveFrom: list.effectiveFrom,
                                                                              occurredAt: at, generation: generation), prices)
            changed = true
        }
        return changed
    }

    /// Cancelled before we saw it: remembered, so a late OrderPlaced is not decided.
    static func tombstone(_ cancel: OrderCancelled, context: MessageContext) -> OrderRecord {
        let date = context.calendar.businessDate(of: cancel.cancelledAt)
        var record = OrderRecord.received(
            OrderPlaced(orderId: cancel.orderId, clientId: cancel.clientId, placedAt: cancel.cancelledAt, requestedDeliveryDate: date, lines: []),
            businessDate: date, at: context.now)
        record.history = []  // never placed as far as orders knows
        return OrderWorkflow.cancelled(record: record, now: context.now, reason: cancel.reason)
    }
}
