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

/// What the overdue check needs: the client's open invoices after allocation (from
/// receivables), the order's business date and the grace days.
public struct OverdueTerms: Sendable, Equatable {
    public var openInvoices: [OpenInvoice]
    public var orderDate: BusinessDate
    public var graceDays: Int

    public init(openInvoices: [OpenInvoice], orderDate: BusinessDate, graceDays: Int) {
        self.openInvoices = openInvoices
        self.orderDate = orderDate
        self.graceDays = graceDays
    }
}

public enum CreditRules {
    /// SPEC 5.2 step 4. Holds when exposure + order total exceeds the limit (equal passes; a
    /// limit of 0 means no credit at all) and when the client owes an invoice past its due
    /// date + grace days; both reasons can apply, the limit first.
    public static func check(orderTotal: Money, position: CreditPosition, overdue: OverdueTerms? = nil) -> (CreditOutcome, [Reason]) {
        var reasons: [Reason] = []
        if position.exposure + orderTotal > position.creditLimit {
            reasons.append(Reason(code: CreditReasonCode.limitExceeded, message:
                "exposure \(position.exposure) + order \(orderTotal) = \(position.exposure + orderTotal) exceeds the credit limit \(position.creditLimit)"))
        }
        if let overdue, let reason = overdueReason(overdue) { reasons.append(reason) }
        return (reasons.isEmpty ? .approved : .held, reasons)
    }

    /// Invoices still owed whose due date + grace days lies before `date`: due on the date
    /// itself is not overdue, the day after is.
    public static func overdueInvoices(_ invoices: [OpenInvoice], on date: BusinessDate, graceDays: Int) -> [OpenInvoice] {
        invoices.filter { $0.outstanding > .zero && $0.dueDate.adding(days: graceDays) < date }
    }

    /// Names the amount and the invoices (the five oldest, then how many more).
    static func overdueReason(_ terms: OverdueTerms) -> Reason? {
        let late = overdueInvoices(terms.openInvoices, on: terms.orderDate, graceDays: terms.graceDays)
            .sorted { ($0.dueDate, $0.invoiceId) < ($1.dueDate, $1.invoiceId) }
        guard !late.isEmpty else { return nil }
        let total = Money.sum(late.map(\.outstanding))
        var listed = late.prefix(5).map {
            "\($0.invoiceId) \($0.outstanding) due \($0.dueDate) (\(terms.orderDate.days(since: $0.dueDate)) days)"
        }
        if late.count > 5 { listed.append("and \(late.count - 5) more") }
        let grace = terms.graceDays > 0 ? " beyond \(terms.graceDays) grace days" : ""
        return Reason(code: CreditReasonCode.overdueReceivables,
                      message: "overdue receivables \(total) on \(terms.orderDate)\(grace): \(listed.joined(separator: ", "))")
    }
}
