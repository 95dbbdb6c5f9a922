import Contracts

/// `GET /returns?month=&kamId=`: returns, refusals, shortages and regradings of a month by
/// reason, by client and by SKU (where the credit note has lines).
public struct ReturnsAnalysis: Codable, Sendable, Equatable {
    public struct ReasonShare: Codable, Sendable, Equatable {
        public var reason: CreditNoteReason
        public var count: Int
        public var amount: Money
        /// amount ÷ invoiced; null when nothing was invoiced.
        @NullWhenAbsent public var sharePct: Percent?
    }

    public struct ClientReturns: Codable, Sendable, Equatable {
        public var clientId: String
        /// The KAM the credit notes are attributed to (a client reassigned in the month has a row per KAM).
        @NullWhenAbsent public var kamId: String?
        public var count: Int
        public var amount: Money
        public var byReason: [ReasonTotal]
    }

    public struct SkuQuantity: Codable, Sendable, Equatable {
        public var reason: CreditNoteReason
        public var quantity: Int64
    }

    public struct SkuReturns: Codable, Sendable, Equatable {
        public var sku: String
        public var quantity: Int64
        /// Credit notes naming the SKU.
        public var creditNotes: Int
        public var byReason: [SkuQuantity]
    }

    public var month: YearMonth
    /// The KAM asked for; null for every KAM.
    @NullWhenAbsent public var kamId: String?
    public var invoiced: Money
    public var returns: CountedAmount
    /// Σ returns ÷ invoiced: the scorecard's returns share for a KAM.
    @NullWhenAbsent public var sharePct: Percent?
    public var byReason: [ReasonShare]
    public var byClient: [ClientReturns]
    public var bySku: [SkuReturns]
    /// Returns whose credit note has no lines: in every figure above but bySku.
    public var withoutLines: CountedAmount
    /// Price adjustments are not returns (the goods stayed): shown apart, in no figure above.
    public var priceAdjustments: CountedAmount
}

public enum ReturnsRules {
    /// The month's credit notes and invoices attributed to `kamId` (all of them for nil).
    public static func analysis(month: YearMonth, kamId: String?, documents: [SalesDocument],
                                owners: KamAttribution) -> ReturnsAnalysis {
        let mine = documents.filter { month.contains($0.date) && (kamId == nil || owners.kam(of: $0.clientId, on: $0.date) == kamId) }
        let invoiced = Money.sum(mine.filter(\.isInvoice).map(\.amount))
        let returns = mine.filter(\.isReturn)
        var adjustments = CountedAmount.zero
        for doc in mine where doc.reason == .priceAdjustment { adjustments.add(doc.amount) }
        var all = CountedAmount.zero
        var withoutLines = CountedAmount.zero
        for doc in returns {
            all.add(doc.amount)
            if (doc.lines ?? []).isEmpty { withoutLines.add(doc.amount) }
        }
        return ReturnsAnalysis(
            month: month, kamId: kamId, invoiced: invoiced, returns: all, sharePct: Rounding.percent(all.amount, of: invoiced),
            byReason: byReason(returns).map {
                .init(reason: $0.reason, count: $0.count, amount: $0.amount, sharePct: Rounding.percent($0.amount, of: invoiced))
            },
            byClient: byClient(returns, owners: owners), bySku: bySku(returns),
            withoutLines: withoutLines, priceAdjustments: adjustments)
    }

    /// The four return reasons in SPEC order, each listed.
    static func byReason(_ documents: [SalesDocument]) -> [ReasonTotal] {
        Returns.reasons.map { reason in
            let docs = documents.filter { $0.reason == reason }
            return ReasonTotal(reason: reason, count: docs.count, amount: Money.sum(docs.map(\.amount)))
        }
    }

    /// Largest amount first.
    static func byClient(_ returns: [SalesDocument], owners: KamAttribution) -> [ReturnsAnalysis.ClientReturns] {
        let groups = Dictionary(grouping: returns) { ClientKey(clientId: $0.clientId, kamId: owners.kam(of: $0.clientId, on: $0.date)) }
        return groups.map { key, docs in
            ReturnsAnalysis.ClientReturns(clientId: key.clientId, kamId: key.kamId, count: docs.count,
                                          amount: Money.sum(docs.map(\.amount)),
                                          byReason: byReason(docs).filter { $0.count > 0 })
        }.sorted { ($1.amount, $0.clientId, $0.kamId ?? "") < ($0.amount, $1.clientId, $1.kamId ?? "") }
    }

    /// Largest quantity first.
    static func bySku(_ returns: [SalesDocument]) -> [ReturnsAnalysis.SkuReturns] {
        var quantities: [String: [CreditNoteReason: Int64]] = [:]
        var notes: [String: Set<String>] = [:]
        for doc in returns {
            guard let reason = doc.reason else { continue }
            for line in doc.lines ?? [] {
                quantities[line.sku, default: [:]][reason, default: 0] += line.quantity
                notes[line.sku, default: []].insert(doc.id)
            }
        }
        return quantities.map { sku, byReason in
            ReturnsAnalysis.SkuReturns(
                sku: sku, quantity: byReason.values.reduce(0, +), creditNotes: notes[sku]?.count ?? 0,
                byReason: Returns.reasons.compactMap { r in byReason[r].map { .init(reason: r, quantity: $0) } })
        }.sorted { ($1.quantity, $0.sku) < ($0.quantity, $1.sku) }
    }

    struct ClientKey: Hashable {
        var clientId: String
        var kamId: String?
    }
}
