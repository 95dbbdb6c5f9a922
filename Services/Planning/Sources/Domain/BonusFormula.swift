import Contracts

/// The bonus formula's parameters (README "Configuration", docs/decisions.md "Bonus").
/// Weights are % of salary paid at 100 % fulfilment; penalties are points of salary per
/// percentage point above a tolerance.
public struct BonusPolicy: Sendable, Equatable {
    public var turnoverWeight = Percent(hundredths: 3000)
    public var activeClientsWeight = Percent(hundredths: 1000)
    public var newClientsWeight = Percent(hundredths: 1000)
    /// Fulfilment above this counts as this (120 %: overshooting pays, up to a point).
    public var fulfilmentCap = Percent(hundredths: 12000)
    public var overdueTolerance = Percent(hundredths: 500)
    public var overduePenaltyPerPct = Decimal2(hundredths: 100)
    public var returnsTolerance = Percent(hundredths: 200)
    public var returnsPenaltyPerPct = Decimal2(hundredths: 100)
    /// SPEC 5.4: up to 60 % of salary.
    public var maximum = Percent(hundredths: 6000)

    public init() {}

    public static let standard = BonusPolicy()
}

/// `bonus` of the scorecard: the percentage and everything it was computed from.
public struct Bonus: Codable, Sendable, Equatable {
    /// Null without a plan for the month: there is nothing to judge fulfilment against.
    @NullWhenAbsent public var percentOfSalary: Percent?
    public var inputs: BonusInputs
}

public struct BonusInputs: Codable, Sendable, Equatable {
    public var formula: String
    public var turnover: BonusComponent
    public var activeClients: BonusComponent
    public var newClients: BonusComponent
    public var overdue: BonusPenalty
    public var returns: BonusPenalty
    /// Σ points before the result is kept within 0 … maximum; null without a plan.
    @NullWhenAbsent public var uncappedPct: Percent?
    public var maximumPct: Percent
}

public struct BonusComponent: Codable, Sendable, Equatable {
    /// The scorecard's fulfilment (null: no plan, or a target of 0).
    @NullWhenAbsent public var fulfilmentPct: Percent?
    /// What the formula used: fulfilment within 0 … cap; 100.00 for a target of 0; null without a plan.
    @NullWhenAbsent public var countedPct: Percent?
    public var weightPct: Percent
    /// weight × counted ÷ 100, rounded half up to 2 decimals.
    @NullWhenAbsent public var points: Decimal2?
}

public struct BonusPenalty: Codable, Sendable, Equatable {
    /// The scorecard's share (null: nothing owed, or nothing invoiced — no penalty).
    @NullWhenAbsent public var sharePct: Percent?
    public var tolerancePct: Percent
    public var perPct: Decimal2
    /// −perPct × (share − tolerance) when the share is above the tolerance, else 0.
    public var points: Decimal2
}

/// Bonus = Σ weight × min(fulfilment, cap) ÷ 100 − penalties, kept within 0 … maximum.
public enum BonusRules {
    public static func bonus(plan: MonthlyPlan?, turnoverFulfilment: Percent?, activeFulfilment: Percent?,
                             newFulfilment: Percent?, overdueShare: Percent?, returnsShare: Percent?,
                             policy: BonusPolicy) -> Bonus {
        let hasPlan = plan != nil
        let turnover = component(turnoverFulfilment, weight: policy.turnoverWeight, planned: hasPlan, policy: policy)
        let active = component(activeFulfilment, weight: policy.activeClientsWeight, planned: hasPlan, policy: policy)
        let new = component(newFulfilment, weight: policy.newClientsWeight, planned: hasPlan, policy: policy)
        let overdue = penalty(overdueShare, tolerance: policy.overdueTolerance, perPct: policy.overduePenaltyPerPct)
        let returns = penalty(returnsShare, tolerance: policy.returnsTolerance, perPct: policy.returnsPenaltyPerPct)
        var uncapped: Percent?
        if hasPlan {
            let points = [turnover, active, new].compactMap(\.points) + [overdue.points, returns.points]
            uncapped = Percent(hundredths: points.reduce(0) { $0 + $1.hundredths })
        }
        let result = uncapped.map { Percent(hundredths: min(max($0.hundredths, 0), policy.maximum.hundredths)) }
        return Bonus(percentOfSalary: result, inputs: BonusInputs(
            formula: formula(policy), turnover: turnover, activeClients: active, newClients: new,
            overdue: overdue, returns: returns, uncappedPct: uncapped, maximumPct: policy.maximum))
    }

    /// A fulfilment of nil with a plan means a target of 0: nothing was asked, so it counts as met.
    static func component(_ fulfilment: Percent?, weight: Percent, planned: Bool, policy: BonusPolicy) -> BonusComponent {
        guard planned else { return BonusComponent(fulfilmentPct: fulfilment, countedPct: nil, weightPct: weight, points: nil) }
        let counted = fulfilment.map { Percent(hundredths: min(max($0.hundredths, 0), policy.fulfilmentCap.hundredths)) } ?? .hundred
        // weight% × counted% ÷ 100 in hundredths = w × c ÷ 10 000.
        let points = Decimal2.quotient(weight.hundredths, times: counted.hundredths, over: 1_000_000)
        return BonusComponent(fulfilmentPct: fulfilment, countedPct: counted, weightPct: weight, points: points)
    }

    static func penalty(_ share: Percent?, tolerance: Percent, perPct: Decimal2) -> BonusPenalty {
        let excess = max((share?.hundredths ?? 0) - tolerance.hundredths, 0)
        // perPct × excess% in hundredths = p × e ÷ 100.
        let points = Decimal2.quotient(perPct.hundredths, times: excess, over: 10_000) ?? Decimal2(hundredths: 0)
        return BonusPenalty(sharePct: share, tolerancePct: tolerance, perPct: perPct,
                            points: Decimal2(hundredths: -points.hundredths))
    }

    static func formula(_ p: BonusPolicy) -> String {
        "\(p.turnoverWeight) × turnover + \(p.activeClientsWeight) × active clients + \(p.newClientsWeight) × new clients"
            + " (fulfilment % ÷ 100, counted within 0 … \(p.fulfilmentCap), a target of 0 as 100.00)"
            + " − \(p.overduePenaltyPerPct) × (overdue share % − \(p.overdueTolerance), when above)"
            + " − \(p.returnsPenaltyPerPct) × (returns share % − \(p.returnsTolerance), when above), kept within 0 … \(p.maximum)"
    }
}
