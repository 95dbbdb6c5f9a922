import Contracts

/// One client's credit checks of a batch, decided in arrival order, each seeing the
/// reservations of the checks approved before it (SPEC 5.2 step 4: a client's orders are
/// checked one at a time; two that each fit but together exceed the limit do not both pass).
public enum SequentialChecks {
    public struct Check: Sendable, Equatable {
        public var orderId: String
        public var total: Money
        public var orderDate: BusinessDate
        /// The order was already cancelled or completed by the ERP: an approval reserves nothing.
        public var ended: Bool
        /// Σ invoices already issued for the order (they count as receivables, not twice).
        public var invoiced: Money

        public init(orderId: String, total: Money, orderDate: BusinessDate, ended: Bool = false, invoiced: Money = .zero) {
            self.orderId = orderId
            self.total = total
            self.orderDate = orderDate
            self.ended = ended
            self.invoiced = invoiced
        }
    }

    public struct Decision: Sendable, Equatable {
        public var outcome: CreditOutcome
        public var reasons: [Reason]
        /// The client's exposure this check was judged on.
        public var exposure: Money
        /// The amount the approval added to the client's open orders (0 when held).
        public var reserved: Money
    }

    /// Decides `checks` in order against `position`; returns one decision per check and the
    /// position after the last.
    public static func decide(_ checks: [Check], position: CreditPosition, openInvoices: [OpenInvoice],
                              graceDays: Int) -> ([Decision], CreditPosition) {
        var position = position
        var decisions: [Decision] = []
        decisions.reserveCapacity(checks.count)
        for check in checks {
            let overdue = OverdueTerms(openInvoices: openInvoices, orderDate: check.orderDate, graceDays: graceDays)
            let (outcome, reasons) = CreditRules.check(orderTotal: check.total, position: position, overdue: overdue)
            var reserved = Money.zero
            if outcome == .approved && !check.ended {
                reserved = max(check.total - check.invoiced, .zero)
            }
            decisions.append(Decision(outcome: outcome, reasons: reasons, exposure: position.exposure, reserved: reserved))
            position.openOrders = position.openOrders + reserved
        }
        return (decisions, position)
    }
}
