import Contracts
import Foundation
import Kafka
import Logging

/// Everything a service reads from its environment. See README "Configuration".
public struct ServiceConfig: Sendable {
    public var serviceName: String
    public var httpHost: String
    public var httpPort: Int
    public var database: DatabaseURL
    public var kafka: KafkaClientConfig
    public var consumerGroup: String
    public var jwtSecret: String
    public var devMode: Bool
    public var calendar: CompanyCalendar
    public var logLevel: Logger.Level
    public var batchSize: Int
    /// Prepended to every topic name (e.g. "staging."), so environments can share a cluster.
    public var topicPrefix: String
    /// Partitions of the topics a service creates when they are missing.
    public var topicPartitions: Int32
    /// How long SIGTERM may take before the process ends itself.
    public var shutdownBudgetSeconds: Int
    /// Inbox rows older than this are purged (longer than any redelivery window).
    public var inboxRetentionDays: Int
    public var settings: [String: String]

    /// Dev-only signing secret used when KAM_DEV_MODE=1 and no KAM_JWT_SECRET is set.
    public static let devJWTSecret = "kam-dev-secret-do-not-use-in-production"

    public static func fromEnvironment(service: String, _ env: Environment = Environment()) throws -> ServiceConfig {
        let devMode = env.bool("KAM_DEV_MODE")
        let secret = env.optional("KAM_JWT_SECRET")
        if secret == nil && !devMode {
            env.fail("KAM_JWT_SECRET is required outside dev mode (set KAM_DEV_MODE=1 for local experiments)")
        }
        if let secret, secret.utf8.count < 16 {
            env.fail("KAM_JWT_SECRET must be at least 16 bytes long")
        }
        let dbURL = env.string("DATABASE_URL", help: "postgres://ROLE:PASSWORD@HOST:PORT/DATABASE")
        var database = DatabaseURL(host: "", port: 0, username: "", password: nil, database: "")
        if !dbURL.isEmpty {
            do { database = try DatabaseURL(parsing: dbURL) } catch { env.fail("DATABASE_URL: \(error)") }
        }
        let bootstrap = env.string("KAFKA_BOOTSTRAP_SERVERS", help: "host:port[,host:port]")
        var kafka = KafkaClientConfig(bootstrapServers: bootstrap, [
            "client.id": "kam-\(service)",
            "fetch.wait.max.ms": String(env.int("KAFKA_FETCH_WAIT_MAX_MS", default: 100, range: 1...10_000)),
            "session.timeout.ms": String(env.int("KAFKA_SESSION_TIMEOUT_MS", default: 10_000, range: 1_000...300_000)),
            "statistics.interval.ms": String(env.int("KAFKA_STATISTICS_INTERVAL_MS", default: 5_000, range: 100...600_000)),
            // A small prefetch keeps topics interleaved under a backlog: answers from another
            // service (credit's decisions) are not queued behind thousands of new orders.
            "queued.max.messages.kbytes": String(env.int("KAFKA_QUEUED_MAX_KBYTES", default: 2_048, range: 64...2_097_151)),
            "max.partition.fetch.bytes": "262144",
            // Topics that appear (re-created after a broker restart) join the subscription soon.
            "topic.metadata.refresh.interval.ms": String(env.int("KAFKA_METADATA_REFRESH_MS", default: 5_000, range: 1_000...600_000)),
            // Our topics are created by TopicKeeper with the configured partitions, never by a
            // producer's metadata request (which would get the broker's default).
            "allow.auto.create.topics": "false",
            // A delivery that cannot finish within this fails and the outbox row is resent.
            "message.timeout.ms": String(env.int("KAFKA_DELIVERY_TIMEOUT_MS", default: 15_000, range: 1_000...300_000)),
        ])
        if let linger = env.optional("KAFKA_LINGER_MS") { kafka["linger.ms"] = linger }
        var calendar = CompanyCalendar.moscow
        let zone = env.string("KAM_TIMEZONE", default: "Europe/Moscow")
        do { calendar = try CompanyCalendar(identifier: zone) } catch { env.fail("KAM_TIMEZONE: \(error)") }
        let levelName = env.string("LOG_LEVEL", default: "info")
        let level = Logger.Level(rawValue: levelName.lowercased()) ?? {
            env.fail("LOG_LEVEL=\(levelName) is not one of trace, debug, info, notice, warning, error, critical")
            return .info
        }()
        let config = ServiceConfig(
            serviceName: service,
            httpHost: env.string("HTTP_HOST", default: "0.0.0.0"),
            httpPort: env.int("HTTP_PORT", default: 8080, range: 0...65535),
            database: database,
            kafka: kafka,
            consumerGroup: env.string("KAM_CONSUMER_GROUP", default: "kam-\(service)"),
            jwtSecret: secret ?? devJWTSecret,
            devMode: devMode,
            calendar: calendar,
            logLevel: level,
            batchSize: env.int("KAM_BATCH_SIZE", default: 500, range: 1...10_000),
            topicPrefix: env.string("KAM_TOPIC_PREFIX", default: ""),
            topicPartitions: Int32(env.int("KAM_TOPIC_PARTITIONS", default: 6, range: 1...1_000)),
            shutdownBudgetSeconds: env.int("KAM_SHUTDOWN_BUDGET_SECONDS", default: 30, range: 5...600),
            inboxRetentionDays: env.int("KAM_INBOX_RETENTION_DAYS", default: 30, range: 8...3650),
            settings: env.values
        )
        try env.validate()
        return config
    }
}

/// A parsed `postgres://user:password@host:port/database` URL.
public struct DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String

    public init(host: String, port: Int, username: String, password: String?, database: String) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
    }

    public init(parsing text: String) throws {
        guard let url = URLComponents(string: text), ["postgres", "postgresql"].contains(url.scheme ?? ""),
              let host = url.host, !host.isEmpty, let user = url.user, !user.isEmpty else {
            throw ConfigurationError(problems: ["expected postgres://USER:PASSWORD@HOST:PORT/DATABASE"])
        }
        let db = String(url.path.drop { $0 == "/" })
        guard !db.isEmpty else { throw ConfigurationError(problems: ["the URL names no database"]) }
        self.init(host: host, port: url.port ?? 5432, username: user.removingPercentEncoding ?? user,
                  password: url.password?.removingPercentEncoding ?? url.password, database: db)
    }

    public var urlString: String {
        let pw = password.map { ":\($0.addingPercentEncoding(withAllowedCharacters: .urlPasswordAllowed) ?? $0)" } ?? ""
        return "postgres://\(username)\(pw)@\(host):\(port)/\(database)"
    }

    /// Never prints the password.
    public var description: String { "postgres://\(username)@\(host):\(port)/\(database)" }
}
