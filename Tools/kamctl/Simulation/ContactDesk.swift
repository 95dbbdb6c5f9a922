import Contracts
import Foundation

/// The KAMs log the day's calls and visits with `POST /contacts`, each as itself: the clients
/// with overdue debt called about it, the first tier A client of each KAM visited, the prospect
/// called, the tier C clients called. Next week's plan takes them into account.
enum ContactDesk {
    struct Logged {
        let kamId: String
        let clientId: String
        let kind: String
        let at: Date
        let outcome: String
        let status: Int
    }

    static func log(http: StackHTTP, clients: [(spec: Roster.Client, id: String)], day: BusinessDate,
                    zone: TimeZone) async throws -> [Logged] {
        var logged: [Logged] = []
        var visited = Set<String>()
        for (spec, id) in clients {
            guard let (kind, hour, outcome) = contact(spec, firstTierA: !visited.contains(spec.kamId)) else { continue }
            if spec.tier == .a && spec.profile == .regular { visited.insert(spec.kamId) }
            // A contact is logged after it happened: never later than now (a --day in the future).
            let at = min(DayOrders.instant(day, hour: hour, in: zone), Date().addingTimeInterval(-60))
            let reply = try await http.asKam(spec.kamId).post("\(http.planning)/contacts", json: [
                "kamId": spec.kamId, "clientId": id, "kind": kind, "at": WireJSON.format(at), "outcome": outcome,
            ])
            guard (200..<300).contains(reply.status) else {
                throw CLIError("POST /contacts for \(id) answered \(reply.status): \(String(decoding: reply.body, as: UTF8.self))")
            }
            logged.append(Logged(kamId: spec.kamId, clientId: id, kind: kind, at: at, outcome: outcome, status: reply.status))
        }
        return logged
    }

    private static func contact(_ spec: Roster.Client, firstTierA: Bool) -> (String, Int, String)? {
        switch spec.profile {
        case .overdue: return ("call", 10, "напомнил о просроченной оплате, обещают оплатить до пятницы")
        case .prospect: return ("call", 16, "презентация ассортимента, ждут коммерческое предложение")
        case .regular where spec.tier == .a && firstTierA: return ("visit", 11, "согласовали заказ на следующую неделю")
        case .regular where spec.tier == .c: return ("call", 15, "уточнили потребность на декабрь")
        default: return nil
        }
    }
}
