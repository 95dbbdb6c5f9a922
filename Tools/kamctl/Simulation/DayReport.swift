import Contracts
import Foundation

/// The simulation's report: decisions, holds, ageing, dunning and the collection worklist, the
/// contacts logged, and (unless left to `kamctl kam-week`) one KAM's scorecard and its contact plan
/// for the next week. Plain text.
struct DayReport {
    typealias Decisions = [String: [DecisionCollector.Decision]]

    let run: SimulationRun
    let seed: UInt64
    let orders: [DayOrders.Planned]
    let resends: Int
    let decisions: Decisions
    let cancelled: String?
    let history: SimLedger
    let today: SimLedger
    let priceListId: String
    let plans: [SimulationRun.Plan]
    let head: [HeadDesk.Decision]
    let dunning: DunningDesk.Outcome
    let contacts: [ContactDesk.Logged]
    /// Every document of the run (history and the day).
    let ledger: SimLedger
    /// Whether the report ends with the KAM's scorecard and next week's contact plan.
    let kamWeek: Bool

    enum Outcome: String, CaseIterable {
        case confirmed, onHold = "on hold", rejected, none = "no decision"
    }

    static func confirmed(_ list: [DecisionCollector.Decision]) -> OrderConfirmed? {
        for d in list { if case .orderConfirmed(let e) = d.message { return e.payload } }
        return nil
    }

    /// OrderConfirmed or OrderRejected arrived.
    static func isFinal(_ list: [DecisionCollector.Decision]?) -> Bool { [.confirmed, .rejected].contains(outcome(list)) }

    static func finals(_ list: [DecisionCollector.Decision]?) -> Int {
        (list ?? []).filter { d in
            switch d.message {
            case .orderConfirmed, .orderRejected: true
            default: false
            }
        }.count
    }

    static func holds(_ list: [DecisionCollector.Decision]?) -> [OrderOnHold] {
        (list ?? []).compactMap { d in if case .orderOnHold(let e) = d.message { e.payload } else { nil } }
    }

    static func lastHold(_ list: [DecisionCollector.Decision]?) -> OrderOnHold? { holds(list).last }

    static func outcome(_ list: [DecisionCollector.Decision]?) -> Outcome {
        guard let list, !list.isEmpty else { return .none }
        var result = Outcome.onHold
        for d in list {
            switch d.message {
            case .orderConfirmed: result = .confirmed
            case .orderRejected: result = .rejected
            default: break
            }
        }
        return result
    }

    /// The ERP cancels a confirmed order that was not shipped (the head decided every hold,
    /// so each order keeps exactly one final decision).
    static func cancellationCandidate(orderIds: [String], decisions: Decisions, invoiced: Set<String>) -> String? {
        orderIds.first { outcome(decisions[$0]) == .confirmed && !invoiced.contains($0) }
    }

    func render(kam: String, elapsed: Duration, decisionWait: Duration) async throws -> String {
        var out: [String] = []
        out += header()
        out += decisionSection()
        out += try await holdSection()
        out += headSection()
        out += rejectionSection()
        out += try await ageingSection()
        out += DunningReport(outcome: dunning, date: run.date, names: names).render()
        out += try await PlanningReport(run: run, contacts: contacts, ledger: ledger, names: names, kamWeek: kamWeek).render(kam: kam)
        out.append("Elapsed: \(Fmt.seconds(elapsed)) (decisions complete \(Fmt.seconds(decisionWait)) after the orders were sent)")
        return out.joined(separator: "\n")
    }

    private var clientIds: Set<String> { Set(run.clients.map(\.id)) }
    private var names: [String: String] { Dictionary(uniqueKeysWithValues: run.clients.map { ($0.id, $0.spec.name) }) }

