import Contracts
import Foundation

/// One step of an order's life as `GET /orders/{orderId}` lists it in `history`, oldest first:
/// what happened, when, who decided (a head's login; null for the platform's own checks), the
/// comment given and the reasons.
public struct OrderEvent: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// The ERP placed the order.
        case placed
        /// Master data was missing; the order waits for it.
        case parked
        /// On hold: for a discount above the KAM's authority or by credit.
        case held
        /// The head approved the discount; credit checks the order next.
        case discountApproved = "discount_approved"
        /// The head released a credit hold.
        case creditApproved = "credit_approved"
        case confirmed
        case rejected
        case cancelled
        case completed
    }

    public var event: Kind
    public var at: Date
    @NullWhenAbsent public var by: String?
    @NullWhenAbsent public var comment: String?
    public var reasons: [Reason]

    public init(_ event: Kind, at: Date, by: String? = nil, comment: String? = nil, reasons: [Reason] = []) {
        self.event = event
        self.at = at
        self.by = by
        self.comment = comment
        self.reasons = reasons
    }
}

extension OrderRecord {
    /// The history as stored; for an order stored before histories were kept, what its
    /// fields still tell: placement and the final decision.
    public var events: [OrderEvent] {
        if let history { return history }
        var events: [OrderEvent] = []
        if let placedAt { events.append(OrderEvent(.placed, at: placedAt)) }
        if let decidedAt, status == .confirmed || status == .completed || status == .rejected {
            events.append(OrderEvent(status == .rejected ? .rejected : .confirmed, at: decidedAt, by: approvedBy,
                                     reasons: status == .rejected ? reasons : []))
        }
        return events
    }

    /// The record with `event` added to its history.
    func noting(_ event: OrderEvent) -> OrderRecord {
        var r = self
        r.history = events + [event]
        return r
    }
}
