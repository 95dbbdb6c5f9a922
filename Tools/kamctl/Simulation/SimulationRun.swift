import Contracts
import ServiceKit
import Foundation
import Kafka

/// One simulation's stack-facing steps: what it publishes and how it knows the services
/// have caught up (by figures it can predict, not by sleeping).
struct SimulationRun {
    let http: StackHTTP
    let date: BusinessDate
    let zone: TimeZone
    let suffix: String
    let clients: [(spec: Roster.Client, id: String)]

    struct Plan {
        let kamId: String
        let turnoverTarget: Int64
        let activeClientsTarget: Int
        let newClientsTarget: Int
    }

    /// The ERP's client cards (upserted half a year before the day, so every past document
    /// is attributed to today's KAM) and the month's price list.
    func masterDataRecords(_ erp: ERPPublisher, priceList: PriceListPublished, limitScale: Int64) throws -> [ProducerRecord] {
        let upserted = DayOrders.instant(date.adding(days: -180), hour: 9, in: zone)
        return try [erp.record(Topics.erpPriceLists, key: priceList.priceListId, priceList, at: Date())]
            + clients.map { c in
                try erp.record(Topics.erpClients, key: c.id, Roster.upsert(c.spec, id: c.id, limitScale: limitScale), at: upserted)
            }
    }

    /// Invoices, credit notes and payments in date order (on one date in that order).
    func ledgerRecords(_ erp: ERPPublisher, _ ledger: SimLedger, hourOfDay: Int) throws -> [ProducerRecord] {
        var dated: [(BusinessDate, Int, ProducerRecord)] = []
        func at(_ d: BusinessDate, _ rank: Int) -> Date { DayOrders.instant(d, hour: hourOfDay, minute: rank * 10, in: zone) }
        for i in ledger.invoices {
            dated.append((i.issuedOn, 0, try erp.record(Topics.erpInvoices, key: i.clientId, i, at: at(i.issuedOn, 0))))
        }
        for n in ledger.creditNotes {
            dated.append((n.issuedOn, 1, try erp.record(Topics.erpCreditNotes, key: n.clientId, n, at: at(n.issuedOn, 1))))
        }
        for p in ledger.payments {
            dated.append((p.receivedOn, 2, try erp.record(Topics.erpPayments, key: p.clientId, p, at: at(p.receivedOn, 2))))
        }
        return dated.enumerated().sorted { ($0.element.0, $0.element.1, $0.offset) < ($1.element.0, $1.element.1, $1.offset) }
            .map(\.element.2)
    }

    /// Credit's view of a client as two signed figures (open receivables − unapplied credit):
    /// from its own per-document totals, and from receivables' latest open items.
    func creditBalances(_ clientId: String) async throws -> (own: Int64, openItems: Int64)? {
        let reply = try await http.get("\(http.credit)/clients/\(clientId)/credit")
        guard reply.status == 200 else { return nil }
        func kopecks(_ object: [String: Any]?, _ key: String) -> Int64? {
            (object?[key] as? String).flatMap { try? Money(parsing: $0).kopecks }
        }
        let json = reply.json
        let items = json["receivables"] as? [String: Any]
        guard let open = kopecks(json, "openReceivables"), let unapplied = kopecks(json, "unappliedCredit"),
              let outstanding = kopecks(items, "outstanding"), let itemsUnapplied = kopecks(items, "unappliedCredit") else { return nil }
        return (open - unapplied, outstanding - itemsUnapplied)
    }

    /// Waits until credit knows every client with a contract and shows its past balance, both
    /// its own and receivables' (overdue checks use the latter), so the day's checks see the history.
    func waitCreditBalances(_ ledger: SimLedger, timeout: Duration) async throws -> Bool {
        var pending = clients.filter { $0.spec.limitRubles != nil }.map(\.id)
        return try await eventually(timeout: timeout, every: .milliseconds(300)) {
            var still: [String] = []
            for id in pending {
                let expected = ledger.balance(of: id)
                let seen = try await creditBalances(id)
                if seen?.own != expected || seen?.openItems != expected { still.append(id) }
            }
            pending = still
            return pending.isEmpty
        }
    }

    /// The month's actuals of one KAM on planning's scorecard.
    struct Actuals {
        var turnover: Int64 = 0
        var activeClients = 0
        var newClients = 0
    }

