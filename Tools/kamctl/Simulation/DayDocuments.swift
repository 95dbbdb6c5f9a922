import Contracts
import ServiceKit

/// What the ERP sends once the day's decisions are in: invoices for most confirmed orders
/// (goods shipped), credit notes for a return, a refusal and a shortage, and a few payments.
enum DayDocuments {
    static func generate(confirmed: [OrderConfirmed], clients: [String: Roster.Client], day: BusinessDate,
                         rng: inout SeededRandom, ids: inout IdMaker, ledger: inout SimLedger) {
        var invoiced: [(InvoiceIssued, OrderConfirmed)] = []
        for order in confirmed.sorted(by: { $0.orderId < $1.orderId }) where rng.chance(0.85) {
            let term = clients[order.clientId]?.termDays ?? 30
            let invoice = InvoiceIssued(invoiceId: ids.next("INV"), clientId: order.clientId, orderId: order.orderId,
                                        amount: order.total, issuedOn: day, dueDate: day.adding(days: term))
            ledger.add(invoice)
            invoiced.append((invoice, order))
        }
        creditNotes(for: invoiced, day: day, rng: &rng, ids: &ids, ledger: &ledger)
        payments(clients: clients, count: max(4, confirmed.count / 60), day: day, rng: &rng, ids: &ids, ledger: &ledger)
    }

    private static func creditNotes(for invoiced: [(InvoiceIssued, OrderConfirmed)], day: BusinessDate,
                                    rng: inout SeededRandom, ids: inout IdMaker, ledger: inout SimLedger) {
        var candidates = invoiced.filter { $0.1.lines.count >= 2 }.shuffled(using: &rng)
        let perReason = max(2, invoiced.count / 50)
        for reason in [CreditNoteReason.return, .refusal, .shortage] {
            for _ in 0..<perReason {
                guard let (invoice, order) = candidates.popLast() else { return }
                let line: PricedLine
                let quantity: Int64
                switch reason {
                case .refusal: // the whole last line refused at delivery
                    line = order.lines[order.lines.count - 1]
                    quantity = line.quantity
                case .shortage:
                    line = rng.pick(order.lines)
                    quantity = min(line.quantity, Int64(rng.int(1...5)))
                default: // part of a line sent back
                    line = rng.pick(order.lines)
                    quantity = max(1, line.quantity / 2)
                }
                let amount = quantity == line.quantity ? line.lineTotal
                    : Rounding.lineTotal(unitPrice: line.unitPrice, quantity: quantity, discount: order.discountPercent)
                ledger.add(CreditNoteIssued(creditNoteId: ids.next("CN"), clientId: invoice.clientId, invoiceId: invoice.invoiceId,
                                            orderId: order.orderId, amount: amount, issuedOn: day, reason: reason,
                                            lines: [CreditNoteLine(sku: line.sku, quantity: quantity)]))
            }
        }
    }

    /// Clients settling older invoices that are not due yet (explicitly or oldest first),
    /// and a client with overdue debt paying part of it.
    private static func payments(clients: [String: Roster.Client], count: Int, day: BusinessDate,
                                 rng: inout SeededRandom, ids: inout IdMaker, ledger: inout SimLedger) {
        let payers = clients.filter { $0.value.profile == .regular }.keys.sorted().shuffled(using: &rng)
        var made = 0
        for clientId in payers where made < count - 1 {
            guard let oldest = ledger.openInvoices(of: clientId).first(where: { $0.issuedOn < day }) else { continue }
            let amount = ledger.outstanding[oldest.invoiceId]!
            let explicit = made % 2 == 0
            ledger.add(PaymentReceived(
                paymentId: ids.next("PAY"), clientId: clientId, amount: Money(kopecks: amount), receivedOn: day,
                allocations: explicit ? [Allocation(invoiceId: oldest.invoiceId, amount: Money(kopecks: amount))] : nil),
                settling: [(oldest.invoiceId, amount)])
            made += 1
        }
        let debtors = clients.filter { if case .overdue = $0.value.profile { true } else { false } }.keys.sorted()
        for clientId in debtors {
            guard let overdue = ledger.openInvoices(of: clientId).first(where: { $0.dueDate < day }) else { continue }
            let amount = ledger.outstanding[overdue.invoiceId]! / 4
            ledger.add(PaymentReceived(
                paymentId: ids.next("PAY"), clientId: clientId, amount: Money(kopecks: amount), receivedOn: day,
                allocations: [Allocation(invoiceId: overdue.invoiceId, amount: Money(kopecks: amount))]),
                settling: [(overdue.invoiceId, amount)])
            return
        }
    }
}
