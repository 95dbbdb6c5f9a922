import Contracts

/// A client's credit position (SPEC 5.2 step 4).
public struct CreditPosition: Sendable, Equatable {
    public var creditLimit: Money
    /// Σ invoices − Σ payments − Σ credit notes: open receivables minus unapplied credit,
    /// whatever the allocation.
    public var receivablesBalance: Money
    /// Σ over open confirmed orders of (total − Σ invoices for that order), not below 0.
    public var openOrders: Money

    public init(creditLimit: Money, receivablesBalance: Money, openOrders: Money) {
        self.creditLimit = creditLimit
        self.receivablesBalance = receivablesBalance
        self.openOrders = openOrders
    }

    public var openReceivables: Money { max(receivablesBalance, .zero) }
    public var unappliedCredit: Money { max(.zero - receivablesBalance, .zero) }
    public var exposure: Money { receivablesBalance + openOrders }
    /// May be negative.
    public var available: Money { creditLimit - exposure }
}

public enum CreditReasonCode {
    public static let limitExceeded = "CREDIT_LIMIT_EXCEEDED"
    public static let overdueReceivables = "OVERDUE_RECEIVABLES"
}

public enum CreditRules {
    /// Approves when exposure + order total stays within the limit (equal passes; a limit
    /// of 0 means no credit at all).
    public static func check(orderTotal: Money, position: CreditPosition) -> (CreditOutcome, [Reason]) {
        var reasons: [Reason] = []
        if position.exposure + orderTotal > position.creditLimit {
            reasons.append(Reason(code: CreditReasonCode.limitExceeded, message:
                "exposure \(position.exposure) + order \(orderTotal) = \(position.exposure + orderTotal) exceeds the credit limit \(position.creditLimit)"))
        }
        return (reasons.isEmpty ? .approved : .held, reasons)
    }
}
