import Contracts
import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// SQL of dunning: each client's level (`dunning_levels`), the notices (`dunning_notices`, at
/// most one per client, stretch of debt and level by primary key) and the runs (`dunning_runs`).
struct DunningStore {
    let connection: PostgresConnection
    let logger: Logger

    /// Namespace of the run lock (first key of the two-key advisory lock): "DUNN".
    static let lockNamespace: Int32 = 0x4455_4E4E

    enum Trigger: String, Sendable, Codable {
        case daily, manual
    }

    /// Runs take turns, across instances, until commit: each sees the levels the one before set.
    func lockRuns() async throws {
        try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockNamespace), 0)", logger: logger)
    }

    /// Records a run; nil when it is the daily run of a date that already ran (or runs now elsewhere).
    func startRun(asOf: BusinessDate, trigger: Trigger, requestedBy: String, at: Date) async throws -> Int64? {
        let rows = try await connection.query("""
            INSERT INTO dunning_runs (as_of, trigger, requested_by, started_at)
            VALUES (\(asOf.description)::date, \(trigger.rawValue), \(requestedBy), \(at))
            ON CONFLICT (as_of) WHERE trigger = 'daily' DO NOTHING
            RETURNING id
            """, logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        return nil
    }

    func finishRun(_ id: Int64, notices: Int, resets: Int) async throws {
        try await connection.query("UPDATE dunning_runs SET notices = \(notices), resets = \(resets) WHERE id = \(id)", logger: logger)
    }

    /// The standing of every client above level 0 and of the given ones.
    func standings(including clientIds: [String]) async throws -> [String: DunningStanding] {
        let rows = try await connection.query("""
            SELECT client_id, level, episode, evaluated_on::text FROM dunning_levels
            WHERE level > 0 OR client_id = ANY(\(clientIds)::text[])
            """, logger: logger)
        var result: [String: DunningStanding] = [:]
        for try await (client, level, episode, evaluated) in rows.decode((String, Int, Int, String).self) {
            result[client] = DunningStanding(level: level, episode: episode, evaluatedOn: try BusinessDate(parsing: evaluated))
        }
        return result
    }

    func saveStandings(_ standings: [String: DunningStanding]) async throws {
        if standings.isEmpty { return }
        let clients = Array(standings.keys)
        let levels = clients.map { standings[$0]!.level }
        let episodes = clients.map { standings[$0]!.episode }
        let dates = clients.map { standings[$0]!.evaluatedOn?.description ?? "" }
        try await connection.query("""
            INSERT INTO dunning_levels (client_id, level, episode, evaluated_on)
            SELECT c, l, e, d::date FROM unnest(\(clients)::text[], \(levels)::int[], \(episodes)::int[], \(dates)::text[]) AS x(c, l, e, d)
            ON CONFLICT (client_id) DO UPDATE
            SET level = EXCLUDED.level, episode = EXCLUDED.episode, evaluated_on = EXCLUDED.evaluated_on
            """, logger: logger)
    }

    /// Stores notices with the stretch of debt (episode) each belongs to.
    func insertNotices(_ notices: [(notice: DunningNoticeIssued, episode: Int)], runId: Int64, at: Date) async throws {
        if notices.isEmpty { return }
        let clients = notices.map(\.notice.clientId)
        let episodes = notices.map(\.episode)
        let levels = notices.map(\.notice.level)
        let kams = notices.map(\.notice.kamId)
        let dates = notices.map(\.notice.asOf.description)
        let totals = notices.map(\.notice.totalOverdue.kopecks)
        let invoices = try notices.map { try JSONColumn.text($0.notice.invoices) }
        try await connection.query("""
            INSERT INTO dunning_notices (client_id, episode, level, kam_id, as_of, total_overdue, invoices, run_id, issued_at)
            SELECT c, e, l, k, d::date, t, i::jsonb, \(runId), \(at)
            FROM unnest(\(clients)::text[], \(episodes)::int[], \(levels)::int[], \(kams)::text[], \(dates)::text[],
                        \(totals)::bigint[], \(invoices)::text[]) AS x(c, e, l, k, d, t, i)
            """, logger: logger)
    }
}
