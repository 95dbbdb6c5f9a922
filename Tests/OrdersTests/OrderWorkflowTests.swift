import Contracts
import Foundation
import Testing
@testable import Orders

/// The order lifecycle (SPEC 5.2) as pure transitions.
@Suite struct OrderWorkflowTests {
    static let t0 = F.t0
    static let grace: TimeInterval = 30
    static var graceEnds: Date { t0.addingTimeInterval(grace) }
    static let missing = [Reason(code: "UNKNOWN_CLIENT", message: "client C-1001 is not known")]

    static func received() -> OrderRecord {
        OrderRecord.received(F.order(), businessDate: F.businessDate, at: t0)
    }

    static let pricedAt0 = PricedOrder(
        priceListId: "PL-2026-12", priceColumn: 2, discountPercent: .zero,
        lines: [PricedLine(lineNo: 1, sku: "MILK-1L", quantity: 40, unitPrice: F.money("95.00"), lineTotal: F.money("3800.00"))],
        total: F.money("3800.00"))

    static let pricedAt5 = PricedOrder(
        priceListId: "PL-2026-12", priceColumn: 2, discountPercent: F.pct("5.00"),
        lines: [PricedLine(lineNo: 1, sku: "MILK-1L", quantity: 40, unitPrice: F.money("95.00"), lineTotal: F.money("3610.00"))],
        total: F.money("3610.00"))

    static let discountReasons = [Reason(code: "DISCOUNT_APPROVAL_REQUIRED", message: "requested discount 5.00 % exceeds the contract's 3.00 %")]

    static func decision(_ outcome: CreditOutcome, _ reasons: [Reason] = [], at: Date) -> CreditCheckDecided {
        CreditCheckDecided(orderId: "O-1", clientId: "C-1001", outcome: outcome, reasons: reasons,
                           exposure: F.money("497000.00"), creditLimit: F.money("500000.00"), decidedAt: at)
    }

    /// A record waiting for credit, as after a clean evaluation.
    static func creditPending(at now: Date = t0.addingTimeInterval(1)) -> OrderRecord {
        OrderWorkflow.evaluated(.needsCreditCheck(pricedAt0), record: received(), client: F.client(), now: now, graceEnds: graceEnds).0
    }

    static func discountHeld(at now: Date = t0.addingTimeInterval(1)) -> OrderRecord {
        OrderWorkflow.evaluated(.discountApprovalRequired(pricedAt5, discountReasons), record: received(),
                                client: F.client(), now: now, graceEnds: graceEnds).0
    }

    // MARK: parking (SPEC 5.2 group 1)

    @Test(arguments: [0.0, 1.0, 29.999])
    func missingMasterDataWithinGraceParks(after seconds: TimeInterval) {
        let now = Self.t0.addingTimeInterval(seconds)
        let (record, effects) = OrderWorkflow.evaluated(.missingMasterData(Self.missing), record: Self.received(),
                                                        client: nil, now: now, graceEnds: Self.graceEnds)
        #expect(effects.isEmpty)
        #expect(record.status == .received)
        #expect(record.stage == .parked)
        #expect(record.parkedUntil == Self.graceEnds)
        #expect(record.reasons == Self.missing)
        #expect(record.updatedAt == now)
        #expect(record.decidedAt == nil)
    }

    @Test(arguments: [30.001, 31.0, 3600.0])
    func missingMasterDataPastGraceRejectsWithTheMissingReasons(after seconds: TimeInterval) {
        let now = Self.t0.addingTimeInterval(seconds)
        let reasons = Self.missing + [Reason(code: "UNKNOWN_SKU", message: "SKU X-1 is not in price list PL-2026-12")]
        let (record, effects) = OrderWorkflow.evaluated(.missingMasterData(reasons), record: Self.received(),
                                                        client: nil, now: now, graceEnds: Self.graceEnds)
        #expect(effects == [.rejected(OrderRejected(orderId: "O-1", clientId: "C-1001", reasons: reasons, rejectedAt: now))])
        #expect(record.status == .rejected)
        #expect(record.stage == .done)
        #expect(record.parkedUntil == nil)
        #expect(record.decidedAt == now)
        #expect(record.reasons == reasons)
    }

