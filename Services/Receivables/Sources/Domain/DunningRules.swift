import Contracts

/// A client's place in dunning: its level, which stretch of overdue debt (episode) it is in,
/// and the latest date a run judged it on.
public struct DunningStanding: Sendable, Equatable {
    public var level: Int
    /// 1 for the first stretch of overdue debt; a new one starts when the level returns to 0.
    public var episode: Int
    public var evaluatedOn: BusinessDate?

    public init(level: Int, episode: Int, evaluatedOn: BusinessDate?) {
        self.level = level
        self.episode = episode
        self.evaluatedOn = evaluatedOn
    }

    public static let never = DunningStanding(level: 0, episode: 1, evaluatedOn: nil)
}

public enum DunningStep: Sendable, Equatable {
    /// The level holds: the same level is never issued twice, and a lower one does not undo a
    /// higher one while anything is still overdue.
    case unchanged
    /// The level rises to `to`: one notice at that level (0 → 2 is one notice, level 2).
    case rise(to: Int)
    /// Nothing overdue any more: back to 0; later overdue debt is dunned again from level 1.
    case reset
    /// The client was judged on a later date already (a run for a future date came first):
    /// an earlier date changes nothing, so one stretch of debt is never dunned twice.
    case judgedLater
    /// The level would rise but receivables knows no KAM for the client (no ClientUpserted
    /// yet): a notice names the KAM, so the rise waits for a run after the client's card arrives.
    case noKam
}

/// What a dunning run does to one client (SPEC 5.3).
public enum DunningRules {
    /// The step for a client whose oldest overdue invoice is `oldestDaysOverdue` days late on `asOf` (0: nothing overdue).
    public static func step(_ standing: DunningStanding, oldestDaysOverdue: Int, asOf: BusinessDate, policy: DunningPolicy,
                            hasKam: Bool = true) -> DunningStep {
        if let judged = standing.evaluatedOn, asOf < judged { return .judgedLater }
        let target = policy.level(daysOverdue: oldestDaysOverdue)
        if target > standing.level { return hasKam ? .rise(to: target) : .noKam }
        if oldestDaysOverdue <= 0 && standing.level > 0 { return .reset }
        return .unchanged
    }

    /// The standing after `step` on `asOf`.
    public static func standing(after step: DunningStep, from standing: DunningStanding, asOf: BusinessDate) -> DunningStanding {
        switch step {
        case .judgedLater, .noKam: standing
        case .unchanged: DunningStanding(level: standing.level, episode: standing.episode, evaluatedOn: asOf)
        case .rise(let level): DunningStanding(level: level, episode: standing.episode, evaluatedOn: asOf)
        case .reset: DunningStanding(level: 0, episode: standing.episode + 1, evaluatedOn: asOf)
        }
    }

    /// The SPEC §4 notice: the overdue invoices on `asOf`, oldest first, and their total.
    public static func notice(clientId: String, kamId: String, level: Int, asOf: BusinessDate,
                              openInvoices: [InvoiceBalance]) -> DunningNoticeIssued {
        let overdue = openInvoices.filter { $0.daysOverdue(on: asOf) > 0 }
            .sorted { ($0.dueDate, $0.issuedOn, $0.invoiceId) < ($1.dueDate, $1.issuedOn, $1.invoiceId) }
        return DunningNoticeIssued(
            clientId: clientId, kamId: kamId, level: level, asOf: asOf, totalOverdue: Money.sum(overdue.map(\.outstanding)),
            invoices: overdue.map { DunnedInvoice(invoiceId: $0.invoiceId, outstanding: $0.outstanding, dueDate: $0.dueDate,
                                                  daysOverdue: $0.daysOverdue(on: asOf)) })
    }

    /// One client in a run: its step, its standing afterwards and the notice, if any.
    public struct Outcome: Sendable, Equatable {
        public var clientId: String
        public var step: DunningStep
        public var standing: DunningStanding
        public var notice: DunningNoticeIssued?
    }

    /// Judges one client on `asOf` from its open invoices as they stood on that date.
    public static func judge(clientId: String, kamId: String?, standing: DunningStanding, openInvoices: [InvoiceBalance],
                             asOf: BusinessDate, policy: DunningPolicy) -> Outcome {
        let oldest = openInvoices.map { $0.daysOverdue(on: asOf) }.max() ?? 0
        let step = Self.step(standing, oldestDaysOverdue: oldest, asOf: asOf, policy: policy, hasKam: kamId != nil)
        var notice: DunningNoticeIssued?
        if case .rise(let level) = step, let kamId {
            notice = Self.notice(clientId: clientId, kamId: kamId, level: level, asOf: asOf, openInvoices: openInvoices)
        }
        return Outcome(clientId: clientId, step: step, standing: Self.standing(after: step, from: standing, asOf: asOf), notice: notice)
    }
}