    private func header() -> [String] {
        let dates = history.invoices.map(\.issuedOn).sorted()
        let explicit = history.payments.filter { $0.allocations != nil }.count
        let notes = Dictionary(grouping: today.creditNotes, by: \.reason.rawValue).sorted { $0.key < $1.key }
            .map { "\($0.value.count) \($0.key)" }.joined(separator: ", ")
        return [
            "kamctl simulate: \(run.date) (\(run.zone.identifier)), seed \(seed), run \(run.suffix)",
            "  master data  \(run.clients.count) clients of \(Roster.kams.count) KAMs (1 blocked, 1 prospect without contract); "
                + "price list \(priceListId): \(Catalog.items.count) SKUs x \(Catalog.columnPercents.count) columns from \(run.date.yearMonth.firstDay)",
            "  history      \(history.invoices.count) invoices issued \(dates.first.map(\.description) ?? "-") .. \(dates.last.map(\.description) ?? "-"), "
                + "\(history.payments.count) payments (\(explicit) with allocations, \(history.payments.count - explicit) without)",
            "  the day      \(orders.count) orders 08:00-19:00 (+\(resends) resent by the ERP), \(today.invoices.count) invoices, "
                + "\(today.creditNotes.count) credit notes (\(notes)), \(today.payments.count) payments, \(cancelled == nil ? 0 : 1) cancellation",
            "",
        ]
    }

    private func decisionSection() -> [String] {
        var counts: [Outcome: Int] = [:]
        for o in orders { counts[outcome(o.order.orderId), default: 0] += 1 }
        var table = AlignedTable(["DECISION", "ORDERS"], right: [1])
        for o in Outcome.allCases where o != .none || counts[o] != nil { table.add([o.rawValue, "\(counts[o] ?? 0)"]) }
        table.add(["total", "\(orders.count)"])
        let notOne = ordersWithoutOneFinalDecision
        let held = orders.filter { !Self.holds(decisions[$0.order.orderId]).isEmpty }.count
        let check = notOne == 0
            ? "every order ended in exactly one OrderConfirmed or OrderRejected (\(held) after an OrderOnHold); the resent orders were not decided again"
            : "\(notOne) orders do NOT have exactly one OrderConfirmed or OrderRejected"
        return ["Decisions (kam.order-decisions.v1)", table.render(), "  \(check)", ""]
    }

    /// Orders that did not end in exactly one OrderConfirmed or OrderRejected (`--check`).
    var ordersWithoutOneFinalDecision: Int {
        orders.filter { Self.finals(decisions[$0.order.orderId]) != 1 }.count
    }

    private func outcome(_ orderId: String) -> Outcome { Self.outcome(decisions[orderId]) }

    private func reasons(of orderId: String) -> [Reason] {
        for d in decisions[orderId] ?? [] {
            if case .orderRejected(let e) = d.message { return e.payload.reasons }
        }
        return []
    }

    /// Why the order was held, over all its holds (a discount hold can be followed by a credit one).
    private func holdReasons(of orderId: String) -> [Reason] { Self.holds(decisions[orderId]).flatMap(\.reasons) }

    private func holdTotal(_ orderId: String) -> Money? {
        for d in decisions[orderId] ?? [] { if case .orderOnHold(let e) = d.message { return e.payload.total } }
        return nil
    }