    @Test func parkedOrderWhoseMasterDataArrivesAsksCredit() {
        let parked = OrderWorkflow.evaluated(.missingMasterData(Self.missing), record: Self.received(), client: nil,
                                             now: Self.t0.addingTimeInterval(5), graceEnds: Self.graceEnds).0
        let now = Self.t0.addingTimeInterval(12)
        let (record, effects) = OrderWorkflow.evaluated(.needsCreditCheck(Self.pricedAt0), record: parked,
                                                        client: F.client(), now: now, graceEnds: Self.graceEnds)
        #expect(effects == [.creditCheck(CreditCheckRequested(orderId: "O-1", clientId: "C-1001", kamId: "kam-ivanova",
                                                               total: F.money("3800.00"), businessDate: F.businessDate,
                                                               requestedAt: now))])
        #expect(record.stage == .creditPending)
        #expect(record.parkedUntil == nil)
        #expect(record.kamId == "kam-ivanova")
        #expect(record.priced == Self.pricedAt0)
    }

    @Test func groupTwoRejectionIsImmediate() {
        let reasons = [Reason(code: "CLIENT_BLOCKED", message: "client C-1001 is blocked")]
        let now = Self.t0.addingTimeInterval(1)
        let (record, effects) = OrderWorkflow.evaluated(.rejected(reasons), record: Self.received(),
                                                        client: F.client(status: .blocked), now: now, graceEnds: Self.graceEnds)
        #expect(effects == [.rejected(OrderRejected(orderId: "O-1", clientId: "C-1001", reasons: reasons, rejectedAt: now))])
        #expect(record.status == .rejected)
        #expect(record.kamId == "kam-ivanova")
    }

    // MARK: credit's answer

    @Test func creditApprovedConfirmsWithExactLinesTotalKamAndPriceList() {
        let now = Self.t0.addingTimeInterval(2)
        let (record, effects) = OrderWorkflow.creditDecided(Self.decision(.approved, at: now), record: Self.creditPending(), now: now)
        #expect(effects == [.confirmed(OrderConfirmed(
            orderId: "O-1", clientId: "C-1001", kamId: "kam-ivanova", priceListId: "PL-2026-12", priceColumn: 2,
            discountPercent: .zero, lines: Self.pricedAt0.lines, total: F.money("3800.00"), confirmedAt: now, approvedBy: nil))])
        #expect(record.status == .confirmed)
        #expect(record.stage == .done)
        #expect(record.decidedAt == now)
        #expect(record.reasons.isEmpty)
    }

    @Test func creditHeldPutsTheOrderOnHoldWithCreditsReasons() {
        let now = Self.t0.addingTimeInterval(2)
        let reasons = [
            Reason(code: "CREDIT_LIMIT_EXCEEDED", message: "exposure 497000.00 + order 3800.00 = 500800.00 exceeds the credit limit 500000.00"),
            Reason(code: "OVERDUE_RECEIVABLES", message: "invoice INV-1 is 3 days overdue"),
        ]
        let (record, effects) = OrderWorkflow.creditDecided(Self.decision(.held, reasons, at: now), record: Self.creditPending(), now: now)
        #expect(effects == [.onHold(OrderOnHold(orderId: "O-1", clientId: "C-1001", total: F.money("3800.00"),
                                                reasons: reasons, heldAt: now))])
        #expect(record.status == .onHold)
        #expect(record.stage == .creditHold)
        #expect(record.reasons == reasons)
    }

    enum NotWaiting: String, CaseIterable, Sendable { case cancelled, confirmed, creditHold, discountHold, parked }

    @Test(arguments: NotWaiting.allCases)
    func creditDecisionIsIgnoredUnlessWaitingForIt(_ state: NotWaiting) {
        let t1 = Self.t0.addingTimeInterval(5)
        let record: OrderRecord = switch state {
        case .cancelled: OrderWorkflow.cancelled(record: Self.creditPending(), now: t1)
        case .confirmed: OrderWorkflow.creditDecided(Self.decision(.approved, at: t1), record: Self.creditPending(), now: t1).0
        case .creditHold: OrderWorkflow.creditDecided(Self.decision(.held, at: t1), record: Self.creditPending(), now: t1).0
        case .discountHold: Self.discountHeld()
        case .parked: Self.received()
        }
        for outcome in [CreditOutcome.approved, .held] {
            let later = t1.addingTimeInterval(10)
            let (after, effects) = OrderWorkflow.creditDecided(Self.decision(outcome, at: later), record: record, now: later)
            #expect(effects.isEmpty)
            #expect(after == record)
        }
    }

    // MARK: the head's discount decision

    @Test func discountHoldPublishesOrderOnHoldAtTheRequestedDiscount() {
        let now = Self.t0.addingTimeInterval(1)
        let (record, effects) = OrderWorkflow.evaluated(.discountApprovalRequired(Self.pricedAt5, Self.discountReasons),
                                                        record: Self.received(), client: F.client(), now: now, graceEnds: Self.graceEnds)
        #expect(effects == [.onHold(OrderOnHold(orderId: "O-1", clientId: "C-1001", total: F.money("3610.00"),
                                                reasons: Self.discountReasons, heldAt: now))])
        #expect(record.status == .onHold)
        #expect(record.stage == .discountHold)
        #expect(record.priced == Self.pricedAt5)
    }

    @Test func discountApprovedAsksCreditThenConfirmsWithApprovedBy() throws {
        let t2 = Self.t0.addingTimeInterval(60)
        let (approved, effects) = try OrderWorkflow.discountDecided(approve: true, by: "head-petrov", comment: "ok",
                                                                    record: Self.discountHeld(), now: t2)
        #expect(effects == [.creditCheck(CreditCheckRequested(orderId: "O-1", clientId: "C-1001", kamId: "kam-ivanova",
                                                               total: F.money("3610.00"), businessDate: F.businessDate,
                                                               requestedAt: t2))])
        #expect(approved.stage == .creditPending)
        #expect(approved.status == .received)
        #expect(approved.approvedBy == "head-petrov")
        #expect(approved.reasons.isEmpty)

        let t3 = t2.addingTimeInterval(1)
        let (confirmed, confirmEffects) = OrderWorkflow.creditDecided(Self.decision(.approved, at: t3), record: approved, now: t3)
        #expect(confirmEffects == [.confirmed(OrderConfirmed(
            orderId: "O-1", clientId: "C-1001", kamId: "kam-ivanova", priceListId: "PL-2026-12", priceColumn: 2,
            discountPercent: F.pct("5.00"), lines: Self.pricedAt5.lines, total: F.money("3610.00"), confirmedAt: t3,
            approvedBy: "head-petrov"))])
        #expect(confirmed.status == .confirmed)
    }

    @Test(arguments: [
        ("слишком большая скидка", "слишком большая скидка"),
        (nil, "discount rejected by head-petrov"),
        ("", "discount rejected by head-petrov"),
    ] as [(String?, String)])
    func discountRejectedRejectsWithTheCommentAsMessage(comment: String?, message: String) throws {
        let t2 = Self.t0.addingTimeInterval(60)
        let (record, effects) = try OrderWorkflow.discountDecided(approve: false, by: "head-petrov", comment: comment,
                                                                  record: Self.discountHeld(), now: t2)
        let reasons = [Reason(code: "DISCOUNT_REJECTED", message: message)]
        #expect(effects == [.rejected(OrderRejected(orderId: "O-1", clientId: "C-1001", reasons: reasons, rejectedAt: t2))])
        #expect(record.status == .rejected)
        #expect(record.stage == .done)
        #expect(record.decidedAt == t2)
    }

    @Test(arguments: [true, false])
    func discountDecisionOnAnOrderNotHeldForDiscountThrows(approve: Bool) {
        let t1 = Self.t0.addingTimeInterval(5)
        let cases: [(OrderRecord, OrderStatus)] = [
            (Self.received(), .received),
            (Self.creditPending(), .received),
            (OrderWorkflow.creditDecided(Self.decision(.held, at: t1), record: Self.creditPending(), now: t1).0, .onHold),
            (OrderWorkflow.creditDecided(Self.decision(.approved, at: t1), record: Self.creditPending(), now: t1).0, .confirmed),
            (OrderWorkflow.cancelled(record: Self.discountHeld(), now: t1), .cancelled),
        ]
        for (record, status) in cases {
            #expect(throws: WorkflowError.notAwaitingDiscountDecision(status)) {
                _ = try OrderWorkflow.discountDecided(approve: approve, by: "head-petrov", comment: nil, record: record, now: t1)
            }
        }
    }

    // MARK: cancellation and completion

    @Test func cancellationEndsAHeldOrder() {
        let t1 = Self.t0.addingTimeInterval(5)
        let record = OrderWorkflow.cancelled(record: Self.discountHeld(), now: t1)
        #expect(record.status == .cancelled)
        #expect(record.stage == .done)
        #expect(record.isFinal)
        #expect(record.updatedAt == t1)
        // A second cancellation changes nothing.
        #expect(OrderWorkflow.cancelled(record: record, now: t1.addingTimeInterval(9)) == record)
    }

    @Test func onlyAConfirmedOrderCompletes() {
        let t1 = Self.t0.addingTimeInterval(5)
        let confirmed = OrderWorkflow.creditDecided(Self.decision(.approved, at: t1), record: Self.creditPending(), now: t1).0
        #expect(OrderWorkflow.completed(record: confirmed, now: t1).status == .completed)
        let held = Self.discountHeld()
        #expect(OrderWorkflow.completed(record: held, now: t1) == held)
    }
}
