import Contracts
import Hummingbird
import ServiceKit

/// The credit service: limits, exposure, overdue and risk, credit decisions and the head's
/// decisions on holds.
public struct CreditModule: ServiceModule {
    public let name = "credit"
    public let inputs = [Topics.erpClients, Topics.erpOrders, Topics.erpInvoices, Topics.erpPayments, Topics.erpCreditNotes,
                         Topics.creditRequests, Topics.receivablesOpenItems]
    public let outputs = [Topics.creditDecisions]
    public var migrations: [Migration] { CreditMigrations.all }

    public init() {}

    public func checkSettings(_ env: ServiceKit.Environment) { _ = CreditSettings(env) }

    public func makeHandler(_ platform: Platform) -> any MessageHandler {
        CreditHandler(settings: CreditSettings(ServiceKit.Environment(platform.config.settings)))
    }

    public func addRoutes(to router: Router<BasicRequestContext>, platform: Platform) {
        CreditRoutes.add(to: router, platform: platform)
    }
}
