import Contracts
import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// SQL of the orders schema. Works on the caller's connection (inside its transaction).
struct OrdersStore {
    let connection: PostgresConnection
    let logger: Logger
    /// Clients and orders the consumer loaded for the whole batch; reads and writes go through it.
    var cache: OrdersBatchCache?

    init(connection: PostgresConnection, logger: Logger, cache: OrdersBatchCache? = nil) {
        self.connection = connection
        self.logger = logger
        self.cache = cache
    }

    /// Loads the batch's clients and, locked, the orders credit answered about: two queries
    /// instead of one per message.
    func prefetch(clientIds: [String], orderIds: [String]) async throws -> OrdersBatchCache {
        let cache = OrdersBatchCache()
        if !clientIds.isEmpty {
            cache.missingClients = Set(clientIds)
            let rows = try await connection.query("SELECT doc::text FROM clients WHERE client_id = ANY(\(clientIds)::text[])", logger: logger)
            for try await doc in rows.decode(String.self) {
                let terms = Self.terms(try Self.decode(ClientUpserted.self, doc))
                cache.clients[terms.clientId] = terms
                cache.missingClients.remove(terms.clientId)
            }
        }
        if !orderIds.isEmpty {
            let rows = try await connection.query("""
                SELECT doc::text FROM orders WHERE order_id = ANY(\(orderIds)::text[]) FOR UPDATE
                """, logger: logger)
            for try await doc in rows.decode(String.self) {
                let record = try Self.decode(OrderRecord.self, doc)
                cache.orders[record.orderId] = record
            }
        }
        return cache
    }

    static func terms(_ c: ClientUpserted) -> ClientTerms {
        ClientTerms(clientId: c.clientId, kamId: c.kamId, status: c.status, contract: c.contract)
    }

    // MARK: master data

    /// Keeps the upsert with the latest `occurredAt`; an older one arriving late changes nothing.
    func upsertClient(_ client: ClientUpserted, occurredAt: Date) async throws {
        cache?.forget(clientId: client.clientId)
        let doc = try Self.json(client)
        try await connection.query("""
            INSERT INTO clients (client_id, kam_id, occurred_at, doc) VALUES (\(client.clientId), \(client.kamId), \(occurredAt), \(doc)::jsonb)
            ON CONFLICT (client_id) DO UPDATE SET kam_id = EXCLUDED.kam_id, occurred_at = EXCLUDED.occurred_at, doc = EXCLUDED.doc
            WHERE clients.occurred_at < EXCLUDED.occurred_at
            """, logger: logger)
    }

    func client(_ clientId: String) async throws -> ClientTerms? {
        if let cached = cache?.clients[clientId] { return cached }
        if cache?.missingClients.contains(clientId) == true { return nil }
        let rows = try await connection.query("SELECT doc::text FROM clients WHERE client_id = \(clientId)", logger: logger)
        for try await doc in rows.decode(String.self) {
            return Self.terms(try Self.decode(ClientUpserted.self, doc))
        }
        return nil
    }

    /// Stores a price list unless a newer publication of the same id is already there.
    func upsertPriceList(_ list: PriceListPublished, occurredAt: Date) async throws {
        let changed = try await connection.query("""
            INSERT INTO price_lists (price_list_id, effective_from, occurred_at)
            VALUES (\(list.priceListId), \(list.effectiveFrom.description)::date, \(occurredAt))
            ON CONFLICT (price_list_id) DO UPDATE SET effective_from = EXCLUDED.effective_from, occurred_at = EXCLUDED.occurred_at
            WHERE price_lists.occurred_at < EXCLUDED.occurred_at
            RETURNING price_list_id
            """, logger: logger).collect()
        guard !changed.isEmpty else { return }
        try await connection.query("DELETE FROM price_list_items WHERE price_list_id = \(list.priceListId)", logger: logger)
        let skus = list.items.map(\.sku)
        let prices = list.items.map { $0.prices.map { String($0.kopecks) }.joined(separator: ",") }
        try await connection.query("""
            INSERT INTO price_list_items (price_list_id, sku, prices)
            SELECT \(list.priceListId), s, string_to_array(p, ',')::bigint[] FROM unnest(\(skus)::text[], \(prices)::text[]) AS x(s, p)
            ON CONFLICT DO NOTHING
            """, logger: logger)
    }

