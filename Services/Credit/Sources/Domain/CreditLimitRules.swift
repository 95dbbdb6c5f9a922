import Contracts
import Foundation

/// Where the limit in force comes from.
public enum LimitSource: String, Codable, Sendable {
    case erp, manual
}

/// A client's credit limit: the ERP contract's and, above it, one the head set here.
public struct CreditLimitState: Sendable, Equatable {
    /// The contract limit of the last ClientUpserted credit applied; nil without a contract.
    public var erpLimit: Money?
    /// Set with PUT /clients/{id}/credit-limit; wins until the ERP sends a different limit.
    public var manualLimit: Money?

    public init(erpLimit: Money?, manualLimit: Money?) {
        self.erpLimit = erpLimit
        self.manualLimit = manualLimit
    }

    /// The limit in force; no contract and no manual limit means no credit at all.
    public var effective: Money { manualLimit ?? erpLimit ?? .zero }
    public var source: LimitSource { manualLimit == nil ? .erp : .manual }
}

/// One line of the audited limit history.
public struct LimitChange: Sendable, Equatable {
    /// nil for the client's first limit.
    public var oldLimit: Money?
    public var newLimit: Money
    public var source: LimitSource
    public var changedBy: String
    public var reason: String
}

/// How a limit set by the head and the ERP's contract limit interact (docs/decisions.md
/// "Credit limit"): the head's limit stands until the ERP sends a contract limit that differs
/// from the last one credit saw; then the ERP's value wins again.
public enum CreditLimitRules {
    public static let erpActor = "erp"

    /// A newer ClientUpserted. An unchanged ERP limit keeps a manual override and writes no history.
    public static func erpUpserted(_ current: CreditLimitState?, contract: Contract?) -> (CreditLimitState, LimitChange?) {
        let erpLimit = contract?.creditLimit
        if let current, current.erpLimit == erpLimit { return (current, nil) }
        let next = CreditLimitState(erpLimit: erpLimit, manualLimit: nil)
        let reason = contract.map { "contract \($0.contractId)" } ?? "no signed contract"
        return (next, LimitChange(oldLimit: current?.effective, newLimit: next.effective, source: .erp,
                                  changedBy: erpActor, reason: reason))
    }

    /// The head sets the limit (always recorded, even when the amount stays the same).
    public static func setManually(_ current: CreditLimitState, limit: Money, by head: String,
                                   reason: String) -> (CreditLimitState, LimitChange) {
        let next = CreditLimitState(erpLimit: current.erpLimit, manualLimit: limit)
        return (next, LimitChange(oldLimit: current.effective, newLimit: limit, source: .manual, changedBy: head, reason: reason))
    }

    public enum InvalidRequest: Error, Equatable, CustomStringConvertible {
        case limit(String)
        case missingReason

        public var description: String {
            switch self {
            case .limit(let why): "creditLimit: \(why)"
            case .missingReason: "reason is required: say why the limit changes"
            }
        }
    }

    /// A money string with at most 2 decimals, not negative; a reason that is not blank.
    public static func validate(creditLimit text: String, reason: String?) throws(InvalidRequest) -> (Money, String) {
        let limit: Money
        do { limit = try Money(parsing: text) } catch { throw .limit(error.reason) }
        guard !limit.isNegative else { throw .limit("must not be negative, got \(limit)") }
        let trimmed = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !trimmed.isEmpty else { throw .missingReason }
        return (limit, trimmed)
    }
}
