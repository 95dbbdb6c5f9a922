import Contracts
import ServiceKit
import Foundation

/// The head of sales works the day's holds through the HTTP APIs, as a person would:
/// discount holds on the orders service, credit holds from credit's queue (GET /holds), until
/// every order of the run ends in OrderConfirmed or OrderRejected.
struct HeadDesk {
    enum Kind: String, CaseIterable {
        case discount, credit
    }

    struct Decision {
        let orderId: String
        let clientId: String
        let kind: Kind
        let approve: Bool
        let comment: String
        let reasons: [String]
    }

    let http: StackHTTP
    let orderIds: Set<String>
    private(set) var decisions: [Decision] = []
    private var done = Set<String>()

    init(http: StackHTTP, orderIds: [String]) {
        self.http = http
        self.orderIds = Set(orderIds)
    }

    /// Decides every hold as it appears; true once every order has its final decision.
    mutating func work(_ collector: DecisionCollector, rng: inout SeededRandom, timeout: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while true {
            let seen = collector.snapshot()
            let open = orderIds.filter { !DayReport.isFinal(seen[$0]) }.sorted()
            if open.isEmpty { return true }
            if ContinuousClock.now >= deadline { return false }
            for orderId in open where !done.contains("discount \(orderId)") {
                guard let hold = DayReport.lastHold(seen[orderId]), hold.reasons.contains(where: { $0.code == "DISCOUNT_APPROVAL_REQUIRED" }) else { continue }
                try await decideDiscount(hold, rng: &rng)
            }
            for hold in try await creditQueue() where orderIds.contains(hold.orderId) && !done.contains("credit \(hold.orderId)") {
                try await decideCredit(hold, rng: &rng)
            }
            try await Task.sleep(for: .milliseconds(300))
        }
    }

    /// Discounts above the contract: most are granted as an exception.
    private mutating func decideDiscount(_ hold: OrderOnHold, rng: inout SeededRandom) async throws {
        let approve = rng.chance(0.7)
        let comment = approve ? "согласовано в виде исключения" : "скидка выше договорной, предложить акцию"
        let reply = try await http.post("\(http.orders)/orders/\(hold.orderId)/discount-decision",
                                        json: ["decision": approve ? "approve" : "reject", "comment": comment])
        try record(reply, Decision(orderId: hold.orderId, clientId: hold.clientId, kind: .discount, approve: approve,
                                   comment: comment, reasons: hold.reasons.map(\.code)))
    }

    /// Credit holds: overdue debt of a risky client (class C or D) is refused; otherwise the
    /// head mostly trusts the KAM and approves.
    private mutating func decideCredit(_ hold: QueuedHold, rng: inout SeededRandom) async throws {
        let riskClass = try await http.get("\(http.credit)/clients/\(hold.clientId)/credit").json["riskClass"] as? String ?? "?"
        let overdue = hold.reasons.contains("OVERDUE_RECEIVABLES")
        let approve = !(overdue && ["C", "D"].contains(riskClass)) && rng.chance(0.75)
        let comment: String
        switch (approve, overdue) {
        case (true, _): comment = "одобрено под ответственность KAM, класс риска \(riskClass)"
        case (false, true): comment = "сначала погасить просроченный долг (класс риска \(riskClass))"
        case (false, false): comment = "лимит исчерпан, отгрузка после оплаты"
        }
        let reply = try await http.post("\(http.credit)/holds/\(hold.orderId)/decision",
                                        json: ["decision": approve ? "approve" : "reject", "comment": comment])
        try record(reply, Decision(orderId: hold.orderId, clientId: hold.clientId, kind: .credit, approve: approve,
                                   comment: comment, reasons: hold.reasons))
    }

    private mutating func record(_ reply: StackHTTP.Reply, _ decision: Decision) throws {
        guard reply.status == 200 else {
            throw CLIError("\(decision.kind.rawValue) decision on \(decision.orderId) answered \(reply.status): "
                           + String(decoding: reply.body, as: UTF8.self))
        }
        done.insert("\(decision.kind.rawValue) \(decision.orderId)")
        decisions.append(decision)
    }

    struct QueuedHold {
        let orderId: String
        let clientId: String
        let reasons: [String]
    }

    /// Every page of GET /holds (earlier runs' holds on the same stack included).
    private func creditQueue() async throws -> [QueuedHold] {
        var holds: [QueuedHold] = []
        var offset: Int? = 0
        while let current = offset {
            let reply = try await http.get("\(http.credit)/holds?limit=500&offset=\(current)")
            guard reply.status == 200 else { throw CLIError("GET /holds answered \(reply.status)") }
            for h in reply.json["holds"] as? [[String: Any]] ?? [] {
                guard let orderId = h["orderId"] as? String, let clientId = h["clientId"] as? String else { continue }
                let reasons = (h["reasons"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
                holds.append(QueuedHold(orderId: orderId, clientId: clientId, reasons: reasons))
            }
            offset = reply.json["nextOffset"] as? Int
        }
        return holds
    }
}
