import Contracts
import Foundation

/// One KAM's month and coming week: the scorecard with its bonus (`GET /scorecards`) and the
/// contact plan for the ISO week after `day` (`GET /schedules`). Plain text.
struct KamWeekReport {
    let http: StackHTTP
    let kam: String
    let day: BusinessDate
    /// The display name of a client id ("name (id)"); an id without one is shown as it is.
    let names: (String) -> String?
    /// Clients that will be overdue on the week's Monday: the plan is read again (briefly)
    /// until planning has heard of each, through receivables' open items.
    var expectedOverdue: Set<String> = []

    var week: IsoWeek { IsoWeek(containing: day).next }

    func render() async throws -> [String] {
        (try await scorecardSection()) + (try await planSection())
    }

    private func scorecardSection() async throws -> [String] {
        let month = day.yearMonth
        let reply = try await http.get("\(http.planning)/scorecards/\(kam)/\(month)")
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

    private func planSection() async throws -> [String] {
        let url = "\(http.planning)/schedules/\(kam)/\(week)"
        var plan: [String: Any] = [:]
        let complete = try await eventually(timeout: .seconds(30), every: .milliseconds(300)) {
            plan = try await http.get(url).json
            let called = Set(Self.entries(plan).filter { $0.reasons.contains("overdue") }.map(\.clientId))
            return expectedOverdue.isSubset(of: called)
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
        for u in plan["unscheduled"] as? [[String: Any]] ?? [] {
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

    private func name(_ id: String) -> String { names(id).map { "\($0) (\(id))" } ?? id }
}
