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

/// SPEC 5.3 allocation, replayed in document-date order so any "as of" date gives the
/// ledger as it stood then. On one date: invoices first, then credit notes, then payments,
/// each by id — a payment can settle an invoice issued the same day.
public enum LedgerAllocation {
    public static func replay(_ docs: LedgerDocuments, asOf: BusinessDate? = nil) -> LedgerState {
        enum Event {
            case invoice(InvoiceIssued)
            case creditNote(CreditNoteIssued)
            case payment(PaymentReceived)
        }
        var events: [(BusinessDate, Int, String, Event)] = []
        for i in docs.invoices where asOf.map({ i.issuedOn <= $0 }) ?? true { events.append((i.issuedOn, 0, i.invoiceId, .invoice(i))) }
        for c in docs.creditNotes where asOf.map({ c.issuedOn <= $0 }) ?? true { events.append((c.issuedOn, 1, c.creditNoteId, .creditNote(c))) }
        for p in docs.payments where asOf.map({ p.receivedOn <= $0 }) ?? true { events.append((p.receivedOn, 2, p.paymentId, .payment(p))) }
        events.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }

        var ledger = Working()
        for (date, _, _, event) in events {
            ledger.date = date
            switch event {
            case .invoice(let i):
                ledger.add(InvoiceBalance(invoiceId: i.invoiceId, orderId: i.orderId, amount: i.amount, issuedOn: i.issuedOn,
                                          dueDate: i.dueDate, outstanding: i.amount))
            case .creditNote(let c):
                if let target = c.invoiceId, ledger.index[target] != nil {
                    let excess = ledger.reduce(target, by: c.amount)
                    ledger.unapplied += excess
                } else {
                    ledger.unapplied += ledger.applyOldestFirst(c.amount)
                }
            case .payment(let p):
                var remaining = p.amount
                for a in p.allocations ?? [] where ledger.index[a.invoiceId] != nil {
                    // Capped at the invoice's outstanding (and at what is left of the payment).
                    let take = min(a.amount, remaining)
                    remaining = remaining - take + ledger.reduce(a.invoiceId, by: take)
                }
                ledger.unapplied += ledger.applyOldestFirst(remaining)
            }
        }
        return LedgerState(invoices: ledger.invoices, unappliedCredit: ledger.unapplied)
    }

    /// Mutable replay state.
    private struct Working {
        var invoices: [InvoiceBalance] = []
        var index: [String: Int] = [:]
        var unapplied = Money.zero
        /// The date of the document being applied: what settles an invoice settles it on this date.
        var date: BusinessDate?

        mutating func add(_ invoice: InvoiceBalance) {
            guard index[invoice.invoiceId] == nil else { return }
            index[invoice.invoiceId] = invoices.count
            invoices.append(invoice)
            // Credit left over from earlier goes to the invoices issued after it.
            if unapplied > .zero { unapplied = applyOldestFirst(unapplied) }
        }

        /// Reduces one invoice; returns what did not fit.
        mutating func reduce(_ invoiceId: String, by amount: Money) -> Money {
            guard let i = index[invoiceId] else { return amount }
            let take = min(amount, invoices[i].outstanding)
            pay(i, take)
            return amount - take
        }

        /// Pays open invoices oldest first (dueDate, then issuedOn, then invoiceId); returns the rest.
        mutating func applyOldestFirst(_ amount: Money) -> Money {
            var remaining = amount
            let order = invoices.indices.filter { invoices[$0].outstanding > .zero }.sorted {
                let a = invoices[$0], b = invoices[$1]
                return (a.dueDate, a.issuedOn, a.invoiceId) < (b.dueDate, b.issuedOn, b.invoiceId)
            }
            for i in order where remaining > .zero {
                let take = min(remaining, invoices[i].outstanding)
                pay(i, take)
                remaining -= take
            }
            return remaining
        }

        private mutating func pay(_ i: Int, _ amount: Money) {
            guard amount > .zero else { return }
            invoices[i].outstanding -= amount
            if invoices[i].outstanding == .zero { invoices[i].settledOn = date }
        }
    }
}
