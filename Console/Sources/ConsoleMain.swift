import Contracts
import Foundation
import Hummingbird
import Logging
import Metrics
import NIOCore
import PostgresNIO
import Prometheus
import ServiceKit
import ServiceLifecycle

/// Starts the console: reads configuration, migrates its schema, then serves pages until
/// SIGTERM, with health, readiness and metrics like the services.
public enum ConsoleMain {
    public static func run() async -> Never {
        let config: ConsoleConfig
        do {
            config = try ConsoleConfig.fromEnvironment()
        } catch {
            FileHandle.standardError.write(Data("console: cannot start: \(error)\n".utf8))
            exit(2)
        }
        LoggingSystem.bootstrap { JSONLogHandler(label: $0, service: "console", level: config.logLevel) }
        let metrics = PlatformMetrics()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics.registry))
        var logger = Logger(label: "kam.console")
        logger.logLevel = config.logLevel
        let watchdog = ShutdownWatchdog(budget: .seconds(config.shutdownBudgetSeconds), logger: logger)
        watchdog.arm()
        do {
            try await serve(config: config, metrics: metrics, logger: logger)
            LogWriter.shared.flush()
            exit(0)
        } catch {
            logger.critical("console stopped with an error", metadata: ["error": "\(String(reflecting: error))"])
            LogWriter.shared.flush()
            exit(1)
        }
    }

    static func serve(config: ConsoleConfig, metrics: PlatformMetrics, logger: Logger) async throws {
        logger.info("starting", metadata: ["database": "\(config.database)", "orders": "\(config.backends.orders)",
                                           "credit": "\(config.backends.credit)"])
        try await Migrator.applyWhenReachable(ConsoleMigrations.all, schema: "console", database: config.database, logger: logger)
        let postgres = PostgresClient(configuration: config.database.clientConfiguration, backgroundLogger: logger)
        let app = ConsoleApp(config: config, postgres: postgres, auth: JWTAuthenticator(secret: config.jwtSecret),
                             pages: try PageRenderer(), logger: logger, clock: { Date() })
        let probe = DatabaseProbe(postgres: postgres, logger: logger)

        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: ProblemMiddleware())
        router.get("/health/live") { _, _ in JSONBody(["status": "live"]) }
        router.get("/health/ready") { _, _ -> Response in
            let problem = probe.problem()
            let body = try WireJSON.encoder().encode(["database": problem ?? "ok", "migrations": "applied"])
            return Response(status: problem == nil ? .ok : .serviceUnavailable, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
        router.get("/metrics") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                     body: .init(byteBuffer: ByteBuffer(bytes: metrics.render())))
        }
        SignInRoutes.add(to: router, app: app)
        HoldRoutes.add(to: router, app: app)
        OrderRoutes.add(to: router, app: app)
        ClientRoutes.add(to: router, app: app)
        AgeingRoutes.add(to: router, app: app)
        ScorecardRoutes.add(to: router, app: app)
        WeekRoutes.add(to: router, app: app)
        CollectionRoutes.add(to: router, app: app)
        MyClientsRoutes.add(to: router, app: app)
        let http = Application(router: router,
                               configuration: .init(address: .hostname(config.httpHost, port: config.httpPort), serverName: "kam-console"),
                               onServerRunning: { channel in
                                   logger.info("http listening", metadata: ["address": "\(channel.localAddress.map { "\($0)" } ?? "?")"])
                               },
                               logger: logger)
        var configuration = ServiceGroupConfiguration(
            services: [.init(service: postgres), .init(service: probe), .init(service: http)],
            gracefulShutdownSignals: [.sigterm, .sigint], cancellationSignals: [], logger: logger)
        configuration.maximumGracefulShutdownDuration = .seconds(15)
        configuration.maximumCancellationDuration = .seconds(5)
        try await ServiceGroup(configuration: configuration).run()
        logger.info("stopped")
    }
}
