import Contracts
import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// SQL of the orders schema. Works on the caller's connection (inside its transaction).
struct OrdersStore {
    let connection: PostgresConnection
    let logger: Logger

    init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    static func terms(_ c: ClientUpserted) -> ClientTerms {
        ClientTerms(clientId: c.clientId, kamId: c.kamId, status: c.status, contract: c.contract)
    }

    // MARK: master data

    /// The stored client (HTTP reads it straight from the table; batches use `MasterDataCache`).
    func client(_ clientId: String) async throws -> ClientTerms? {
        let rows = try await connection.query("SELECT doc::text FROM clients WHERE client_id = \(clientId)", logger: logger)
        for try await doc in rows.decode(String.self) {
            return Self.terms(try Self.decode(ClientUpserted.self, doc))
        }
        return nil
    }

    // MARK: orders

    /// The stored orders among `orderIds`, locked for the rest of the transaction (one query).
    func lockOrders(_ orderIds: [String]) async throws -> [String: OrderRecord] {
        if orderIds.isEmpty { return [:] }
        let rows = try await connection.query("""
            SELECT doc::text FROM orders WHERE order_id = ANY(\(orderIds)::text[]) ORDER BY order_id FOR UPDATE
            """, logger: logger)
        var result: [String: OrderRecord] = [:]
        for try await doc in rows.decode(String.self) {
            let record = try Self.decode(OrderRecord.self, doc)
            result[record.orderId] = record
        }
        return result
    }

    /// Inserts new orders with one statement; returns the ids that were not there yet.
    func insert(_ records: [OrderRecord]) async throws -> Set<String> {
        if records.isEmpty { return [] }
        let c = try Columns(records)
        let rows = try await connection.query("""
            INSERT INTO orders (order_id, client_id, kam_id, status, stage, parked_until, updated_at, placed_at, doc)
            SELECT x.id, x.client, NULLIF(x.kam, ''), x.status, x.stage, CASE WHEN x.parked THEN x.parked_until END, x.updated,
                   CASE WHEN x.placed THEN x.placed_at END, x.doc::json
            FROM unnest(\(c.ids)::text[], \(c.clients)::text[], \(c.kams)::text[], \(c.statuses)::text[], \(c.stages)::text[],
                        \(c.hasParkedUntil)::bool[], \(c.parkedUntil)::timestamptz[], \(c.updatedAt)::timestamptz[],
                        \(c.hasPlacedAt)::bool[], \(c.placedAt)::timestamptz[], \(c.docs)::text[])
                 AS x(id, client, kam, status, stage, parked, parked_until, updated, placed, placed_at, doc)
            ON CONFLICT (order_id) DO NOTHING RETURNING order_id
            """, logger: logger)
        var inserted = Set<String>()
        for try await id in rows.decode(String.self) { inserted.insert(id) }
        return inserted
    }

    /// Saves changed orders (each at most once) with one statement.
    func update(_ records: [OrderRecord]) async throws {
        if records.isEmpty { return }
        let c = try Columns(records)
        try await connection.query("""
            UPDATE orders o SET kam_id = NULLIF(x.kam, ''), status = x.status, stage = x.stage,
                parked_until = CASE WHEN x.parked THEN x.parked_until END, updated_at = x.updated, doc = x.doc::json
            FROM unnest(\(c.ids)::text[], \(c.kams)::text[], \(c.statuses)::text[], \(c.stages)::text[], \(c.hasParkedUntil)::bool[],
                        \(c.parkedUntil)::timestamptz[], \(c.updatedAt)::timestamptz[], \(c.docs)::text[])
                 AS x(id, kam, status, stage, parked, parked_until, updated, doc)
            WHERE o.order_id = x.id
            """, logger: logger)
    }

    /// Orders as column arrays for `unnest` (arrays cannot hold NULL here: flags say which are set).
    private struct Columns {
        var ids: [String] = [], clients: [String] = [], kams: [String] = [], statuses: [String] = [], stages: [String] = []
        var hasParkedUntil: [Bool] = [], parkedUntil: [Date] = [], updatedAt: [Date] = [], hasPlacedAt: [Bool] = []
        var placedAt: [Date] = [], docs: [String] = []

        init(_ records: [OrderRecord]) throws {
            for r in records {
                ids.append(r.orderId)
                clients.append(r.clientId)
                kams.append(r.kamId ?? "")
                statuses.append(r.status.rawValue)
                stages.append(r.stage.rawValue)
                hasParkedUntil.append(r.parkedUntil != nil)
                parkedUntil.append(r.parkedUntil ?? r.updatedAt)
                updatedAt.append(r.updatedAt)
                hasPlacedAt.append(r.placedAt != nil)
                placedAt.append(r.placedAt ?? r.updatedAt)
                docs.append(try OrdersStore.json(r))
            }
        }
    }

    func save(_ record: OrderRecord) async throws {
        let doc = try Self.json(record)
        try await connection.query("""
            UPDATE orders SET kam_id = \(record.kamId), status = \(record.status.rawValue), stage = \(record.stage.rawValue),
                parked_until = \(record.parkedUntil), updated_at = \(record.updatedAt), doc = \(doc)::json
            WHERE order_id = \(record.orderId)
            """, logger: logger)
    }

    func order(_ orderId: String, forUpdate: Bool = false) async throws -> OrderRecord? {
        let rows = forUpdate
            ? try await connection.query("SELECT doc::text FROM orders WHERE order_id = \(orderId) FOR UPDATE", logger: logger)
            : try await connection.query("SELECT doc::text FROM orders WHERE order_id = \(orderId)", logger: logger)
        for try await doc in rows.decode(String.self) { return try Self.decode(OrderRecord.self, doc) }
        return nil
    }

    /// Parked orders, locked; ones another worker holds are skipped.
    func lockParked(limit: Int) async throws -> [OrderRecord] {
        let rows = try await connection.query("""
            SELECT doc::text FROM orders WHERE parked_until IS NOT NULL AND stage = 'parked' ORDER BY parked_until LIMIT \(limit) FOR UPDATE SKIP LOCKED
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

    static func json(_ value: some Encodable) throws -> String { try JSONColumn.document(value) }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T { try JSONColumn.value(T.self, from: text) }
}
