import ServiceKit
import Testing

@Suite("Configuration from the environment")
struct ServiceConfigTests {
    let valid = [
        "DATABASE_URL": "postgres://kam_orders:s3cret@db.local:5433/kam",
        "KAFKA_BOOTSTRAP_SERVERS": "kafka:9092",
        "KAM_JWT_SECRET": "0123456789abcdef0123",
    ]

    @Test("a valid environment gives the documented defaults")
    func defaults() throws {
        let c = try ServiceConfig.fromEnvironment(service: "orders", Environment(valid))
        #expect(c.database == DatabaseURL(host: "db.local", port: 5433, username: "kam_orders", password: "s3cret", database: "kam"))
        #expect(c.database.description == "postgres://kam_orders@db.local:5433/kam")
        #expect(c.httpPort == 8080)
        #expect(c.consumerGroup == "kam-orders")
        #expect(c.calendar.timeZone.identifier == "Europe/Moscow")
        #expect(c.kafka["fetch.wait.max.ms"] == "100")
        #expect(c.topicPrefix == "")
        #expect(!c.devMode)
    }

    @Test("every problem is reported at once, with what to do")
    func allProblems() {
        let env = Environment(["HTTP_PORT": "http", "KAM_TIMEZONE": "Mars/Olympus", "LOG_LEVEL": "loud"])
        do {
            _ = try ServiceConfig.fromEnvironment(service: "orders", env)
            Issue.record("expected a configuration error")
        } catch let error as ConfigurationError {
            let text = error.description
            #expect(error.problems.count == 6, "\(text)")
            #expect(text.contains("KAM_JWT_SECRET is required outside dev mode"))
            #expect(text.contains("DATABASE_URL is required"))
            #expect(text.contains("KAFKA_BOOTSTRAP_SERVERS is required"))
            #expect(text.contains("HTTP_PORT=http is not an integer"))
            #expect(text.contains("KAM_TIMEZONE"))
            #expect(text.contains("LOG_LEVEL=loud"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("dev mode starts without a JWT secret; a short secret is refused")
    func secrets() throws {
        var env = valid
        env["KAM_JWT_SECRET"] = nil
        env["KAM_DEV_MODE"] = "1"
        #expect(try ServiceConfig.fromEnvironment(service: "credit", Environment(env)).jwtSecret == ServiceConfig.devJWTSecret)
        env["KAM_DEV_MODE"] = nil
        env["KAM_JWT_SECRET"] = "short"
        #expect(throws: ConfigurationError.self) { try ServiceConfig.fromEnvironment(service: "credit", Environment(env)) }
    }

    @Test("database URLs", arguments: [
        ("postgres://u:p@h/db", true), ("postgresql://u@h:1/db", true), ("mysql://u:p@h/db", false),
        ("postgres://h/db", false), ("postgres://u:p@h", false), ("not a url", false),
    ])
    func databaseURLs(text: String, valid: Bool) {
        #expect(((try? DatabaseURL(parsing: text)) != nil) == valid, "\(text)")
    }
}
