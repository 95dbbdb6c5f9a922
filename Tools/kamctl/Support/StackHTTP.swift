import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ServiceKit

/// The four services' HTTP APIs as a head sees them (addresses and JWT secret from
/// the environment or .run/stack.env).
struct StackHTTP: Sendable {
    struct Reply: Sendable {
        let status: Int
        let body: Data
        /// The body as a JSON object, empty when it is not one.
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    }

    let orders: String
    let credit: String
    let receivables: String
    let planning: String
    let token: String
    /// Signs tokens for other roles (a KAM logging its contacts).
    let secret: String

    static func fromStack(subject: String) throws -> StackHTTP {
        let env = StackEnv.load()
        func url(_ key: String) throws -> String {
            guard let value = env.value(key) else {
                throw CLIError("no \(key): set it or run `make up` (writes .run/stack.env)")
            }
            return value.hasSuffix("/") ? String(value.dropLast()) : value
        }
        guard let secret = env.value("KAM_JWT_SECRET") else {
            throw CLIError("no JWT secret: set KAM_JWT_SECRET or run `make up` (writes .run/stack.env)")
        }
        return StackHTTP(orders: try url("ORDERS_URL"), credit: try url("CREDIT_URL"),
                         receivables: try url("RECEIVABLES_URL"), planning: try url("PLANNING_URL"),
                         token: JWTAuthenticator(secret: secret).mint(subject: subject, role: .head, kamId: nil), secret: secret)
    }

    /// The same APIs as the KAM `kamId` sees them.
    func asKam(_ kamId: String) -> StackHTTP {
        StackHTTP(orders: orders, credit: credit, receivables: receivables, planning: planning,
                  token: JWTAuthenticator(secret: secret).mint(subject: kamId, role: .kam, kamId: kamId), secret: secret)
    }

    func get(_ url: String) async throws -> Reply {
        try await send("GET", url, body: nil)
    }

    func put(_ url: String, json: [String: any Sendable]) async throws -> Reply {
        try await send("PUT", url, body: try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]))
    }

    func post(_ url: String, json: [String: any Sendable]) async throws -> Reply {
        try await send("POST", url, body: try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]))
    }

    private func send(_ method: String, _ url: String, body: Data?) async throws -> Reply {
        guard let target = URL(string: url) else { throw CLIError("bad URL \(url)") }
        var request = URLRequest(url: target)
        request.httpMethod = method
        request.timeoutInterval = 15
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        do {
            let (data, response) = try await URLSession.shared.data(for: request)
            return Reply(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: data)
        } catch {
            throw CLIError("\(method) \(url): \(error.localizedDescription)")
        }
    }
}

/// Polls `condition` until it holds or `timeout` passes; true when it held.
func eventually(timeout: Duration, every: Duration = .milliseconds(250),
                _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while true {
        if try await condition() { return true }
        if ContinuousClock.now >= deadline { return false }
        try? await Task.sleep(for: every)
    }
}
