import Contracts
import Foundation

/// What an order step publishes.
public enum OrderEffect: Sendable, Equatable {
    case confirmed(OrderConfirmed)
    case onHold(OrderOnHold)
    case rejected(OrderRejected)
    case creditCheck(CreditCheckRequested)
}

public enum WorkflowError: Error, Equatable, CustomStringConvertible {
    case notAwaitingDiscountDecision(OrderStatus)
    public var description: String {
        switch self {
        case .notAwaitingDiscountDecision(let s): "the order is not waiting for a discount decision (status \(s.rawValue))"
        }
    }
}

/// The order lifecycle as pure state transitions: (record, input, time) → (record, effects).
public enum OrderWorkflow {
    /// Applies the outcome of SPEC 5.2 steps 1–3 to a received or parked order.
    public static func evaluated(_ evaluation: OrderEvaluation, record: OrderRecord, client: ClientTerms?,
                                 now: Date, graceEnds: Date) -> (OrderRecord, [OrderEffect]) {
        var r = record
        r.updatedAt = now
        r.kamId = client?.kamId ?? r.kamId
        switch evaluation {
        case .missingMasterData(let reasons):
            r.reasons = reasons
            if now >= graceEnds { return reject(r, reasons, now: now) }
            // Parked once: the retries that find the data still missing add nothing.
            if record.parkedUntil == nil { r = r.noting(OrderEvent(.parked, at: now, reasons: reasons)) }
            r.stage = .parked
            r.parkedUntil = graceEnds
            return (r, [])
        case .rejected(let reasons):
            return reject(r, reasons, now: now)
        case .discountApprovalRequired(let priced, let reasons):
            r.priced = priced
            r.reasons = reasons
            r.status = .onHold
            r.stage = .discountHold
            r.parkedUntil = nil
            r = r.noting(OrderEvent(.held, at: now, reasons: reasons))
            return (r, [.onHold(OrderOnHold(orderId: r.orderId, clientId: r.clientId, total: priced.total, reasons: reasons, heldAt: now))])
        case .needsCreditCheck(let priced):
            r.priced = priced
            r.parkedUntil = nil
            return askCredit(r, now: now)
        }
    }

    /// Credit's answer (SPEC 5.2 step 4). Its own check counts only while the order waits for
    /// it; a head's decision on a credit hold (`decidedBy` set) ends a held order. Anything else
    /// — a repeated answer, an order that is done or cancelled — changes nothing.
    public static func creditDecided(_ decision: CreditCheckDecided, record: OrderRecord, now: Date) -> (OrderRecord, [OrderEffect]) {
        let waiting: Set<OrderStage> = decision.decidedBy == nil ? [.creditPending] : [.creditPending, .creditHold]
        guard waiting.contains(record.stage), let priced = record.priced else { return (record, []) }
        var r = record
        r.updatedAt = now
        switch decision.outcome {
        case .approved:
            // approvedBy names whoever released the last hold: the credit approver, else the discount one.
            r.approvedBy = decision.decidedBy ?? r.approvedBy
            r.status = .confirmed
            r.stage = .done
            r.reasons = []
            r.decidedAt = now
            if let head = decision.decidedBy {
                r = r.noting(OrderEvent(.creditApproved, at: now, by: head, comment: Self.text(decision.comment)))
            }
            r = r.noting(OrderEvent(.confirmed, at: now, by: r.approvedBy))
            return (r, [.confirmed(OrderConfirmed(
                orderId: r.orderId, clientId: r.clientId, kamId: r.kamId ?? "", priceListId: priced.priceListId,
                priceColumn: priced.priceColumn, discountPercent: priced.discountPercent, lines: priced.lines,
                total: priced.total, confirmedAt: now, approvedBy: r.approvedBy))])
        case .held:
            guard record.stage == .creditPending else { return (record, []) }
            r.status = .onHold
            r.stage = .creditHold
            r.reasons = decision.reasons
            r = r.noting(OrderEvent(.held, at: now, reasons: decision.reasons))
            return (r, [.onHold(OrderOnHold(orderId: r.orderId, clientId: r.clientId, total: priced.total,
                                            reasons: decision.reasons, heldAt: now))])
        case .rejected:
            let head = decision.decidedBy ?? "the head of sales"
            let message = decision.comment.flatMap { $0.isEmpty ? nil : $0 } ?? "credit rejected by \(head)"
            return reject(r, [Reason(code: ReasonCode.creditRejected, message: message)], now: now,
                          by: decision.decidedBy, comment: Self.text(decision.comment))
        }
    }

    /// The head's decision on a discount hold (SPEC 5.2 step 3).
    public static func discountDecided(approve: Bool, by head: String, comment: String?, record: OrderRecord,
                                       now: Date) throws(WorkflowError) -> (OrderRecord, [OrderEffect]) {
        guard record.stage == .discountHold else { throw .notAwaitingDiscountDecision(record.status) }
        var r = record
        r.updatedAt = now
        if approve {
            r.approvedBy = head
            r.status = .received
            r.reasons = []
            r = r.noting(OrderEvent(.discountApproved, at: now, by: head, comment: Self.text(comment)))
            return askCredit(r, now: now)
        }
        let message = comment.flatMap { $0.isEmpty ? nil : $0 } ?? "discount rejected by \(head)"
        return reject(r, [Reason(code: ReasonCode.discountRejected, message: message)], now: now, by: head, comment: Self.text(comment))
    }

    /// `OrderCancelled` ends any order that is not already cancelled.
    public static func cancelled(record: OrderRecord, now: Date, reason: String? = nil) -> OrderRecord {
        var r = record
        guard r.status != .cancelled else { return r }
        r = r.noting(OrderEvent(.cancelled, at: now, comment: text(reason)))
        r.status = .cancelled
        r.stage = .done
        r.parkedUntil = nil
        r.updatedAt = now
        return r
    }

    public static func completed(record: OrderRecord, now: Date) -> OrderRecord {
        var r = record
        guard r.status == .confirmed else { return r }
        r = r.noting(OrderEvent(.completed, at: now))
        r.status = .completed
        r.updatedAt = now
        return r
    }

    private static func askCredit(_ record: OrderRecord, now: Date) -> (OrderRecord, [OrderEffect]) {
        var r = record
        r.stage = .creditPending
        guard let priced = r.priced, let date = r.businessDate else { return (r, []) }
        return (r, [.creditCheck(CreditCheckRequested(orderId: r.orderId, clientId: r.clientId, kamId: r.kamId ?? "",
                                                      total: priced.total, businessDate: date, requestedAt: now))])
    }

    private static func reject(_ record: OrderRecord, _ reasons: [Reason], now: Date, by: String? = nil,
                               comment: String? = nil) -> (OrderRecord, [OrderEffect]) {
        var r = record.noting(OrderEvent(.rejected, at: now, by: by, comment: comment, reasons: reasons))
        r.status = .rejected
        r.stage = .done
        r.reasons = reasons
        r.parkedUntil = nil
        r.decidedAt = now
        return (r, [.rejected(OrderRejected(orderId: r.orderId, clientId: r.clientId, reasons: reasons, rejectedAt: now))])
    }

    /// A comment worth keeping: trimmed, nil when blank.
    private static func text(_ comment: String?) -> String? {
        let trimmed = comment?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return trimmed.isEmpty ? nil : trimmed
    }
}
