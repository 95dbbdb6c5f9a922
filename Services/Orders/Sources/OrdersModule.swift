import Contracts
import Hummingbird
import ServiceKit
import ServiceLifecycle

/// The orders service: pricing, discount approval and the order lifecycle.
public struct OrdersModule: ServiceModule {
    public let name = "orders"
    public let inputs = [Topics.erpClients, Topics.erpPriceLists, Topics.erpOrders, Topics.creditDecisions]
    public let outputs = [Topics.orderDecisions, Topics.creditRequests]
    public var migrations: [Migration] { OrdersMigrations.all }
    /// Clients and price lists in memory, shared by the consumer loop and the retrier.
    private let cache = MasterDataCache()
    private let retrier: ParkedOrderRetrier

    public init() { retrier = ParkedOrderRetrier(cache: cache) }

    /// How long an order missing master data waits before it is rejected (SPEC 5.2, default 30 s).
    static func grace(_ platform: Platform) -> Duration {
        .seconds(Int(platform.config.settings["KAM_MASTER_DATA_GRACE_SECONDS"] ?? "") ?? 30)
    }

    public func makeHandler(_ platform: Platform) -> any MessageHandler {
        retrier.attach(platform)
        return OrdersHandler(grace: Self.grace(platform), retrier: retrier, cache: cache)
    }

    public func addRoutes(to router: Router<BasicRequestContext>, platform: Platform) {
        OrdersRoutes.add(to: router, platform: platform, retrier: retrier)
    }

    public func backgroundServices(_ platform: Platform) -> [any Service] {
        retrier.attach(platform)
        return [retrier]
    }
}
