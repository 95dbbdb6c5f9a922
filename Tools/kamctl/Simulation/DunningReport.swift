import Contracts
import Foundation

/// The report's dunning part: the notices of the day's run and the collection worklist.
struct DunningReport {
    let outcome: DunningDesk.Outcome
    let date: BusinessDate
    let names: [String: String]

    func render() -> [String] {
        guard outcome.status == 200 else { return ["Dunning: POST /dunning/run answered \(outcome.status)", ""] }
        return notices() + worklist()
    }

    private func notices() -> [String] {
        var table = AlignedTable(["CLIENT", "KAM", "LEVEL", "OVERDUE", "OLDEST"], right: [2, 3, 4])
        for n in outcome.notices.sorted(by: { ($1.level, $0.clientId) < ($0.level, $1.clientId) }) {
            table.add([names[n.clientId] ?? n.clientId, n.kamId, "\(n.level)", Fmt.money(n.totalOverdue), "\(n.oldestDaysOverdue) d"])
        }
        let keys = outcome.notices.map { "\($0.clientId):\($0.level):\(date)" }
        let once = keys.filter { outcome.onTopic[$0] == 1 }.count
        var out = ["Dunning run for \(date) (POST /dunning/run): \(outcome.notices.count) notices"]
        if !outcome.notices.isEmpty { out.append(table.render()) }
        out.append("  on kam.dunning.v1: \(once) of \(keys.count) notices arrived exactly once"
                   + (outcome.resets.isEmpty ? "" : "; \(outcome.resets.count) clients back to level 0"))
        return out + [""]
    }

    private func worklist() -> [String] {
        var table = AlignedTable(["#", "CLIENT", "KAM", "OVERDUE", "OLDEST", "LEVEL", "PRIORITY"], right: [0, 3, 4, 5, 6])
        for (index, entry) in outcome.worklist.enumerated() {
            let inputs = entry["inputs"] as? [String: Any] ?? [:]
            let client = entry["clientId"] as? String ?? "?"
            table.add(["\(index + 1)", names[client] ?? client, entry["kamId"] as? String ?? "-",
                       Fmt.money(inputs["overdueAmount"] as? String), "\(inputs["oldestDaysOverdue"] as? Int ?? 0) d",
                       "\(inputs["dunningLevel"] as? Int ?? 0)", (entry["priority"] as? NSNumber)?.stringValue ?? "?"])
        }
        var out = ["Collection worklist for \(date) (GET /collections: ruble-days overdue × dunning level × lateness)"]
        if outcome.worklist.isEmpty { return out + ["  no overdue debt", ""] }
        out.append(table.render())
        out.append("  why, for the first \(min(3, outcome.worklist.count)):")
        for entry in outcome.worklist.prefix(3) {
            let client = entry["clientId"] as? String ?? "?"
            out.append("    \(names[client] ?? client): \(entry["reason"] as? String ?? "")")
        }
        return out + [""]
    }
}
