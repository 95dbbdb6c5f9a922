import Foundation
import Kafka
import Logging
import PostgresNIO
import ServiceKit

/// The broker and PostgreSQL that `make test` started (scripts/test.sh), found through
/// KAM_TEST_* variables. Each test makes its own topics, database and roles.
public enum TestStack {
    public static var kafka: String? { ProcessInfo.processInfo.environment["KAM_TEST_KAFKA"] }
    public static var adminURL: String? { ProcessInfo.processInfo.environment["KAM_TEST_DATABASE_URL"] }
    public static var binDir: String? { ProcessInfo.processInfo.environment["KAM_TEST_BIN_DIR"] }

    /// True when the stack is there. Under `make test` a missing stack is a failure, not a skip.
    public static var isAvailable: Bool {
        let present = kafka != nil && adminURL != nil
        if !present && ProcessInfo.processInfo.environment["KAM_TEST_REQUIRE_STACK"] == "1" {
            fatalError("KAM_TEST_KAFKA / KAM_TEST_DATABASE_URL missing: run the suite with `make test`")
        }
        return present
    }

    public static let logger: Logger = {
        var l = Logger(label: "test")
        l.logLevel = ProcessInfo.processInfo.environment["KAM_TEST_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .warning
        return l
    }()

    /// A short unique suffix for topic, group, database and role names.
    public static func unique(_ prefix: String) -> String {
        "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Client settings tuned for the local broker: short fetch waits, quick group joins.
    public static func kafkaConfig(_ extra: [String: String] = [:], bootstrap: String? = nil) -> KafkaClientConfig {
        KafkaClientConfig(bootstrapServers: bootstrap ?? kafka ?? "127.0.0.1:1", [
            "fetch.wait.max.ms": "10",
            "session.timeout.ms": "6000",
            "heartbeat.interval.ms": "500",
            "statistics.interval.ms": "500",
            "topic.metadata.refresh.interval.ms": "1000",
        ].merging(extra) { _, new in new })
    }

    public static func admin() throws -> KafkaAdmin { try KafkaAdmin(config: kafkaConfig()) }

    public static func adminDatabase() throws -> DatabaseURL { try DatabaseURL(parsing: adminURL ?? "") }

    /// Creates a database of its own and, for each schema, a role that owns it; returns
    /// each role's URL keyed by schema.
    public static func provisionDatabase(schemas: [String], admin: DatabaseURL? = nil) async throws -> (database: String, urls: [String: DatabaseURL]) {
        let admin = try admin ?? adminDatabase()
        let name = unique("kam")
        let adminConn = try await admin.connect(logger: logger)
        defer { Task { try? await adminConn.close() } }
        try await Provisioner.createDatabase(name, on: adminConn, logger: logger)
        var dbAdmin = admin
        dbAdmin.database = name
        let conn = try await dbAdmin.connect(logger: logger)
        defer { Task { try? await conn.close() } }
        var urls: [String: DatabaseURL] = [:]
        for schema in schemas {
            let role = "\(name)_\(schema)"
            let password = UUID().uuidString
            try await Provisioner.provision(schema: schema, role: role, password: password, database: name, on: conn, logger: logger)
            urls[schema] = DatabaseURL(host: admin.host, port: admin.port, username: role, password: password, database: name)
        }
        return (name, urls)
    }

    /// Polls `condition` until it is true or `timeout` passes.
    public static func eventually(timeout: Duration = .seconds(30), every: Duration = .milliseconds(100),
                                  _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: every)
        }
        return try await condition()
    }
}

/// Reads every record of some topics from the start (no group commits): what tests assert on.
public final class TopicReader: @unchecked Sendable {
    private let consumer: KafkaConsumer
    public private(set) var records: [ConsumerRecord] = []

    public init(topics: [String], bootstrap: String? = nil) throws {
        consumer = try KafkaConsumer(config: TestStack.kafkaConfig(["enable.auto.commit": "false"], bootstrap: bootstrap),
                                     groupId: TestStack.unique("reader"), topics: topics, logger: TestStack.logger)
    }

    /// Reads until `count` records arrived in total (or the timeout); polls at least once.
    @discardableResult
    public func read(atLeast count: Int = 0, timeout: Duration = .seconds(30)) async throws -> [ConsumerRecord] {
        let deadline = ContinuousClock.now + timeout
        repeat {
            records += try await consumer.poll(maxRecords: 5000, timeout: .milliseconds(100))
        } while records.count < count && ContinuousClock.now < deadline
        return records
    }

    /// Keeps reading for `quiet` after the last record, to prove nothing more arrives.
    public func drain(quiet: Duration = .seconds(2)) async throws -> [ConsumerRecord] {
        var lastNew = ContinuousClock.now
        while ContinuousClock.now - lastNew < quiet {
            let batch = try await consumer.poll(maxRecords: 1000, timeout: .milliseconds(200))
            if !batch.isEmpty {
                records += batch
                lastNew = ContinuousClock.now
            }
        }
        return records
    }

    public func close() async { await consumer.close() }
}
