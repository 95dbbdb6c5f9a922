import ArgumentParser
import Foundation
import ServiceKit

/// `kamctl db`: database administration for the local stack and for operators.
struct DbCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Database administration.",
        subcommands: [Provision.self])

    /// One service's login role and schema; the role can touch only that schema.
    struct Provision: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create or update a service's role and schema (idempotent).")

        enum ServiceName: String, ExpressibleByArgument, CaseIterable {
            case orders, credit, receivables, planning, console
        }

        @Option(name: .customLong("admin-url"), help: "postgres://ADMIN:PASSWORD@HOST:PORT/DATABASE")
        var adminURL: String

        @Option(help: "The service whose schema to create: orders, credit, receivables, planning or console.")
        var service: ServiceName

        @Option(help: "The role's password (set on every run).")
        var password: String

        @Option(help: "Role name (default: kam_<service>).")
        var role: String?

        func validate() throws {
            if password.isEmpty { throw ValidationError("--password must not be empty") }
        }

        func run() async throws {
            let url: DatabaseURL
            do { url = try DatabaseURL(parsing: adminURL) } catch {
                throw CLIError("--admin-url: \(CLIError.oneLine(error))")
            }
            let role = self.role ?? "kam_\(service.rawValue)"
            let logger = Output.logger("db")
            try await CLIError.wrap("provision \(service.rawValue) on \(url)") {
                let connection = try await url.connect(logger: logger)
                do {
                    try await Provisioner.provision(schema: service.rawValue, role: role, password: password,
                                                    database: url.database, on: connection, logger: logger)
                } catch {
                    try? await connection.close()
                    throw error
                }
                try await connection.close()
            }
            print("provisioned schema \(service.rawValue) for role \(role) in database \(url.database)")
        }
    }
}
