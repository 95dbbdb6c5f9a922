import Contracts
import Foundation
import Testing
@testable import Orders

/// Every step of an order, oldest first, as `GET /orders/{orderId}` shows it in `history`.
@Suite struct OrderHistoryTests {
    typealias W = OrderWorkflowTests
    typealias H = CreditHoldDecisionTests
    static let t0 = W.t0, t1 = H.t1, t2 = H.t2
    static let t3 = W.t0.addingTimeInterval(900)

    @Test func discountApprovedThenCreditHeldThenReleased() throws {
        let (approved, _) = try OrderWorkflow.discountDecided(approve: true, by: "head-petrov", comment: "  разовая акция ",
                                                              record: W.discountHeld(at: Self.t1), now: Self.t2)
        let held = OrderWorkflow.creditDecided(W.decision(.held, H.holdReasons, at: Self.t2), record: approved, now: Self.t2).0
        let (done, _) = OrderWorkflow.creditDecided(H.head(.approved, comment: "оплата обещана", at: Self.t3), record: held, now: Self.t3)
        #expect(done.events == [
            OrderEvent(.placed, at: Self.t0),
            OrderEvent(.held, at: Self.t1, reasons: W.discountReasons),
            OrderEvent(.discountApproved, at: Self.t2, by: "head-petrov", comment: "разовая акция"),
            OrderEvent(.held, at: Self.t2, reasons: H.holdReasons),
            OrderEvent(.creditApproved, at: Self.t3, by: "head-smirnov", comment: "оплата обещана"),
            OrderEvent(.confirmed, at: Self.t3, by: "head-smirnov"),
        ])
        let completed = OrderWorkflow.completed(record: done, now: Self.t3.addingTimeInterval(60))
        #expect(completed.events.last == OrderEvent(.completed, at: Self.t3.addingTimeInterval(60)))
    }

    @Test func discountRejectedByTheHead() throws {
        let (rejected, _) = try OrderWorkflow.discountDecided(approve: false, by: "head-petrov", comment: "скидка не положена",
                                                              record: W.discountHeld(at: Self.t1), now: Self.t2)
        #expect(rejected.events == [
            OrderEvent(.placed, at: Self.t0),
            OrderEvent(.held, at: Self.t1, reasons: W.discountReasons),
            OrderEvent(.rejected, at: Self.t2, by: "head-petrov", comment: "скидка не положена",
                       reasons: [Reason(code: "DISCOUNT_REJECTED", message: "скидка не положена")]),
        ])
    }

    @Test func confirmedByCreditAloneThenCancelled() {
        let confirmed = OrderWorkflow.creditDecided(W.decision(.approved, at: Self.t1), record: W.creditPending(at: Self.t1), now: Self.t1).0
        let cancelled = OrderWorkflow.cancelled(record: confirmed, now: Self.t2, reason: "клиент передумал")
        #expect(cancelled.events == [
            OrderEvent(.placed, at: Self.t0),
            OrderEvent(.confirmed, at: Self.t1),
            OrderEvent(.cancelled, at: Self.t2, comment: "клиент передумал"),
        ])
        #expect(OrderWorkflow.cancelled(record: cancelled, now: Self.t3, reason: "ещё раз").events.count == 3)
    }

    /// Parked once, however often the retries find the data still missing; rejected at the end of the grace.
    @Test func parkedOnceThenRejected() {
        let missing = W.missing
        var record = W.received()
        for seconds in [1.0, 10.0, 20.0] {
            record = OrderWorkflow.evaluated(.missingMasterData(missing), record: record, client: nil,
                                             now: Self.t0.addingTimeInterval(seconds), graceEnds: W.graceEnds).0
        }
        record = OrderWorkflow.evaluated(.missingMasterData(missing), record: record, client: nil,
                                         now: W.graceEnds, graceEnds: W.graceEnds).0
        #expect(record.events == [
            OrderEvent(.placed, at: Self.t0),
            OrderEvent(.parked, at: Self.t0.addingTimeInterval(1), reasons: missing),
            OrderEvent(.rejected, at: W.graceEnds, reasons: missing),
        ])
    }

    /// An order stored before histories were kept: placement and the final decision from its fields.
    @Test func storedBeforeHistories() throws {
        var record = OrderWorkflow.creditDecided(H.head(.approved, at: Self.t2), record: H.creditHeld(), now: Self.t2).0
        record.history = nil
        #expect(record.events == [OrderEvent(.placed, at: Self.t0), OrderEvent(.confirmed, at: Self.t2, by: "head-smirnov")])
        let json = String(decoding: try WireJSON.encoder().encode(OrderEvent(.placed, at: Self.t0)), as: UTF8.self)
        #expect(json == #"{"at":"2026-11-30T07:00:00Z","by":null,"comment":null,"event":"placed","reasons":[]}"#)
    }
}
