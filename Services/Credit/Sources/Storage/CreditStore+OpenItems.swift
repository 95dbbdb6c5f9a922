import Contracts
import Foundation
import ServiceKit

extension CreditStore {
    /// Keeps receivables' snapshot unless one with the same or a higher version is stored:
    /// a redelivered or late snapshot never replaces a newer one.
    func saveOpenItems(_ snapshot: ClientOpenItemsChanged, at now: Date) async throws {
        let doc = try JSONColumn.text(snapshot)
        try await connection.query("""
            INSERT INTO open_items (client_id, version, doc, received_at)
            VALUES (\(snapshot.clientId), \(snapshot.version), \(doc)::jsonb, \(now))
            ON CONFLICT (client_id) DO UPDATE SET version = EXCLUDED.version, doc = EXCLUDED.doc, received_at = EXCLUDED.received_at
            WHERE open_items.version < EXCLUDED.version
            """, logger: logger)
    }
}
