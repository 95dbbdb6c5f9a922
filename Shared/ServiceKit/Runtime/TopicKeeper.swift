import Kafka
import Logging
import ServiceLifecycle

/// Creates the service's topics when they are missing — at start and every `interval`
/// after, so a broker that came back empty (the local one keeps nothing) gets them again
/// with the configured partitions before a producer's auto-creation could pick others.
public final class TopicKeeper: Service, Sendable {
    let admin: KafkaAdmin
    let topics: [String]
    let partitions: Int32
    let interval: Duration
    let logger: Logger

    public init(admin: KafkaAdmin, topics: [String], partitions: Int32, interval: Duration = .seconds(5), logger: Logger) {
        self.admin = admin
        self.topics = topics
        self.partitions = partitions
        self.interval = interval
        self.logger = logger
    }

    /// Creates what is missing; returns the names it created.
    @discardableResult
    public func ensure() async throws -> [String] {
        let existing = try await admin.listTopics()
        let missing = topics.filter { existing[$0] == nil }
        if missing.isEmpty { return [] }
        try await admin.createTopics(missing, partitions: partitions)
        return missing
    }

    public func run() async throws {
        var wait = interval
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await ShutdownAware.sleep(for: wait)
            do {
                let created = try await ensure()
                if !created.isEmpty {
                    logger.warning("topics were missing on the broker; created them", metadata: [
                        "topics": "\(created)", "partitions": "\(partitions)"])
                }
                wait = interval
            } catch {
                // The broker is away: look again every second, to be first when it is back.
                logger.debug("topic check failed", metadata: ["error": "\(error)"])
                wait = .seconds(1)
            }
        }
    }
}
