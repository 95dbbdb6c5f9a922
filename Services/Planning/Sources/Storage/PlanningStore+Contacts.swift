import Contracts
import Foundation
import PostgresNIO
import ServiceKit

/// The contact log.
extension PlanningStore {
    /// Logs a contact once: the same KAM, client, kind and instant again (a form sent twice)
    /// returns the contact already logged, with `created` false.
    func logContact(_ r: ContactRequest, on date: BusinessDate, by subject: String, at now: Date) async throws
        -> (contact: ContactRecord, created: Bool) {
        let id = UUID().uuidString.lowercased()
        let inserted = try await connection.query("""
            INSERT INTO contacts (contact_id, kam_id, client_id, kind, at, on_date, outcome, note, logged_by, logged_at)
            VALUES (\(id), \(r.kamId), \(r.clientId), \(r.kind.rawValue), \(r.at), \(date.description)::date, \(r.outcome),
                    \(r.note), \(subject), \(now))
            ON CONFLICT (kam_id, client_id, kind, at) DO NOTHING
            RETURNING contact_id
            """, logger: logger).collect()
        let rows = try await connection.query("""
            SELECT \(unescaped: Self.contactColumns) FROM contacts WHERE kam_id = \(r.kamId) AND client_id = \(r.clientId)
              AND kind = \(r.kind.rawValue) AND at = \(r.at)
            """, logger: logger)
        guard let contact = try await Self.contacts(rows).first else { preconditionFailure("the contact just logged is missing") }
        return (contact, !inserted.isEmpty)
    }

    /// Newest first; `clients` nil means every client.
    func contacts(clients: [String]?, kamId: String?, from: BusinessDate?, to: BusinessDate?, page: Page) async throws -> [ContactRecord] {
        let rows = try await connection.query("""
            SELECT \(unescaped: Self.contactColumns) FROM contacts
            WHERE (\(clients)::text[] IS NULL OR client_id = ANY(\(clients)::text[]))
              AND (\(kamId)::text IS NULL OR kam_id = \(kamId))
              AND (\(from?.description)::date IS NULL OR on_date >= \(from?.description)::date)
              AND (\(to?.description)::date IS NULL OR on_date <= \(to?.description)::date)
            ORDER BY at DESC, contact_id DESC LIMIT \(page.fetchLimit) OFFSET \(page.offset)
            """, logger: logger)
        return try await Self.contacts(rows)
    }

    private static let contactColumns =
        "contact_id, kam_id, client_id, kind, at, (on_date - date '1970-01-01'), outcome, note, logged_by, logged_at"

    private static func contacts(_ rows: PostgresRowSequence) async throws -> [ContactRecord] {
        var result: [ContactRecord] = []
        for try await (id, kam, client, kind, at, on, outcome, note, by, loggedAt)
            in rows.decode((String, String, String, String, Date, Int32, String, String?, String, Date).self) {
            guard let kind = ContactKind(rawValue: kind) else { continue }
            result.append(ContactRecord(contactId: id, kamId: kam, clientId: client, kind: kind, at: at, date: day(on),
                                        outcome: outcome, note: note, loggedBy: by, loggedAt: loggedAt))
        }
        return result
    }
}
