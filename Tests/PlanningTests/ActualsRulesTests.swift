import Contracts
import Testing
@testable import Planning

/// SPEC 5.4 monthly actuals per KAM, with a client reassigned in the middle of the month.
@Suite struct ActualsRulesTests {
    static let owners = KamAttribution([
        P.card("C-1", "kam-ivanova", on: "2026-01-10"),
        P.card("C-1", "kam-petrov", on: "2026-11-16"),     // reassigned mid-month
        P.card("C-2", "kam-ivanova", on: "2026-02-01", tier: .b),
        P.card("C-3", "kam-petrov", on: "2026-11-05", tier: .c),
        P.card("C-4", "kam-ivanova", on: "2026-11-20"),    // invoiced before its first upsert
    ])

    static let documents = [
        P.inv("INV-0", "C-1", "2026-10-31", "400.00"),
        P.inv("INV-1", "C-1", "2026-11-02", "1000.00"),
        P.inv("INV-2", "C-1", "2026-11-16", "500.00"),
        P.cn("CN-1", "C-1", "2026-11-20", "100.00", .return),
        P.inv("INV-3", "C-2", "2026-11-30", "2000.00"),
        P.cn("CN-2", "C-2", "2026-11-10", "50.00", .priceAdjustment),
        P.cn("CN-3", "C-2", "2026-11-12", "30.00", .shortage),
        P.inv("INV-4", "C-3", "2026-11-10", "300.00"),
        P.inv("INV-5", "C-4", "2026-11-03", "700.00"),
        P.inv("INV-6", "C-5", "2026-11-04", "999.00"),     // never upserted: nobody's
        P.inv("INV-7", "C-2", "2026-12-01", "800.00"),
    ]

    static let firsts: [String: BusinessDate] = [
        "C-1": P.date("2026-03-05"), "C-2": P.date("2026-02-10"), "C-3": P.date("2026-11-10"),
        "C-4": P.date("2026-11-03"), "C-5": P.date("2026-11-04"),
    ]

    static let outcomes = [
        P.outcome("O-1", "C-1", .held, "2026-11-10"),
        P.outcome("O-1", "C-1", .confirmed, "2026-11-11"),
        P.outcome("O-2", "C-1", .held, "2026-11-17"),
        P.outcome("O-3", "C-2", .rejected, "2026-11-05"),
        P.outcome("O-4", "C-3", .rejected, "2026-11-30"),
        P.outcome("O-5", "C-2", .held, "2026-10-31"),
    ]

    static func actuals(_ month: String = "2026-11") -> [String: MonthActuals] {
        ActualsRules.actuals(month: P.month(month), documents: documents, firstInvoices: firsts, outcomes: outcomes, owners: owners)
    }

    @Test func eachDocumentGoesToTheOwnerOnItsDate() {
        let a = Self.actuals()
        #expect(a["kam-ivanova"] == MonthActuals(turnover: P.money("3620.00"), invoiced: P.money("3700.00"), returns: P.money("30.00"),
                                                 activeClients: 3, newClients: 1, heldOrders: 1, rejectedOrders: 1))
        #expect(a["kam-petrov"] == MonthActuals(turnover: P.money("700.00"), invoiced: P.money("800.00"), returns: P.money("100.00"),
                                                activeClients: 2, newClients: 1, heldOrders: 1, rejectedOrders: 1))
        #expect(Set(a.keys) == ["kam-ivanova", "kam-petrov"])
    }

    @Test func turnoverOfOtherMonths() {
        let owners = Self.owners
        #expect(ActualsRules.turnover(month: P.month("2026-10"), documents: Self.documents, owners: owners) == ["kam-ivanova": P.money("400.00")])
        #expect(ActualsRules.turnover(month: P.month("2026-12"), documents: Self.documents, owners: owners) == ["kam-ivanova": P.money("800.00")])
        #expect(ActualsRules.turnover(month: P.month("2026-09"), documents: Self.documents, owners: owners).isEmpty)
    }

    @Test func aMonthWithoutFactsHasNoActuals() {
        #expect(Self.actuals("2026-06").isEmpty)
        #expect(Self.actuals("2026-10")["kam-ivanova"] == MonthActuals(
            turnover: P.money("400.00"), invoiced: P.money("400.00"), returns: .zero, activeClients: 1, newClients: 0,
            heldOrders: 1, rejectedOrders: 0))
    }

    @Test func aClientInvoicedByTwoKamsInAMonthIsActiveForBoth() {
        let a = Self.actuals()
        #expect(a["kam-ivanova"]?.activeClients == 3)
        #expect(a["kam-petrov"]?.activeClients == 2)
    }

    @Test func returnsAreTheFourReasonsNotPriceAdjustments() {
        let docs = [P.inv("I", "C-2", "2026-11-02", "1000.00")]
            + CreditNoteReason.allCases.enumerated().map { P.cn("CN-\($0.offset)", "C-2", "2026-11-03", "10.00", $0.element) }
        let a = ActualsRules.actuals(month: P.month("2026-11"), documents: docs, firstInvoices: [:], outcomes: [], owners: Self.owners)
        #expect(a["kam-ivanova"]?.returns == P.money("40.00"))
        #expect(a["kam-ivanova"]?.turnover == P.money("950.00"))
    }
}
