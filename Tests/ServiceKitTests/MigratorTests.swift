import Logging
import PostgresNIO
import ServiceKit
import Testing
import TestSupport

@Suite("Migrations and provisioning against PostgreSQL", .enabled(if: TestStack.isAvailable))
struct MigratorTests {
    let v100 = Migration(100, "things", ["CREATE TABLE things (id int PRIMARY KEY)"])
    let v101 = Migration(101, "more", ["ALTER TABLE things ADD COLUMN name text", "CREATE INDEX things_name ON things (name)"])

    @Test("pending migrations apply in one go, once; a schema from an unknown build is refused")
    func applyOnce() async throws {
        let (_, urls) = try await TestStack.provisionDatabase(schemas: ["svc"])
        let conn = try await urls["svc"]!.connect(logger: TestStack.logger)
        #expect(try await Migrator.apply([v100], schema: "svc", on: conn, logger: TestStack.logger) == Migrator.platform.map(\.version) + [100])
        #expect(try await Migrator.apply([v100, v101], schema: "svc", on: conn, logger: TestStack.logger) == [101])
        #expect(try await Migrator.apply([v100, v101], schema: "svc", on: conn, logger: TestStack.logger) == [])
        // The tables landed in the service's own schema.
        let rows = try await conn.query("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'svc' AND table_name IN ('things', 'inbox', 'outbox')", logger: TestStack.logger).collect()
        #expect(try rows.first?.decode(Int.self) == 3)
        // A build that lacks migration 101 must not run on this schema.
        await #expect(throws: MigrationError.self) { try await Migrator.apply([v100], schema: "svc", on: conn, logger: TestStack.logger) }
        try await conn.close()
    }

    @Test("a failing migration leaves nothing behind")
    func atomic() async throws {
        let (_, urls) = try await TestStack.provisionDatabase(schemas: ["svc"])
        let conn = try await urls["svc"]!.connect(logger: TestStack.logger)
        let broken = Migration(101, "broken", ["CREATE TABLE half (id int)", "SELECT no_such_function()"])
        await #expect(throws: (any Error).self) { try await Migrator.apply([v100, broken], schema: "svc", on: conn, logger: TestStack.logger) }
        let rows = try await conn.query("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'svc'", logger: TestStack.logger).collect()
        #expect(try rows.first?.decode(Int.self) == 0)
        try await conn.close()
    }

    @Test("a service role cannot touch another service's schema")
    func isolation() async throws {
        let (_, urls) = try await TestStack.provisionDatabase(schemas: ["orders", "credit"])
        let orders = try await urls["orders"]!.connect(logger: TestStack.logger)
        let credit = try await urls["credit"]!.connect(logger: TestStack.logger)
        _ = try await Migrator.apply([v100], schema: "orders", on: orders, logger: TestStack.logger)
        await #expect(throws: PSQLError.self) {
            try await credit.query("SELECT * FROM orders.things", logger: TestStack.logger).collect()
        }
        await #expect(throws: PSQLError.self) {
            try await credit.query("CREATE TABLE orders.intruder (id int)", logger: TestStack.logger)
        }
        try await orders.close()
        try await credit.close()
    }
}
