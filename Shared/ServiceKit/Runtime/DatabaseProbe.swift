import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// Checks the database once a second in the background, so `/health/ready` answers at once
/// from the last result instead of waiting on a pool that cannot connect. A check that
/// hangs counts as a failure once the last success is older than `staleAfter`.
public final class DatabaseProbe: Service, Sendable {
    let postgres: PostgresClient
    let logger: Logger
    let staleAfter: Duration
    private let state = Mutex<State>(State())

    private struct State {
        var lastSuccess: ContinuousClock.Instant?
        var lastError: String?
    }

    public init(postgres: PostgresClient, logger: Logger, staleAfter: Duration = .seconds(3)) {
        self.postgres = postgres
        self.logger = logger
        self.staleAfter = staleAfter
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                // A lease can hang after the database was killed (see Deadline): never wait long.
                try await Deadline.run("the database check", limit: .seconds(2)) { [postgres, logger] in
                    _ = try await postgres.query("SELECT 1", logger: logger).collect()
                }
                state.withLock { $0 = State(lastSuccess: .now, lastError: nil) }
            } catch {
                state.withLock { $0.lastError = "\(error)" }
            }
            await ShutdownAware.sleep(for: .seconds(1))
        }
    }

    /// nil when the database answered recently, else why not.
    public func problem() -> String? {
        state.withLock { s in
            if let last = s.lastSuccess, ContinuousClock.now - last < staleAfter { return nil }
            return s.lastError.map { "unreachable: \($0)" } ?? "unreachable: no answer yet"
        }
    }
}
