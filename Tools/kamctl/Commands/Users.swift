import ArgumentParser
import Console
import Foundation
import ServiceKit

/// `kamctl users`: who may sign in to the console (its schema, through the admin URL).
struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Console users: add (or update), list, disable.",
        subcommands: [Add.self, List.self, Disable.self])

    struct Connection: ParsableArguments {
        @Option(name: .customLong("database-url"),
                help: "postgres://ADMIN:PASSWORD@HOST:PORT/DATABASE (default: DATABASE_URL, or .run/stack.env's)")
        var databaseURL: String?

        func withStore<T>(_ body: (UserStore) async throws -> T) async throws -> T {
            guard let text = databaseURL ?? StackEnv.load().value("DATABASE_URL") else {
                throw CLIError("no database: pass --database-url or run `make up` (writes .run/stack.env)")
            }
            let url: DatabaseURL
            do { url = try DatabaseURL(parsing: text) } catch { throw CLIError("--database-url: \(CLIError.oneLine(error))") }
            let logger = Output.logger("users")
            let connection = try await CLIError.wrap("connect to \(url)") { try await url.connect(logger: logger) }
            do {
                try await connection.query("SET search_path TO console", logger: logger)
                let result = try await body(UserStore(connection: connection, logger: logger))
                try await connection.close()
                return result
            } catch {
                try? await connection.close()
                throw CLIError("console users on \(url): \(CLIError.oneLine(error)) (is the console migrated? it creates its schema at start)")
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user, or replace its name, role and password.")

        @Argument(help: "The sign-in name.") var login: String
        @Option(help: "kam, head or ops.") var role: String
        @Option(name: .customLong("kam-id"), help: "The KAM's id in the ERP (role kam only).") var kamId: String?
        @Option(help: "The name shown in the console (default: the login).") var name: String?
        @Option(help: "The password; without it, read from standard input.") var password: String?
        @OptionGroup var connection: Connection

        func validate() throws {
            guard let role = Role(rawValue: role) else { throw ValidationError("--role must be kam, head or ops") }
            if role == .kam && (kamId ?? "").isEmpty { throw ValidationError("a kam needs --kam-id") }
            if role != .kam && kamId != nil { throw ValidationError("--kam-id is for role kam only") }
        }

        func run() async throws {
            let secret = password ?? readLine(strippingNewline: true) ?? ""
            guard secret.count >= 8 else { throw CLIError("the password must have at least 8 characters") }
            let user = ConsoleUser(login: login, displayName: name ?? login, role: Role(rawValue: role)!, kamId: kamId)
            let hash = await Passwords.hash(secret)
            try await connection.withStore { try await $0.add(user, passwordHash: hash) }
            print("user \(login) (\(role)\(kamId.map { " \($0)" } ?? "")) can sign in")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the console's users.")
        @OptionGroup var connection: Connection

        func run() async throws {
            let users = try await connection.withStore { try await $0.list() }
            var table = TextTable("LOGIN", "ROLE", "KAM", "NAME", "STATE")
            for u in users {
                table.add(u.login, u.role.rawValue, u.kamId ?? "-", u.displayName, u.disabled ? "disabled" : "active")
            }
            print(table.render(), terminator: "")
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a user and end its sessions.")
        @Argument(help: "The sign-in name.") var login: String
        @OptionGroup var connection: Connection

        func run() async throws {
            guard try await connection.withStore({ try await $0.disable(login) }) else { throw CLIError("no user \(login)") }
            print("user \(login) is disabled")
        }
    }
}
