import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// pg_stat_statements around a timed run (when the cluster preloads it, as the bench stack
/// does): reset before, the statements that took the most time after, with calls per order.
struct PGStatements {
    let url: DatabaseURL
    let logger = Output.logger("pg-statements")

    struct Row {
        let query: String
        let calls: Int64
        let totalMs: Double
        let rows: Int64
    }

    /// Creates the extension if needed and clears its counters; false when it is not loaded.
    func reset() async -> Bool {
        do {
            let conn = try await url.connect(logger: logger)
            defer { Task { try? await conn.close() } }
            try await conn.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", logger: logger)
            try await conn.query("SELECT pg_stat_statements_reset()", logger: logger)
            return true
        } catch {
            Output.note("pg_stat_statements unavailable (\(CLIError.oneLine(error))); start PostgreSQL with shared_preload_libraries=pg_stat_statements")
            return false
        }
    }

    func top(_ limit: Int) async throws -> [Row] {
        let conn = try await url.connect(logger: logger)
        defer { Task { try? await conn.close() } }
        let rows = try await conn.query("""
            SELECT regexp_replace(query, '\\s+', ' ', 'g'), calls, total_exec_time, rows FROM pg_stat_statements
            ORDER BY total_exec_time DESC LIMIT \(limit)
            """, logger: logger)
        var result: [Row] = []
        for try await (query, calls, total, count) in rows.decode((String, Int64, Double, Int64).self) {
            result.append(Row(query: query, calls: calls, totalMs: total, rows: count))
        }
        return result
    }

    static func render(_ rows: [Row], orders: Int) -> [String] {
        var out = ["  PostgreSQL     top statements by time (pg_stat_statements; calls per order over the timed orders)"]
        for r in rows {
            let perOrder = Double(r.calls) / Double(max(orders, 1))
            out.append("    \(Fmt.padLeft(String(format: "%.0f", r.totalMs), 7)) ms \(Fmt.padLeft(String(r.calls), 8)) calls "
                       + "(\(String(format: "%.3f", perOrder))/order, \(String(format: "%.2f", r.totalMs / Double(max(r.calls, 1)))) ms each, "
                       + "\(r.rows) rows)  \(r.query.prefix(110))")
        }
        return out
    }
}
