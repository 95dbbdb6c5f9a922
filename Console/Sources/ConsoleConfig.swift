import Contracts
import Foundation
import Logging
import ServiceKit

/// Everything the console reads from its environment (README "Configuration").
public struct ConsoleConfig: Sendable {
    public struct Backends: Sendable {
        public var orders: String
        public var credit: String
        public var receivables: String
        public var planning: String
    }

    public var httpHost: String
    public var httpPort: Int
    public var database: DatabaseURL
    public var backends: Backends
    public var jwtSecret: String
    public var calendar: CompanyCalendar
    public var logLevel: Logger.Level
    public var shutdownBudgetSeconds: Int
    /// Adds `Secure` to the session cookie: set it when the console is served over TLS.
    public var secureCookies: Bool
    public var sessionHours: Int
    /// Failed sign-ins of one login within `signInWindowMinutes` before it is refused for a while.
    public var signInAttempts: Int
    public var signInWindowMinutes: Int

    public static func fromEnvironment(_ env: Environment = Environment()) throws -> ConsoleConfig {
        let devMode = env.bool("KAM_DEV_MODE")
        let secret = env.optional("KAM_JWT_SECRET")
        if secret == nil && !devMode {
            env.fail("KAM_JWT_SECRET is required outside dev mode: the console signs the calls it makes for a user")
        }
        if let secret, secret.utf8.count < 16 { env.fail("KAM_JWT_SECRET must be at least 16 bytes long") }
        let dbURL = env.string("DATABASE_URL", help: "postgres://ROLE:PASSWORD@HOST:PORT/DATABASE (the console's own role)")
        var database = DatabaseURL(host: "", port: 0, username: "", password: nil, database: "")
        if !dbURL.isEmpty {
            do { database = try DatabaseURL(parsing: dbURL) } catch { env.fail("DATABASE_URL: \(error)") }
        }
        func backend(_ name: String) -> String {
            let value = env.string(name, help: "http://HOST:PORT of the service")
            if !value.isEmpty, URL(string: value)?.scheme?.hasPrefix("http") != true { env.fail("\(name)=\(value) is not an http(s) URL") }
            return value.hasSuffix("/") ? String(value.dropLast()) : value
        }
        let backends = Backends(orders: backend("ORDERS_URL"), credit: backend("CREDIT_URL"),
                                receivables: backend("RECEIVABLES_URL"), planning: backend("PLANNING_URL"))
        var calendar = CompanyCalendar.moscow
        let zone = env.string("KAM_TIMEZONE", default: "Europe/Moscow")
        do { calendar = try CompanyCalendar(identifier: zone) } catch { env.fail("KAM_TIMEZONE: \(error)") }
        let levelName = env.string("LOG_LEVEL", default: "info")
        let level = Logger.Level(rawValue: levelName.lowercased()) ?? {
            env.fail("LOG_LEVEL=\(levelName) is not one of trace, debug, info, notice, warning, error, critical")
            return .info
        }()
        let config = ConsoleConfig(
            httpHost: env.string("HTTP_HOST", default: "0.0.0.0"),
            httpPort: env.int("HTTP_PORT", default: 8080, range: 0...65535),
            database: database,
            backends: backends,
            jwtSecret: secret ?? ServiceConfig.devJWTSecret,
            calendar: calendar,
            logLevel: level,
            shutdownBudgetSeconds: env.int("KAM_SHUTDOWN_BUDGET_SECONDS", default: 30, range: 5...600),
            secureCookies: env.bool("KAM_CONSOLE_SECURE_COOKIES"),
            sessionHours: env.int("KAM_CONSOLE_SESSION_HOURS", default: 10, range: 1...168),
            signInAttempts: env.int("KAM_CONSOLE_SIGNIN_ATTEMPTS", default: 5, range: 1...100),
            signInWindowMinutes: env.int("KAM_CONSOLE_SIGNIN_WINDOW_MINUTES", default: 15, range: 1...1440))
        try env.validate()
        return config
    }
}
