import Contracts

public struct CountedAmount: Codable, Sendable, Equatable {
    public var count: Int
    public var amount: Money

    public static let zero = CountedAmount(count: 0, amount: .zero)

    mutating func add(_ amount: Money) {
        count += 1
        self.amount += amount
    }
}

/// Credit notes of one reason.
public struct ReasonTotal: Codable, Sendable, Equatable {
    public var reason: CreditNoteReason
    public var count: Int
    public var amount: Money
}

/// A month's orders by where they stand now; `held` counts those that went through a hold
/// (also counted under their outcome).
public struct OrderCounts: Codable, Sendable, Equatable {
    public var confirmed = 0
    public var rejected = 0
    public var cancelled = 0
    public var onHold = 0
    public var held = 0
}

public struct MonthHistory: Codable, Sendable, Equatable {
    public var month: YearMonth
    public var invoiced: Money
    /// Every credit note, price adjustments included.
    public var credited: Money
    /// invoiced − credited.
    public var turnover: Money
    public var orders: OrderCounts
    /// The four return reasons, each listed (zero when none).
    public var returns: [ReasonTotal]
    public var priceAdjustments: CountedAmount
}

/// `GET /clients/{clientId}/history`.
public struct ClientHistory: Codable, Sendable, Equatable {
    public var clientId: String
    /// The client's KAM now (null for a client only known from documents).
    @NullWhenAbsent public var kamId: String?
    public var from: YearMonth
    public var to: YearMonth
    /// Oldest first, every month of the range.
    public var months: [MonthHistory]
}

/// SPEC 5.4 "per-client sales history": the client's own figures, whoever owned it.
public enum ClientHistoryRules {
    /// An order is counted in the month planning first heard of it (its hold or decision,
    /// normally the day it was placed), under where it stands now.
    public static func history(clientId: String, kamId: String?, from: YearMonth, to: YearMonth,
                               documents: [SalesDocument], trails: [OrderTrail]) -> ClientHistory {
        var months: [YearMonth] = []
        var m = from
        while m <= to {
            months.append(m)
            m = m.next
        }
        let docs = Dictionary(grouping: documents.filter { $0.clientId == clientId }, by: \.date.yearMonth)
        let orders = Dictionary(grouping: trails.filter { $0.clientId == clientId }, by: \.firstSeen.yearMonth)
        return ClientHistory(clientId: clientId, kamId: kamId, from: from, to: to,
                             months: months.map { month(docs[$0] ?? [], orders[$0] ?? [], $0) })
    }

    static func month(_ documents: [SalesDocument], _ trails: [OrderTrail], _ month: YearMonth) -> MonthHistory {
        var counts = OrderCounts()
        for trail in trails {
            switch trail.outcome {
            case .confirmed: counts.confirmed += 1
            case .rejected: counts.rejected += 1
            case .cancelled: counts.cancelled += 1
            case .onHold: counts.onHold += 1
            }
            if trail.heldOn != nil { counts.held += 1 }
        }
        var adjustments = CountedAmount.zero
        for doc in documents where doc.reason == .priceAdjustment { adjustments.add(doc.amount) }
        let invoiced = Money.sum(documents.filter(\.isInvoice).map(\.amount))
        let credited = Money.sum(documents.filter { !$0.isInvoice }.map(\.amount))
        return MonthHistory(month: month, invoiced: invoiced, credited: credited, turnover: invoiced - credited, orders: counts,
                            returns: ReturnsRules.byReason(documents), priceAdjustments: adjustments)
    }
}
