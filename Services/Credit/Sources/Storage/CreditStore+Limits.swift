import Contracts
import Foundation
import ServiceKit

extension CreditStore {
    /// The head's limit; the client row must exist (the caller locked it with `storedLimits`).
    func saveManualLimit(clientId: String, limits: CreditLimitState) async throws {
        try await connection.query("""
            UPDATE clients SET credit_limit = \(limits.effective.kopecks), manual_credit_limit = \(limits.manualLimit?.kopecks)
            WHERE client_id = \(clientId)
            """, logger: logger)
    }

    func appendLimitChange(_ change: LimitChange, clientId: String, at: Date) async throws {
        try await connection.query("""
            INSERT INTO credit_limit_history (client_id, old_limit, new_limit, source, changed_by, reason, changed_at)
            VALUES (\(clientId), \(change.oldLimit?.kopecks), \(change.newLimit.kopecks), \(change.source.rawValue),
                    \(change.changedBy), \(change.reason), \(at))
            """, logger: logger)
    }

    struct LimitHistoryEntry: Encodable, Sendable {
        /// null for the client's first limit.
        @NullWhenAbsent var oldLimit: Money?
        var newLimit: Money
        var source: LimitSource
        var changedBy: String
        var reason: String
        var changedAt: Date
    }

    /// Oldest first.
    func limitHistory(clientId: String) async throws -> [LimitHistoryEntry] {
        let rows = try await connection.query("""
            SELECT old_limit, new_limit, source, changed_by, reason, changed_at FROM credit_limit_history
            WHERE client_id = \(clientId) ORDER BY id
            """, logger: logger)
        var result: [LimitHistoryEntry] = []
        for try await (old, new, source, by, reason, at) in rows.decode((Int64?, Int64, String, String, String, Date).self) {
            result.append(LimitHistoryEntry(oldLimit: old.map(Money.init(kopecks:)), newLimit: Money(kopecks: new),
                                            source: LimitSource(rawValue: source) ?? .erp, changedBy: by, reason: reason, changedAt: at))
        }
        return result
    }
}
