import Contracts
@testable import Receivables

/// Builders for ledger documents; amounts and dates as on the wire.
enum L {
    static func money(_ text: String) -> Money { try! Money(parsing: text) }
    static func date(_ text: String) -> BusinessDate { try! BusinessDate(parsing: text) }

    static func inv(_ id: String, _ amount: String, issued: String, due: String, order: String? = nil) -> InvoiceIssued {
        InvoiceIssued(invoiceId: id, clientId: "C-1001", orderId: order, amount: money(amount),
                      issuedOn: date(issued), dueDate: date(due))
    }

    static func pay(_ id: String, _ amount: String, on: String, _ allocations: [(String, String)]? = nil) -> PaymentReceived {
        PaymentReceived(paymentId: id, clientId: "C-1001", amount: money(amount), receivedOn: date(on),
                        allocations: allocations?.map { Allocation(invoiceId: $0.0, amount: money($0.1)) })
    }

    static func cn(_ id: String, _ amount: String, on: String, invoice: String? = nil,
                   reason: CreditNoteReason = .return) -> CreditNoteIssued {
        CreditNoteIssued(creditNoteId: id, clientId: "C-1001", invoiceId: invoice, amount: money(amount),
                         issuedOn: date(on), reason: reason)
    }

    /// invoiceId → outstanding as text, in ledger order.
    static func outstanding(_ state: LedgerState) -> [String: String] {
        Dictionary(uniqueKeysWithValues: state.invoices.map { ($0.invoiceId, $0.outstanding.description) })
    }
}
