import Contracts
import Hummingbird
import ServiceKit

/// The planning service: plans, scorecards with the bonus, the weekly contact plan, the
/// contact log, client history and the returns analysis.
public struct PlanningModule: ServiceModule {
    public let name = "planning"
    /// Overdue debt comes from receivables' open items, holds from the order decisions and
    /// the ERP's cancellations: planning never asks another service.
    public let inputs = [Topics.erpClients, Topics.erpOrders, Topics.erpInvoices, Topics.erpCreditNotes, Topics.orderDecisions,
                         Topics.receivablesOpenItems]
    public let outputs: [TopicSpec] = []
    public var migrations: [Migration] { PlanningMigrations.all }

    public init() {}

    public func checkSettings(_ env: ServiceKit.Environment) { _ = PlanningSettings(env) }

    public func makeHandler(_ platform: Platform) -> any MessageHandler { PlanningHandler() }

    public func addRoutes(to router: Router<BasicRequestContext>, platform: Platform) {
        PlanningRoutes.add(to: router, platform: platform, settings: PlanningSettings(ServiceKit.Environment(platform.config.settings)))
    }
}
