import Contracts
import Foundation
import Testing
@testable import Planning

/// Per-client sales history and the returns analysis (SPEC 5.4).
@Suite struct HistoryAndReturnsTests {
    static let trails = OrderTrail.trails(outcomes: [
        P.outcome("O-1", "C-1", .confirmed, "2026-10-02"),
        P.outcome("O-2", "C-1", .held, "2026-10-03"),
        P.outcome("O-2", "C-1", .confirmed, "2026-11-02"),   // held in October, approved in November: October's
        P.outcome("O-3", "C-1", .held, "2026-11-05"),
        P.outcome("O-4", "C-1", .rejected, "2026-11-06"),
        P.outcome("O-5", "C-1", .held, "2026-11-07"),
        P.outcome("O-5", "C-1", .rejected, "2026-11-08"),
        P.outcome("O-6", "C-1", .confirmed, "2026-11-09"),
        P.outcome("O-9", "C-2", .confirmed, "2026-11-09"),    // another client
    ], cancellations: [
        OrderCancellation(orderId: "O-6", clientId: "C-1", on: P.date("2026-11-10")),   // confirmed, then cancelled
        OrderCancellation(orderId: "O-7", clientId: "C-1", on: P.date("2026-11-11")),   // cancelled before any decision
    ])

    static let documents = [
        P.inv("I-1", "C-1", "2026-10-02", "1000.00"),
        P.inv("I-2", "C-1", "2026-11-02", "3000.00"),
        P.cn("N-1", "C-1", "2026-11-03", "120.00", .return, lines: [("MILK-1L", 2)]),
        P.cn("N-2", "C-1", "2026-11-04", "80.00", .refusal),
        P.cn("N-3", "C-1", "2026-11-05", "30.00", .return),
        P.cn("N-4", "C-1", "2026-11-06", "50.00", .priceAdjustment),
        P.inv("I-9", "C-2", "2026-11-02", "7000.00"),
    ]