    /// Every KAM's actuals for the day's month, as planning shows them now.
    func actuals() async throws -> [String: Actuals] {
        var result: [String: Actuals] = [:]
        for kam in Roster.kams {
            let reply = try await http.get("\(http.planning)/scorecards/\(kam)/\(date.yearMonth)")
            guard reply.status == 200 else {
                throw CLIError("GET scorecard of \(kam) answered \(reply.status): \(String(decoding: reply.body, as: UTF8.self))")
            }
            let card = reply.json
            func count(_ key: String) -> Int { ((card[key] as? [String: Any])?["actual"] as? NSNumber)?.intValue ?? 0 }
            result[kam] = Actuals(turnover: Self.turnoverActual(card), activeClients: count("activeClients"), newClients: count("newClients"))
        }
        return result
    }

    static func turnoverActual(_ scorecard: [String: Any]) -> Int64 {
        ((scorecard["turnover"] as? [String: Any])?["actual"] as? String).flatMap { try? Money(parsing: $0).kopecks } ?? 0
    }

    /// Month plans around what the KAM's clients bring this month (on a stack that has
    /// seen earlier runs, on top of what planning counted before this one).
    func plans(ledger: SimLedger, before: [String: Actuals], rng: inout SeededRandom) -> [Plan] {
        let turnover = ledger.turnover(in: date.yearMonth)
        return Roster.kams.map { kam in
            let own = clients.filter { $0.spec.kamId == kam }
            let earlier = before[kam] ?? Actuals()
            let expected = earlier.turnover + own.reduce(Int64(0)) { $0 + (turnover[$1.id] ?? 0) }
            let step: Int64 = 5_000_000 // 50 000.00
            let target = (expected * Int64(rng.int(90...125)) / 100 + step - 1) / step * step
            return Plan(kamId: kam, turnoverTarget: target,
                        activeClientsTarget: earlier.activeClients + own.filter { $0.spec.status == .active }.count + rng.int(0...1),
                        newClientsTarget: earlier.newClients + rng.int(1...2))
        }
    }

    func putPlans(_ plans: [Plan]) async throws {
        for plan in plans {
            let reply = try await http.put("\(http.planning)/plans/\(plan.kamId)/\(date.yearMonth)", json: [
                "turnoverTarget": Money(kopecks: plan.turnoverTarget).description,
                "activeClientsTarget": plan.activeClientsTarget,
                "newClientsTarget": plan.newClientsTarget,
            ])
            guard (200..<300).contains(reply.status) else {
                throw CLIError("PUT plan of \(plan.kamId) answered \(reply.status): \(String(decoding: reply.body, as: UTF8.self))")
            }
        }
    }

    /// Receivables shows every client's balance, planning every KAM's turnover, and the
    /// orders service the cancellation.
    func waitCaughtUp(ledger: SimLedger, before: [String: Actuals], cancelled: String?, timeout: Duration) async throws -> Bool {
        var statements = ledger.clientIds.sorted()
        let monthTurnover = ledger.turnover(in: date.yearMonth)
        var kams = Roster.kams
        var cancellationSeen = cancelled == nil
        return try await eventually(timeout: timeout, every: .milliseconds(300)) {
            var still: [String] = []
            for id in statements {
                let reply = try await http.get("\(http.receivables)/clients/\(id)/statement?asOf=\(date)")
                let balance = ((reply.json["totals"] as? [String: Any])?["balance"] as? String).flatMap { try? Money(parsing: $0).kopecks }
                if balance != ledger.balance(of: id) { still.append(id) }
            }
            statements = still
            var kamsLeft: [String] = []
            let now = try await actuals()
            for kam in kams {
                let delta = clients.filter { $0.spec.kamId == kam }.reduce(Int64(0)) { $0 + (monthTurnover[$1.id] ?? 0) }
                if now[kam]?.turnover != (before[kam]?.turnover ?? 0) + delta { kamsLeft.append(kam) }
            }
            kams = kamsLeft
            if !cancellationSeen, let cancelled {
                let order = try await http.get("\(http.orders)/orders/\(cancelled)")
                cancellationSeen = order.json["status"] as? String == "cancelled"
            }
            return statements.isEmpty && kams.isEmpty && cancellationSeen
        }
    }
}
