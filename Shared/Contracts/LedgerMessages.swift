/// `erp.invoices.v1`, `erp.payments.v1`, `erp.credit-notes.v1` — the documents
/// of a client's ledger (SPEC §3). Amounts are never negative on the wire: a
/// reduction is its own document type.
public struct InvoiceIssued: MessagePayload, Equatable {
    public static let messageType = "InvoiceIssued"

    public var invoiceId: String
    public var clientId: String
    public var orderId: String?
    public var amount: Money
    public var issuedOn: BusinessDate
    public var dueDate: BusinessDate

    public init(invoiceId: String, clientId: String, orderId: String? = nil, amount: Money,
                issuedOn: BusinessDate, dueDate: BusinessDate) {
        self.invoiceId = invoiceId
        self.clientId = clientId
        self.orderId = orderId
        self.amount = amount
        self.issuedOn = issuedOn
        self.dueDate = dueDate
    }

    public func validate() throws(ContractError) {
        try Check.nonEmpty(invoiceId, "invoiceId")
        try Check.nonEmpty(clientId, "clientId")
        try Check.nonNegative(amount, "amount")
    }
}

public struct PaymentReceived: MessagePayload, Equatable {
    public static let messageType = "PaymentReceived"

    public var paymentId: String
    public var clientId: String
    public var amount: Money
    public var receivedOn: BusinessDate
    public var allocations: [Allocation]?

    public init(paymentId: String, clientId: String, amount: Money, receivedOn: BusinessDate,
                allocations: [Allocation]? = nil) {
        self.paymentId = paymentId
        self.clientId = clientId
        self.amount = amount
        self.receivedOn = receivedOn
        self.allocations = allocations
    }

    public func validate() throws(ContractError) {
        try Check.nonEmpty(paymentId, "paymentId")
        try Check.nonEmpty(clientId, "clientId")
        try Check.nonNegative(amount, "amount")
        for (index, allocation) in (allocations ?? []).enumerated() {
            try Check.nonNegative(allocation.amount, "allocations[\(index)].amount")
        }
    }
}

public struct Allocation: Codable, Sendable, Equatable {
    public var invoiceId: String
    public var amount: Money

    public init(invoiceId: String, amount: Money) {
        self.invoiceId = invoiceId
        self.amount = amount
    }
}

public struct CreditNoteIssued: MessagePayload, Equatable {
    public static let messageType = "CreditNoteIssued"

    public var creditNoteId: String
    public var clientId: String
    public var invoiceId: String?
    public var orderId: String?
    public var amount: Money
    public var issuedOn: BusinessDate
    public var reason: CreditNoteReason
    public var lines: [CreditNoteLine]?

    public init(creditNoteId: String, clientId: String, invoiceId: String? = nil, orderId: String? = nil,
                amount: Money, issuedOn: BusinessDate, reason: CreditNoteReason, lines: [CreditNoteLine]? = nil) {
        self.creditNoteId = creditNoteId
        self.clientId = clientId
        self.invoiceId = invoiceId
        self.orderId = orderId
        self.amount = amount
        self.issuedOn = issuedOn
        self.reason = reason
        self.lines = lines
    }

    public func validate() throws(ContractError) {
        try Check.nonEmpty(creditNoteId, "creditNoteId")
        try Check.nonEmpty(clientId, "clientId")
        try Check.nonNegative(amount, "amount")
    }
}

public enum CreditNoteReason: String, WireEnum {
    case `return`
    case refusal
    case shortage
    case regrading
    case priceAdjustment = "price_adjustment"
}

public struct CreditNoteLine: Codable, Sendable, Equatable {
    public var sku: String
    public var quantity: Int64

    public init(sku: String, quantity: Int64) {
        self.sku = sku
        self.quantity = quantity
    }
}
