import Contracts
import Hummingbird
import ServiceKit

/// The receivables service: ledger, allocation, statements and ageing.
public struct ReceivablesModule: ServiceModule {
    public let name = "receivables"
    public let inputs = [Topics.erpClients, Topics.erpInvoices, Topics.erpPayments, Topics.erpCreditNotes]
    public let outputs = [Topics.dunning]
    public var migrations: [Migration] { ReceivablesMigrations.all }

    public init() {}

    public func makeHandler(_ platform: Platform) -> any MessageHandler { ReceivablesHandler() }

    public func addRoutes(to router: Router<BasicRequestContext>, platform: Platform) {
        ReceivablesRoutes.add(to: router, platform: platform)
    }
}