    /// The price list effective on `date` (latest effectiveFrom on or before it; ties → latest
    /// publication), reduced to `skus`.
    func priceBook(on date: BusinessDate, skus: [String]) async throws -> PriceBook? {
        // One round trip: the effective list, joined to the requested SKUs it has (a list
        // without any of them still yields one row with NULL item columns).
        let rows = try await connection.query("""
            WITH effective AS (
              SELECT price_list_id FROM price_lists WHERE effective_from <= \(date.description)::date
              ORDER BY effective_from DESC, occurred_at DESC LIMIT 1)
            SELECT e.price_list_id, i.sku, i.prices FROM effective e
            LEFT JOIN price_list_items i ON i.price_list_id = e.price_list_id AND i.sku = ANY(\(skus)::text[])
            """, logger: logger)
        var book: PriceBook?
        for try await (id, sku, kopecks) in rows.decode((String, String?, [Int64]?).self) {
            if book == nil { book = PriceBook(priceListId: id, prices: [:]) }
            if let sku, let kopecks { book?.prices[sku] = kopecks.map { Money(kopecks: $0) } }
        }
        return book
    }

    // MARK: orders

    /// Inserts a new order; false when the orderId exists (a resent document).
    func insert(_ record: OrderRecord) async throws -> Bool {
        let doc = try Self.json(record)
        let rows = try await connection.query("""
            INSERT INTO orders (order_id, client_id, kam_id, status, stage, parked_until, updated_at, placed_at, doc)
            VALUES (\(record.orderId), \(record.clientId), \(record.kamId), \(record.status.rawValue), \(record.stage.rawValue),
                    \(record.parkedUntil), \(record.updatedAt), \(record.placedAt), \(doc)::jsonb)
            ON CONFLICT (order_id) DO NOTHING RETURNING order_id
            """, logger: logger).collect()
        return !rows.isEmpty
    }

    func save(_ record: OrderRecord) async throws {
        if cache?.orders[record.orderId] != nil { cache?.orders[record.orderId] = record }
        let doc = try Self.json(record)
        try await connection.query("""
            UPDATE orders SET kam_id = \(record.kamId), status = \(record.status.rawValue), stage = \(record.stage.rawValue),
                parked_until = \(record.parkedUntil), updated_at = \(record.updatedAt), doc = \(doc)::jsonb
            WHERE order_id = \(record.orderId)
            """, logger: logger)
    }

    func order(_ orderId: String, forUpdate: Bool = false) async throws -> OrderRecord? {
        if let cached = cache?.orders[orderId] { return cached }
        let rows = forUpdate
            ? try await connection.query("SELECT doc::text FROM orders WHERE order_id = \(orderId) FOR UPDATE", logger: logger)
            : try await connection.query("SELECT doc::text FROM orders WHERE order_id = \(orderId)", logger: logger)
        for try await doc in rows.decode(String.self) { return try Self.decode(OrderRecord.self, doc) }
        return nil
    }

    /// Parked orders, locked; ones another worker holds are skipped.
    func lockParked(limit: Int) async throws -> [OrderRecord] {
        let rows = try await connection.query("""
            SELECT doc::text FROM orders WHERE stage = 'parked' ORDER BY parked_until LIMIT \(limit) FOR UPDATE SKIP LOCKED
            """, logger: logger)
        var result: [OrderRecord] = []
        for try await doc in rows.decode(String.self) { result.append(try Self.decode(OrderRecord.self, doc)) }
        return result
    }

    /// Newest first (by placement); a KAM's list holds only the clients it owns now.
    func list(clientId: String?, status: OrderStatus?, ownedBy kamId: String?, page: Page) async throws -> [OrderRecord] {
        let rows = try await connection.query("""
            SELECT doc::text FROM orders
            WHERE (\(clientId)::text IS NULL OR client_id = \(clientId))
              AND (\(status?.rawValue)::text IS NULL OR status = \(status?.rawValue))
              AND (\(kamId)::text IS NULL OR client_id IN (SELECT client_id FROM clients WHERE kam_id = \(kamId)))
            ORDER BY placed_at DESC NULLS LAST, order_id DESC LIMIT \(page.fetchLimit) OFFSET \(page.offset)
            """, logger: logger)
        var result: [OrderRecord] = []
        for try await doc in rows.decode(String.self) { result.append(try Self.decode(OrderRecord.self, doc)) }
        return result
    }

    static func json(_ value: some Encodable) throws -> String { try JSONColumn.text(value) }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T { try JSONColumn.value(T.self, from: text) }
}
