import Contracts
import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// A notice as stored and shown by `GET /dunning` and `GET /dunning/notices`.
struct NoticeRecord: Encodable, Sendable {
    var clientId: String
    var kamId: String
    var level: Int
    var asOf: BusinessDate
    var totalOverdue: Money
    var invoices: [DunnedInvoice]
    var issuedAt: Date
    var runId: Int64
}

/// A client above dunning level 0 with the notices of its current stretch of debt.
struct DunningClientRecord: Encodable, Sendable {
    var clientId: String
    @NullWhenAbsent var kamId: String?
    var level: Int
    var evaluatedOn: BusinessDate
    var notices: [NoticeRecord]
}

/// Paged reads of dunning for people.
struct DunningReads {
    let connection: PostgresConnection
    let logger: Logger

    /// Clients above level 0 (optionally one KAM's), highest level first, then by clientId.
    func clients(kamId: String?, page: Page) async throws -> [DunningClientRecord] {
        let rows = try await connection.query("""
            SELECT d.client_id, c.kam_id, d.level, d.episode, d.evaluated_on::text
            FROM dunning_levels d LEFT JOIN clients c ON c.client_id = d.client_id
            WHERE d.level > 0 AND (\(kamId)::text IS NULL OR c.kam_id = \(kamId))
            ORDER BY d.level DESC, d.client_id LIMIT \(page.fetchLimit) OFFSET \(page.offset)
            """, logger: logger)
        var result: [DunningClientRecord] = []
        var episodes: [Int] = []
        for try await (client, kam, level, episode, evaluated) in rows.decode((String, String?, Int, Int, String).self) {
            result.append(DunningClientRecord(clientId: client, kamId: kam, level: level, evaluatedOn: try BusinessDate(parsing: evaluated),
                                              notices: []))
            episodes.append(episode)
        }
        if result.isEmpty { return result }
        let notices = try await connection.query("""
            SELECT \(unescaped: Self.noticeColumns) FROM dunning_notices n
            JOIN unnest(\(result.map(\.clientId))::text[], \(episodes)::int[]) AS x(c, e) ON n.client_id = x.c AND n.episode = x.e
            ORDER BY n.level
            """, logger: logger)
        let byClient = Dictionary(grouping: try await Self.decode(notices), by: \.clientId)
        return result.map { var r = $0; r.notices = byClient[r.clientId] ?? []; return r }
    }

    /// Every notice (optionally one client's, or those of the clients a KAM owns now), newest first.
    func notices(clientId: String?, kamId: String?, page: Page) async throws -> [NoticeRecord] {
        let rows = try await connection.query("""
            SELECT \(unescaped: Self.noticeColumns) FROM dunning_notices n LEFT JOIN clients c ON c.client_id = n.client_id
            WHERE (\(clientId)::text IS NULL OR n.client_id = \(clientId)) AND (\(kamId)::text IS NULL OR c.kam_id = \(kamId))
            ORDER BY n.issued_at DESC, n.client_id, n.level DESC LIMIT \(page.fetchLimit) OFFSET \(page.offset)
            """, logger: logger)
        return try await Self.decode(rows)
    }

    /// Current levels of these clients (absent: 0).
    func levels(of clientIds: [String]) async throws -> [String: Int] {
        let rows = try await connection.query("""
            SELECT client_id, level FROM dunning_levels WHERE client_id = ANY(\(clientIds)::text[])
            """, logger: logger)
        var result: [String: Int] = [:]
        for try await (client, level) in rows.decode((String, Int).self) { result[client] = level }
        return result
    }

    static let noticeColumns = "n.client_id, n.kam_id, n.level, n.as_of::text, n.total_overdue, n.invoices::text, n.issued_at, n.run_id"

    static func decode(_ rows: PostgresRowSequence) async throws -> [NoticeRecord] {
        var result: [NoticeRecord] = []
        for try await (client, kam, level, asOf, total, invoices, issuedAt, runId)
            in rows.decode((String, String, Int, String, Int64, String, Date, Int64).self) {
            result.append(NoticeRecord(clientId: client, kamId: kam, level: level, asOf: try BusinessDate(parsing: asOf),
                                       totalOverdue: Money(kopecks: total),
                                       invoices: try JSONColumn.value([DunnedInvoice].self, from: invoices),
                                       issuedAt: issuedAt, runId: runId))
        }
        return result
    }
}
