import Contracts
import Foundation
import Logging
import PostgresNIO
import ServiceKit
import Testing
import TestSupport
@testable import Orders

/// The order document in PostgreSQL: kept as the text the service wrote (json, migration 106),
/// and orders stored as jsonb before that migration still read back whole.
@Suite("Orders: the order document against PostgreSQL", .serialized, .enabled(if: TestStack.isAvailable))
struct OrderDocumentStorageTests {
    static let log = TestStack.logger

    @Test("an order stored as jsonb before migration 106 reads back the same after it; a new write is stored byte for byte")
    func migratesAndStoresAsWritten() async throws {
        let (_, urls) = try await TestStack.provisionDatabase(schemas: ["orders"])
        let conn = try await urls["orders"]!.connect(logger: Self.log)
        _ = try await Migrator.apply(OrdersMigrations.all.filter { $0.version < 106 }, schema: "orders", on: conn, logger: Self.log)
        let store = OrdersStore(connection: conn, logger: Self.log)
        var record = OrderRecordJSONTests.full
        #expect(try await store.insert([record]) == ["O-1"])
        let before = try await conn.query("SELECT pg_typeof(doc)::text, doc::text FROM orders", logger: Self.log)
            .collect().first?.decode((String, String).self)
        #expect(before?.0 == "jsonb")
        #expect(before?.1 != (try JSONColumn.document(record)), "jsonb reprints the document in its own form")

        _ = try await Migrator.apply(OrdersMigrations.all, schema: "orders", on: conn, logger: Self.log)
        #expect(try await store.order("O-1") == record)

        record.status = .confirmed
        record.comment = "одобрено"
        try await store.update([record])
        let after = try await conn.query("SELECT pg_typeof(doc)::text, doc::text FROM orders", logger: Self.log)
            .collect().first?.decode((String, String).self)
        #expect(after?.0 == "json")
        #expect(after?.1 == (try JSONColumn.document(record)))
        #expect(try await store.order("O-1", forUpdate: true) == record)
        try await conn.close()
    }
}
