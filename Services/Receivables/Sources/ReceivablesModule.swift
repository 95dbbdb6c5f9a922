import Contracts
import Hummingbird
import ServiceKit
import ServiceLifecycle

/// The receivables service: the incremental ledger (allocation, statements, ageing), payment
/// discipline, dunning and the collection worklist, and each client's open items for credit.
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
        let settings = Self.settings(platform)
        LedgerRoutes.add(to: router, platform: platform, settings: settings)
        DunningRoutes.add(to: router, platform: platform, settings: settings)
        CollectionRoutes.add(to: router, platform: platform, settings: settings)
    }

    public func backgroundServices(_ platform: Platform) -> [any Service] {
        let settings = Self.settings(platform)
        var services: [any Service] = [LedgerRebuilder(platform: platform)]
        if let time = settings.dailyRunAt {
            services.append(DailyDunning(platform: platform, dunning: DunningRun(policy: settings.dunningPolicy), time: time))
        }
        return services
    }
}
