import Contracts
import Foundation

/// The head's answer to a credit hold.
public enum HoldDecision: String, Codable, Sendable {
    case approve, reject

    public var outcome: CreditOutcome { self == .approve ? .approved : .rejected }
}

/// What credit knows about an order when the head decides on it.
public struct HoldState: Sendable, Equatable {
    /// Credit's own check: nil while it waits for the client's master data.
    public var checkOutcome: CreditOutcome?
    /// "cancelled" or "completed" once the ERP ended the order.
    public var endedAs: String?
    public var decided: RecordedDecision?

    public init(checkOutcome: CreditOutcome?, endedAs: String?, decided: RecordedDecision?) {
        self.checkOutcome = checkOutcome
        self.endedAs = endedAs
        self.decided = decided
    }
}

public struct RecordedDecision: Sendable, Equatable {
    public var outcome: CreditOutcome
    public var decidedBy: String
    public var decidedAt: Date

    public init(outcome: CreditOutcome, decidedBy: String, decidedAt: Date) {
        self.outcome = outcome
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
    }
}

/// Why a hold cannot be decided (HTTP 409).
public enum HoldConflict: Error, Equatable, CustomStringConvertible {
    case alreadyDecided(RecordedDecision)
    case ended(String)
    case notHeld(CreditOutcome?)

    public var description: String {
        switch self {
        case .alreadyDecided(let d):
            "the hold was already decided: \(d.outcome.rawValue) by \(d.decidedBy) at \(WireJSON.format(d.decidedAt))"
        case .ended(let status): "the order was \(status) by the ERP; there is nothing to decide"
        case .notHeld(let outcome): "credit did not hold the order (its check is \(outcome?.rawValue ?? "still waiting for master data"))"
        }
    }
}

public enum HoldRules {
    /// A hold is decided once, and only while the order is still open.
    public static func checkDecidable(_ state: HoldState) throws(HoldConflict) {
        if let decided = state.decided { throw .alreadyDecided(decided) }
        if let ended = state.endedAs { throw .ended(ended) }
        guard state.checkOutcome == .held else { throw .notHeld(state.checkOutcome) }
    }
}
