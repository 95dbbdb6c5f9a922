import Contracts

/// Where a document stands in SPEC 5.3 allocation order: by date; on one date invoices, then
/// credit notes, then payments (a payment can settle an invoice issued the same day); then by
/// id. Allocation applies documents in this order, whatever order they arrived in.
public struct DocumentKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var date: BusinessDate
    public var rank: Int
    public var id: String

    public init(date: BusinessDate, rank: Int, id: String) {
        self.date = date
        self.rank = rank
        self.id = id
    }

    public static func < (a: DocumentKey, b: DocumentKey) -> Bool { (a.date, a.rank, a.id) < (b.date, b.rank, b.id) }

    public var description: String { "\(date)/\(rank)/\(id)" }
}

/// One document of a client's ledger, as the ERP sent it.
public enum LedgerDocument: Sendable, Equatable {
    case invoice(InvoiceIssued)
    case creditNote(CreditNoteIssued)
    case payment(PaymentReceived)

    /// The stored kind (`documents.kind`); its position is the rank within one date.
    public enum Kind: String, Sendable, CaseIterable {
        case invoice, creditNote = "credit_note", payment

        public var rank: Int {
            switch self {
            case .invoice: 0
            case .creditNote: 1
            case .payment: 2
            }
        }
    }

    public var kind: Kind {
        switch self {
        case .invoice: .invoice
        case .creditNote: .creditNote
        case .payment: .payment
        }
    }

    public var id: String {
        switch self {
        case .invoice(let i): i.invoiceId
        case .creditNote(let c): c.creditNoteId
        case .payment(let p): p.paymentId
        }
    }

    public var clientId: String {
        switch self {
        case .invoice(let i): i.clientId
        case .creditNote(let c): c.clientId
        case .payment(let p): p.clientId
        }
    }

    /// `issuedOn` or `receivedOn`: what "as of" compares (SPEC 5.3).
    public var date: BusinessDate {
        switch self {
        case .invoice(let i): i.issuedOn
        case .creditNote(let c): c.issuedOn
        case .payment(let p): p.receivedOn
        }
    }

    public var key: DocumentKey { DocumentKey(date: date, rank: kind.rank, id: id) }

    public var amount: Money {
        switch self {
        case .invoice(let i): i.amount
        case .creditNote(let c): c.amount
        case .payment(let p): p.amount
        }
    }

    /// Invoices the document names (a credit note's invoice, a payment's allocations): applying
    /// it needs to know whether they exist even when they are paid.
    public var namedInvoiceIds: [String] {
        switch self {
        case .invoice: []
        case .creditNote(let c): c.invoiceId.map { [$0] } ?? []
        case .payment(let p): (p.allocations ?? []).map(\.invoiceId)
        }
    }
}

extension LedgerDocuments {
    public init(_ documents: [LedgerDocument]) {
        self.init()
        for d in documents {
            switch d {
            case .invoice(let i): invoices.append(i)
            case .creditNote(let c): creditNotes.append(c)
            case .payment(let p): payments.append(p)
            }
        }
    }

    public var all: [LedgerDocument] {
        invoices.map(LedgerDocument.invoice) + creditNotes.map(LedgerDocument.creditNote) + payments.map(LedgerDocument.payment)
    }
}
