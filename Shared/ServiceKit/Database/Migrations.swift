import Logging
import PostgresNIO

/// One schema change. Versions are applied in ascending order, all pending ones in a
/// single transaction, so a service never starts on a half-migrated schema.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    public let statements: [String]

    public init(_ version: Int, _ name: String, _ statements: [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }
}

public struct MigrationError: Error, CustomStringConvertible {
    public let description: String

    public init(description: String) { self.description = description }
}

public enum Migrator {
    /// Applies `migrations` to `schema` once the database answers (a service may start before
    /// it): up to 30 connection attempts a second apart; a failing migration is not retried.
    public static func applyWhenReachable(_ migrations: [Migration], schema: String, database: DatabaseURL,
                                          logger: Logger) async throws {
        var lastError: (any Error)?
        for attempt in 1...30 {
            let connection: PostgresConnection
            do {
                connection = try await database.connect(logger: logger)
            } catch {
                lastError = error
                logger.warning("database not reachable yet", metadata: ["attempt": "\(attempt)", "database": "\(database)",
                                                                        "error": "\(String(reflecting: error))"])
                try await Task.sleep(for: .seconds(1))
                continue
            }
            defer { Task { try? await connection.close() } }
            _ = try await apply(migrations, schema: schema, on: connection, logger: logger)
            return
        }
        throw MigrationError(description: "cannot reach \(database): \(String(describing: lastError))")
    }

    /// Migrations every service shares: the idempotent inbox and the transactional outbox.
    /// Service migrations start at version 100.
    public static let platform: [Migration] = [
        Migration(1, "inbox", [
            """
            CREATE TABLE inbox (
                consumer     text        NOT NULL,
                message_id   text        NOT NULL,
                processed_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (consumer, message_id))
            """,
        ]),
        Migration(2, "outbox", [
            """
            CREATE TABLE outbox (
                id          bigserial   PRIMARY KEY,
                topic       text        NOT NULL,
                key         text,
                value       text        NOT NULL,
                traceparent text,
                created_at  timestamptz NOT NULL DEFAULT now())
            """,
        ]),
        Migration(3, "outbox_lease_refused_inbox_age", [
            // Which relay replica may publish: one row, taken when its lease has expired.
            """
            CREATE TABLE outbox_lease (
                id         int         PRIMARY KEY CHECK (id = 1),
                holder     text        NOT NULL,
                expires_at timestamptz NOT NULL)
            """,
            "INSERT INTO outbox_lease (id, holder, expires_at) VALUES (1, '', '-infinity')",
            // Rows the broker refused for good (too large, invalid), kept for operators.
            """
            CREATE TABLE outbox_refused (
                id          bigint      PRIMARY KEY,
                topic       text        NOT NULL,
                key         text,
                value       text        NOT NULL,
                traceparent text,
                created_at  timestamptz NOT NULL,
                refused_at  timestamptz NOT NULL DEFAULT now(),
                error       text        NOT NULL)
            """,
            // The inbox is purged by age.
            "CREATE INDEX inbox_processed_at ON inbox (processed_at)",
        ]),
    ]

    /// Applies what is pending. `schema` must be the role's current schema (set by provisioning).
    public static func apply(_ migrations: [Migration], schema: String, on connection: PostgresConnection, logger: Logger) async throws -> [Int] {
        let all = (platform + migrations).sorted { $0.version < $1.version }
        if Set(all.map(\.version)).count != all.count {
            throw MigrationError(description: "duplicate migration versions")
        }
        let current = try await connection.query("SELECT current_schema()", logger: logger)
            .collect().first?.decode(String?.self) ?? nil
        guard current == schema else {
            throw MigrationError(description: """
                the database role's current schema is \(current ?? "none"), expected \(schema): \
                provision it with `kamctl db provision --service \(schema)`
                """)
        }
        return try await connection.transaction(logger: logger) { conn in
            // One migrator at a time per schema, also across replicas starting together.
            try await conn.query("SELECT pg_advisory_xact_lock(hashtext(current_schema()))", logger: logger)
            try await conn.query("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
                """, logger: logger)
            var applied: [Int: String] = [:]
            for try await (v, n) in try await conn.query("SELECT version, name FROM schema_migrations", logger: logger)
                .decode((Int, String).self) {
                applied[v] = n
            }
            let known = Dictionary(uniqueKeysWithValues: all.map { ($0.version, $0.name) })
            for (v, n) in applied.sorted(by: { $0.key < $1.key }) where known[v] != n {
                throw MigrationError(description: """
                    schema \(schema) has migration \(v) '\(n)' that this build does not know \
                    (a newer build ran here, or migrations were edited after release)
                    """)
            }
            var done: [Int] = []
            for m in all where applied[m.version] == nil {
                for sql in m.statements {
                    try await conn.query(PostgresQuery(unsafeSQL: sql), logger: logger)
                }
                try await conn.query("INSERT INTO schema_migrations (version, name) VALUES (\(m.version), \(m.name))", logger: logger)
                done.append(m.version)
            }
            if !done.isEmpty { logger.info("migrations applied", metadata: ["versions": "\(done)"]) }
            return done
        }
    }
}
