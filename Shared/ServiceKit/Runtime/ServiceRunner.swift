import Contracts
import Foundation
import Hummingbird
import Kafka
import Logging
import Metrics
import NIOCore
import PostgresNIO
import Prometheus
import ServiceLifecycle

/// Starts a service: checks librdkafka, reads configuration, migrates, creates missing
/// topics, then runs DB pool, outbox relay, background jobs, consumer loop and HTTP in one
/// ServiceGroup. On SIGTERM they stop in reverse: HTTP, consumer (finish batch, commit,
/// leave group), background jobs, relay (drain, flush producer), DB pool.
public enum ServiceMain {
    public static func run(_ module: some ServiceModule) async -> Never {
        let config: ServiceConfig
        do {
            try LibRdKafka.requireSupportedVersion()
            let env = Environment()
            module.checkSettings(env)
            config = try ServiceConfig.fromEnvironment(service: module.name, env)
        } catch {
            FileHandle.standardError.write(Data("\(module.name): cannot start: \(error)\n".utf8))
            exit(2)
        }
        LoggingSystem.bootstrap { JSONLogHandler(label: $0, service: module.name, level: config.logLevel) }
        let metrics = PlatformMetrics()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics.registry))
        var logger = Logger(label: "kam.\(module.name)")
        logger.logLevel = config.logLevel
        let watchdog = ShutdownWatchdog(budget: .seconds(config.shutdownBudgetSeconds), logger: logger)
        watchdog.arm()
        do {
            try await ServiceRunner(module: module, config: config, metrics: metrics, logger: logger).run()
            LogWriter.shared.flush()
            exit(0)
        } catch {
            logger.critical("service stopped with an error", metadata: ["error": "\(String(reflecting: error))"])
            LogWriter.shared.flush()
            exit(1)
        }
    }
}

public struct ServiceRunner<Module: ServiceModule>: Sendable {
    let module: Module
    let config: ServiceConfig
    let metrics: PlatformMetrics
    let logger: Logger

    public init(module: Module, config: ServiceConfig, metrics: PlatformMetrics, logger: Logger) {
        self.module = module
        self.config = config
        self.metrics = metrics
        self.logger = logger
    }

    public func run() async throws {
        logger.info("starting", metadata: ["librdkafka": "\(LibRdKafka.versionString)", "database": "\(config.database)",
                                           "kafka": "\(config.kafka["bootstrap.servers"] ?? "")", "devMode": "\(config.devMode)"])
        try await migrate()
        let keeper = TopicKeeper(admin: try KafkaAdmin(config: config.kafka), topics: topicNames,
                                 partitions: config.topicPartitions, logger: logger)
        try await keeper.ensure()

        let postgres = PostgresClient(configuration: config.database.clientConfiguration, backgroundLogger: logger)
        let producer = try KafkaProducer(config: config.kafka, logger: logger)
        let relay = OutboxRelay(postgres: postgres, producer: producer, metrics: metrics, logger: logger,
                                topicPrefix: config.topicPrefix, leaseSeconds: OutboxRelay.leaseSeconds(for: config.kafka))
        let platform = Platform(config: config, postgres: postgres, auth: JWTAuthenticator(secret: config.jwtSecret),
                                metrics: metrics, relay: relay, logger: logger, clock: { Date() })
        let consumer = try KafkaConsumer(config: config.kafka, groupId: config.consumerGroup,
                                         topics: module.inputs.map { config.topicPrefix + $0.name }, logger: logger)
        let loop = ConsumerLoop(consumer: consumer, postgres: postgres, handler: module.makeHandler(platform),
                                serviceName: module.name, calendar: config.calendar, batchSize: config.batchSize,
                                metrics: metrics, relay: relay, logger: logger, topicPrefix: config.topicPrefix)
        let probe = DatabaseProbe(postgres: postgres, logger: logger)
        let readiness = Readiness(database: probe, consumer: consumer, components: [loop.health, relay.health])
        let http = makeHTTP(platform: platform, readiness: readiness)

        let janitor = InboxJanitor(postgres: postgres, retentionDays: config.inboxRetentionDays, logger: logger)
        var services: [any Service] = [postgres, probe, keeper, janitor, relay]
        services += module.backgroundServices(platform)
        services += [loop, http]
        var configuration = ServiceGroupConfiguration(
            services: services.map { .init(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            cancellationSignals: [],
            logger: logger)
        // Past these, a part that still hangs (a broker or database that does not answer) is
        // cancelled; ShutdownWatchdog ends the process if even that does not help.
        configuration.maximumGracefulShutdownDuration = .seconds(20)
        configuration.maximumCancellationDuration = .seconds(5)
        try await ServiceGroup(configuration: configuration).run()
        logger.info("stopped")
    }

    private var topicNames: [String] {
        Set((module.inputs + module.outputs + [Topics.deadLetter]).map(\.name)).sorted().map { config.topicPrefix + $0 }
    }

    private func migrate() async throws {
        try await Migrator.applyWhenReachable(module.migrations, schema: module.name, database: config.database, logger: logger)
    }

    private func makeHTTP(platform: Platform, readiness: Readiness) -> some Service {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: ProblemMiddleware())
        let metrics = self.metrics
        let logger = self.logger
        router.get("/health/live") { _, _ in JSONBody(["status": "live"]) }
        router.get("/health/ready") { _, _ -> Response in
            let report = readiness.report()
            let data = try WireJSON.encoder().encode(report.body)
            return Response(status: report.ready ? .ok : .serviceUnavailable, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        router.get("/metrics") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                     body: .init(byteBuffer: ByteBuffer(bytes: metrics.render())))
        }
        module.addRoutes(to: router, platform: platform)
        let name = module.name
        return Application(router: router,
                           configuration: .init(address: .hostname(config.httpHost, port: config.httpPort), serverName: "kam-\(name)"),
                           onServerRunning: { channel in
                               logger.info("http listening", metadata: ["address": "\(channel.localAddress.map { "\($0)" } ?? "?")"])
                           },
                           logger: logger)
    }
}
