import Contracts
import Foundation
import Hummingbird
import Logging
import PostgresNIO
import ServiceLifecycle

/// What makes a service a service: its topics, schema, message handler, HTTP resources and
/// any background jobs. The runner supplies the rest (DB, Kafka, outbox, health, metrics).
public protocol ServiceModule: Sendable {
    /// Schema, consumer group suffix and log name, e.g. "orders".
    var name: String { get }
    /// Topics consumed.
    var inputs: [TopicSpec] { get }
    /// Topics published (created at startup when missing, like the inputs).
    var outputs: [TopicSpec] { get }
    var migrations: [Migration] { get }
    /// Reads the module's own settings, reporting bad values on `env` so that they stop the
    /// start together with the platform's (see `ServiceMain.run`).
    func checkSettings(_ env: Environment)
    func makeHandler(_ platform: Platform) -> any MessageHandler
    func addRoutes(to router: Router<BasicRequestContext>, platform: Platform)
    func backgroundServices(_ platform: Platform) -> [any Service]
}

extension ServiceModule {
    public func checkSettings(_ env: Environment) {}
    public func backgroundServices(_ platform: Platform) -> [any Service] { [] }
}

/// Shared runtime pieces handed to a module.
public struct Platform: Sendable {
    public let config: ServiceConfig
    public let postgres: PostgresClient
    public let auth: JWTAuthenticator
    public let metrics: PlatformMetrics
    public let relay: OutboxRelay
    public let logger: Logger
    public let clock: @Sendable () -> Date

    public var calendar: CompanyCalendar { config.calendar }

    /// Runs `body` in a transaction whose emitted messages go to the outbox with it
    /// (for HTTP commands and timers), then wakes the relay. What `body` throws (a `Problem`,
    /// say) comes out as itself once the transaction is rolled back.
    public func transaction<T: Sendable>(_ body: (MessageContext) async throws -> T) async throws -> T {
        let now = clock()
        let result: T
        do {
            result = try await postgres.withTransaction(logger: logger) { conn in
                let context = MessageContext(connection: conn, logger: logger, calendar: calendar, now: now)
                let value = try await body(context)
                _ = try await context.flushOutbox()
                return value
            }
        } catch let error as PostgresTransactionError {
            if let cause = error.closureError { throw cause }
            throw error
        }
        relay.wake()
        return result
    }
}
