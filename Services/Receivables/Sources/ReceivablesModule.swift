import Contracts
import Hummingbird
import ServiceKit

/// The receivables service: ledger, allocation, statements, ageing, payment discipline, and
/// each client's open items for credit.
public struct ReceivablesModule: ServiceModule {
    public let name = "receivables"
    public let inputs = [Topics.erpClients, Topics.erpInvoices, Topics.erpPayments, Topics.erpCreditNotes]
    public let outputs = [Topics.dunning, Topics.receivablesOpenItems]
    public var migrations: [Migration] { ReceivablesMigrations.all }

    public init() {}

    public func checkSettings(_ env: ServiceKit.Environment) { _ = ReceivablesSettings(env) }

    public func makeHandler(_ platform: Platform) -> any MessageHandler {
        ReceivablesHandler(settings: Self.settings(platform))
    }

    static func settings(_ platform: Platform) -> ReceivablesSettings {
        ReceivablesSettings(ServiceKit.Environment(platform.config.settings))
    }

    public func addRoutes(to router: Router<BasicRequestContext>, platform: Platform) {
        ReceivablesRoutes.add(to: router, platform: platform, settings: Self.settings(platform))
    }
}