    private func holdSection() async throws -> [String] {
        let held = orders.map(\.order).filter { !Self.holds(decisions[$0.orderId]).isEmpty }
        var byCode: [String: Int] = [:]
        for o in held { for r in holdReasons(of: o.orderId) { byCode[r.code, default: 0] += 1 } }
        var table = AlignedTable(["HOLD REASON", "ORDERS"], right: [1])
        for (code, n) in byCode.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) { table.add([code, "\(n)"]) }
        // Examples: one per reason first, then the largest.
        var examples: [OrderPlaced] = []
        for code in byCode.keys.sorted() {
            if let o = held.first(where: { o in holdReasons(of: o.orderId).contains { $0.code == code } && !examples.contains { $0.orderId == o.orderId } }) {
                examples.append(o)
            }
        }
        for o in held.sorted(by: { (holdTotal($0.orderId) ?? .zero) > (holdTotal($1.orderId) ?? .zero) }) where examples.count < 5 {
            if !examples.contains(where: { $0.orderId == o.orderId }) { examples.append(o) }
        }
        var sample = AlignedTable(["ORDER", "CLIENT", "TOTAL", "REASONS", "ENDED"], right: [2])
        for o in examples {
            sample.add([o.orderId, names[o.clientId] ?? o.clientId, Fmt.money(holdTotal(o.orderId)?.kopecks ?? 0),
                        holdReasons(of: o.orderId).map(\.code).joined(separator: ", "), outcome(o.orderId).rawValue])
        }
        let queue = try await run.http.get("\(run.http.credit)/holds")
        let open = (queue.json["holds"] as? [[String: Any]] ?? []).filter { clientIds.contains($0["clientId"] as? String ?? "") }.count
        var out = ["Holds (\(held.count) orders were held for the head)", table.render(), "  examples:", sample.render(indent: "    ")]
        out.append("  credit holds still open on GET /holds for this run's clients: \(open)"
                   + (cancelled.map { "; \($0) (confirmed, not shipped) was cancelled by the ERP afterwards" } ?? ""))
        return out + [""]
    }

    /// What the head decided, through POST /orders/{id}/discount-decision and POST /holds/{id}/decision.
    private func headSection() -> [String] {
        var table = AlignedTable(["HEAD'S DECISION", "APPROVED", "REJECTED"], right: [1, 2])
        for kind in HeadDesk.Kind.allCases {
            let mine = head.filter { $0.kind == kind }
            table.add(["\(kind.rawValue) holds", "\(mine.filter(\.approve).count)", "\(mine.filter { !$0.approve }.count)"])
        }
        var examples = AlignedTable(["ORDER", "CLIENT", "HOLD", "DECISION", "COMMENT"])
        var shown = Set<String>()
        for d in head where shown.insert("\(d.kind) \(d.approve)").inserted {
            examples.add([d.orderId, names[d.clientId] ?? d.clientId, d.reasons.joined(separator: ", "),
                          d.approve ? "approved" : "rejected", d.comment])
        }
        // An approved discount goes on to credit (confirmed, or held for credit and decided in turn).
        let followed = head.filter { d in
            switch (d.approve, d.kind) {
            case (true, .discount): outcome(d.orderId) == .confirmed || Self.holds(decisions[d.orderId]).count > 1
            case (true, .credit): outcome(d.orderId) == .confirmed
            case (false, _): reasons(of: d.orderId).contains { $0.message == d.comment }
            }
        }.count
        return ["The head's decisions (\(head.count), by role head over HTTP)", table.render(), "  examples:",
                examples.render(indent: "    "),
                "  decisions the platform followed (approved → confirmed or on to credit, rejected → OrderRejected "
                    + "with the head's comment): \(followed) of \(head.count)", ""]
    }

    private func rejectionSection() -> [String] {
        var byCode: [String: Int] = [:]
        let rejected = orders.map(\.order).filter { outcome($0.orderId) == .rejected }
        for o in rejected { for r in reasons(of: o.orderId) { byCode[r.code, default: 0] += 1 } }
        var table = AlignedTable(["REJECTION REASON", "ORDERS"], right: [1])
        for (code, n) in byCode.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) { table.add([code, "\(n)"]) }
        return ["Rejections (\(rejected.count) orders)", table.render(), ""]
    }

    static let buckets = ["notDue", "1-30", "31-60", "61-90", "90+", "total"]

    private func ageingSection() async throws -> [String] {
        let reply = try await run.http.get("\(run.http.receivables)/ageing?asOf=\(run.date)")
        guard reply.status == 200 else { return ["Ageing: GET /ageing answered \(reply.status)", ""] }
        let rows = (reply.json["clients"] as? [[String: Any]] ?? []).filter { clientIds.contains($0["clientId"] as? String ?? "") }
        func kopecks(_ row: [String: Any]?, _ key: String) -> Int64 {
            (row?[key] as? String).flatMap { try? Money(parsing: $0).kopecks } ?? 0
        }
        var table = AlignedTable(Self.buckets, right: Set(Self.buckets.indices))
        table.add(Self.buckets.map { b in Fmt.money(rows.reduce(Int64(0)) { $0 + kopecks($1, b) }) })
        var out = ["Ageing as of \(run.date) (this run's \(rows.count) clients with open debt, GET /ageing)", table.render()]
        let stackTotal = kopecks(reply.json["totals"] as? [String: Any], "total")
        let runTotal = rows.reduce(Int64(0)) { $0 + kopecks($1, "total") }
        if stackTotal != runTotal { out.append("  all clients on the stack (earlier runs included): total \(Fmt.money(stackTotal))") }
        return out + [""]
    }
}
