import Contracts
import Hummingbird
import ServiceKit

/// The credit service: limits, exposure and credit decisions.
public struct CreditModule: ServiceModule {
    public let name = "credit"
    public let inputs = [Topics.erpClients, Topics.erpOrders, Topics.erpInvoices, Topics.erpPayments, Topics.erpCreditNotes,
                         Topics.creditRequests]
    public let outputs = [Topics.creditDecisions]
    public var migrations: [Migration] { CreditMigrations.all }

    public init() {}

    public func makeHandler(_ platform: Platform) -> any MessageHandler { CreditHandler() }

    public func addRoutes(to router: Router<BasicRequestContext>, platform: Platform) {
        CreditRoutes.add(to: router, platform: platform)
    }
}
