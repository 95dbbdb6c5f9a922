import Contracts

/// Payment discipline (SPEC 5.3): how late a client settles its invoices and how long its
/// money stays out, from a client's allocated ledger (the stored book, or a replay "as of" a date).
public enum DisciplineRules {
    public static let defaultWindowDays = 365
    /// DSO looks at what was invoiced in this many days, today included.
    public static let dsoDays = 90

    /// The first due date of the settled invoices counted on `today`.
    public static func windowStart(_ today: BusinessDate, windowDays: Int) -> BusinessDate { today.adding(days: -windowDays) }

    /// The first issue date DSO counts on `today`.
    public static func dsoStart(_ today: BusinessDate) -> BusinessDate { today.adding(days: -(dsoDays - 1)) }

    /// Settled invoices count when their due date is on or after `asOf − windowDays` (settled
    /// invoices not due yet included: they were paid early). An invoice is paid on time when
    /// it was settled on or before its due date; days late are max(0, settledOn − dueDate).
    public static func discipline(of state: LedgerState, asOf today: BusinessDate, windowDays: Int) -> PaymentDiscipline {
        let windowStart = Self.windowStart(today, windowDays: windowDays)
        var settled = 0
        var onTime = 0
        var daysLate: Int64 = 0
        for invoice in state.invoices {
            guard let settledOn = invoice.settledOn, invoice.dueDate >= windowStart else { continue }
            settled += 1
            let late = settledOn.days(since: invoice.dueDate)
            if late <= 0 { onTime += 1 } else { daysLate += Int64(late) }
        }
        let dsoStart = Self.dsoStart(today)
        let invoiced = Money.sum(state.invoices.filter { $0.issuedOn >= dsoStart && $0.issuedOn <= today }.map(\.amount))
        let outstanding = state.outstanding
        return PaymentDiscipline(
            asOf: today, windowDays: windowDays, settledInvoices: settled, paidOnTime: onTime,
            averageDaysLate: Decimal2.quotient(daysLate, over: Int64(settled)),
            shareOnTimePct: Percent.share(Int64(onTime), of: Int64(settled)),
            dso: invoiced > .zero ? Decimal2.quotient(outstanding.kopecks, times: Int64(dsoDays), over: invoiced.kopecks) : nil,
            outstanding: outstanding, invoicedLast90Days: invoiced)
    }
}

/// What receivables tells credit about a client after one of its documents changed.
public enum OpenItems {
    public static func snapshot(clientId: String, version: Int64, state: LedgerState, asOf today: BusinessDate,
                                windowDays: Int) -> ClientOpenItemsChanged {
        let open = state.openInvoices.sorted { ($0.dueDate, $0.issuedOn, $0.invoiceId) < ($1.dueDate, $1.issuedOn, $1.invoiceId) }
        return ClientOpenItemsChanged(
            clientId: clientId, version: version,
            openInvoices: open.map { OpenInvoice(invoiceId: $0.invoiceId, orderId: $0.orderId, outstanding: $0.outstanding,
                                                 issuedOn: $0.issuedOn, dueDate: $0.dueDate) },
            unappliedCredit: state.unappliedCredit,
            discipline: DisciplineRules.discipline(of: state, asOf: today, windowDays: windowDays))
    }
}
