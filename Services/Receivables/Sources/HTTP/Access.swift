import Contracts
import Hummingbird
import ServiceKit

/// Who may see what in receivables (SPEC §6): a KAM only its own clients.
enum Access {
    /// `?asOf=` (default: today's business date); 400 when it is not a date.
    static func asOf(_ request: Request, platform: Platform) throws -> BusinessDate {
        guard let raw = request.uri.queryParameters.get("asOf") else { return platform.calendar.businessDate(of: platform.clock()) }
        do { return try BusinessDate(parsing: raw) } catch { throw Problem.badRequest("asOf: \(error.reason)") }
    }

    /// `?kamId=` as a list filter: a KAM's lists hold its own clients only (another KAM's id is a 403).
    static func kamFilter(_ request: Request, principal: Principal) throws -> String? {
        let asked = request.uri.queryParameters.get("kamId").map { String($0) }
        guard principal.role == .kam else { return asked }
        if let asked, asked != principal.kamId { throw Problem.forbidden("a KAM sees only its own clients") }
        return principal.kamId
    }

    /// A client receivables knows (by an upsert or a document), with its KAM; nil when unknown,
    /// 403 when it belongs to another KAM.
    static func visibleClient(_ id: String, store: ReceivablesStore, principal: Principal) async throws -> KnownClient? {
        let kam = try await store.kamId(of: id)
        let hasDocuments = kam != nil ? true : try await store.hasDocuments(clientId: id)
        guard hasDocuments else { return nil }
        guard principal.canSee(kamId: kam) else { throw Problem.forbidden("client \(id) belongs to another KAM") }
        return KnownClient(kamId: kam)
    }

    struct KnownClient {
        var kamId: String?
    }
}
