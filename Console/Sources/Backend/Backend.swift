import Contracts
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ServiceKit

/// What went wrong calling a service, as a page should show it.
enum BackendError: Error, CustomStringConvertible {
    /// The service refused (4xx) with its problem detail.
    case refused(status: Int, detail: String)
    /// The service could not be reached or failed (5xx, timeout, unreadable answer).
    case unavailable(String)

    var description: String {
        switch self {
        case .refused(let status, let detail): "\(status): \(detail)"
        case .unavailable(let why): why
        }
    }
}

/// The four services' HTTP APIs, called on behalf of one signed-in user with a token that
/// lives a few minutes: the services check roles and KAM ownership themselves.
struct Backend: Sendable {
    let urls: ConsoleConfig.Backends
    let token: String

    init(urls: ConsoleConfig.Backends, auth: JWTAuthenticator, user: ConsoleUser) {
        self.urls = urls
        self.token = auth.mint(subject: user.login, role: user.role, kamId: user.kamId, ttl: 300)
    }

    func get<T: Decodable>(_ type: T.Type, _ base: String, _ path: String, query: [(String, String?)] = []) async throws -> T {
        var components = URLComponents(string: base + path)
        let items = query.compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
        if !items.isEmpty { components?.queryItems = items }
        return try await send(T.self, "GET", components?.url, body: nil)
    }

    func post<T: Decodable>(_ type: T.Type, _ base: String, _ path: String, json: [String: String]) async throws -> T {
        let body = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
        return try await send(T.self, "POST", URL(string: base + path), body: body)
    }

    func put<T: Decodable>(_ type: T.Type, _ base: String, _ path: String, json: [String: String]) async throws -> T {
        let body = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
        return try await send(T.self, "PUT", URL(string: base + path), body: body)
    }

    func put<T: Decodable, B: Encodable>(_ type: T.Type, _ base: String, _ path: String, body: B) async throws -> T {
        try await send(T.self, "PUT", URL(string: base + path), body: try WireJSON.encoder().encode(body))
    }

    /// A path segment with everything but unreserved characters percent-encoded (ids may hold `/`).
    static func segment(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? id
    }

    private func send<T: Decodable>(_ type: T.Type, _ method: String, _ url: URL?, body: Data?) async throws -> T {
        guard let url else { throw BackendError.unavailable("bad service URL") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.timeoutInterval = 10
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let data: Data, status: Int
        do {
            let (d, response) = try await URLSession.shared.data(for: request)
            data = d
            status = (response as? HTTPURLResponse)?.statusCode ?? 0
        } catch {
            throw BackendError.unavailable("\(method) \(url.path): \(error.localizedDescription)")
        }
        if (400..<500).contains(status) {
            let problem = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
            throw BackendError.refused(status: status, detail: problem?["detail"] as? String ?? "HTTP \(status)")
        }
        guard (200..<300).contains(status) else { throw BackendError.unavailable("\(method) \(url.path): HTTP \(status)") }
        do { return try WireJSON.decoder().decode(T.self, from: data) } catch {
            throw BackendError.unavailable("\(method) \(url.path): unreadable answer")
        }
    }
}
