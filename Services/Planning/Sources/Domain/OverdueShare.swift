import Contracts

/// A client's open invoices as receivables published them (kam.receivables.open-items.v1),
/// computed on `asOf` from every document it knew then.
public struct OpenItemsSnapshot: Sendable, Equatable {
    public var clientId: String
    public var version: Int64
    public var asOf: BusinessDate
    public var openInvoices: [OpenInvoice]

    public init(clientId: String, version: Int64, asOf: BusinessDate, openInvoices: [OpenInvoice]) {
        self.clientId = clientId
        self.version = version
        self.asOf = asOf
        self.openInvoices = openInvoices
    }

    /// Outstanding past its due date on `date` (SPEC 5.3: days overdue > 0), of invoices
    /// issued by then.
    public func overdue(on date: BusinessDate) -> Money {
        Money.sum(openInvoices.filter { $0.issuedOn <= date && $0.daysOverdue(on: date) > 0 }.map(\.outstanding))
    }

    public func outstanding(on date: BusinessDate) -> Money {
        Money.sum(openInvoices.filter { $0.issuedOn <= date }.map(\.outstanding))
    }
}

public struct OverdueShare: Sendable, Equatable {
    public var overdue: Money
    public var outstanding: Money

    public init(overdue: Money, outstanding: Money) {
        self.overdue = overdue
        self.outstanding = outstanding
    }

    public static let zero = OverdueShare(overdue: .zero, outstanding: .zero)

    /// overdue ÷ outstanding × 100; nil when nothing is owed.
    public var pct: Percent? { Rounding.percent(overdue, of: outstanding) }
}

/// SPEC 5.4 "overdue share of receivables at month end (or today)".
public enum OverdueShareRules {
    /// Per KAM, over the clients it owns on `date`: Σ outstanding past due ÷ Σ outstanding,
    /// from each client's latest snapshot computed on or before `date` (what was known then).
    public static func shares(on date: BusinessDate, snapshots: [OpenItemsSnapshot],
                              owners: KamAttribution) -> [String: OverdueShare] {
        var result: [String: OverdueShare] = [:]
        for snapshot in latest(snapshots, onOrBefore: date) {
            guard let kam = owners.kam(of: snapshot.clientId, on: date) else { continue }
            result[kam, default: .zero].overdue += snapshot.overdue(on: date)
            result[kam, default: .zero].outstanding += snapshot.outstanding(on: date)
        }
        return result
    }

    /// Each client's highest version among the snapshots computed on or before `date`.
    public static func latest(_ snapshots: [OpenItemsSnapshot], onOrBefore date: BusinessDate) -> [OpenItemsSnapshot] {
        var best: [String: OpenItemsSnapshot] = [:]
        for s in snapshots where s.asOf <= date {
            if let seen = best[s.clientId], seen.version >= s.version { continue }
            best[s.clientId] = s
        }
        return best.values.sorted { $0.clientId < $1.clientId }
    }
}
