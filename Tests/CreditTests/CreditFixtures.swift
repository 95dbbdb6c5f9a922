import Contracts
import Foundation
@testable import Credit

/// Builders for the credit domain tests: values as the wire writes them.
enum K {
    static func money(_ text: String) -> Money { try! Money(parsing: text) }
    static func date(_ text: String) -> BusinessDate { try! BusinessDate(parsing: text) }

    static func invoice(_ id: String, _ outstanding: String, due: String, issued: String = "2026-10-01") -> OpenInvoice {
        OpenInvoice(invoiceId: id, orderId: nil, outstanding: money(outstanding), issuedOn: date(issued), dueDate: date(due))
    }

    static func position(limit: String, balance: String = "0.00", openOrders: String = "0.00") -> CreditPosition {
        CreditPosition(creditLimit: money(limit), receivablesBalance: money(balance), openOrders: money(openOrders))
    }

    static func discipline(averageDaysLate: String?, shareOnTime: String?, settled: Int = 4,
                           asOf: String = "2026-11-30") -> PaymentDiscipline {
        PaymentDiscipline(asOf: date(asOf), windowDays: 365, settledInvoices: settled, paidOnTime: 0,
                          averageDaysLate: averageDaysLate.map { try! Decimal2(parsing: $0) },
                          shareOnTimePct: shareOnTime.map { try! Percent(parsing: $0) }, dso: nil,
                          outstanding: .zero, invoicedLast90Days: .zero)
    }
}