    @Test func monthlyHistoryOfOneClient() {
        let h = ClientHistoryRules.history(clientId: "C-1", kamId: "kam-ivanova", from: P.month("2026-09"), to: P.month("2026-11"),
                                           documents: Self.documents, trails: Self.trails)
        #expect(h.months.map(\.month.description) == ["2026-09", "2026-10", "2026-11"])
        let (september, october, november) = (h.months[0], h.months[1], h.months[2])
        #expect(september.turnover == .zero && september.orders == OrderCounts())
        #expect(october.invoiced == P.money("1000.00"))
        #expect(october.orders == OrderCounts(confirmed: 2, rejected: 0, cancelled: 0, onHold: 0, held: 1))
        #expect(november.invoiced == P.money("3000.00"))
        #expect(november.credited == P.money("280.00"))
        #expect(november.turnover == P.money("2720.00"))
        #expect(november.orders == OrderCounts(confirmed: 0, rejected: 2, cancelled: 2, onHold: 1, held: 2))
        #expect(november.returns == [
            ReasonTotal(reason: .return, count: 2, amount: P.money("150.00")),
            ReasonTotal(reason: .refusal, count: 1, amount: P.money("80.00")),
            ReasonTotal(reason: .shortage, count: 0, amount: .zero),
            ReasonTotal(reason: .regrading, count: 0, amount: .zero),
        ])
        #expect(november.priceAdjustments == CountedAmount(count: 1, amount: P.money("50.00")))
    }

    @Test func returnsByReasonClientAndSku() {
        let owners = KamAttribution([
            P.card("C-1", "kam-ivanova", on: "2026-01-10"),
            P.card("C-1", "kam-petrov", on: "2026-11-15"),
            P.card("C-2", "kam-petrov", on: "2026-01-10"),
        ])
        let docs = [
            P.inv("I-1", "C-1", "2026-11-02", "1000.00"),
            P.cn("N-1", "C-1", "2026-11-03", "100.00", .return, lines: [("MILK-1L", 10), ("BREAD", 4)]),
            P.cn("N-2", "C-1", "2026-11-20", "60.00", .shortage, lines: [("MILK-1L", 3)]),      // petrov's
            P.inv("I-2", "C-2", "2026-11-02", "2000.00"),
            P.cn("N-3", "C-2", "2026-11-04", "40.00", .regrading, lines: [("BREAD", 1)]),
            P.cn("N-4", "C-2", "2026-11-05", "25.00", .refusal),                               // no lines
            P.cn("N-5", "C-2", "2026-11-06", "500.00", .priceAdjustment, lines: [("MILK-1L", 100)]),
            P.cn("N-6", "C-2", "2026-12-01", "70.00", .return),                                // December
        ]
        let all = ReturnsRules.analysis(month: P.month("2026-11"), kamId: nil, documents: docs, owners: owners)
        #expect(all.invoiced == P.money("3000.00"))
        #expect(all.returns == CountedAmount(count: 4, amount: P.money("225.00")))
        #expect(all.sharePct == P.pct("7.50"))
        #expect(all.byReason.map { "\($0.reason.rawValue) \($0.count) \($0.amount) \($0.sharePct?.description ?? "null")" } == [
            "return 1 100.00 3.33", "refusal 1 25.00 0.83", "shortage 1 60.00 2.00", "regrading 1 40.00 1.33",
        ])
        #expect(all.byClient.map { "\($0.clientId) \($0.kamId ?? "-") \($0.count) \($0.amount)" } == [
            "C-1 kam-ivanova 1 100.00", "C-2 kam-petrov 2 65.00", "C-1 kam-petrov 1 60.00",
        ])
        #expect(all.byClient[1].byReason == [ReasonTotal(reason: .refusal, count: 1, amount: P.money("25.00")),
                                             ReasonTotal(reason: .regrading, count: 1, amount: P.money("40.00"))])
        #expect(all.bySku.map { "\($0.sku) \($0.quantity) \($0.creditNotes)" } == ["MILK-1L 13 2", "BREAD 5 2"])
        #expect(all.bySku[0].byReason == [.init(reason: .return, quantity: 10), .init(reason: .shortage, quantity: 3)])
        #expect(all.withoutLines == CountedAmount(count: 1, amount: P.money("25.00")))
        #expect(all.priceAdjustments == CountedAmount(count: 1, amount: P.money("500.00")))

        let petrov = ReturnsRules.analysis(month: P.month("2026-11"), kamId: "kam-petrov", documents: docs, owners: owners)
        #expect(petrov.invoiced == P.money("2000.00"))
        #expect(petrov.returns == CountedAmount(count: 3, amount: P.money("125.00")))
        #expect(petrov.sharePct == P.pct("6.25"))
        #expect(petrov.byClient.map(\.clientId) == ["C-2", "C-1"])
        #expect(petrov.bySku.map { "\($0.sku) \($0.quantity)" } == ["MILK-1L 3", "BREAD 1"])
    }

    @Test func theReturnsShareMatchesTheScorecards() {
        let owners = ActualsRulesTests.owners
        for kam in ["kam-ivanova", "kam-petrov"] {
            let analysis = ReturnsRules.analysis(month: P.month("2026-11"), kamId: kam, documents: ActualsRulesTests.documents,
                                                 owners: owners)
            let actuals = ActualsRules.actuals(month: P.month("2026-11"), documents: ActualsRulesTests.documents,
                                               firstInvoices: [:], outcomes: [], owners: owners)[kam] ?? .zero
            #expect(analysis.returns.amount == actuals.returns)
            #expect(analysis.sharePct == Rounding.percent(actuals.returns, of: actuals.invoiced))
        }
    }

    @Test func nothingInvoicedMeansNullShares() throws {
        let a = ReturnsRules.analysis(month: P.month("2026-11"), kamId: "kam-x", documents: [], owners: KamAttribution([]))
        let object = try #require(try JSONSerialization.jsonObject(with: try WireJSON.encoder().encode(a)) as? [String: Any])
        #expect(object["sharePct"] is NSNull)
        #expect(object["kamId"] as? String == "kam-x")
        #expect((object["byReason"] as? [[String: Any]])?.first?["sharePct"] is NSNull)
    }
}
