@preconcurrency import Crypto
import Foundation
import HTTPTypes
import Hummingbird

public enum Role: String, Sendable, Codable {
    case kam, head, ops
}

/// Who is calling, from a verified bearer token.
public struct Principal: Sendable, Equatable {
    public let subject: String
    public let role: Role
    public let kamId: String?

    public init(subject: String, role: Role, kamId: String?) {
        self.subject = subject
        self.role = role
        self.kamId = kamId
    }

    /// A KAM sees only its own clients; head and ops see everything.
    public func canSee(kamId owner: String?) -> Bool {
        role != .kam || (owner != nil && owner == kamId)
    }
}

/// HS256 JSON Web Tokens (SPEC §6): claims `sub`, `role`, `kamId` (for role kam), `exp`.
public struct JWTAuthenticator: Sendable {
    private let secret: Data
    private var key: SymmetricKey { SymmetricKey(data: secret) }
    private let clock: @Sendable () -> Date

    public init(secret: String, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.secret = Data(secret.utf8)
        self.clock = clock
    }

    struct Claims: Codable {
        var sub: String
        var role: String
        var kamId: String?
        var exp: Int64
    }

    public func mint(subject: String, role: Role, kamId: String?, ttl: TimeInterval = 8 * 3600) -> String {
        let header = Self.base64url(Data(#"{"alg":"HS256","typ":"JWT"}"#.utf8))
        let claims = Claims(sub: subject, role: role.rawValue, kamId: kamId, exp: Int64(clock().timeIntervalSince1970 + ttl))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let payload = Self.base64url(try! encoder.encode(claims))
        let signature = HMAC<SHA256>.authenticationCode(for: Data("\(header).\(payload)".utf8), using: key)
        return "\(header).\(payload).\(Self.base64url(Data(signature)))"
    }

    public func verify(_ token: String) throws -> Principal {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = Self.decode(parts[0]), let payloadData = Self.decode(parts[1]),
              let signature = Self.decode(parts[2]) else {
            throw Problem.unauthorized("malformed bearer token")
        }
        guard let header = try? JSONSerialization.jsonObject(with: headerData) as? [String: Any],
              header["alg"] as? String == "HS256" else {
            throw Problem.unauthorized("token must be signed with HS256")
        }
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: Data("\(parts[0]).\(parts[1])".utf8), using: key) else {
            throw Problem.unauthorized("token signature is invalid")
        }
        guard let claims = try? JSONDecoder().decode(Claims.self, from: payloadData) else {
            throw Problem.unauthorized("token claims must include sub, role and exp")
        }
        guard Double(claims.exp) > clock().timeIntervalSince1970 else { throw Problem.unauthorized("token has expired") }
        guard let role = Role(rawValue: claims.role) else { throw Problem.unauthorized("unknown role \(claims.role)") }
        if role == .kam && (claims.kamId ?? "").isEmpty { throw Problem.unauthorized("a kam token needs a kamId claim") }
        return Principal(subject: claims.sub, role: role, kamId: claims.kamId)
    }

    /// The caller of a request; 401 without a valid token, 403 when the role is not allowed.
    public func principal(of request: Request, allowed roles: Set<Role> = [.kam, .head, .ops]) throws -> Principal {
        guard let value = request.headers[.authorization], value.lowercased().hasPrefix("bearer ") else {
            throw Problem.unauthorized("send Authorization: Bearer <token>")
        }
        let principal = try verify(String(value.dropFirst(7)).trimmingCharacters(in: .whitespaces))
        guard roles.contains(principal.role) else {
            throw Problem.forbidden("role \(principal.role.rawValue) may not do this; needs \(roles.map(\.rawValue).sorted().joined(separator: " or "))")
        }
        return principal
    }

    static func base64url(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ part: Substring) -> Data? {
        var s = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while s.count % 4 != 0 { s += "=" }
        return Data(base64Encoded: s)
    }
}
