import Logging
import PostgresNIO

/// Creates a service's own role and schema with an administrator connection. The role can
/// touch only its schema; its search_path points there, so service SQL needs no prefixes.
public enum Provisioner {
    public static func provision(schema: String, role: String, password: String, database: String,
                                 on admin: PostgresConnection, logger: Logger) async throws {
        for name in [schema, role, database] where !isIdentifier(name) {
            throw MigrationError(description: "'\(name)' is not a plain SQL identifier")
        }
        let pw = password.replacingOccurrences(of: "'", with: "''")
        let statements = [
            """
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(role)') THEN
                CREATE ROLE \(role) LOGIN;
              END IF;
            END $$
            """,
            "ALTER ROLE \(role) WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '\(pw)'",
            "GRANT CONNECT ON DATABASE \(database) TO \(role)",
            "CREATE SCHEMA IF NOT EXISTS \(schema) AUTHORIZATION \(role)",
            "ALTER ROLE \(role) IN DATABASE \(database) SET search_path = \(schema)",
            // A client that hangs inside a transaction must not hold its locks for ever.
            "ALTER ROLE \(role) IN DATABASE \(database) SET idle_in_transaction_session_timeout = '60s'",
            "REVOKE ALL ON SCHEMA public FROM \(role)",
        ]
        // Concurrent provisioning of roles is racy in PostgreSQL (pg_authid unique violations):
        // serialise it cluster-wide.
        try await admin.transaction(logger: logger) { conn in
            try await conn.query("SELECT pg_advisory_xact_lock(424242)", logger: logger)
            for sql in statements { try await conn.query(PostgresQuery(unsafeSQL: sql), logger: logger) }
        }
    }

    public static func createDatabase(_ name: String, on admin: PostgresConnection, logger: Logger) async throws {
        guard isIdentifier(name) else { throw MigrationError(description: "'\(name)' is not a plain SQL identifier") }
        let exists = try await admin.query("SELECT 1 FROM pg_database WHERE datname = \(name)", logger: logger).collect()
        if exists.isEmpty {
            try await admin.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
        }
    }

    static func isIdentifier(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 63 && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            && !(s.first!.isNumber)
    }
}
