import Contracts
import Foundation

/// The report's planning part: the contacts the KAMs logged, then (unless the caller prints
/// it itself, as `make demo` does after the lag) one KAM's scorecard with its bonus and that
/// KAM's contact plan for the following ISO week.
struct PlanningReport {
    let run: SimulationRun
    let contacts: [ContactDesk.Logged]
    /// Everything the run published, to know which clients will be overdue.
    let ledger: SimLedger
    let names: [String: String]
    let kamWeek: Bool

    func render(kam: String) async throws -> [String] {
        guard kamWeek else { return contactSection(kam: kam) }
        let week = IsoWeek(containing: run.date).next
        let overdue = Set(run.clients.filter { $0.spec.kamId == kam }.map(\.id).filter { id in
            ledger.openInvoices(of: id).contains { $0.dueDate < week.monday }
        })
        let names = self.names
        let report = KamWeekReport(http: run.http, kam: kam, day: run.date, names: { names[$0] }, expectedOverdue: overdue)
        return contactSection(kam: kam) + (try await report.render())
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

    /// "name (id)" for this run's clients, the id for others (earlier runs on the same stack).
    private func name(_ id: String) -> String { names[id].map { "\($0) (\(id))" } ?? id }
}
