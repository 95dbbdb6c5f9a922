import Contracts
import Hummingbird
import ServiceKit

/// The planning service: plans, scorecards and sales history.
public struct PlanningModule: ServiceModule {
    public let name = "planning"
    public let inputs = [Topics.erpClients, Topics.erpInvoices, Topics.erpCreditNotes, Topics.orderDecisions]
    public let outputs: [TopicSpec] = []
    public var migrations: [Migration] { PlanningMigrations.all }

    public init() {}

    public func makeHandler(_ platform: Platform) -> any MessageHandler { PlanningHandler() }

    public func addRoutes(to router: Router<BasicRequestContext>, platform: Platform) {
        PlanningRoutes.add(to: router, platform: platform)
    }
}
