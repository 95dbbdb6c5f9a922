import Contracts

/// The ERP documents a simulation publishes, with what it expects each client's balance
/// (Σ invoices − Σ payments − Σ credit notes, whatever the allocation) to become.
struct SimLedger {
    var invoices: [InvoiceIssued] = []
    var payments: [PaymentReceived] = []
    var creditNotes: [CreditNoteIssued] = []
    /// Outstanding kopecks per invoice, as the generator allocated its own payments.
    var outstanding: [String: Int64] = [:]

    mutating func add(_ invoice: InvoiceIssued) {
        invoices.append(invoice)
        outstanding[invoice.invoiceId] = invoice.amount.kopecks
    }

    mutating func add(_ payment: PaymentReceived, settling: [(invoiceId: String, kopecks: Int64)]) {
        payments.append(payment)
        for s in settling { outstanding[s.invoiceId, default: 0] -= s.kopecks }
    }

    mutating func add(_ note: CreditNoteIssued) {
        creditNotes.append(note)
        if let id = note.invoiceId { outstanding[id, default: 0] -= note.amount.kopecks }
    }

    /// Open invoices of a client, oldest first (dueDate, issuedOn, invoiceId) as SPEC 5.3 allocates.
    func openInvoices(of clientId: String) -> [InvoiceIssued] {
        invoices.filter { $0.clientId == clientId && (outstanding[$0.invoiceId] ?? 0) > 0 }
            .sorted { ($0.dueDate, $0.issuedOn, $0.invoiceId) < ($1.dueDate, $1.issuedOn, $1.invoiceId) }
    }

    func balance(of clientId: String) -> Int64 {
        invoices.filter { $0.clientId == clientId }.reduce(0) { $0 + $1.amount.kopecks }
            - payments.filter { $0.clientId == clientId }.reduce(0) { $0 + $1.amount.kopecks }
            - creditNotes.filter { $0.clientId == clientId }.reduce(0) { $0 + $1.amount.kopecks }
    }

    var clientIds: Set<String> {
        Set(invoices.map(\.clientId)).union(payments.map(\.clientId)).union(creditNotes.map(\.clientId))
    }

    /// Invoices minus credit notes dated in `month`, per client: what planning counts as turnover.
    func turnover(in month: YearMonth) -> [String: Int64] {
        var result: [String: Int64] = [:]
        for i in invoices where month.contains(i.issuedOn) { result[i.clientId, default: 0] += i.amount.kopecks }
        for n in creditNotes where month.contains(n.issuedOn) { result[n.clientId, default: 0] -= n.amount.kopecks }
        return result
    }
}

/// Document ids of one run: PREFIX-SUFFIX-0001, …
struct IdMaker {
    let suffix: String
    private var counters: [String: Int] = [:]

    init(suffix: String) { self.suffix = suffix }

    mutating func next(_ prefix: String) -> String {
        counters[prefix, default: 0] += 1
        return Self.format(prefix, suffix, counters[prefix]!)
    }

    static func format(_ prefix: String, _ suffix: String, _ n: Int, width: Int = 4) -> String {
        let digits = String(n)
        return "\(prefix)-\(suffix)-\(String(repeating: "0", count: max(0, width - digits.count)))\(digits)"
    }
}

extension SimLedger {
    /// The documents added after `earlier` (a copy of this ledger taken before).
    func since(_ earlier: SimLedger) -> SimLedger {
        var result = SimLedger()
        result.invoices = Array(invoices.dropFirst(earlier.invoices.count))
        result.payments = Array(payments.dropFirst(earlier.payments.count))
        result.creditNotes = Array(creditNotes.dropFirst(earlier.creditNotes.count))
        result.outstanding = outstanding
        return result
    }
}
