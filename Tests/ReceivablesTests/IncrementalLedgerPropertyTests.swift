import Contracts
import Testing
@testable import Receivables

/// The incremental ledger against random document streams arriving in random orders and
/// batches (documents resent too), through the same steps as the handler: plan, open the
/// stored book with the store's selection, apply or replay, write back. Whatever the arrival
/// order, the stored ledger must equal a full replay, and the balance identity must hold.
@Suite struct IncrementalLedgerPropertyTests {
    static let today = L.date("2026-11-30")
    static let windowDays = 30

    @Test func incrementalStateEqualsAFullReplayWhateverTheArrivalOrder() {
        var rng = XorShift(seed: 20_261_130)
        var replays = 0, applied = 0
        for iteration in 0..<400 {
            let docs = Self.stream(&rng)
            let first = Self.arrive(docs.shuffled(using: &rng), rng: &rng)
            let second = Self.arrive(docs.shuffled(using: &rng), rng: &rng)
            // In document order every batch goes onto the stored book: no replay hides a wrong book.
            let inOrder = Self.arrive(docs.sorted { $0.key < $1.key }, rng: &rng)
            #expect(inOrder.replays == 0)
            replays += first.replays + second.replays
            applied += first.applied + second.applied
            let expected = LedgerBook.replay(docs)
            for store in [first, second, inOrder] {
                #expect(store.invoicesById == Dictionary(uniqueKeysWithValues: expected.invoices.map { ($0.invoiceId, $0) }),
                        "iteration \(iteration): outstanding and settlement per invoice")
                #expect(store.unapplied == expected.unappliedCredit, "iteration \(iteration): unapplied credit")
                #expect(store.entries == expected.entries, "iteration \(iteration): allocation history")
                #expect(store.lastKey == expected.lastKey, "iteration \(iteration)")
                // Discipline from a book opened as the handler opens it equals the replay's.
                let opened = store.open(named: [])
                #expect(DisciplineRules.discipline(of: opened.state, asOf: Self.today, windowDays: Self.windowDays)
                        == DisciplineRules.discipline(of: expected.state, asOf: Self.today, windowDays: Self.windowDays),
                        "iteration \(iteration): discipline")
            }
            // Σ invoices − Σ payments − Σ credit notes = Σ outstanding − unapplied credit.
            let invoiced = Money.sum(docs.compactMap { if case .invoice(let i) = $0 { i.amount } else { nil } })
            let received = Money.sum(docs.compactMap { if case .invoice = $0 { nil } else { $0.amount } })
            #expect(invoiced - received == first.outstanding - first.unapplied, "iteration \(iteration): balance identity")
            // Each invoice's history explains it: amount − outstanding = Σ allocated to it.
            for invoice in first.invoicesById.values {
                let allocated = Money.sum(first.entries.filter { $0.invoiceId == invoice.invoiceId }.map(\.amount))
                #expect(invoice.amount - invoice.outstanding == allocated, "iteration \(iteration): \(invoice.invoiceId)")
            }
        }
        // The streams exercised both paths.
        #expect(replays > 200 && applied > 200, "replays \(replays), applied \(applied)")
    }

    // MARK: the handler's steps over an in-memory store

    /// What `LedgerStore` keeps for one client.
    struct Store {
        var documents: [String: LedgerDocument] = [:]
        var invoicesById: [String: InvoiceBalance] = [:]
        var unapplied = Money.zero
        var lastKey: DocumentKey?
        var entries: [AllocationEntry] = []
        var replays = 0, applied = 0

        var outstanding: Money { Money.sum(invoicesById.values.map(\.outstanding)) }

        /// The book as `LedgerStore.load` opens it: only the invoices the selection names.
        func open(named: Set<String>) -> LedgerBook {
            let selection = LedgerUpdate.Selection(named: named, today: today, windowDays: windowDays)
            return LedgerBook(invoices: invoicesById.values.filter(selection.includes), unappliedCredit: unapplied,
                              lastKey: lastKey, entryCount: entries.count)
        }

        /// One consumed batch, as `LedgerProcessing.process` does it.
        mutating func consume(_ batch: [LedgerDocument]) {
            var new: [LedgerDocument] = []
            for d in batch where documents["\(d.kind)/\(d.id)"] == nil {
                documents["\(d.kind)/\(d.id)"] = d
                new.append(d)
            }
            if new.isEmpty { return }
            switch LedgerUpdate.plan(lastKey: lastKey, stale: false, newDocuments: new) {
            case .apply:
                applied += 1
                var book = open(named: Set(new.flatMap(\.namedInvoiceIds)))
                for d in new.sorted(by: { $0.key < $1.key }) { book.apply(d) }
                for invoice in book.invoices where book.changedInvoiceIds.contains(invoice.invoiceId) {
                    invoicesById[invoice.invoiceId] = invoice
                }
                entries += book.entries
                save(book)
            case .replay:
                replays += 1
                let book = LedgerBook.replay(Array(documents.values))
                invoicesById = Dictionary(uniqueKeysWithValues: book.invoices.map { ($0.invoiceId, $0) })
                entries = book.entries
                save(book)
            }
        }

        private mutating func save(_ book: LedgerBook) {
            unapplied = book.unappliedCredit
            lastKey = book.lastKey
        }
    }

    /// The documents arrive in this order, in batches of 1–6, some resent.
    static func arrive(_ docs: [LedgerDocument], rng: inout XorShift) -> Store {
        var arrivals = docs
        // The ERP resends a document some time after it first sent it.
        for _ in 0..<rng.int(0...2) {
            let sent = rng.int(0...arrivals.count - 1)
            arrivals.insert(arrivals[sent], at: rng.int(sent + 1...arrivals.count))
        }
        var store = Store()
        var index = 0
        while index < arrivals.count {
            let end = min(arrivals.count, index + rng.int(1...6))
            store.consume(Array(arrivals[index..<end]))
            index = end
        }
        return store
    }

    // MARK: random streams

    /// 1–12 invoices, 0–8 payments (some with allocations, some to unknown or later invoices),
    /// 0–4 credit notes (with or without an invoice), dated over half a year, amounts to the
    /// kopeck. Most paid invoices fall outside the discipline window, so a stored book is
    /// opened with a real subset of the invoices.
    static func stream(_ rng: inout XorShift) -> [LedgerDocument] {
        let start = L.date("2026-06-03")
        var docs: [LedgerDocument] = []
        let invoiceCount = rng.int(1...12)
        let ids = (1...invoiceCount).map { "I-\($0)" }
        func date() -> BusinessDate { start.adding(days: rng.int(0...180)) }
        func amount(_ max: Int64) -> Money { Money(kopecks: rng.chance(8) ? rng.int64(1...99) : rng.int64(100...max)) }
        for id in ids {
            let issued = date()
            docs.append(.invoice(InvoiceIssued(invoiceId: id, clientId: "C-1", amount: amount(200_000), issuedOn: issued,
                                               dueDate: issued.adding(days: rng.int(0...30)))))
        }
        for n in 0..<rng.int(0...8) {
            var allocations: [Allocation]?
            if rng.chance(3) {
                allocations = (0..<rng.int(1...3)).map { _ in
                    Allocation(invoiceId: rng.chance(6) ? "I-UNKNOWN" : ids[rng.int(0...ids.count - 1)], amount: amount(150_000))
                }
            }
            docs.append(.payment(PaymentReceived(paymentId: "P-\(n)", clientId: "C-1", amount: amount(300_000), receivedOn: date(),
                                                 allocations: allocations)))
        }
        for n in 0..<rng.int(0...4) {
            docs.append(.creditNote(CreditNoteIssued(creditNoteId: "CN-\(n)", clientId: "C-1",
                                                     invoiceId: rng.chance(2) ? ids[rng.int(0...ids.count - 1)] : nil,
                                                     amount: amount(80_000), issuedOn: date(), reason: .return)))
        }
        return docs
    }
}

/// xorshift64*: a seeded generator, so a failing iteration can be replayed.
struct XorShift: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed | 1 }

    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 2_685_821_657_736_338_717
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func int64(_ range: ClosedRange<Int64>) -> Int64 { Int64.random(in: range, using: &self) }
    /// True one time in `n`.
    mutating func chance(_ n: Int) -> Bool { Int.random(in: 0..<n, using: &self) == 0 }
}
