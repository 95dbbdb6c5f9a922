import Foundation
import Logging
import ServiceKit
import ServiceLifecycle

/// Re-evaluates orders parked for missing master data: as soon as master data arrives
/// (woken by the handler) and every 250 ms; past the grace period they are rejected.
final class ParkedOrderRetrier: Service, @unchecked Sendable {
    private let lock = NSLock()
    private var platform: Platform?
    private let signal = WakeSignal()
    let cache: MasterDataCache

    init(cache: MasterDataCache) { self.cache = cache }

    func attach(_ platform: Platform) { lock.withLock { self.platform = platform } }
    func wake() { signal.signal() }

    func run() async throws {
        guard let platform = lock.withLock({ platform }) else { return }
        let cache = self.cache
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let handled = try await Deadline.run("re-evaluating parked orders", limit: .seconds(30)) {
                    try await Self.retryParked(platform, cache: cache)
                }
                if handled == 200 { continue }
            } catch {
                platform.logger.warning("parked order retry failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            await signal.wait(timeout: .milliseconds(250))
        }
    }

    /// Re-evaluates up to 200 parked orders in one transaction; returns how many.
    private static func retryParked(_ platform: Platform, cache: MasterDataCache) async throws -> Int {
        try await platform.transaction { context -> Int in
            let store = OrdersStore(connection: context.connection, logger: context.logger)
            let parked = try await store.lockParked(limit: 200)
            if parked.isEmpty { return 0 }
            let master = try await OrderProcessing.masterData(for: parked, cache: cache, context: context)
            for record in parked {
                // One order failing must not hold back the others.
                do {
                    try await context.isolated {
                        let (next, effects) = OrderProcessing.decide(record, master: master, context: context,
                                                                     graceEnds: record.parkedUntil ?? context.now)
                        try await store.save(next)
                        try OrderProcessing.publish(effects, context: context)
                    }
                } catch {
                    platform.logger.warning("parked order could not be re-evaluated; it stays parked", metadata: [
                        "orderId": "\(record.orderId)", "error": "\(String(reflecting: error))"])
                }
            }
            return parked.count
        }
    }
}
