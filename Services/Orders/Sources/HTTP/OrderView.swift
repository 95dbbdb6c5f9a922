import Contracts
import Foundation

/// `GET /orders/{orderId}` — the order as a person reads it.
struct OrderView: Codable, Sendable {
    struct Line: Codable, Sendable {
        var lineNo: Int
        var sku: String
        var quantity: Int64
        var unitPrice: Money?
        var lineTotal: Money?
    }

    var orderId: String
    var clientId: String
    var kamId: String?
    var status: String
    var placedAt: Date?
    var businessDate: BusinessDate?
    var requestedDeliveryDate: BusinessDate?
    var priceListId: String?
    var priceColumn: Int?
    var discountPercent: Percent?
    var requestedDiscountPercent: Percent?
    var lines: [Line]
    var total: Money?
    var reasons: [Reason]
    var approvedBy: String?
    var decidedAt: Date?
    var updatedAt: Date
    /// Every step, oldest first.
    var history: [OrderEvent]

    init(_ r: OrderRecord) {
        orderId = r.orderId
        clientId = r.clientId
        kamId = r.kamId
        status = r.status.rawValue
        placedAt = r.placedAt
        businessDate = r.businessDate
        requestedDeliveryDate = r.requestedDeliveryDate
        priceListId = r.priced?.priceListId
        priceColumn = r.priced?.priceColumn
        discountPercent = r.priced?.discountPercent
        requestedDiscountPercent = r.requestedDiscountPercent
        if let priced = r.priced {
            lines = priced.lines.map { Line(lineNo: $0.lineNo, sku: $0.sku, quantity: $0.quantity, unitPrice: $0.unitPrice, lineTotal: $0.lineTotal) }
        } else {
            lines = r.requestedLines.map { Line(lineNo: $0.lineNo, sku: $0.sku, quantity: $0.quantity, unitPrice: nil, lineTotal: nil) }
        }
        total = r.priced?.total
        reasons = r.reasons
        approvedBy = r.approvedBy
        decidedAt = r.decidedAt
        updatedAt = r.updatedAt
        history = r.events
    }
}

struct DiscountDecisionRequest: Codable, Sendable {
    var decision: String
    var comment: String?
}
