import Contracts

/// The incremental ledger: how a client's stored book takes the new documents of a consumed
/// batch. Allocation is defined by document order (`DocumentKey`), not arrival order, so
/// documents that all sort after the last one applied go onto the stored book, and one that
/// sorts before it (a late arrival from another topic) makes the client's ledger be replayed
/// from its documents — that client only. Either way the result equals a full replay.
public enum LedgerUpdate {
    public enum Plan: Sendable, Equatable {
        case apply
        case replay
    }

    /// `stale`: the stored book cannot be trusted (not built yet, e.g. after a migration).
    public static func plan(lastKey: DocumentKey?, stale: Bool, newDocuments: [LedgerDocument]) -> Plan {
        if stale { return .replay }
        guard let lastKey, let first = newDocuments.map(\.key).min() else { return .apply }
        return first > lastKey ? .apply : .replay
    }

    /// The stored invoices a book is opened with: every open one (allocation needs them), the
    /// paid ones the new documents name (a credit note on a paid invoice is unapplied credit,
    /// on an unknown one it is applied oldest first), and those payment discipline counts on
    /// `today` (settled and due in the window, or issued in the DSO period). The store's query
    /// selects exactly these.
    public struct Selection: Sendable {
        public var named: Set<String>
        public var windowStart: BusinessDate
        public var dsoStart: BusinessDate

        public init(named: Set<String>, today: BusinessDate, windowDays: Int) {
            self.named = named
            windowStart = DisciplineRules.windowStart(today, windowDays: windowDays)
            dsoStart = DisciplineRules.dsoStart(today)
        }

        public func includes(_ invoice: InvoiceBalance) -> Bool {
            invoice.outstanding > .zero || named.contains(invoice.invoiceId) || invoice.dueDate >= windowStart
                || invoice.issuedOn >= dsoStart
        }
    }
}
