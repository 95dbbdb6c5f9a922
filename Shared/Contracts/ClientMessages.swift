/// `erp.clients.v1` — master data of a key client (SPEC §3).
public struct ClientUpserted: MessagePayload, Equatable {
    public static let messageType = "ClientUpserted"

    public var clientId: String
    public var name: String
    public var taxId: String
    public var kamId: String
    public var segment: ClientSegment
    public var tier: ClientTier
    public var status: ClientStatus
    /// nil while there is no signed contract (JSON null or absent).
    public var contract: Contract?

    public init(clientId: String, name: String, taxId: String, kamId: String, segment: ClientSegment,
                tier: ClientTier, status: ClientStatus, contract: Contract? = nil) {
        self.clientId = clientId
        self.name = name
        self.taxId = taxId
        self.kamId = kamId
        self.segment = segment
        self.tier = tier
        self.status = status
        self.contract = contract
    }

    public func validate() throws(ContractError) {
        try Check.nonEmpty(clientId, "clientId")
        try Check.nonEmpty(kamId, "kamId")
        try contract?.validate(at: "contract")
    }
}

public struct Contract: Codable, Sendable, Equatable {
    public var contractId: String
    public var signedOn: BusinessDate
    public var paymentTermDays: Int
    public var creditLimit: Money
    /// 1-based column of the price list (`prices[priceColumn - 1]`).
    public var priceColumn: Int
    public var maxDiscountPercent: Percent

    public init(contractId: String, signedOn: BusinessDate, paymentTermDays: Int, creditLimit: Money,
                priceColumn: Int, maxDiscountPercent: Percent) {
        self.contractId = contractId
        self.signedOn = signedOn
        self.paymentTermDays = paymentTermDays
        self.creditLimit = creditLimit
        self.priceColumn = priceColumn
        self.maxDiscountPercent = maxDiscountPercent
    }

    func validate(at path: String) throws(ContractError) {
        try Check.atLeast(paymentTermDays, 0, "\(path).paymentTermDays")
        try Check.nonNegative(creditLimit, "\(path).creditLimit")
        try Check.atLeast(priceColumn, 1, "\(path).priceColumn")
        try Check.discount(maxDiscountPercent, "\(path).maxDiscountPercent")
    }
}

public enum ClientSegment: String, WireEnum {
    case retailChain = "retail_chain"
    case horeca
    case wholesale
    case institution
    case other
}

public enum ClientTier: String, WireEnum {
    case a = "A"
    case b = "B"
    case c = "C"
}

public enum ClientStatus: String, WireEnum {
    case prospect
    case active
    case blocked
}
