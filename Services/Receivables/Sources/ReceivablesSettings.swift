import ServiceKit

/// The receivables service's own settings (README "Configuration").
struct ReceivablesSettings: Sendable {
    /// KAM_DISCIPLINE_WINDOW_DAYS: settled invoices due within this many days feed payment discipline.
    var disciplineWindowDays: Int
    /// KAM_DUNNING_LEVELS: days overdue of each dunning level, e.g. "1,15,30".
    var dunningPolicy: DunningPolicy
    /// KAM_DUNNING_RUN_AT: the daily run's company time ("06:00"); nil for "off".
    var dailyRunAt: TimeOfDay?

    /// Bad values are reported on `env` (and stop the start).
    init(_ env: Environment) {
        disciplineWindowDays = env.int("KAM_DISCIPLINE_WINDOW_DAYS", default: DisciplineRules.defaultWindowDays, range: 1...3650)
        dunningPolicy = .standard
        if let raw = env.optional("KAM_DUNNING_LEVELS") {
            do { dunningPolicy = try DunningPolicy(parsing: raw) } catch {
                env.fail("KAM_DUNNING_LEVELS=\(raw): \(error.description) (days overdue per level, rising, e.g. 1,15,30)")
            }
        }
        dailyRunAt = TimeOfDay(hour: 6, minute: 0)
        if let raw = env.optional("KAM_DUNNING_RUN_AT") {
            if raw.lowercased() == "off" {
                dailyRunAt = nil
            } else if let time = TimeOfDay(parsing: raw) {
                dailyRunAt = time
            } else {
                env.fail("KAM_DUNNING_RUN_AT=\(raw) is not a time HH:MM (00:00-23:59) or off")
            }
        }
    }
}
