import Contracts

/// The documents of one client's ledger, as the ERP sent them.
public struct LedgerDocuments: Sendable, Equatable {
    public var invoices: [InvoiceIssued]
    public var payments: [PaymentReceived]
    public var creditNotes: [CreditNoteIssued]

    public init(invoices: [InvoiceIssued] = [], payments: [PaymentReceived] = [], creditNotes: [CreditNoteIssued] = []) {
        self.invoices = invoices
        self.payments = payments
        self.creditNotes = creditNotes
    }
}

public struct InvoiceBalance: Sendable, Equatable, Codable {
    public var invoiceId: String
    public var orderId: String?
    public var amount: Money
    public var issuedOn: BusinessDate
    public var dueDate: BusinessDate
    public var outstanding: Money
    /// The date of the document that brought the outstanding to 0; nil while something is owed.
    public var settledOn: BusinessDate? = nil

    /// SPEC 5.3: D − dueDate when positive and something is still owed.
    public func daysOverdue(on date: BusinessDate) -> Int {
        outstanding > .zero ? max(date.days(since: dueDate), 0) : 0
    }
}

/// The ledger after allocation: each invoice's outstanding and the unapplied credit.
public struct LedgerState: Sendable, Equatable {
    public var invoices: [InvoiceBalance]
    public var unappliedCredit: Money

    public var openInvoices: [InvoiceBalance] { invoices.filter { $0.outstanding > .zero } }
    public var outstanding: Money { Money.sum(invoices.map(\.outstanding)) }
    public func overdue(on date: BusinessDate) -> Money {
        Money.sum(invoices.filter { $0.daysOverdue(on: date) > 0 }.map(\.outstanding))
    }
}

/// SPEC 5.3 allocation replayed from a client's documents, so any "as of" date gives the
/// ledger as it stood then (see `LedgerBook` for the rules).
public enum LedgerAllocation {
    public static func replay(_ docs: LedgerDocuments, asOf: BusinessDate? = nil) -> LedgerState {
        LedgerBook.replay(docs.all, asOf: asOf).state
    }
}
