import Contracts
import Foundation
import Testing
@testable import Orders

/// The head's decision on a credit hold, as credit publishes it (SPEC 5.2 step 4): approved →
/// OrderConfirmed with approvedBy; rejected → OrderRejected CREDIT_REJECTED with the comment.
@Suite struct CreditHoldDecisionTests {
    typealias W = OrderWorkflowTests
    static let t1 = W.t0.addingTimeInterval(5)
    static let t2 = W.t0.addingTimeInterval(600)
    static let holdReasons = [Reason(code: "OVERDUE_RECEIVABLES", message: "overdue receivables 100.00 on 2026-11-30: INV-1 100.00 due 2026-11-20 (10 days)")]

    static func head(_ outcome: CreditOutcome, by head: String = "head-smirnov", comment: String? = nil, at: Date = t2) -> CreditCheckDecided {
        CreditCheckDecided(orderId: "O-1", clientId: "C-1001", outcome: outcome, reasons: holdReasons,
                           exposure: F.money("100.00"), creditLimit: F.money("500000.00"), decidedAt: at,
                           decidedBy: head, comment: comment)
    }

    static func creditHeld(_ record: OrderRecord = W.creditPending()) -> OrderRecord {
        OrderWorkflow.creditDecided(W.decision(.held, holdReasons, at: t1), record: record, now: t1).0
    }

    @Test func approvedConfirmsWithTheHeadAsApprover() {
        let (record, effects) = OrderWorkflow.creditDecided(Self.head(.approved, comment: "оплата обещана"), record: Self.creditHeld(), now: Self.t2)
        #expect(effects == [.confirmed(OrderConfirmed(
            orderId: "O-1", clientId: "C-1001", kamId: "kam-ivanova", priceListId: "PL-2026-12", priceColumn: 2,
            discountPercent: .zero, lines: W.pricedAt0.lines, total: F.money("3800.00"), confirmedAt: Self.t2,
            approvedBy: "head-smirnov"))])
        #expect(record.status == .confirmed)
        #expect(record.stage == .done)
        #expect(record.approvedBy == "head-smirnov")
        #expect(record.reasons.isEmpty)
        #expect(record.decidedAt == Self.t2)
    }

    @Test func theCreditApproverReplacesTheDiscountApprover() throws {
        let (afterDiscount, _) = try OrderWorkflow.discountDecided(approve: true, by: "head-petrov", comment: nil,
                                                                   record: W.discountHeld(), now: Self.t1)
        let held = Self.creditHeld(afterDiscount)
        #expect(held.approvedBy == "head-petrov")
        let (record, effects) = OrderWorkflow.creditDecided(Self.head(.approved, by: "head-smirnov"), record: held, now: Self.t2)
        #expect(record.approvedBy == "head-smirnov")
        guard case .confirmed(let m) = effects.first else { Issue.record("not confirmed: \(effects)"); return }
        #expect(m.approvedBy == "head-smirnov")
        #expect(m.total == F.money("3610.00"))
    }

    @Test(arguments: [
        ("сначала погасить долг", "сначала погасить долг"),
        (nil, "credit rejected by head-smirnov"),
        ("", "credit rejected by head-smirnov"),
    ] as [(String?, String)])
    func rejectedRejectsWithTheCommentAsMessage(comment: String?, message: String) {
        let (record, effects) = OrderWorkflow.creditDecided(Self.head(.rejected, comment: comment), record: Self.creditHeld(), now: Self.t2)
        let reasons = [Reason(code: "CREDIT_REJECTED", message: message)]
        #expect(effects == [.rejected(OrderRejected(orderId: "O-1", clientId: "C-1001", reasons: reasons, rejectedAt: Self.t2))])
        #expect(record.status == .rejected)
        #expect(record.stage == .done)
        #expect(record.reasons == reasons)
    }

    @Test(arguments: [CreditOutcome.approved, .rejected])
    func aSecondDecisionIsIgnored(_ second: CreditOutcome) {
        for first in [CreditOutcome.approved, .rejected] {
            let decided = OrderWorkflow.creditDecided(Self.head(first), record: Self.creditHeld(), now: Self.t2).0
            let later = Self.t2.addingTimeInterval(60)
            let (after, effects) = OrderWorkflow.creditDecided(Self.head(second, by: "head-other", at: later), record: decided, now: later)
            #expect(effects.isEmpty)
            #expect(after == decided)
        }
    }

    @Test(arguments: [CreditOutcome.approved, .rejected])
    func aDecisionOnACancelledOrderIsIgnored(_ outcome: CreditOutcome) {
        let cancelled = OrderWorkflow.cancelled(record: Self.creditHeld(), now: Self.t1.addingTimeInterval(1))
        let (after, effects) = OrderWorkflow.creditDecided(Self.head(outcome), record: cancelled, now: Self.t2)
        #expect(effects.isEmpty)
        #expect(after == cancelled)
    }

    @Test func creditsOwnAnswersDoNotEndAHold() {
        let held = Self.creditHeld()
        for outcome in [CreditOutcome.approved, .held] {
            let (after, effects) = OrderWorkflow.creditDecided(W.decision(outcome, at: Self.t2), record: held, now: Self.t2)
            #expect(effects.isEmpty)
            #expect(after == held)
        }
        // A head's decision never re-holds.
        let (after, effects) = OrderWorkflow.creditDecided(Self.head(.held), record: held, now: Self.t2)
        #expect(effects.isEmpty)
        #expect(after == held)
    }

    @Test func aDiscountHoldIsNotACreditHold() {
        let held = W.discountHeld()
        let (after, effects) = OrderWorkflow.creditDecided(Self.head(.approved), record: held, now: Self.t2)
        #expect(effects.isEmpty)
        #expect(after == held)
    }
}
