import Contracts
import Foundation

/// Status as people see it (SPEC §6).
public enum OrderStatus: String, Codable, Sendable, CaseIterable {
    case received, onHold = "on_hold", confirmed, rejected, cancelled, completed
}

/// Where a non-final order waits.
public enum OrderStage: String, Codable, Sendable {
    /// Master data missing; retried until `parkedUntil`.
    case parked
    /// Waiting for the head to approve a discount.
    case discountHold = "discount_hold"
    /// Asked credit; waiting for its answer.
    case creditPending = "credit_pending"
    /// Credit held it; waiting for the head.
    case creditHold = "credit_hold"
    case done
}

/// The orders service's state of one order, stored as a JSON document.
public struct OrderRecord: Codable, Sendable, Equatable {
    public var orderId: String
    public var clientId: String
    public var kamId: String?
    public var status: OrderStatus
    public var stage: OrderStage
    public var placedAt: Date?
    public var businessDate: BusinessDate?
    public var requestedDeliveryDate: BusinessDate?
    public var requestedDiscountPercent: Percent?
    public var requestedLines: [OrderLine]
    public var priced: PricedOrder?
    public var reasons: [Reason]
    public var parkedUntil: Date?
    public var decidedAt: Date?
    public var approvedBy: String?
    public var comment: String?
    public var updatedAt: Date
    /// Every step of the order, oldest first (OrderEvent.swift); nil on orders stored before it was kept.
    public var history: [OrderEvent]? = nil

    /// The order as placed, before any decision.
    public static func received(_ order: OrderPlaced, businessDate: BusinessDate, at now: Date) -> OrderRecord {
        OrderRecord(orderId: order.orderId, clientId: order.clientId, kamId: nil, status: .received, stage: .parked,
                    placedAt: order.placedAt, businessDate: businessDate, requestedDeliveryDate: order.requestedDeliveryDate,
                    requestedDiscountPercent: order.requestedDiscountPercent, requestedLines: order.lines, priced: nil,
                    reasons: [], parkedUntil: nil, decidedAt: nil, approvedBy: nil, comment: order.comment, updatedAt: now,
                    history: [OrderEvent(.placed, at: order.placedAt)])
    }

    /// The OrderPlaced this record came from (for re-evaluation).
    public var placed: OrderPlaced {
        OrderPlaced(orderId: orderId, clientId: clientId, placedAt: placedAt ?? updatedAt,
                    requestedDeliveryDate: requestedDeliveryDate ?? businessDate ?? BusinessDate(updatedAt, in: .gmt),
                    lines: requestedLines, requestedDiscountPercent: requestedDiscountPercent, comment: comment)
    }

    public var isFinal: Bool { [.confirmed, .rejected, .cancelled, .completed].contains(status) }
}
