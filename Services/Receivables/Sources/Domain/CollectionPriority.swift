import Contracts

/// What the worklist knows about one client with overdue debt.
public struct CollectionCase: Sendable {
    public var clientId: String
    public var kamId: String?
    /// Open invoices as they stood on the worklist's date.
    public var openInvoices: [InvoiceBalance]
    public var dunningLevel: Int
    public var discipline: PaymentDiscipline?

    public init(clientId: String, kamId: String?, openInvoices: [InvoiceBalance], dunningLevel: Int, discipline: PaymentDiscipline?) {
        self.clientId = clientId
        self.kamId = kamId
        self.openInvoices = openInvoices
        self.dunningLevel = dunningLevel
        self.discipline = discipline
    }
}

/// Every figure the priority was computed from.
public struct CollectionInputs: Codable, Sendable, Equatable {
    public var overdueAmount: Money
    public var overdueInvoices: Int
    public var oldestDaysOverdue: Int
    /// Σ outstanding (whole rubles) × days overdue over the overdue invoices.
    public var overdueRubleDays: Int64
    public var dunningLevel: Int
    public var levelWeight: Decimal2
    @NullWhenAbsent public var shareOnTimePct: Percent?
    @NullWhenAbsent public var averageDaysLate: Decimal2?
    public var riskWeight: Decimal2
}

public struct CollectionEntry: Codable, Sendable, Equatable {
    public var clientId: String
    @NullWhenAbsent public var kamId: String?
    public var priority: Int64
    /// One sentence a KAM can read: why the client is where it is.
    public var reason: String
    public var inputs: CollectionInputs
}

/// The collection worklist's order (docs/decisions.md "Collection worklist"):
///
///   priority = overdue ruble-days × levelWeight × riskWeight, rounded down, where
///   - overdue ruble-days = Σ over overdue invoices of outstanding × days overdue (money that
///     has been out long counts most: 100 000.00 for 30 days = 3 000 000),
///   - levelWeight = 1 + 0.5 × dunning level (notices already sent without effect),
///   - riskWeight = 1 + 0.5 × share of settled invoices paid late (1 without a history).
///
/// Ties: larger overdue amount, then older debt, then clientId.
public enum CollectionPriority {
    /// The client's entry on `asOf`; nil when nothing is overdue.
    public static func entry(_ c: CollectionCase, asOf: BusinessDate) -> CollectionEntry? {
        let overdue = c.openInvoices.filter { $0.daysOverdue(on: asOf) > 0 }
        guard !overdue.isEmpty else { return nil }
        let amount = Money.sum(overdue.map(\.outstanding))
        let oldest = overdue.map { $0.daysOverdue(on: asOf) }.max() ?? 0
        let kopeckDays = overdue.reduce(Int64(0)) { $0 + $1.outstanding.kopecks * Int64($1.daysOverdue(on: asOf)) }
        let rubleDays = kopeckDays / 100
        let onTime = c.discipline?.shareOnTimePct
        // Weights in hundredths: level (2 + L) / 2, risk (30000 − onTime‱) / 20000.
        let levelFactor = Int64(2 + c.dunningLevel)
        let riskFactor = 30_000 - (onTime?.hundredths ?? 10_000)
        let (product, overflow) = rubleDays.multipliedReportingOverflow(by: levelFactor * riskFactor)
        let priority = overflow ? Int64.max / 40_000 : product / 40_000
        let inputs = CollectionInputs(
            overdueAmount: amount, overdueInvoices: overdue.count, oldestDaysOverdue: oldest, overdueRubleDays: rubleDays,
            dunningLevel: c.dunningLevel, levelWeight: Decimal2(hundredths: levelFactor * 50), shareOnTimePct: onTime,
            averageDaysLate: c.discipline?.averageDaysLate,
            riskWeight: Decimal2.quotient(riskFactor, over: 20_000) ?? Decimal2(1))
        return CollectionEntry(clientId: c.clientId, kamId: c.kamId, priority: priority,
                               reason: reason(inputs, priority: priority), inputs: inputs)
    }

    /// Clients with overdue debt on `asOf`, highest priority first.
    public static func worklist(_ cases: [CollectionCase], asOf: BusinessDate) -> [CollectionEntry] {
        cases.compactMap { entry($0, asOf: asOf) }.sorted { a, b in
            let x = a.inputs, y = b.inputs
            return (b.priority, y.overdueAmount, y.oldestDaysOverdue, a.clientId) < (a.priority, x.overdueAmount, x.oldestDaysOverdue, b.clientId)
        }
    }

    static func reason(_ i: CollectionInputs, priority: Int64) -> String {
        let invoices = i.overdueInvoices == 1 ? "1 invoice" : "\(i.overdueInvoices) invoices"
        let days = i.oldestDaysOverdue == 1 ? "1 day" : "\(i.oldestDaysOverdue) days"
        let risk = i.shareOnTimePct.map { "\($0) % of settled invoices paid on time" } ?? "no settled invoices yet"
        return "\(i.overdueAmount) overdue on \(invoices), the oldest \(days) "
            + "(\(i.overdueRubleDays) ruble-days); dunning level \(i.dunningLevel) ×\(i.levelWeight); "
            + "\(risk) ×\(i.riskWeight): priority \(priority)"
    }
}
