import Contracts

/// The ERP cancelled an order (erp.orders.v1 `OrderCancelled`) on a business day.
public struct OrderCancellation: Sendable, Equatable {
    public var orderId: String
    public var clientId: String
    public var on: BusinessDate

    public init(orderId: String, clientId: String, on: BusinessDate) {
        self.orderId = orderId
        self.clientId = clientId
        self.on = on
    }
}

/// Everything planning heard about one order: its hold, its final decision, its cancellation.
/// Planning never asks orders; these events are all it knows (they may arrive in any order,
/// since they travel on different topics).
public struct OrderTrail: Sendable, Equatable {
    public enum Outcome: String, Sendable, CaseIterable, Codable {
        case confirmed, rejected, cancelled
        /// Held, and neither decided by the head nor cancelled yet.
        case onHold
    }

    public var orderId: String
    public var clientId: String
    public var heldOn: BusinessDate?
    public var confirmedOn: BusinessDate?
    public var rejectedOn: BusinessDate?
    public var cancelledOn: BusinessDate?

    public init(orderId: String, clientId: String, heldOn: BusinessDate? = nil, confirmedOn: BusinessDate? = nil,
                rejectedOn: BusinessDate? = nil, cancelledOn: BusinessDate? = nil) {
        self.orderId = orderId
        self.clientId = clientId
        self.heldOn = heldOn
        self.confirmedOn = confirmedOn
        self.rejectedOn = rejectedOn
        self.cancelledOn = cancelledOn
    }

    /// A hold nobody ended: SPEC 5.4's "order on hold" for the contact plan.
    public var isOpenHold: Bool { heldOn != nil && outcome == .onHold }

    /// Where the order stands now: a cancellation ends any order (SPEC 5.2), else the final
    /// decision, else the hold (a trail always starts from one of these four events).
    public var outcome: Outcome {
        if cancelledOn != nil { return .cancelled }
        if confirmedOn != nil { return .confirmed }
        if rejectedOn != nil { return .rejected }
        return .onHold
    }

    /// The first day planning heard of the order: the month it is counted in.
    public var firstSeen: BusinessDate {
        [heldOn, confirmedOn, rejectedOn, cancelledOn].compactMap { $0 }.min()!
    }

    /// One trail per order, from the outcomes and cancellations heard.
    public static func trails(outcomes: [OrderOutcome], cancellations: [OrderCancellation]) -> [OrderTrail] {
        var byOrder: [String: OrderTrail] = [:]
        for o in outcomes {
            var trail = byOrder[o.orderId] ?? OrderTrail(orderId: o.orderId, clientId: o.clientId)
            switch o.kind {
            case .held: trail.heldOn = o.on
            case .confirmed: trail.confirmedOn = o.on
            case .rejected: trail.rejectedOn = o.on
            }
            byOrder[o.orderId] = trail
        }
        for c in cancellations {
            byOrder[c.orderId, default: OrderTrail(orderId: c.orderId, clientId: c.clientId)].cancelledOn = c.on
        }
        return byOrder.values.sorted { $0.orderId < $1.orderId }
    }
}
