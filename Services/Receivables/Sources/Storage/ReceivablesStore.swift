import Contracts
import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// SQL of the receivables schema's facts: client cards and the ERP's documents as sent, one
/// row per document id.
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

    /// Stores documents once each; a resent one (same kind and id) changes nothing. Returns
    /// the keys (`kind/id`) of those that were new.
    func record(_ documents: [LedgerDocument]) async throws -> Set<String> {
        if documents.isEmpty { return [] }
        let kinds = documents.map(\.kind.rawValue)
        let ids = documents.map(\.id)
        let clients = documents.map(\.clientId)
        let dates = documents.map(\.date.description)
        let json = try documents.map { d -> String in
            switch d {
            case .invoice(let i): try JSONColumn.text(i)
            case .creditNote(let c): try JSONColumn.text(c)
            case .payment(let p): try JSONColumn.text(p)
            }
        }
        let rows = try await connection.query("""
            INSERT INTO documents (kind, doc_id, client_id, doc_date, doc)
            SELECT k, i, c, d::date, j::jsonb
            FROM unnest(\(kinds)::text[], \(ids)::text[], \(clients)::text[], \(dates)::text[], \(json)::text[]) AS x(k, i, c, d, j)
            ON CONFLICT DO NOTHING
            RETURNING kind, doc_id
            """, logger: logger)
        var fresh = Set<String>()
        for try await (kind, id) in rows.decode((String, String).self) { fresh.insert("\(kind)/\(id)") }
        return fresh
    }

    /// The documents of some clients (every client's without), dated on or before `asOf` (all without).
    func documents(clientIds: [String]?, asOf: BusinessDate?) async throws -> [String: [LedgerDocument]] {
        let rows = try await connection.query("""
            SELECT kind, client_id, doc::text FROM documents
            WHERE (\(asOf?.description)::date IS NULL OR doc_date <= \(asOf?.description)::date)
              AND (\(clientIds)::text[] IS NULL OR client_id = ANY(\(clientIds)::text[]))
            """, logger: logger)
        var result: [String: [LedgerDocument]] = [:]
        let decoder = WireJSON.decoder()
        for try await (kind, client, doc) in rows.decode((String, String, String).self) {
            let data = Data(doc.utf8)
            let document: LedgerDocument = switch LedgerDocument.Kind(rawValue: kind) {
            case .invoice: .invoice(try decoder.decode(InvoiceIssued.self, from: data))
            case .payment: .payment(try decoder.decode(PaymentReceived.self, from: data))
            default: .creditNote(try decoder.decode(CreditNoteIssued.self, from: data))
            }
            result[client, default: []].append(document)
        }
        return result
    }

    func kamId(of clientId: String) async throws -> String? {
        let rows = try await connection.query("SELECT kam_id FROM clients WHERE client_id = \(clientId)", logger: logger)
        for try await kam in rows.decode(String.self) { return kam }
        return nil
    }

    func hasDocuments(clientId: String) async throws -> Bool {
        !(try await connection.query("SELECT 1 FROM documents WHERE client_id = \(clientId) LIMIT 1", logger: logger).collect().isEmpty)
    }

    /// The KAM of each of these clients that has a card.
    func kams(of clientIds: [String]) async throws -> [String: String] {
        var result: [String: String] = [:]
        let rows = try await connection.query("SELECT client_id, kam_id FROM clients WHERE client_id = ANY(\(clientIds)::text[])",
                                              logger: logger)
        for try await (c, k) in rows.decode((String, String).self) { result[c] = k }
        return result
    }
}
