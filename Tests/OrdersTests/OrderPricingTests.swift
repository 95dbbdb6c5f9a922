import Contracts
import Testing
@testable import Orders

/// SPEC 5.1: unit price from the contract's price column;
/// lineTotal = round_half_up(unitPrice × qty × (100 − d) / 100, 2); total = Σ lineTotal.
@Suite struct OrderPricingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let prices: [String]
        let column: Int
        let quantity: Int64
        let discount: String?
        let unitPrice: String
        let lineTotal: String
        var testDescription: String { name }
    }

    @Test(arguments: [
        Case(name: "SPEC example, column 2, no discount", prices: F.milkPrices, column: 2, quantity: 40, discount: nil,
             unitPrice: "95.00", lineTotal: "3800.00"),
        Case(name: "explicit 0.00 discount", prices: F.milkPrices, column: 2, quantity: 40, discount: "0.00",
             unitPrice: "95.00", lineTotal: "3800.00"),
        Case(name: "SPEC example at 3.00 %", prices: F.milkPrices, column: 2, quantity: 40, discount: "3.00",
             unitPrice: "95.00", lineTotal: "3686.00"),
        Case(name: "column 1", prices: F.milkPrices, column: 1, quantity: 1, discount: nil,
             unitPrice: "100.00", lineTotal: "100.00"),
        Case(name: "last column 5", prices: F.milkPrices, column: 5, quantity: 3, discount: nil,
             unitPrice: "80.00", lineTotal: "240.00"),
        Case(name: "SPEC 5 % example (3610.00)", prices: F.milkPrices, column: 2, quantity: 40, discount: "5.00",
             unitPrice: "95.00", lineTotal: "3610.00"),
        Case(name: "exactly half a kopeck rounds up: 10.05 × 1 × 50 % = 5.025", prices: ["10.05"], column: 1,
             quantity: 1, discount: "50.00", unitPrice: "10.05", lineTotal: "5.03"),
        Case(name: "half a kopeck: 0.15 × 1 × 90 % = 0.135", prices: ["0.15"], column: 1, quantity: 1,
             discount: "10.00", unitPrice: "0.15", lineTotal: "0.14"),
        Case(name: "half a kopeck on the smallest price: 0.01 × 50 % = 0.005", prices: ["0.01"], column: 1,
             quantity: 1, discount: "50.00", unitPrice: "0.01", lineTotal: "0.01"),
        Case(name: "just below half rounds down: 0.01 × 49.99 % = 0.004999", prices: ["0.01"], column: 1,
             quantity: 1, discount: "50.01", unitPrice: "0.01", lineTotal: "0.00"),
        Case(name: "33.33 × 3 × 97.5 % = 97.49025", prices: ["33.33", "30.00"], column: 1, quantity: 3,
             discount: "2.50", unitPrice: "33.33", lineTotal: "97.49"),
        Case(name: "19.99 × 7 × 87.65 % = 122.648645", prices: ["25.00", "19.99"], column: 2, quantity: 7,
             discount: "12.35", unitPrice: "19.99", lineTotal: "122.65"),
        Case(name: "10.00 × 3 × 66.67 % = 20.001", prices: ["10.00"], column: 1, quantity: 3,
             discount: "33.33", unitPrice: "10.00", lineTotal: "20.00"),
        Case(name: "large quantity stays exact", prices: F.milkPrices, column: 4, quantity: 1_000_000,
             discount: "0.01", unitPrice: "85.00", lineTotal: "84991500.00"),
        Case(name: "zero price", prices: ["0.00"], column: 1, quantity: 10, discount: nil,
             unitPrice: "0.00", lineTotal: "0.00"),
    ])
    func singleLine(_ c: Case) throws {
        let evaluation = OrderRules.evaluate(
            F.order([F.line(1, "SKU-1", c.quantity)], discount: c.discount),
            client: F.client(contract: F.contract(priceColumn: c.column, maxDiscount: "99.99")),
            priceBook: F.book(["SKU-1": c.prices]))
        let priced = try #require(evaluation.priced, "\(evaluation)")
        #expect(evaluation.kind == "needsCreditCheck")
        #expect(priced == PricedOrder(
            priceListId: "PL-2026-12", priceColumn: c.column, discountPercent: F.pct(c.discount ?? "0.00"),
            lines: [PricedLine(lineNo: 1, sku: "SKU-1", quantity: c.quantity, unitPrice: F.money(c.unitPrice),
                               lineTotal: F.money(c.lineTotal))],
            total: F.money(c.lineTotal)))
    }

    @Test func totalIsTheSumOfRoundedLines() throws {
        // Each line is 0.005 → 0.01; rounding the sum instead would give 0.01, not 0.02.
        let evaluation = OrderRules.evaluate(
            F.order([F.line(1, "GUM", 1), F.line(2, "GUM-2", 1)], discount: "50.00"),
            client: F.client(contract: F.contract(priceColumn: 1, maxDiscount: "50.00")),
            priceBook: F.book(["GUM": ["0.01"], "GUM-2": ["0.01"]]))
        let priced = try #require(evaluation.priced)
        #expect(priced.lines.map(\.lineTotal) == [F.money("0.01"), F.money("0.01")])
        #expect(priced.total == F.money("0.02"))
    }

    @Test func multiLineOrderKeepsLineOrderAndSums() throws {
        let evaluation = OrderRules.evaluate(
            F.order([F.line(3, "MILK-1L", 40), F.line(1, "KEFIR", 7), F.line(2, "MILK-1L", 1)], discount: "2.50"),
            client: F.client(),
            priceBook: F.book(["MILK-1L": F.milkPrices, "KEFIR": ["70.00", "64.99", "60.00"]]))
        let priced = try #require(evaluation.priced)
        #expect(evaluation.kind == "needsCreditCheck")
        #expect(priced.lines == [
            PricedLine(lineNo: 3, sku: "MILK-1L", quantity: 40, unitPrice: F.money("95.00"), lineTotal: F.money("3705.00")),
            PricedLine(lineNo: 1, sku: "KEFIR", quantity: 7, unitPrice: F.money("64.99"), lineTotal: F.money("443.56")), // 443.55675
            PricedLine(lineNo: 2, sku: "MILK-1L", quantity: 1, unitPrice: F.money("95.00"), lineTotal: F.money("92.63")), // 92.625
        ])
        #expect(priced.total == F.money("4241.19"))
        #expect(priced.discountPercent == F.pct("2.50"))
        #expect(priced.priceColumn == 2)
        #expect(priced.priceListId == "PL-2026-12")
    }

    @Test func priceColumnMissingForTheSkuRejectsWithNoPriceList() {
        // The contract wants column 4 but this SKU has only 2 columns.
        let evaluation = OrderRules.evaluate(
            F.order([F.line(1, "MILK-1L", 40), F.line(2, "SHORT", 1)]),
            client: F.client(contract: F.contract(priceColumn: 4)),
            priceBook: F.book(["MILK-1L": F.milkPrices, "SHORT": ["1.00", "2.00"]]))
        #expect(evaluation.kind == "rejected")
        #expect(F.codes(evaluation.reasons) == ["NO_PRICE_LIST"])
    }

    @Test func overflowingLineIsAnInvalidLineNotACrash() {
        let evaluation = OrderRules.evaluate(
            F.order([F.line(1, "MILK-1L", Int64.max)]), client: F.client(), priceBook: F.book())
        #expect(evaluation.kind == "rejected")
        #expect(F.codes(evaluation.reasons) == ["INVALID_LINE"])
    }
}
