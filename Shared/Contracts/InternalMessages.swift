import Foundation

/// `kam.orders.credit-requests.v1` — orders asks credit to check an order that
/// passed pricing and discount checks (SPEC §5.2 step 4).
public struct CreditCheckRequested: MessagePayload, Equatable {
    public static let messageType = "CreditCheckRequested"

    public var orderId: String
    public var clientId: String
    public var kamId: String
    public var total: Money
    /// The order's business date: overdue is judged against it.
    public var businessDate: BusinessDate
    public var requestedAt: Date

    public init(orderId: String, clientId: String, kamId: String, total: Money, businessDate: BusinessDate,
                requestedAt: Date) {
        self.orderId = orderId
        self.clientId = clientId
        self.kamId = kamId
        self.total = total
        self.businessDate = businessDate
        self.requestedAt = requestedAt
    }

    public func validate() throws(ContractError) {
        try Check.nonEmpty(orderId, "orderId")
        try Check.nonEmpty(clientId, "clientId")
        try Check.nonNegative(total, "total")
    }
}

/// `kam.credit.decisions.v1` — credit's answer; a head's later decision on a
/// hold is published the same way, with `decidedBy` and `comment`.
public struct CreditCheckDecided: MessagePayload, Equatable {
    public static let messageType = "CreditCheckDecided"

    public var orderId: String
    public var clientId: String
    public var outcome: CreditOutcome
    public var reasons: [Reason]
    /// May be negative: unapplied credit can exceed what is owed.
    public var exposure: Money
    public var creditLimit: Money
    public var decidedAt: Date
    /// The `sub` of the head who approved or rejected a hold; nil for credit's own check.
    public var decidedBy: String?
    /// The head's comment on the decision.
    public var comment: String?

    public init(orderId: String, clientId: String, outcome: CreditOutcome, reasons: [Reason], exposure: Money,
                creditLimit: Money, decidedAt: Date, decidedBy: String? = nil, comment: String? = nil) {
        self.orderId = orderId
        self.clientId = clientId
        self.outcome = outcome
        self.reasons = reasons
        self.exposure = exposure
        self.creditLimit = creditLimit
        self.decidedAt = decidedAt
        self.decidedBy = decidedBy
        self.comment = comment
    }

    public func validate() throws(ContractError) {
        try Check.nonEmpty(orderId, "orderId")
        try Check.nonEmpty(clientId, "clientId")
        try Check.nonNegative(creditLimit, "creditLimit")
    }
}

public enum CreditOutcome: String, WireEnum {
    case approved
    case held
    /// Only ever a head's decision on a held order.
    case rejected
}
