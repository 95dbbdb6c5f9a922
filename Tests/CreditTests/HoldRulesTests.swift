import Contracts
import Foundation
import Testing
@testable import Credit

/// A credit hold is decided once, and only while the order is open (409 otherwise).
@Suite struct HoldRulesTests {
    static let at = Date(timeIntervalSince1970: 1_796_030_000)
    static let approved = RecordedDecision(outcome: .approved, decidedBy: "head-smirnov", decidedAt: at)

    @Test func aHeldOpenUndecidedOrderCanBeDecided() throws {
        try HoldRules.checkDecidable(HoldState(checkOutcome: .held, endedAs: nil, decided: nil))
    }

    @Test(arguments: [
        (HoldState(checkOutcome: .held, endedAs: nil, decided: approved), HoldConflict.alreadyDecided(approved)),
        (HoldState(checkOutcome: .held, endedAs: "cancelled", decided: approved), .alreadyDecided(approved)),
        (HoldState(checkOutcome: .held, endedAs: "cancelled", decided: nil), .ended("cancelled")),
        (HoldState(checkOutcome: .held, endedAs: "completed", decided: nil), .ended("completed")),
        (HoldState(checkOutcome: .approved, endedAs: nil, decided: nil), .notHeld(.approved)),
        (HoldState(checkOutcome: nil, endedAs: nil, decided: nil), .notHeld(nil)),
    ])
    func conflicts(_ state: HoldState, _ conflict: HoldConflict) {
        #expect(throws: conflict) { try HoldRules.checkDecidable(state) }
    }

    @Test func conflictsSayWhy() {
        #expect(HoldConflict.alreadyDecided(Self.approved).description
                == "the hold was already decided: approved by head-smirnov at 2026-11-30T09:13:20Z")
        #expect(HoldConflict.ended("cancelled").description == "the order was cancelled by the ERP; there is nothing to decide")
        #expect(HoldConflict.notHeld(nil).description == "credit did not hold the order (its check is still waiting for master data)")
    }

    @Test func decisionsMapToOutcomes() {
        #expect(HoldDecision.approve.outcome == .approved)
        #expect(HoldDecision.reject.outcome == .rejected)
        #expect(HoldDecision(rawValue: "maybe") == nil)
    }
}
