import ServiceKit

/// The receivables service's own settings (README "Configuration").
struct ReceivablesSettings: Sendable {
    /// KAM_DISCIPLINE_WINDOW_DAYS: settled invoices due within this many days feed payment discipline.
    var disciplineWindowDays: Int

    /// Bad values are reported on `env` (and stop the start).
    init(_ env: Environment) {
        disciplineWindowDays = env.int("KAM_DISCIPLINE_WINDOW_DAYS", default: DisciplineRules.defaultWindowDays, range: 1...3650)
    }
}
