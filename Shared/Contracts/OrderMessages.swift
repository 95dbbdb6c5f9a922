import Foundation

/// `erp.orders.v1` — an order taken by the KAM. Quantities ≤ 0, duplicate line
/// numbers and empty `lines` pass validation: they are rejected by the orders
/// service as INVALID_LINE (SPEC §5.2), not dead-lettered.
public struct OrderPlaced: MessagePayload, Equatable {
    public static let messageType = "OrderPlaced"

    public var orderId: String
    public var clientId: String
    public var placedAt: Date
    public var requestedDeliveryDate: BusinessDate
    public var lines: [OrderLine]
    public var requestedDiscountPercent: Percent?
    public var comment: String?

    public init(orderId: String, clientId: String, placedAt: Date, requestedDeliveryDate: BusinessDate,
                lines: [OrderLine], requestedDiscountPercent: Percent? = nil, comment: String? = nil) {
        self.orderId = orderId
        self.clientId = clientId
        self.placedAt = placedAt
        self.requestedDeliveryDate = requestedDeliveryDate
        self.lines = lines
        self.requestedDiscountPercent = requestedDiscountPercent
        self.comment = comment
    }

    public func validate() throws(ContractError) {
        try Check.nonEmpty(orderId, "orderId")
        try Check.nonEmpty(clientId, "clientId")
        if let requestedDiscountPercent {
            try Check.discount(requestedDiscountPercent, "requestedDiscountPercent")
        }
    }
}

public struct OrderLine: Codable, Sendable, Equatable {
    public var lineNo: Int
    public var sku: String
    public var quantity: Int64

    public init(lineNo: Int, sku: String, quantity: Int64) {
        self.lineNo = lineNo
        self.sku = sku
        self.quantity = quantity
    }
}

public struct OrderCancelled: MessagePayload, Equatable {
    public static let messageType = "OrderCancelled"

    public var orderId: String
    public var clientId: String
    public var cancelledAt: Date
    public var reason: String

    public init(orderId: String, clientId: String, cancelledAt: Date, reason: String) {
        self.orderId = orderId
        self.clientId = clientId
        self.cancelledAt = cancelledAt
        self.reason = reason
    }

    public func validate() throws(ContractError) {
        try Check.nonEmpty(orderId, "orderId")
        try Check.nonEmpty(clientId, "clientId")
    }
}

/// No more shipments will follow; any uninvoiced remainder stops counting as exposure.
public struct OrderCompleted: MessagePayload, Equatable {
    public static let messageType = "OrderCompleted"

    public var orderId: String
    public var clientId: String
    public var completedAt: Date

    public init(orderId: String, clientId: String, completedAt: Date) {
        self.orderId = orderId
        self.clientId = clientId
        self.completedAt = completedAt
    }

    public func validate() throws(ContractError) {
        try Check.nonEmpty(orderId, "orderId")
        try Check.nonEmpty(clientId, "clientId")
    }
}
