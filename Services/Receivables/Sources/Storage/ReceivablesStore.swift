import Contracts
import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// SQL of the receivables schema: the ERP's documents as sent, one row per document id.
struct ReceivablesStore {
    let connection: PostgresConnection
    let logger: Logger

    func upsertClient(_ c: ClientUpserted, occurredAt: Date) async throws {
        try await connection.query("""
            INSERT INTO clients (client_id, kam_id, occurred_at) VALUES (\(c.clientId), \(c.kamId), \(occurredAt))
            ON CONFLICT (client_id) DO UPDATE SET kam_id = EXCLUDED.kam_id, occurred_at = EXCLUDED.occurred_at
            WHERE clients.occurred_at < EXCLUDED.occurred_at
            """, logger: logger)
    }

    /// Stores a document once; a resent one (same id) changes nothing. True when it was new.
    func record(kind: String, id: String, clientId: String, date: BusinessDate, doc: some Encodable) async throws -> Bool {
        let json = try JSONColumn.text(doc)
        let rows = try await connection.query("""
            INSERT INTO documents (kind, doc_id, client_id, doc_date, doc)
            VALUES (\(kind), \(id), \(clientId), \(date.description)::date, \(json)::jsonb) ON CONFLICT DO NOTHING
            RETURNING doc_id
            """, logger: logger).collect()
        return !rows.isEmpty
    }

    /// The client's next open-items version. Locks its row until commit, so snapshots of one
    /// client are computed one after the other, each seeing the documents before it.
    func nextOpenItemsVersion(clientId: String) async throws -> Int64 {
        let rows = try await connection.query("""
            INSERT INTO open_items_versions (client_id, version) VALUES (\(clientId), 1)
            ON CONFLICT (client_id) DO UPDATE SET version = open_items_versions.version + 1
            RETURNING version
            """, logger: logger)
        for try await version in rows.decode(Int64.self) { return version }
        preconditionFailure("INSERT … RETURNING gave no row")
    }

    func kamId(of clientId: String) async throws -> String? {
        let rows = try await connection.query("SELECT kam_id FROM clients WHERE client_id = \(clientId)", logger: logger)
        for try await kam in rows.decode(String.self) { return kam }
        return nil
    }

    func hasDocuments(clientId: String) async throws -> Bool {
        !(try await connection.query("SELECT 1 FROM documents WHERE client_id = \(clientId) LIMIT 1", logger: logger).collect().isEmpty)
    }

    /// Every client's documents dated on or before `asOf` (all of them without), optionally
    /// only one client's.
    func ledgers(clientId: String?, asOf: BusinessDate?) async throws -> [String: LedgerDocuments] {
        let rows = try await connection.query("""
            SELECT kind, client_id, doc::text FROM documents
            WHERE (\(asOf?.description)::date IS NULL OR doc_date <= \(asOf?.description)::date)
              AND (\(clientId)::text IS NULL OR client_id = \(clientId))
            """, logger: logger)
        var result: [String: LedgerDocuments] = [:]
        let decoder = WireJSON.decoder()
        for try await (kind, client, doc) in rows.decode((String, String, String).self) {
            let data = Data(doc.utf8)
            switch kind {
            case "invoice": result[client, default: .init()].invoices.append(try decoder.decode(InvoiceIssued.self, from: data))
            case "payment": result[client, default: .init()].payments.append(try decoder.decode(PaymentReceived.self, from: data))
            default: result[client, default: .init()].creditNotes.append(try decoder.decode(CreditNoteIssued.self, from: data))
            }
        }
        return result
    }

    func kams() async throws -> [String: String] {
        var result: [String: String] = [:]
        for try await (c, k) in try await connection.query("SELECT client_id, kam_id FROM clients", logger: logger)
            .decode((String, String).self) {
            result[c] = k
        }
        return result
    }
}
