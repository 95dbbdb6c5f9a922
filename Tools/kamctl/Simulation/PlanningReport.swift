import Contracts
import Foundation

/// The report's planning part: the contacts the KAMs logged, one KAM's scorecard with its
/// bonus, and that KAM's contact plan for the following ISO week.
struct PlanningReport {
    let run: SimulationRun
    let contacts: [ContactDesk.Logged]
    /// Everything the run published, to know which clients will be overdue.
    let ledger: SimLedger
    let names: [String: String]

    func render(kam: String) async throws -> [String] {
        contactSection(kam: kam) + (try await scorecardSection(kam: kam)) + (try await planSection(kam: kam))
    }

    private func contactSection(kam: String) -> [String] {
        var table = AlignedTable(["KAM", "VISITS", "CALLS"], right: [1, 2])
        for k in Roster.kams {
            let mine = contacts.filter { $0.kamId == k }
            table.add([k, "\(mine.filter { $0.kind == "visit" }.count)", "\(mine.filter { $0.kind == "call" }.count)"])
        }
        var out = ["Contacts logged by the KAMs (POST /contacts, each as itself)", table.render()]
        for c in contacts where c.kamId == kam {
            out.append("  \(kam): \(c.kind) \(name(c.clientId)) — \(c.outcome)")
        }
        return out + [""]
    }

    private func scorecardSection(kam: String) async throws -> [String] {
        let month = run.date.yearMonth
        let reply = try await run.http.get("\(run.http.planning)/scorecards/\(kam)/\(month)")
        guard reply.status == 200 else { return ["Scorecard: GET /scorecards/\(kam)/\(month) answered \(reply.status)", ""] }
        let card = reply.json
        var table = AlignedTable(["", "ACTUAL", "TARGET", "FULFILMENT"], right: [1, 2, 3])
        for (label, key, money) in [("turnover", "turnover", true), ("active clients", "activeClients", false), ("new clients", "newClients", false)] {
            let m = card[key] as? [String: Any] ?? [:]
            func show(_ v: Any?) -> String {
                if money { return Fmt.money(v as? String) }
                return (v as? NSNumber)?.stringValue ?? "-"
            }
            table.add([label, show(m["actual"]), show(m["target"]), Fmt.percent(m["fulfilmentPct"])])
        }
        let growth = card["growth"] as? [String: Any] ?? [:]
        var out = ["Scorecard \(kam) \(month) (GET /scorecards)", table.render()]
        out.append("  turnover growth: vs previous month \(Fmt.percent(growth["vsPreviousMonthPct"])), "
                   + "vs same month last year \(Fmt.percent(growth["vsSameMonthLastYearPct"]))")
        out.append("  overdue share \(Fmt.percent(card["overdueSharePct"])), returns share \(Fmt.percent(card["returnsSharePct"])), "
                   + "held orders \(card["heldOrders"] ?? "-"), rejected orders \(card["rejectedOrders"] ?? "-")")
        let bonus = card["bonus"] as? [String: Any] ?? [:]
        let inputs = bonus["inputs"] as? [String: Any] ?? [:]
        out.append("  bonus \(Fmt.percent(bonus["percentOfSalary"])) of salary:")
        var parts = AlignedTable(["  INPUT", "SHARE / FULFILMENT", "WEIGHT / TOLERANCE", "POINTS"], right: [1, 2, 3])
        for (label, key) in [("turnover", "turnover"), ("active clients", "activeClients"), ("new clients", "newClients")] {
            let c = inputs[key] as? [String: Any] ?? [:]
            parts.add(["  \(label)", Fmt.percent(c["countedPct"]), Fmt.percent(c["weightPct"]), (c["points"] as? String) ?? "n/a"])
        }
        for (label, key) in [("overdue share", "overdue"), ("returns share", "returns")] {
            let p = inputs[key] as? [String: Any] ?? [:]
            parts.add(["  \(label)", Fmt.percent(p["sharePct"]), Fmt.percent(p["tolerancePct"]), (p["points"] as? String) ?? "n/a"])
        }
        out.append(parts.render())
        if let formula = inputs["formula"] as? String { out.append("    formula: \(formula)") }
        return out + [""]
    }

    /// Waits (briefly) until planning has heard receivables' open items for this run's clients
    /// that will be overdue on the week's Monday, then prints the plan.
    private func planSection(kam: String) async throws -> [String] {
        let week = IsoWeek(containing: run.date).next
        let url = "\(run.http.planning)/schedules/\(kam)/\(week)"
        let overdue = Set(run.clients.filter { $0.spec.kamId == kam }.map(\.id).filter { id in
            ledger.openInvoices(of: id).contains { $0.dueDate < week.monday }
        })
        var plan: [String: Any] = [:]
        let complete = try await eventually(timeout: .seconds(30), every: .milliseconds(300)) {
            plan = try await run.http.get(url).json
            let called = Set(Self.entries(plan).filter { $0.reasons.contains("overdue") }.map(\.clientId))
            return overdue.isSubset(of: called)
        }
        var out = ["Contact plan \(kam) \(week) (GET /schedules; judged on \(plan["asOf"] as? String ?? "?"), "
                   + "at most \(Self.limit(plan, "visitsPerDay")) visits and \(Self.limit(plan, "callsPerDay")) calls a day)"]
        if !complete { out.append("  (planning had not heard every overdue client yet)") }
        var table = AlignedTable(["DAY", "KIND", "CLIENT", "WHY"])
        for day in plan["days"] as? [[String: Any]] ?? [] {
            let date = (day["date"] as? String).flatMap { try? BusinessDate(parsing: $0) }
            let label = date.map { "\(Self.weekdays[$0.isoWeekday - 1]) \($0)" } ?? "?"
            let entries = (day["entries"] as? [[String: Any]] ?? []).map(Self.entry)
            if entries.isEmpty { table.add([label, "", "-", ""]) }
            for (index, e) in entries.enumerated() {
                table.add([index == 0 ? label : "", e.kind, name(e.clientId), e.reasons.joined(separator: ", ")])
            }
        }
        out.append(table.render())
        let unscheduled = plan["unscheduled"] as? [[String: Any]] ?? []
        for u in unscheduled {
            out.append("  not planned: \(u["kind"] ?? "") \(name(u["clientId"] as? String ?? "")) — \(u["why"] ?? "")")
        }
        return out + [""]
    }

    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    static func entry(_ e: [String: Any]) -> (clientId: String, kind: String, reasons: [String]) {
        (e["clientId"] as? String ?? "", e["kind"] as? String ?? "", e["reasons"] as? [String] ?? [])
    }

    static func entries(_ plan: [String: Any]) -> [(clientId: String, kind: String, reasons: [String])] {
        (plan["days"] as? [[String: Any]] ?? []).flatMap { ($0["entries"] as? [[String: Any]] ?? []).map(entry) }
    }

    static func limit(_ plan: [String: Any], _ key: String) -> String {
        ((plan["limits"] as? [String: Any])?[key] as? NSNumber)?.stringValue ?? "?"
    }

    /// "name (id)" for this run's clients, the id for others (earlier runs on the same stack).
    private func name(_ id: String) -> String { names[id].map { "\($0) (\(id))" } ?? id }
}
