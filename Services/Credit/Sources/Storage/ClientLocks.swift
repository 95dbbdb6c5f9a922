import Logging
import PostgresNIO

/// Transaction-scoped advisory locks per client: the consumer loop's batch and the head's
/// HTTP decisions on one client wait for each other, also across credit instances, so each
/// check sees every approval committed before it. Taken in clientId order, so two
/// transactions never wait for each other in a circle.
enum ClientLocks {
    /// Namespace of these locks (the first key of the two-key advisory lock).
    static let namespace: Int32 = 0x4352_4544 // "CRED"

    static func lock(_ clientIds: some Collection<String>, on connection: PostgresConnection, logger: Logger) async throws {
        let ids = Array(Set(clientIds))
        if ids.isEmpty { return }
        try await connection.query("""
            SELECT count(pg_advisory_xact_lock(\(namespace), key))
            FROM (SELECT DISTINCT hashtext(id) AS key FROM unnest(\(ids)::text[]) AS id ORDER BY key) AS ordered
            """, logger: logger)
    }
}
