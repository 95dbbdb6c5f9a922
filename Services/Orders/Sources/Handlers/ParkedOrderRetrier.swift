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

    func attach(_ platform: Platform) { lock.withLock { self.platform = platform } }
    func wake() { signal.signal() }

    func run() async throws {
        guard let platform = lock.withLock({ platform }) else { return }
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let handled = try await Deadline.run("re-evaluating parked orders", limit: .seconds(30)) {
                    try await Self.retryParked(platform)
                }
                if handled == 200 { continue }
            } catch {
                platform.logger.warning("parked order retry failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            await signal.wait(timeout: .milliseconds(250))
        }
    }

    /// Re-evaluates up to 200 parked orders in one transaction; returns how many.
    private static func retryParked(_ platform: Platform) async throws -> Int {
        try await platform.transaction { context -> Int in
            let store = OrdersStore(connection: context.connection, logger: context.logger)
            let parked = try await store.lockParked(limit: 200)
            for record in parked {
                // One order failing must not hold back the others.
                do {
                    try await context.isolated {
                        try await OrderProcessing.evaluate(record, store: store, context: context,
                                                           graceEnds: record.parkedUntil ?? context.now)
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
