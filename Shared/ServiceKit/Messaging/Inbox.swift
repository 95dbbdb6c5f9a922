import Logging
import PostgresNIO

/// The idempotent inbox: `(consumer, messageId)` rows written in the handler's transaction.
enum Inbox {
    /// Records the ids and returns those that were new (not processed before).
    static func claim(_ ids: [String], consumer: String, on connection: PostgresConnection, logger: Logger) async throws -> Set<String> {
        if ids.isEmpty { return [] }
        var fresh = Set<String>()
        let rows = try await connection.query("""
            INSERT INTO inbox (consumer, message_id) SELECT \(consumer), unnest(\(ids)::text[])
            ON CONFLICT DO NOTHING RETURNING message_id
            """, logger: logger)
        for try await id in rows.decode(String.self) { fresh.insert(id) }
        return fresh
    }
}
