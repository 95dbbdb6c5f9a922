/// `kam.receivables.open-items.v1` — a client's receivables after SPEC 5.3 allocation, as
/// receivables knows them, published whenever one of its documents changes them. Credit
/// judges overdue debt and the risk class from it.
public struct ClientOpenItemsChanged: MessagePayload, Equatable {
    public static let messageType = "ClientOpenItemsChanged"

    public var clientId: String
    /// Grows by one with every snapshot of this client: a reader keeps the highest it saw,
    /// so a late or repeated snapshot never replaces a newer one.
    public var version: Int64
    /// Invoices with outstanding > 0 after allocating every document known (no "as of" cut).
    public var openInvoices: [OpenInvoice]
    public var unappliedCredit: Money
    public var discipline: PaymentDiscipline

    public init(clientId: String, version: Int64, openInvoices: [OpenInvoice], unappliedCredit: Money,
                discipline: PaymentDiscipline) {
        self.clientId = clientId
        self.version = version
        self.openInvoices = openInvoices
        self.unappliedCredit = unappliedCredit
        self.discipline = discipline
    }

    public func validate() throws(ContractError) {
        try Check.nonEmpty(clientId, "clientId")
        try Check.atLeast(version, 1, "version")
        try Check.nonNegative(unappliedCredit, "unappliedCredit")
        for (index, invoice) in openInvoices.enumerated() {
            try Check.nonEmpty(invoice.invoiceId, "openInvoices[\(index)].invoiceId")
            try Check.nonNegative(invoice.outstanding, "openInvoices[\(index)].outstanding")
        }
    }
}

public struct OpenInvoice: Codable, Sendable, Equatable {
    public var invoiceId: String
    public var orderId: String?
    public var outstanding: Money
    public var issuedOn: BusinessDate
    public var dueDate: BusinessDate

    public init(invoiceId: String, orderId: String?, outstanding: Money, issuedOn: BusinessDate, dueDate: BusinessDate) {
        self.invoiceId = invoiceId
        self.orderId = orderId
        self.outstanding = outstanding
        self.issuedOn = issuedOn
        self.dueDate = dueDate
    }

    /// SPEC 5.3: days past the due date on `date` while something is owed, else 0.
    public func daysOverdue(on date: BusinessDate) -> Int {
        outstanding > .zero ? max(date.days(since: dueDate), 0) : 0
    }
}

/// How a client pays (SPEC 5.3 "DSO and payment discipline"), computed on `asOf`.
public struct PaymentDiscipline: Codable, Sendable, Equatable {
    /// The business day the figures were computed for.
    public var asOf: BusinessDate
    /// Settled invoices count when their due date is on or after `asOf` − windowDays.
    public var windowDays: Int
    public var settledInvoices: Int
    /// Settled on or before the due date.
    public var paidOnTime: Int
    /// Mean of max(0, settledOn − dueDate) over the settled invoices; null without any.
    @NullWhenAbsent public var averageDaysLate: Decimal2?
    /// paidOnTime / settledInvoices × 100; null without any settled invoice.
    @NullWhenAbsent public var shareOnTimePct: Percent?
    /// Outstanding today / invoiced in the 90 days ending today × 90; null when nothing was invoiced.
    @NullWhenAbsent public var dso: Decimal2?
    public var outstanding: Money
    public var invoicedLast90Days: Money

    public init(asOf: BusinessDate, windowDays: Int, settledInvoices: Int, paidOnTime: Int, averageDaysLate: Decimal2?,
                shareOnTimePct: Percent?, dso: Decimal2?, outstanding: Money, invoicedLast90Days: Money) {
        self.asOf = asOf
        self.windowDays = windowDays
        self.settledInvoices = settledInvoices
        self.paidOnTime = paidOnTime
        self.averageDaysLate = averageDaysLate
        self.shareOnTimePct = shareOnTimePct
        self.dso = dso
        self.outstanding = outstanding
        self.invoicedLast90Days = invoicedLast90Days
    }
}
