import Contracts

/// One movement of money in a client's ledger: a payment, a credit note or the credit balance
/// applied to an invoice, or kept as unapplied credit (`invoiceId` nil).
public struct AllocationEntry: Sendable, Equatable {
    public enum Source: String, Sendable {
        case payment, creditNote = "credit_note"
        /// Unapplied credit from earlier documents, applied to an invoice issued later.
        case creditBalance = "credit_balance"
    }

    /// 1, 2, … per client, in allocation order.
    public var seq: Int
    public var appliedOn: BusinessDate
    public var source: Source
    /// The payment or credit note; nil for the credit balance.
    public var sourceId: String?
    public var invoiceId: String?
    public var amount: Money
}

/// A client's ledger under SPEC 5.3 allocation, taking documents one at a time in allocation
/// order (`DocumentKey`):
/// - a payment pays its explicit allocations first (each capped at the invoice's outstanding
///   and at what is left of the payment; an unknown or paid invoice's share joins the rest),
///   then open invoices oldest first by dueDate, issuedOn, invoiceId; what remains is
///   unapplied credit;
/// - a credit note naming a known invoice reduces it, its excess becomes unapplied credit; one
///   without (or naming an invoice not issued yet) is applied like a payment;
/// - a new invoice takes unapplied credit at once (oldest first among all open invoices).
///
/// The same book serves a full replay and the incremental ledger: a stored book is opened
/// with its open invoices (and those the new documents name), the documents that sort after
/// its last one are applied, and what changed is written back.
public struct LedgerBook: Sendable {
    public private(set) var invoices: [InvoiceBalance] = []
    private var index: [String: Int] = [:]
    public private(set) var unappliedCredit = Money.zero
    /// The last document applied; a later one must sort after it.
    public private(set) var lastKey: DocumentKey?
    /// Entries made since the book was opened (all of them after a replay).
    public private(set) var entries: [AllocationEntry] = []
    /// Entries made before the book was opened: numbering goes on after them.
    public private(set) var earlierEntries = 0
    /// Invoices added or changed since the book was opened.
    public private(set) var changedInvoiceIds: Set<String> = []
    /// The date of the document being applied: what settles an invoice settles it on this date.
    private var date: BusinessDate?

    public init() {}

    /// A stored book. `invoices` must hold every open invoice; paid ones only as needed.
    public init(invoices: [InvoiceBalance], unappliedCredit: Money, lastKey: DocumentKey?, entryCount: Int) {
        for invoice in invoices.sorted(by: { ($0.issuedOn, $0.invoiceId) < ($1.issuedOn, $1.invoiceId) }) {
            index[invoice.invoiceId] = self.invoices.count
            self.invoices.append(invoice)
        }
        self.unappliedCredit = unappliedCredit
        self.lastKey = lastKey
        earlierEntries = entryCount
    }

    /// Every document dated on or before `asOf` (all without), applied in allocation order.
    public static func replay(_ documents: [LedgerDocument], asOf: BusinessDate? = nil) -> LedgerBook {
        var book = LedgerBook()
        let counted = documents.filter { d in asOf.map { d.date <= $0 } ?? true }
        for d in counted.sorted(by: { $0.key < $1.key }) { book.apply(d) }
        return book
    }

    public var state: LedgerState { LedgerState(invoices: invoices, unappliedCredit: unappliedCredit) }
    public var entryCount: Int { earlierEntries + entries.count }

    /// Whether `key` can be applied now: it sorts after everything applied.
    public func follows(_ key: DocumentKey) -> Bool { lastKey.map { key > $0 } ?? true }

    /// Applies one document; it must sort after every document applied so far.
    public mutating func apply(_ document: LedgerDocument) {
        precondition(follows(document.key), "\(document.key) applied after \(lastKey.map(\.description) ?? "-")")
        lastKey = document.key
        date = document.date
        switch document {
        case .invoice(let i):
            guard index[i.invoiceId] == nil else { return }
            index[i.invoiceId] = invoices.count
            invoices.append(InvoiceBalance(invoiceId: i.invoiceId, orderId: i.orderId, amount: i.amount, issuedOn: i.issuedOn,
                                           dueDate: i.dueDate, outstanding: i.amount))
            changedInvoiceIds.insert(i.invoiceId)
            // Credit left over from earlier goes to the invoices issued after it.
            if unappliedCredit > .zero {
                let credit = unappliedCredit
                unappliedCredit = applyOldestFirst(credit, source: .creditBalance, sourceId: nil)
            }
        case .creditNote(let c):
            if let target = c.invoiceId, index[target] != nil {
                keep(reduce(target, by: c.amount, source: .creditNote, sourceId: c.creditNoteId), source: .creditNote, sourceId: c.creditNoteId)
            } else {
                keep(applyOldestFirst(c.amount, source: .creditNote, sourceId: c.creditNoteId), source: .creditNote, sourceId: c.creditNoteId)
            }
        case .payment(let p):
            var remaining = p.amount
            for a in p.allocations ?? [] where index[a.invoiceId] != nil {
                // Capped at the invoice's outstanding (and at what is left of the payment).
                let take = min(a.amount, remaining)
                remaining = remaining - take + reduce(a.invoiceId, by: take, source: .payment, sourceId: p.paymentId)
            }
            keep(applyOldestFirst(remaining, source: .payment, sourceId: p.paymentId), source: .payment, sourceId: p.paymentId)
        }
    }

    /// What no invoice took becomes unapplied credit.
    private mutating func keep(_ amount: Money, source: AllocationEntry.Source, sourceId: String?) {
        guard amount > .zero else { return }
        unappliedCredit += amount
        record(source, sourceId, invoiceId: nil, amount)
    }

    /// Reduces one invoice; returns what did not fit.
    private mutating func reduce(_ invoiceId: String, by amount: Money, source: AllocationEntry.Source, sourceId: String?) -> Money {
        guard let i = index[invoiceId] else { return amount }
        let take = min(amount, invoices[i].outstanding)
        pay(i, take, source: source, sourceId: sourceId)
        return amount - take
    }

    /// Pays open invoices oldest first (dueDate, then issuedOn, then invoiceId); returns the rest.
    private mutating func applyOldestFirst(_ amount: Money, source: AllocationEntry.Source, sourceId: String?) -> Money {
        var remaining = amount
        guard remaining > .zero else { return remaining }
        let order = invoices.indices.filter { invoices[$0].outstanding > .zero }.sorted {
            let a = invoices[$0], b = invoices[$1]
            return (a.dueDate, a.issuedOn, a.invoiceId) < (b.dueDate, b.issuedOn, b.invoiceId)
        }
        for i in order where remaining > .zero {
            let take = min(remaining, invoices[i].outstanding)
            pay(i, take, source: source, sourceId: sourceId)
            remaining -= take
        }
        return remaining
    }

    private mutating func pay(_ i: Int, _ amount: Money, source: AllocationEntry.Source, sourceId: String?) {
        guard amount > .zero else { return }
        invoices[i].outstanding -= amount
        if invoices[i].outstanding == .zero { invoices[i].settledOn = date }
        changedInvoiceIds.insert(invoices[i].invoiceId)
        record(source, sourceId, invoiceId: invoices[i].invoiceId, amount)
    }

    private mutating func record(_ source: AllocationEntry.Source, _ sourceId: String?, invoiceId: String?, _ amount: Money) {
        entries.append(AllocationEntry(seq: entryCount + 1, appliedOn: date!, source: source, sourceId: sourceId,
                                       invoiceId: invoiceId, amount: amount))
    }
}
