import Logging
import PostgresNIO
import ServiceLifecycle

/// Keeps the idempotent inbox from growing for ever: rows older than the retention are
/// deleted in small batches, once an hour. The retention must outlast any redelivery — a
/// Kafka retention of 7 days, an ERP resending within days — so the default is 30 days;
/// resent *documents* are recognised by their business keys anyway, whatever the inbox keeps.
public final class InboxJanitor: Service, Sendable {
    let postgres: PostgresClient
    let retentionDays: Int
    let interval: Duration
    let logger: Logger

    public init(postgres: PostgresClient, retentionDays: Int, interval: Duration = .seconds(3600), logger: Logger) {
        self.postgres = postgres
        self.retentionDays = retentionDays
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let purged = try await Deadline.run("purging the inbox", limit: .seconds(600)) { [self] in try await purge() }
                if purged > 0 { logger.info("inbox purged", metadata: ["rows": "\(purged)", "olderThanDays": "\(retentionDays)"]) }
            } catch {
                logger.warning("inbox purge failed; next try in an hour", metadata: ["error": "\(String(reflecting: error))"])
            }
            await ShutdownAware.sleep(for: interval)
        }
    }

    /// Deletes what is older than the retention, 5,000 rows per statement; returns how many.
    @discardableResult
    public func purge() async throws -> Int {
        var total = 0
        while !Task.isCancelled {
            let rows = try await postgres.query("""
                WITH old AS (
                  SELECT consumer, message_id FROM inbox
                  WHERE processed_at < now() - make_interval(days => \(retentionDays)::int) LIMIT 5000)
                DELETE FROM inbox i USING old WHERE i.consumer = old.consumer AND i.message_id = old.message_id
                RETURNING 1
                """, logger: logger).collect().count
            total += rows
            if rows < 5000 { break }
        }
        return total
    }
}
