import Contracts
import Foundation
import ServiceKit

struct StatementView: Codable, Sendable {
    struct OpenInvoice: Codable, Sendable {
        var invoiceId: String
        var orderId: String?
        var amount: Money
        var issuedOn: BusinessDate
        var dueDate: BusinessDate
        var outstanding: Money
        var daysOverdue: Int
    }
    struct Totals: Codable, Sendable {
        var outstanding: Money
        var overdue: Money
        var unappliedCredit: Money
        /// outstanding − unapplied credit
        var balance: Money
    }
    var clientId: String
    var kamId: String?
    var asOf: BusinessDate
    var openInvoices: [OpenInvoice]
    var unappliedCredit: Money
    var totals: Totals

    init(clientId: String, kamId: String?, asOf: BusinessDate, state: LedgerState) {
        let open = state.openInvoices.sorted { ($0.dueDate, $0.issuedOn, $0.invoiceId) < ($1.dueDate, $1.issuedOn, $1.invoiceId) }
        self.clientId = clientId
        self.kamId = kamId
        self.asOf = asOf
        openInvoices = open.map { .init(invoiceId: $0.invoiceId, orderId: $0.orderId, amount: $0.amount, issuedOn: $0.issuedOn,
                                        dueDate: $0.dueDate, outstanding: $0.outstanding, daysOverdue: $0.daysOverdue(on: asOf)) }
        unappliedCredit = state.unappliedCredit
        totals = .init(outstanding: state.outstanding, overdue: state.overdue(on: asOf), unappliedCredit: state.unappliedCredit,
                       balance: state.outstanding - state.unappliedCredit)
    }
}

struct AgeingView: Encodable, Sendable {
    struct ClientRow: Encodable, Sendable {
        var clientId: String
        var kamId: String?
        var buckets: AgeingBuckets
        func encode(to encoder: any Encoder) throws {
            try buckets.encode(to: encoder)
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(clientId, forKey: .clientId)
            try c.encode(kamId, forKey: .kamId)
        }
        enum Keys: String, CodingKey { case clientId, kamId }
    }
    var asOf: BusinessDate
    var totals: AgeingBuckets
    var clients: [ClientRow]
}

/// `GET /clients/{clientId}/discipline`: the client and its PaymentDiscipline fields side by side.
struct DisciplineView: Encodable, Sendable {
    var clientId: String
    var kamId: String?
    var discipline: PaymentDiscipline

    enum Keys: String, CodingKey { case clientId, kamId }

    func encode(to encoder: any Encoder) throws {
        try discipline.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(clientId, forKey: .clientId)
        try c.encode(kamId, forKey: .kamId)
    }
}

/// One line of `GET /clients/{clientId}/allocations`.
struct AllocationView: Encodable, Sendable {
    var seq: Int
    var appliedOn: BusinessDate
    /// payment, credit_note or credit_balance (unapplied credit applied to a later invoice)
    var source: String
    @NullWhenAbsent var sourceId: String?
    /// null: kept as unapplied credit
    @NullWhenAbsent var invoiceId: String?
    var amount: Money
}

/// `GET /collections`: a page of the worklist and the date it was computed for.
struct CollectionsView: Encodable, Sendable {
    var asOf: BusinessDate
    var clients: [CollectionEntry]
    var limit: Int
    var offset: Int
    @NullWhenAbsent var nextOffset: Int?
}
