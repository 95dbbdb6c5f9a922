import Contracts

/// A KAM's monthly plan (SPEC 5.4), set by the head.
public struct MonthlyPlan: Codable, Sendable, Equatable {
    public var turnoverTarget: Money
    public var activeClientsTarget: Int
    public var newClientsTarget: Int

    public init(turnoverTarget: Money, activeClientsTarget: Int, newClientsTarget: Int) {
        self.turnoverTarget = turnoverTarget
        self.activeClientsTarget = activeClientsTarget
        self.newClientsTarget = newClientsTarget
    }
}

/// The month's facts for one KAM, as the store counts them.
public struct MonthActuals: Sendable, Equatable {
    public var turnover: Money
    public var invoiced: Money
    public var returns: Money
    public var activeClients: Int
    public var newClients: Int
    public var heldOrders: Int
    public var rejectedOrders: Int

    public init(turnover: Money, invoiced: Money, returns: Money, activeClients: Int, newClients: Int, heldOrders: Int, rejectedOrders: Int) {
        self.turnover = turnover
        self.invoiced = invoiced
        self.returns = returns
        self.activeClients = activeClients
        self.newClients = newClients
        self.heldOrders = heldOrders
        self.rejectedOrders = rejectedOrders
    }
}

public struct Measure<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public var actual: Value
    public var target: Value?
    public var fulfilmentPct: Percent?

    // SPEC 5.4: undefined values are JSON null, not missing keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(actual, forKey: .actual)
        try c.encode(target, forKey: .target)
        try c.encode(fulfilmentPct, forKey: .fulfilmentPct)
    }
}

public struct Growth: Codable, Sendable, Equatable {
    public var vsPreviousMonthPct: Percent?
    public var vsSameMonthLastYearPct: Percent?

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(vsPreviousMonthPct, forKey: .vsPreviousMonthPct)
        try c.encode(vsSameMonthLastYearPct, forKey: .vsSameMonthLastYearPct)
    }
}

/// SPEC 5.4 scorecard of one KAM and month.
public struct Scorecard: Codable, Sendable, Equatable {
    public var kamId: String
    public var month: YearMonth
    public var turnover: Measure<Money>
    public var activeClients: Measure<Int>
    public var newClients: Measure<Int>
    public var growth: Growth
    /// Overdue ÷ outstanding receivables of the KAM's clients at month end (today in the
    /// running month); null when nothing is owed or the month has not begun.
    public var overdueSharePct: Percent?
    public var returnsSharePct: Percent?
    public var heldOrders: Int
    public var rejectedOrders: Int
    public var bonus: Bonus

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kamId, forKey: .kamId)
        try c.encode(month, forKey: .month)
        try c.encode(turnover, forKey: .turnover)
        try c.encode(activeClients, forKey: .activeClients)
        try c.encode(newClients, forKey: .newClients)
        try c.encode(growth, forKey: .growth)
        try c.encode(overdueSharePct, forKey: .overdueSharePct)
        try c.encode(returnsSharePct, forKey: .returnsSharePct)
        try c.encode(heldOrders, forKey: .heldOrders)
        try c.encode(rejectedOrders, forKey: .rejectedOrders)
        try c.encode(bonus, forKey: .bonus)
    }
}

public enum ScorecardRules {
    public static func scorecard(kamId: String, month: YearMonth, actuals: MonthActuals, plan: MonthlyPlan?,
                                 previousTurnover: Money, lastYearTurnover: Money, overdueShare: Percent? = nil,
                                 policy: BonusPolicy = .standard) -> Scorecard {
        let turnover = Measure(actual: actuals.turnover, target: plan?.turnoverTarget,
                               fulfilmentPct: plan.flatMap { Rounding.percent(actuals.turnover, of: $0.turnoverTarget) })
        let active = Measure(actual: actuals.activeClients, target: plan?.activeClientsTarget,
                             fulfilmentPct: plan.flatMap { countPercent(actuals.activeClients, of: $0.activeClientsTarget) })
        let new = Measure(actual: actuals.newClients, target: plan?.newClientsTarget,
                          fulfilmentPct: plan.flatMap { countPercent(actuals.newClients, of: $0.newClientsTarget) })
        let returnsShare = Rounding.percent(actuals.returns, of: actuals.invoiced)
        return Scorecard(
            kamId: kamId, month: month, turnover: turnover, activeClients: active, newClients: new,
            growth: Growth(vsPreviousMonthPct: growth(actuals.turnover, over: previousTurnover),
                           vsSameMonthLastYearPct: growth(actuals.turnover, over: lastYearTurnover)),
            overdueSharePct: overdueShare, returnsSharePct: returnsShare,
            heldOrders: actuals.heldOrders, rejectedOrders: actuals.rejectedOrders,
            bonus: BonusRules.bonus(plan: plan, turnoverFulfilment: turnover.fulfilmentPct, activeFulfilment: active.fulfilmentPct,
                                    newFulfilment: new.fulfilmentPct, overdueShare: overdueShare, returnsShare: returnsShare,
                                    policy: policy))
    }

    /// (now − before) / before × 100; undefined (nil) without a base.
    static func growth(_ now: Money, over before: Money) -> Percent? {
        guard before > .zero else { return nil }
        return Rounding.percent(now - before, of: before)
    }

    static func countPercent(_ actual: Int, of target: Int) -> Percent? {
        Rounding.percent(Money(kopecks: Int64(actual)), of: Money(kopecks: Int64(target)))
    }
}
