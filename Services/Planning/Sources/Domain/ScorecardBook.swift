import Contracts

/// Everything a month's scorecards are computed from, as the store loads it.
public struct ScorecardFacts: Sendable {
    public var month: YearMonth
    /// The day the overdue share is taken on (see `ScorecardBook.overdueDate`).
    public var overdueDate: BusinessDate?
    /// Every client's upserts.
    public var cards: [ClientCard]
    /// Invoices and credit notes of the month, the month before and the same month a year earlier.
    public var documents: [SalesDocument]
    /// clientId → first invoice ever, for the clients invoiced in the month.
    public var firstInvoices: [String: BusinessDate]
    public var outcomes: [OrderOutcome]
    /// Each client's latest snapshot computed on or before `overdueDate`.
    public var snapshots: [OpenItemsSnapshot]
    public var plans: [String: MonthlyPlan]

    public init(month: YearMonth, overdueDate: BusinessDate?, cards: [ClientCard], documents: [SalesDocument],
                firstInvoices: [String: BusinessDate], outcomes: [OrderOutcome], snapshots: [OpenItemsSnapshot],
                plans: [String: MonthlyPlan]) {
        self.month = month
        self.overdueDate = overdueDate
        self.cards = cards
        self.documents = documents
        self.firstInvoices = firstInvoices
        self.outcomes = outcomes
        self.snapshots = snapshots
        self.plans = plans
    }
}

/// A month's scorecards for every KAM, from the facts (SPEC 5.4).
public struct ScorecardBook: Sendable {
    public let facts: ScorecardFacts
    let owners: KamAttribution
    let actuals: [String: MonthActuals]
    let previous: [String: Money]
    let lastYear: [String: Money]
    let overdue: [String: OverdueShare]

    public init(_ facts: ScorecardFacts) {
        let owners = KamAttribution(facts.cards)
        self.facts = facts
        self.owners = owners
        actuals = ActualsRules.actuals(month: facts.month, documents: facts.documents, firstInvoices: facts.firstInvoices,
                                       outcomes: facts.outcomes, owners: owners)
        previous = ActualsRules.turnover(month: facts.month.previous, documents: facts.documents, owners: owners)
        lastYear = ActualsRules.turnover(month: facts.month.sameMonthLastYear, documents: facts.documents, owners: owners)
        overdue = facts.overdueDate.map { OverdueShareRules.shares(on: $0, snapshots: facts.snapshots, owners: owners) } ?? [:]
    }

    /// Month end for a past month, today for the running one; none for a month still to come.
    public static func overdueDate(month: YearMonth, today: BusinessDate) -> BusinessDate? {
        if month < today.yearMonth { return month.lastDay }
        return month == today.yearMonth ? today : nil
    }

    public func scorecard(_ kamId: String, policy: BonusPolicy) -> Scorecard {
        ScorecardRules.scorecard(kamId: kamId, month: facts.month, actuals: actuals[kamId] ?? .zero, plan: facts.plans[kamId],
                                 previousTurnover: previous[kamId] ?? .zero, lastYearTurnover: lastYear[kamId] ?? .zero,
                                 overdueShare: overdue[kamId]?.pct, policy: policy)
    }

    /// Every KAM with a plan, a figure in the month, or clients on the month's overdue day
    /// (its last day for a month to come), by kamId.
    public var kamIds: [String] {
        var kams = Set(facts.plans.keys).union(actuals.keys).union(overdue.keys)
        let day = facts.overdueDate ?? facts.month.lastDay
        for clientId in owners.clientIds { if let kam = owners.kam(of: clientId, on: day) { kams.insert(kam) } }
        return kams.sorted()
    }

    public func scorecards(policy: BonusPolicy) -> [Scorecard] { kamIds.map { scorecard($0, policy: policy) } }
}
