import Contracts
import ServiceKit

/// The clients' past: invoices issued 20–90 days before the day (the blocked client's
/// reach further back), mostly paid on or around their due date by payments with and
/// without explicit allocations; a few left overdue so ageing fills several buckets.
enum History {
    static func generate(clients: [(spec: Roster.Client, id: String)], day: BusinessDate,
                         rng: inout SeededRandom, ids: inout IdMaker) -> SimLedger {
        var ledger = SimLedger()
        for (spec, id) in clients {
            let issued = issueDays(spec, day: day, rng: &rng).map { day.adding(days: -$0) }
            let invoices = issued.map { date in
                InvoiceIssued(invoiceId: ids.next("INV"), clientId: id, amount: Money(kopecks: amount(spec.tier, rng: &rng)),
                              issuedOn: date, dueDate: date.adding(days: spec.termDays))
            }
            invoices.forEach { ledger.add($0) }
            pay(invoices, spec: spec, day: day, rng: &rng, ids: &ids, ledger: &ledger)
        }
        return ledger
    }

    /// Days before `day` on which the client was invoiced, oldest first.
    private static func issueDays(_ spec: Roster.Client, day: BusinessDate, rng: inout SeededRandom) -> [Int] {
        switch spec.profile {
        case .prospect: return []
        case .blocked: return [125, 80]
        case .newClient:
            // The first invoice ever falls in the day's month (when the month is old enough).
            let latest = day.day - 1
            return latest >= 20 ? [rng.int(20...min(28, latest))] : []
        case .regular, .overdue, .tight:
            var days: [Int] = []
            var ago = rng.int(84...90)
            while ago >= 20 {
                days.append(ago)
                ago -= rng.int(7...12)
            }
            return days
        }
    }

    private static func amount(_ tier: ClientTier, rng: inout SeededRandom) -> Int64 {
        switch tier {
        case .a: rng.int64(80_000_000...200_000_000)
        case .b: rng.int64(15_000_000...40_000_000)
        case .c: rng.int64(2_000_000...6_000_000)
        }
    }

    private static func pay(_ invoices: [InvoiceIssued], spec: Roster.Client, day: BusinessDate,
                            rng: inout SeededRandom, ids: inout IdMaker, ledger: inout SimLedger) {
        if spec.profile == .blocked { return }
        let due = invoices.filter { $0.dueDate < day }
        var unpaid: String?
        var partial = false
        if case .overdue(let range) = spec.profile {
            unpaid = (due.first { range.contains(day.days(since: $0.dueDate)) } ?? due.last)?.invoiceId
            partial = range.lowerBound > 30
        }
        var lastPaid = day.adding(days: -365)
        for invoice in due {
            var received = invoice.dueDate.adding(days: rng.int(-6...5))
            received = max(received, invoice.issuedOn.adding(days: 1), lastPaid)
            received = min(received, day.adding(days: -1))
            lastPaid = received
            var amount = invoice.amount.kopecks
            if invoice.invoiceId == unpaid {
                guard partial else { continue }
                amount = amount * 2 / 5
            }
            // With an invoice left unpaid, only explicit allocations keep the others settled.
            let explicit = unpaid != nil || rng.chance(0.55)
            let payment = PaymentReceived(
                paymentId: ids.next("PAY"), clientId: invoice.clientId, amount: Money(kopecks: amount), receivedOn: received,
                allocations: explicit ? [Allocation(invoiceId: invoice.invoiceId, amount: Money(kopecks: amount))] : nil)
            ledger.add(payment, settling: [(invoice.invoiceId, amount)])
        }
    }
}
