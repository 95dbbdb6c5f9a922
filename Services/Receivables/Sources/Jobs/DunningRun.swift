import Contracts
import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// One dunning run for a date (SPEC 5.3), in the caller's transaction: every client with debt
/// past due on that date, and every client above level 0, is judged by `DunningRules`; the
/// levels, the notices and their outbox rows (kam.dunning.v1) commit together. Runs take
/// turns across instances (an advisory lock), so two runs of one date issue each notice once.
struct DunningRun {
    let policy: DunningPolicy

    struct IssuedNotice: Encodable, Sendable {
        var clientId: String
        var kamId: String
        var level: Int
        var totalOverdue: Money
        var oldestDaysOverdue: Int
    }

    /// What a run did, for the caller and the log.
    struct Summary: Encodable, Sendable {
        /// nil when the daily run of this date had already been done.
        @NullWhenAbsent var runId: Int64?
        var asOf: BusinessDate
        var trigger: DunningStore.Trigger
        var requestedBy: String
        var clientsJudged: Int
        var notices: [IssuedNotice]
        /// Back to level 0: nothing overdue any more.
        var resets: [String]
        /// Judged on a later date already: left as they were.
        var judgedLater: [String]
        /// Would rise, but no KAM is known for them yet.
        var withoutKam: [String]
    }

    /// The run, its notices going to the outbox with the levels.
    func execute(asOf: BusinessDate, trigger: DunningStore.Trigger, requestedBy: String, context: MessageContext) async throws -> Summary {
        let (summary, notices) = try await record(asOf: asOf, trigger: trigger, requestedBy: requestedBy,
                                                  connection: context.connection, logger: context.logger, now: context.now)
        for notice in notices { try context.emit(notice, on: Topics.dunning, key: notice.clientId) }
        return summary
    }

    /// The run's database part: judges, stores levels and notices; returns the notices to publish.
    func record(asOf: BusinessDate, trigger: DunningStore.Trigger, requestedBy: String, connection: PostgresConnection,
                logger: Logger, now: Date) async throws -> (Summary, [DunningNoticeIssued]) {
        let store = DunningStore(connection: connection, logger: logger)
        var summary = Summary(runId: nil, asOf: asOf, trigger: trigger, requestedBy: requestedBy, clientsJudged: 0, notices: [],
                              resets: [], judgedLater: [], withoutKam: [])
        try await store.lockRuns()
        guard let runId = try await store.startRun(asOf: asOf, trigger: trigger, requestedBy: requestedBy, at: now) else {
            return (summary, [])
        }
        summary.runId = runId
        let overdue = try await LedgerAsOf(connection: connection, logger: logger)
            .overdueClients(asOf: asOf, kamId: nil)
        let standings = try await store.standings(including: Array(overdue.keys))
        let candidates = Set(overdue.keys).union(standings.keys).sorted()
        let kams = try await ReceivablesStore(connection: connection, logger: logger).kams(of: candidates)

        var changed: [String: DunningStanding] = [:]
        var notices: [(notice: DunningNoticeIssued, episode: Int)] = []
        for client in candidates {
            let outcome = DunningRules.judge(clientId: client, kamId: kams[client], standing: standings[client] ?? .never,
                                             openInvoices: overdue[client] ?? [], asOf: asOf, policy: policy)
            switch outcome.step {
            case .judgedLater: summary.judgedLater.append(client)
            case .noKam: summary.withoutKam.append(client)
            case .reset: summary.resets.append(client)
            case .rise, .unchanged: break
            }
            if outcome.standing != standings[client] ?? .never { changed[client] = outcome.standing }
            if let notice = outcome.notice {
                notices.append((notice, outcome.standing.episode))
                summary.notices.append(IssuedNotice(clientId: client, kamId: notice.kamId, level: notice.level,
                                                    totalOverdue: notice.totalOverdue,
                                                    oldestDaysOverdue: notice.invoices.map(\.daysOverdue).max() ?? 0))
            }
        }
        summary.clientsJudged = candidates.count - summary.judgedLater.count - summary.withoutKam.count
        try await store.saveStandings(changed)
        try await store.insertNotices(notices, runId: runId, at: now)
        try await store.finishRun(runId, notices: notices.count, resets: summary.resets.count)
        return (summary, notices.map(\.notice))
    }
}
