import Dispatch
import Foundation
import Logging

/// The last resort of a graceful shutdown: if the process still runs `budget` after the
/// first SIGTERM/SIGINT (a broker or database that never answers can keep a client's
/// close waiting), it ends itself. Everything that matters is already committed in
/// PostgreSQL; offsets not committed mean a redelivery, which the inbox absorbs.
public final class ShutdownWatchdog: Sendable {
    let budget: Duration
    let logger: Logger
    private let queue = DispatchQueue(label: "kam.shutdown-watchdog")
    nonisolated(unsafe) private var sources: [any DispatchSourceSignal] = []

    public init(budget: Duration, logger: Logger) {
        self.budget = budget
        self.logger = logger
    }

    public func arm() {
        for sig in [SIGTERM, SIGINT] {
            // Delivered to dispatch sources only (ServiceLifecycle does the same for its own).
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler { [self] in
                let seconds = Double(budget.components.seconds)
                queue.asyncAfter(deadline: .now() + seconds) { [logger] in
                    logger.critical("shutdown did not finish within its budget; exiting", metadata: ["budgetSeconds": "\(seconds)"])
                    LogWriter.shared.flush()
                    _exit(3)
                }
                source.cancel()
            }
            source.resume()
            sources.append(source)
        }
    }
}
