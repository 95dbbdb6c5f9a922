import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// A person who may sign in to the console.
public struct ConsoleUser: Sendable, Equatable {
    public var login: String
    public var displayName: String
    public var role: Role
    public var kamId: String?
    public var disabled: Bool

    public init(login: String, displayName: String, role: Role, kamId: String?, disabled: Bool = false) {
        self.login = login
        self.displayName = displayName
        self.role = role
        self.kamId = kamId
        self.disabled = disabled
    }

    /// What the services are told about this user in the short-lived token.
    public var principal: Principal { Principal(subject: login, role: role, kamId: kamId) }
}

/// A signed-in user's session.
public struct ConsoleSession: Sendable {
    public var user: ConsoleUser
    public var csrf: String
    public var language: Language
}

/// Users, sessions and failed sign-ins in the console's schema.
public struct UserStore: Sendable {
    let connection: PostgresConnection
    let logger: Logger

    public init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    // MARK: users (kamctl users)

    public func add(_ user: ConsoleUser, passwordHash: String) async throws {
        try await connection.query("""
            INSERT INTO users (login, display_name, role, kam_id, password_hash) VALUES
              (\(user.login), \(user.displayName), \(user.role.rawValue), \(user.kamId), \(passwordHash))
            ON CONFLICT (login) DO UPDATE SET display_name = EXCLUDED.display_name, role = EXCLUDED.role,
              kam_id = EXCLUDED.kam_id, password_hash = EXCLUDED.password_hash, disabled = false
            """, logger: logger)
    }

    public func list() async throws -> [ConsoleUser] {
        let rows = try await connection.query(
            "SELECT login, display_name, role, kam_id, disabled FROM users ORDER BY role, login", logger: logger)
        var users: [ConsoleUser] = []
        for try await (login, name, role, kamId, disabled) in rows.decode((String, String, String, String?, Bool).self) {
            users.append(ConsoleUser(login: login, displayName: name, role: Role(rawValue: role) ?? .ops, kamId: kamId, disabled: disabled))
        }
        return users
    }

    /// Disables the user and ends its sessions; false when there is no such login.
    public func disable(_ login: String) async throws -> Bool {
        let rows = try await connection.query(
            "UPDATE users SET disabled = true WHERE login = \(login) RETURNING login", logger: logger)
        var found = false
        for try await _ in rows { found = true }
        try await connection.query("DELETE FROM sessions WHERE login = \(login)", logger: logger)
        return found
    }

    /// The user and its bcrypt hash, for checking a password.
    func credentials(_ login: String) async throws -> (ConsoleUser, String)? {
        let rows = try await connection.query(
            "SELECT login, display_name, role, kam_id, disabled, password_hash FROM users WHERE login = \(login)", logger: logger)
        for try await (login, name, role, kamId, disabled, hash) in rows.decode((String, String, String, String?, Bool, String).self) {
            guard let role = Role(rawValue: role) else { return nil }
            return (ConsoleUser(login: login, displayName: name, role: role, kamId: kamId, disabled: disabled), hash)
        }
        return nil
    }

    // MARK: failed sign-ins

    func recentFailures(_ login: String, since: Date) async throws -> Int {
        let rows = try await connection.query(
            "SELECT count(*) FROM sign_in_failures WHERE login = \(login) AND at >= \(since)", logger: logger)
        for try await count in rows.decode(Int.self) { return count }
        return 0
    }

    func recordFailure(_ login: String, at: Date) async throws {
        try await connection.query("INSERT INTO sign_in_failures (login, at) VALUES (\(login), \(at))", logger: logger)
    }

    func clearFailures(_ login: String, before: Date) async throws {
        try await connection.query(
            "DELETE FROM sign_in_failures WHERE login = \(login) OR at < \(before)", logger: logger)
    }

    // MARK: sessions

    func createSession(tokenHash: String, login: String, csrf: String, language: Language, now: Date, expires: Date) async throws {
        try await connection.query("""
            INSERT INTO sessions (token_hash, login, csrf, language, created_at, expires_at)
            VALUES (\(tokenHash), \(login), \(csrf), \(language.rawValue), \(now), \(expires))
            """, logger: logger)
        try await connection.query("DELETE FROM sessions WHERE expires_at < \(now)", logger: logger)
    }

    func session(tokenHash: String, now: Date) async throws -> ConsoleSession? {
        let rows = try await connection.query("""
            SELECT u.login, u.display_name, u.role, u.kam_id, s.csrf, s.language
              FROM sessions s JOIN users u USING (login)
             WHERE s.token_hash = \(tokenHash) AND s.expires_at > \(now) AND NOT u.disabled
            """, logger: logger)
        for try await (login, name, role, kamId, csrf, language) in rows.decode((String, String, String, String?, String, String).self) {
            guard let role = Role(rawValue: role) else { return nil }
            return ConsoleSession(user: ConsoleUser(login: login, displayName: name, role: role, kamId: kamId),
                                  csrf: csrf, language: Language(rawValue: language) ?? .ru)
        }
        return nil
    }

    func setLanguage(tokenHash: String, _ language: Language) async throws {
        try await connection.query(
            "UPDATE sessions SET language = \(language.rawValue) WHERE token_hash = \(tokenHash)", logger: logger)
    }

    func endSession(tokenHash: String) async throws {
        try await connection.query("DELETE FROM sessions WHERE token_hash = \(tokenHash)", logger: logger)
    }
}
