import Contracts
import Testing
@testable import Credit

/// A limit set by the head overrides the ERP contract's until the ERP sends a contract limit
/// that differs from the last one credit saw; then the ERP's wins again (docs/decisions.md).
@Suite struct CreditLimitRulesTests {
    static func contract(_ limit: String, id: String = "D-77") -> Contract {
        Contract(contractId: id, signedOn: K.date("2026-01-15"), paymentTermDays: 30, creditLimit: K.money(limit),
                 priceColumn: 2, maxDiscountPercent: Percent(hundredths: 300))
    }

    @Test func theFirstUpsertSetsTheERPLimit() {
        let (state, change) = CreditLimitRules.erpUpserted(nil, contract: Self.contract("500000.00"))
        #expect(state == CreditLimitState(erpLimit: K.money("500000.00"), manualLimit: nil))
        #expect(state.effective == K.money("500000.00"))
        #expect(state.source == .erp)
        #expect(change == LimitChange(oldLimit: nil, newLimit: K.money("500000.00"), source: .erp, changedBy: "erp", reason: "contract D-77"))
    }

    @Test func noContractMeansNoCredit() {
        let (state, change) = CreditLimitRules.erpUpserted(nil, contract: nil)
        #expect(state.effective == .zero)
        #expect(change?.reason == "no signed contract")
        #expect(change?.newLimit == .zero)
    }

    @Test func theHeadOverridesAndAnUnchangedERPLimitKeepsTheOverride() {
        let erp = CreditLimitRules.erpUpserted(nil, contract: Self.contract("500000.00")).0
        let (manual, change) = CreditLimitRules.setManually(erp, limit: K.money("750000.00"), by: "head-smirnov", reason: "new warehouse")
        #expect(manual.effective == K.money("750000.00"))
        #expect(manual.source == .manual)
        #expect(change == LimitChange(oldLimit: K.money("500000.00"), newLimit: K.money("750000.00"), source: .manual,
                                      changedBy: "head-smirnov", reason: "new warehouse"))
        // The ERP resends the card with the same contract limit (another field changed).
        let (kept, none) = CreditLimitRules.erpUpserted(manual, contract: Self.contract("500000.00", id: "D-78"))
        #expect(kept == manual)
        #expect(none == nil)
        #expect(kept.effective == K.money("750000.00"))
    }

    @Test func aChangedERPLimitWinsOverTheOverride() {
        let erp = CreditLimitRules.erpUpserted(nil, contract: Self.contract("500000.00")).0
        let manual = CreditLimitRules.setManually(erp, limit: K.money("750000.00"), by: "head-smirnov", reason: "r").0
        let (next, change) = CreditLimitRules.erpUpserted(manual, contract: Self.contract("600000.00"))
        #expect(next == CreditLimitState(erpLimit: K.money("600000.00"), manualLimit: nil))
        #expect(next.source == .erp)
        #expect(change == LimitChange(oldLimit: K.money("750000.00"), newLimit: K.money("600000.00"), source: .erp,
                                      changedBy: "erp", reason: "contract D-77"))
        // Even when the ERP's new value equals the override, the ERP now holds the limit.
        let again = CreditLimitRules.setManually(next, limit: K.money("650000.00"), by: "head-smirnov", reason: "r").0
        let (erpWins, c2) = CreditLimitRules.erpUpserted(again, contract: Self.contract("650000.00"))
        #expect(erpWins.source == .erp)
        #expect(c2?.oldLimit == K.money("650000.00"))
        #expect(c2?.newLimit == K.money("650000.00"))
    }

    @Test func aContractWithdrawnByTheERPWinsToo() {
        let erp = CreditLimitRules.erpUpserted(nil, contract: Self.contract("500000.00")).0
        let manual = CreditLimitRules.setManually(erp, limit: K.money("100.00"), by: "h", reason: "r").0
        let (next, change) = CreditLimitRules.erpUpserted(manual, contract: nil)
        #expect(next.effective == .zero)
        #expect(change?.oldLimit == K.money("100.00"))
    }

    @Test(arguments: [
        ("500000.00", "raise", "500000.00", "raise"),
        ("0", "stop credit", "0.00", "stop credit"),
        ("12.5", "  trimmed  ", "12.50", "trimmed"),
    ])
    func validRequests(_ limit: String, _ reason: String, _ money: String, _ kept: String) throws {
        let (m, r) = try CreditLimitRules.validate(creditLimit: limit, reason: reason)
        #expect(m == K.money(money))
        #expect(r == kept)
    }

    @Test(arguments: [
        ("-1.00", "r", "creditLimit: must not be negative, got -1.00"),
        ("1.005", "r", "creditLimit: invalid money amount \"1.005\": more than 2 fractional digits"),
        ("abc", "r", "creditLimit: invalid money amount \"abc\": expected a decimal with at most 2 fractional digits, like \"12500.00\""),
        ("100.00", "   ", "reason is required: say why the limit changes"),
    ])
    func invalidRequests(_ limit: String, _ reason: String, _ message: String) {
        #expect(throws: (any Error).self) { try CreditLimitRules.validate(creditLimit: limit, reason: reason) }
        do {
            _ = try CreditLimitRules.validate(creditLimit: limit, reason: reason)
        } catch {
            #expect("\(error)" == message)
        }
        #expect(throws: CreditLimitRules.InvalidRequest.missingReason) { try CreditLimitRules.validate(creditLimit: "1.00", reason: nil) }
    }
}
