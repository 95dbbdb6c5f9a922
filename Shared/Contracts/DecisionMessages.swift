import Foundation

/// `kam.order-decisions.v1` — what the platform decided about an order (SPEC §4).
public struct OrderConfirmed: MessagePayload, Equatable {
    public static let messageType = "OrderConfirmed"

    public var orderId: String
    public var clientId: String
    public var kamId: String
    public var priceListId: String
    public var priceColumn: Int
    public var discountPercent: Percent
    public var lines: [PricedLine]
    public var total: Money
    public var confirmedAt: Date
    /// The `sub` of the head who released the last hold, when there was one.
    public var approvedBy: String?

    public init(orderId: String, clientId: String, kamId: String, priceListId: String, priceColumn: Int,
                discountPercent: Percent, lines: [PricedLine], total: Money, confirmedAt: Date,
                approvedBy: String? = nil) {
        self.orderId = orderId
        self.clientId = clientId
        self.kamId = kamId
        self.priceListId = priceListId
        self.priceColumn = priceColumn
        self.discountPercent = discountPercent
        self.lines = lines
        self.total = total
        self.confirmedAt = confirmedAt
        self.approvedBy = approvedBy
    }

    public func validate() throws(ContractError) {
        try Check.nonEmpty(orderId, "orderId")
        try Check.nonEmpty(clientId, "clientId")
        try Check.atLeast(priceColumn, 1, "priceColumn")
        try Check.discount(discountPercent, "discountPercent")
        try Check.nonNegative(total, "total")
        for (index, line) in lines.enumerated() {
            try Check.nonNegative(line.unitPrice, "lines[\(index)].unitPrice")
            try Check.nonNegative(line.lineTotal, "lines[\(index)].lineTotal")
        }
    }
}

public struct PricedLine: Codable, Sendable, Equatable {
    public var lineNo: Int
    public var sku: String
    public var quantity: Int64
    public var unitPrice: Money
    public var lineTotal: Money

    public init(lineNo: Int, sku: String, quantity: Int64, unitPrice: Money, lineTotal: Money) {
        self.lineNo = lineNo
        self.sku = sku
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.lineTotal = lineTotal
    }
}

/// Why an order was held or rejected, e.g. `CREDIT_LIMIT_EXCEEDED`.
public struct Reason: Codable, Sendable, Hashable {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}

/// Waiting for a head's decision; `total` is priced with the requested discount.
public struct OrderOnHold: MessagePayload, Equatable {
    public static let messageType = "OrderOnHold"

    public var orderId: String
    public var clientId: String
    public var total: Money
    public var reasons: [Reason]
    public var heldAt: Date

    public init(orderId: String, clientId: String, total: Money, reasons: [Reason], heldAt: Date) {
        self.orderId = orderId
        self.clientId = clientId
        self.total = total
        self.reasons = reasons
        self.heldAt = heldAt
    }

    public func validate() throws(ContractError) {
        try Check.nonEmpty(orderId, "orderId")
        try Check.nonEmpty(clientId, "clientId")
        try Check.nonNegative(total, "total")
    }
}

public struct OrderRejected: MessagePayload, Equatable {
    public static let messageType = "OrderRejected"

    public var orderId: String
    public var clientId: String
    public var reasons: [Reason]
    public var rejectedAt: Date

    public init(orderId: String, clientId: String, reasons: [Reason], rejectedAt: Date) {
        self.orderId = orderId
        self.clientId = clientId
        self.reasons = reasons
        self.rejectedAt = rejectedAt
    }

    public func validate() throws(ContractError) {
        try Check.nonEmpty(orderId, "orderId")
        try Check.nonEmpty(clientId, "clientId")
    }
}
