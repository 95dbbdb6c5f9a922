import ArgumentParser
import ServiceKit

/// `kamctl token`: a bearer token for the services' HTTP APIs (SPEC §6).
struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Mint an HS256 JWT for the HTTP APIs (secret from KAM_JWT_SECRET or .run/stack.env).")

    enum TokenRole: String, ExpressibleByArgument, CaseIterable {
        case head, kam, ops
        var role: Role {
            switch self {
            case .head: .head
            case .kam: .kam
            case .ops: .ops
            }
        }
    }

    @Option(help: "Role claim: head, kam or ops.")
    var role: TokenRole

    @Option(help: "The KAM's id (the kamId claim); required for --role kam.")
    var kam: String?

    @Option(help: "Subject claim (default: the KAM id, or kamctl-<role>).")
    var sub: String?

    @Option(name: .customLong("ttl-hours"), help: "Validity in hours.")
    var ttlHours: Double = 8

    func validate() throws {
        if role == .kam && (kam ?? "").isEmpty { throw ValidationError("--role kam needs --kam <kamId>") }
        if role != .kam && kam != nil { throw ValidationError("--kam applies only to --role kam") }
        if !(ttlHours > 0) { throw ValidationError("--ttl-hours must be positive") }
    }

    func run() async throws {
        guard let secret = StackEnv.load().value("KAM_JWT_SECRET") else {
            throw CLIError("no JWT secret: set KAM_JWT_SECRET or run `make up` (writes .run/stack.env)")
        }
        let subject = sub ?? kam ?? "kamctl-\(role.rawValue)"
        print(JWTAuthenticator(secret: secret).mint(subject: subject, role: role.role, kamId: kam, ttl: ttlHours * 3600))
    }
}
