import Contracts

/// SPEC 5.4's monthly actuals, counted for every KAM at once from the month's facts; each
/// document, first invoice and order outcome goes to the KAM who owned the client on its date.
public enum ActualsRules {
    /// - Parameters:
    ///   - documents: invoices and credit notes; those outside `month` are ignored.
    ///   - firstInvoices: clientId → date of the client's first invoice ever (at least for the
    ///     clients invoiced in `month`).
    ///   - outcomes: order outcomes; those outside `month` are ignored.
    public static func actuals(month: YearMonth, documents: [SalesDocument], firstInvoices: [String: BusinessDate],
                               outcomes: [OrderOutcome], owners: KamAttribution) -> [String: MonthActuals] {
        var result: [String: MonthActuals] = [:]
        var active: [String: Set<String>] = [:]
        for doc in documents where month.contains(doc.date) {
            guard let kam = owners.kam(of: doc.clientId, on: doc.date) else { continue }
            result[kam, default: .zero].turnover += doc.turnover
            if doc.isInvoice {
                result[kam, default: .zero].invoiced += doc.amount
                active[kam, default: []].insert(doc.clientId)
            }
            if doc.isReturn { result[kam, default: .zero].returns += doc.amount }
        }
        for (kam, clients) in active { result[kam, default: .zero].activeClients = clients.count }
        for (clientId, first) in firstInvoices where month.contains(first) {
            guard let kam = owners.kam(of: clientId, on: first) else { continue }
            result[kam, default: .zero].newClients += 1
        }
        for outcome in outcomes where month.contains(outcome.on) {
            guard let kam = owners.kam(of: outcome.clientId, on: outcome.on) else { continue }
            switch outcome.kind {
            case .held: result[kam, default: .zero].heldOrders += 1
            case .rejected: result[kam, default: .zero].rejectedOrders += 1
            case .confirmed: break
            }
        }
        return result
    }

    /// Turnover of `month` per KAM (invoices − credit notes, each by the owner on its date).
    public static func turnover(month: YearMonth, documents: [SalesDocument], owners: KamAttribution) -> [String: Money] {
        var result: [String: Money] = [:]
        for doc in documents where month.contains(doc.date) {
            guard let kam = owners.kam(of: doc.clientId, on: doc.date) else { continue }
            result[kam, default: .zero] += doc.turnover
        }
        return result
    }
}

extension MonthActuals {
    public static let zero = MonthActuals(turnover: .zero, invoiced: .zero, returns: .zero, activeClients: 0, newClients: 0,
                                          heldOrders: 0, rejectedOrders: 0)
}
