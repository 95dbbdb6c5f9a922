import Contracts
import Foundation

/// "My clients": planning's book of clients joined with credit and dunning, as rows.
extension ViewModels {
    func myClients(_ book: ClientBook, credits: [String: ClientCredit], levels: [String: Int]) -> [[String: Any]] {
        book.clients.map { client in
            let credit = credits[client.clientId]
            let holds = credit?.holds.count ?? 0
            return ["clientId": client.clientId, "clientPath": Backend.segment(client.clientId), "name": client.name ?? "—",
                    "kamId": client.kamId, "tier": client.tier,
                    "status": language.texts["clientStatus.\(client.status)"] ?? client.status,
                    "limit": money(credit?.creditLimit), "exposure": money(credit?.exposure), "available": money(credit?.available),
                    "isOverLimit": (credit?.available.kopecks ?? 0) < 0,
                    "onHold": credit == nil ? "—" : holds > 0 ? String(format: language.text("myClients.held"), "\(holds)") : language.text("myClients.notHeld"),
                    "isHeld": holds > 0,
                    "overdue": money(client.overdueAmount), "isOverdue": client.overdueAmount.kopecks > 0,
                    "level": "\(levels[client.clientId] ?? 0)", "lastContact": date(client.lastContact)]
        }
    }
}
