import Logging
import PostgresNIO

extension DatabaseURL {
    public var clientConfiguration: PostgresClient.Configuration {
        var c = PostgresClient.Configuration(host: host, port: port, username: username, password: password,
                                             database: database, tls: .disable)
        c.options.maximumConnections = 8
        c.options.connectionIdleTimeout = .seconds(60)
        return c
    }

    /// Opens one connection (for migrations, provisioning and tools), outside any pool.
    public func connect(logger: Logger) async throws -> PostgresConnection {
        let c = PostgresConnection.Configuration(host: host, port: port, username: username, password: password,
                                                 database: database, tls: .disable)
        return try await PostgresConnection.connect(configuration: c, id: 1, logger: logger)
    }
}

extension PostgresConnection {
    /// Runs `body` inside BEGIN … COMMIT, rolling back when it throws.
    public func transaction<T>(logger: Logger, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await query("BEGIN", logger: logger)
        do {
            let result = try await body(self)
            try await query("COMMIT", logger: logger)
            return result
        } catch {
            _ = try? await query("ROLLBACK", logger: logger)
            throw error
        }
    }
}
