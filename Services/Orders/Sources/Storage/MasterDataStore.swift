import Contracts
import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// SQL of the orders service's master data (clients, price lists) and its generation counter.
/// Every write takes the next generation in the same statement (`UPDATE … RETURNING`), which
/// locks the counter row until commit: generations are handed out in commit order, so a reader
/// that sees generation G sees every row written with a generation up to G.
struct MasterDataStore {
    let connection: PostgresConnection
    let logger: Logger

    struct Changes: Sendable {
        var generation: Int64
        var clients: [MasterDataCache.Client] = []
        var lists: [MasterDataCache.PriceListHeader] = []
    }

    /// In one statement (one snapshot): the current generation, the `clients` asked for, and
    /// every client and price list header written after generation `last` (all headers when
    /// `last` is negative: nothing was read yet).
    func changes(since last: Int64, clients: [String]) async throws -> Changes {
        let rows = try await connection.query("""
            WITH g AS (SELECT generation FROM master_data_generation WHERE id = 1)
            SELECT 1, c.doc::text, c.occurred_at, c.generation, g.generation FROM clients c, g
              WHERE c.client_id = ANY(\(clients)::text[]) OR (\(last) >= 0 AND c.generation > \(last))
            UNION ALL
            SELECT 2, p.price_list_id || ' ' || p.effective_from::text, p.occurred_at, p.generation, g.generation
              FROM price_lists p, g WHERE p.generation > \(last)
            UNION ALL
            SELECT 0, NULL, NULL, NULL, g.generation FROM g
            """, logger: logger)
        var changes = Changes(generation: 0)
        for try await (kind, text, at, generation, current) in rows.decode((Int, String?, Date?, Int64?, Int64).self) {
            changes.generation = current
            guard let text, let at, let generation else { continue }
            if kind == 1 {
                let client = try JSONColumn.value(ClientUpserted.self, from: text)
                changes.clients.append(MasterDataCache.Client(terms: OrdersStore.terms(client), occurredAt: at, generation: generation))
            } else if kind == 2, let space = text.lastIndex(of: " ") {
                changes.lists.append(MasterDataCache.PriceListHeader(
                    priceListId: String(text[..<space]), effectiveFrom: try BusinessDate(parsing: String(text[text.index(after: space)...])),
                    occurredAt: at, generation: generation))
            }
        }
        return changes
    }

    /// The named price lists with all their items.
    func priceLists(_ ids: [String]) async throws -> [(MasterDataCache.PriceListHeader, [String: [Money]])] {
        let rows = try await connection.query("""
            SELECT p.price_list_id, p.effective_from::text, p.occurred_at, p.generation, i.sku, i.prices
            FROM price_lists p LEFT JOIN price_list_items i USING (price_list_id)
            WHERE p.price_list_id = ANY(\(ids)::text[])
            """, logger: logger)
        var lists: [String: (MasterDataCache.PriceListHeader, [String: [Money]])] = [:]
        for try await (id, from, at, generation, sku, kopecks) in rows.decode((String, String, Date, Int64, String?, [Int64]?).self) {
            if lists[id] == nil {
                lists[id] = (MasterDataCache.PriceListHeader(priceListId: id, effectiveFrom: try BusinessDate(parsing: from),
                                                             occurredAt: at, generation: generation), [:])
            }
            if let sku, let kopecks { lists[id]?.1[sku] = kopecks.map { Money(kopecks: $0) } }
        }
        return Array(lists.values)
    }

    /// Upserts clients (one row per client), keeping a stored upsert with a later `occurredAt`;
    /// returns the generation and the ids actually written.
    func upsertClients(_ clients: [(ClientUpserted, Date)]) async throws -> (Int64, Set<String>) {
        let ids = clients.map(\.0.clientId)
        let kams = clients.map(\.0.kamId)
        let times = clients.map(\.1)
        let docs = try clients.map { try JSONColumn.text($0.0) }
        let rows = try await connection.query("""
            WITH g AS (UPDATE master_data_generation SET generation = generation + 1 WHERE id = 1 RETURNING generation)
            INSERT INTO clients (client_id, kam_id, occurred_at, doc, generation)
            SELECT x.c, x.k, x.t, x.d::jsonb, g.generation FROM unnest(\(ids)::text[], \(kams)::text[], \(times)::timestamptz[], \(docs)::text[]) AS x(c, k, t, d), g
            ON CONFLICT (client_id) DO UPDATE SET kam_id = EXCLUDED.kam_id, occurred_at = EXCLUDED.occurred_at, doc = EXCLUDED.doc,
                generation = EXCLUDED.generation
            WHERE clients.occurred_at < EXCLUDED.occurred_at
            RETURNING client_id, generation
            """, logger: logger)
        var written = Set<String>()
        var generation: Int64 = 0
        for try await (id, g) in rows.decode((String, Int64).self) {
            written.insert(id)
            generation = g
        }
        return (generation, written)
    }

    /// Stores a price list unless a newer publication of the same id is there; returns its
    /// generation when it was written.
    func upsertPriceList(_ list: PriceListPublished, occurredAt: Date) async throws -> Int64? {
        let changed = try await connection.query("""
            WITH g AS (UPDATE master_data_generation SET generation = generation + 1 WHERE id = 1 RETURNING generation)
            INSERT INTO price_lists (price_list_id, effective_from, occurred_at, generation)
            SELECT \(list.priceListId), \(list.effectiveFrom.description)::date, \(occurredAt), g.generation FROM g
            ON CONFLICT (price_list_id) DO UPDATE SET effective_from = EXCLUDED.effective_from, occurred_at = EXCLUDED.occurred_at,
                generation = EXCLUDED.generation
            WHERE price_lists.occurred_at < EXCLUDED.occurred_at
            RETURNING generation
            """, logger: logger)
        var generation: Int64?
        for try await g in changed.decode(Int64.self) { generation = g }
        guard generation != nil else { return nil }
        try await connection.query("DELETE FROM price_list_items WHERE price_list_id = \(list.priceListId)", logger: logger)
        let skus = list.items.map(\.sku)
        let prices = list.items.map { $0.prices.map { String($0.kopecks) }.joined(separator: ",") }
        try await connection.query("""
            INSERT INTO price_list_items (price_list_id, sku, prices)
            SELECT \(list.priceListId), s, string_to_array(p, ',')::bigint[] FROM unnest(\(skus)::text[], \(prices)::text[]) AS x(s, p)
            ON CONFLICT DO NOTHING
            """, logger: logger)
        return generation
    }
}
