import Contracts

/// An invoice or a credit note as planning counts it: turnover is invoices − credit notes.
public struct SalesDocument: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case invoice
        case creditNote(CreditNoteReason)
    }

    public var id: String
    public var clientId: String
    public var date: BusinessDate
    public var amount: Money
    public var kind: Kind
    /// A credit note's SKU lines, when the ERP sent them.
    public var lines: [CreditNoteLine]?

    public init(id: String, clientId: String, date: BusinessDate, amount: Money, kind: Kind, lines: [CreditNoteLine]? = nil) {
        self.id = id
        self.clientId = clientId
        self.date = date
        self.amount = amount
        self.kind = kind
        self.lines = lines
    }

    public static func invoice(_ id: String, _ clientId: String, _ date: BusinessDate, _ amount: Money) -> SalesDocument {
        SalesDocument(id: id, clientId: clientId, date: date, amount: amount, kind: .invoice)
    }

    public static func creditNote(_ id: String, _ clientId: String, _ date: BusinessDate, _ amount: Money,
                                  _ reason: CreditNoteReason, lines: [CreditNoteLine]? = nil) -> SalesDocument {
        SalesDocument(id: id, clientId: clientId, date: date, amount: amount, kind: .creditNote(reason), lines: lines)
    }

    /// + for an invoice, − for a credit note.
    public var turnover: Money {
        if case .invoice = kind { return amount }
        return -amount
    }

    public var isInvoice: Bool { kind == .invoice }

    public var reason: CreditNoteReason? {
        if case .creditNote(let reason) = kind { return reason }
        return nil
    }

    /// Goods that came back or never arrived (SPEC 5.4 returns share); a price adjustment
    /// is a correction of the price, not of the goods, and is not one (docs/decisions.md).
    public var isReturn: Bool { reason.map(Returns.reasons.contains) ?? false }
}

public enum Returns {
    public static let reasons: [CreditNoteReason] = [.return, .refusal, .shortage, .regrading]
}

/// What the platform decided about an order on a day, as planning heard it on
/// kam.order-decisions.v1.
public struct OrderOutcome: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case held, rejected, confirmed
    }

    public var orderId: String
    public var clientId: String
    public var kind: Kind
    public var on: BusinessDate

    public init(orderId: String, clientId: String, kind: Kind, on: BusinessDate) {
        self.orderId = orderId
        self.clientId = clientId
        self.kind = kind
        self.on = on
    }
}
