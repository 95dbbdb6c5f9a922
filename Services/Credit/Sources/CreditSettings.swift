import ServiceKit

/// The credit service's own settings (README "Configuration").
struct CreditSettings: Sendable {
    /// KAM_OVERDUE_GRACE_DAYS: an invoice counts as overdue for the credit check only this
    /// many days after its due date (SPEC 5.2 step 4, default 0).
    var overdueGraceDays: Int

    /// Bad values are reported on `env` (and stop the start).
    init(_ env: Environment) {
        overdueGraceDays = env.int("KAM_OVERDUE_GRACE_DAYS", default: 0, range: 0...365)
    }
}
