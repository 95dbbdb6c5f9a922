import Contracts
import ServiceKit

/// The planning service's own settings (README "Configuration").
struct PlanningSettings: Sendable {
    var contacts: ContactPolicy
    var bonus: BonusPolicy

    /// Bad values are reported on `env` (and stop the start).
    init(_ env: Environment) {
        contacts = ContactPolicy(visitsPerDay: env.int("KAM_PLAN_MAX_VISITS_PER_DAY", default: 4, range: 0...50),
                                 callsPerDay: env.int("KAM_PLAN_MAX_CALLS_PER_DAY", default: 12, range: 0...200))
        var b = BonusPolicy()
        b.turnoverWeight = Self.percent(env, "KAM_BONUS_TURNOVER_WEIGHT", b.turnoverWeight, max: 100)
        b.activeClientsWeight = Self.percent(env, "KAM_BONUS_ACTIVE_CLIENTS_WEIGHT", b.activeClientsWeight, max: 100)
        b.newClientsWeight = Self.percent(env, "KAM_BONUS_NEW_CLIENTS_WEIGHT", b.newClientsWeight, max: 100)
        b.fulfilmentCap = Self.percent(env, "KAM_BONUS_FULFILMENT_CAP", b.fulfilmentCap, min: 100, max: 500)
        b.overdueTolerance = Self.percent(env, "KAM_BONUS_OVERDUE_TOLERANCE", b.overdueTolerance, max: 100)
        b.overduePenaltyPerPct = Decimal2(hundredths: Self.percent(env, "KAM_BONUS_OVERDUE_PENALTY_PER_PCT",
                                                                   Percent(hundredths: b.overduePenaltyPerPct.hundredths), max: 100).hundredths)
        b.returnsTolerance = Self.percent(env, "KAM_BONUS_RETURNS_TOLERANCE", b.returnsTolerance, max: 100)
        b.returnsPenaltyPerPct = Decimal2(hundredths: Self.percent(env, "KAM_BONUS_RETURNS_PENALTY_PER_PCT",
                                                                   Percent(hundredths: b.returnsPenaltyPerPct.hundredths), max: 100).hundredths)
        // SPEC 5.4: the bonus is up to 60 % of salary; a company may pay less, never more.
        b.maximum = Self.percent(env, "KAM_BONUS_MAX", b.maximum, max: 60)
        bonus = b
    }

    /// A decimal with at most 2 places within min … max, else a problem on `env` and the default.
    static func percent(_ env: Environment, _ name: String, _ fallback: Percent, min: Int64 = 0, max: Int64) -> Percent {
        guard let raw = env.optional(name) else { return fallback }
        guard let value = try? Percent(parsing: raw), value.hundredths >= min * 100, value.hundredths <= max * 100 else {
            env.fail("\(name)=\(raw) is not a decimal with at most 2 places in \(min).00...\(max).00")
            return fallback
        }
        return value
    }
}
