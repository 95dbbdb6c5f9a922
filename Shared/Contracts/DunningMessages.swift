/// `kam.dunning.v1` — issued when a client's dunning level rises (SPEC §4, §5.3).
public struct DunningNoticeIssued: MessagePayload, Equatable {
    public static let messageType = "DunningNoticeIssued"

    public var clientId: String
    public var kamId: String
    public var level: Int
    public var asOf: BusinessDate
    public var totalOverdue: Money
    public var invoices: [DunnedInvoice]

    public init(clientId: String, kamId: String, level: Int, asOf: BusinessDate, totalOverdue: Money,
                invoices: [DunnedInvoice]) {
        self.clientId = clientId
        self.kamId = kamId
        self.level = level
        self.asOf = asOf
        self.totalOverdue = totalOverdue
        self.invoices = invoices
    }

    public func validate() throws(ContractError) {
        try Check.nonEmpty(clientId, "clientId")
        try Check.atLeast(level, 1, "level")
        try Check.nonNegative(totalOverdue, "totalOverdue")
        for (index, invoice) in invoices.enumerated() {
            try Check.nonNegative(invoice.outstanding, "invoices[\(index)].outstanding")
            try Check.atLeast(invoice.daysOverdue, 0, "invoices[\(index)].daysOverdue")
        }
    }
}

public struct DunnedInvoice: Codable, Sendable, Equatable {
    public var invoiceId: String
    public var outstanding: Money
    public var dueDate: BusinessDate
    public var daysOverdue: Int

    public init(invoiceId: String, outstanding: Money, dueDate: BusinessDate, daysOverdue: Int) {
        self.invoiceId = invoiceId
        self.outstanding = outstanding
        self.dueDate = dueDate
        self.daysOverdue = daysOverdue
    }
}
