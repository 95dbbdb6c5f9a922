import Contracts
import Testing
@testable import Orders

/// SPEC 5.2 steps 1–3: the first failing group decides and lists every failure of that group.
@Suite struct OrderChecksTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let order: OrderPlaced
        let client: ClientTerms?
        let book: PriceBook?
        let kind: String
        let codes: [String]
        var testDescription: String { name }
    }

    static let bothSkus = F.book(["MILK-1L": F.milkPrices, "KEFIR": ["70.00", "65.00"]])

    // MARK: group 1 — master data

    @Test(arguments: [
        Case(name: "unknown client", order: F.order(), client: nil, book: F.book(),
             kind: "missingMasterData", codes: ["UNKNOWN_CLIENT"]),
        Case(name: "no effective price list", order: F.order(), client: F.client(), book: nil,
             kind: "missingMasterData", codes: ["NO_PRICE_LIST"]),
        Case(name: "unknown client and no price list", order: F.order(), client: nil, book: nil,
             kind: "missingMasterData", codes: ["UNKNOWN_CLIENT", "NO_PRICE_LIST"]),
        Case(name: "one unknown SKU", order: F.order([F.line(1, "MILK-1L", 1), F.line(2, "X-1", 1)]),
             client: F.client(), book: F.book(), kind: "missingMasterData", codes: ["UNKNOWN_SKU"]),
        Case(name: "one UNKNOWN_SKU per distinct unknown SKU",
             order: F.order([F.line(1, "X-1", 1), F.line(2, "MILK-1L", 1), F.line(3, "X-2", 1), F.line(4, "X-1", 2)]),
             client: F.client(), book: F.book(), kind: "missingMasterData", codes: ["UNKNOWN_SKU", "UNKNOWN_SKU"]),
        Case(name: "unknown client and unknown SKU",
             order: F.order([F.line(1, "X-1", 1)]), client: nil, book: F.book(),
             kind: "missingMasterData", codes: ["UNKNOWN_CLIENT", "UNKNOWN_SKU"]),
        Case(name: "group 1 wins over group 2 (blocked, no contract, bad lines)",
             order: F.order([F.line(1, "X-1", 0), F.line(1, "MILK-1L", -1)]),
             client: F.client(status: .blocked, contract: nil), book: F.book(),
             kind: "missingMasterData", codes: ["UNKNOWN_SKU"]),
        Case(name: "group 1 wins over group 3 (discount above max)",
             order: F.order(discount: "10.00"), client: nil, book: F.book(),
             kind: "missingMasterData", codes: ["UNKNOWN_CLIENT"]),
    ])
    func masterData(_ c: Case) {
        let evaluation = OrderRules.evaluate(c.order, client: c.client, priceBook: c.book)
        #expect(evaluation.kind == c.kind)
        #expect(F.codes(evaluation.reasons) == c.codes)
    }

    @Test func unknownSkuReasonsNameEachSkuInOrderOfFirstAppearance() {
        let evaluation = OrderRules.evaluate(
            F.order([F.line(1, "X-2", 1), F.line(2, "X-1", 1), F.line(3, "X-2", 1)]), client: F.client(), priceBook: F.book())
        let messages = evaluation.reasons.map(\.message)
        #expect(messages.count == 2)
        #expect(messages.first?.contains("X-2") == true)
        #expect(messages.last?.contains("X-1") == true)
    }

    // MARK: group 2 — the order and the client's standing

    @Test(arguments: [
        Case(name: "empty lines", order: F.order([]), client: F.client(), book: F.book(),
             kind: "rejected", codes: ["INVALID_LINE"]),
        Case(name: "quantity 0", order: F.order([F.line(1, "MILK-1L", 0)]), client: F.client(), book: F.book(),
             kind: "rejected", codes: ["INVALID_LINE"]),
        Case(name: "negative quantity", order: F.order([F.line(1, "MILK-1L", -5)]), client: F.client(), book: F.book(),
             kind: "rejected", codes: ["INVALID_LINE"]),
        Case(name: "duplicate lineNo", order: F.order([F.line(1, "MILK-1L", 1), F.line(1, "KEFIR", 2)]),
             client: F.client(), book: bothSkus, kind: "rejected", codes: ["INVALID_LINE"]),
        Case(name: "two bad quantities are two reasons",
             order: F.order([F.line(1, "MILK-1L", 0), F.line(2, "KEFIR", -1)]),
             client: F.client(), book: bothSkus, kind: "rejected", codes: ["INVALID_LINE", "INVALID_LINE"]),
        Case(name: "duplicate line that also has quantity 0",
             order: F.order([F.line(1, "MILK-1L", 5), F.line(1, "KEFIR", 0)]),
             client: F.client(), book: bothSkus, kind: "rejected", codes: ["INVALID_LINE", "INVALID_LINE"]),
        Case(name: "client blocked", order: F.order(), client: F.client(status: .blocked), book: F.book(),
             kind: "rejected", codes: ["CLIENT_BLOCKED"]),
        Case(name: "no contract", order: F.order(), client: F.client(contract: nil), book: F.book(),
             kind: "rejected", codes: ["NO_CONTRACT"]),
        Case(name: "blocked and no contract", order: F.order(), client: F.client(status: .blocked, contract: nil),
             book: F.book(), kind: "rejected", codes: ["CLIENT_BLOCKED", "NO_CONTRACT"]),
        Case(name: "every group-2 failure at once",
             order: F.order([F.line(1, "MILK-1L", 0), F.line(1, "KEFIR", 3)]),
             client: F.client(status: .blocked, contract: nil), book: bothSkus,
             kind: "rejected", codes: ["INVALID_LINE", "INVALID_LINE", "CLIENT_BLOCKED", "NO_CONTRACT"]),
        Case(name: "empty lines, blocked, no contract", order: F.order([]),
             client: F.client(status: .blocked, contract: nil), book: F.book(),
             kind: "rejected", codes: ["INVALID_LINE", "CLIENT_BLOCKED", "NO_CONTRACT"]),
        Case(name: "group 2 wins over group 3", order: F.order(discount: "10.00"),
             client: F.client(status: .blocked), book: F.book(), kind: "rejected", codes: ["CLIENT_BLOCKED"]),
        Case(name: "a prospect with a contract is not blocked", order: F.order(),
             client: F.client(status: .prospect), book: F.book(), kind: "needsCreditCheck", codes: []),
    ])
    func orderAndClient(_ c: Case) {
        let evaluation = OrderRules.evaluate(c.order, client: c.client, priceBook: c.book)
        #expect(evaluation.kind == c.kind)
        #expect(F.codes(evaluation.reasons) == c.codes)
    }

    // MARK: group 3 — discount authority

    struct DiscountCase: Sendable, CustomTestStringConvertible {
        let requested: String?
        let max: String
        let kind: String
        let total: String
        var testDescription: String { "requested \(requested ?? "nil") vs max \(max)" }
    }

    @Test(arguments: [
        DiscountCase(requested: nil, max: "3.00", kind: "needsCreditCheck", total: "3800.00"),
        DiscountCase(requested: "0.00", max: "0.00", kind: "needsCreditCheck", total: "3800.00"),
        DiscountCase(requested: "2.99", max: "3.00", kind: "needsCreditCheck", total: "3686.38"),
        DiscountCase(requested: "3.00", max: "3.00", kind: "needsCreditCheck", total: "3686.00"),
        DiscountCase(requested: "3.01", max: "3.00", kind: "discountApprovalRequired", total: "3685.62"),
        DiscountCase(requested: "5.00", max: "3.00", kind: "discountApprovalRequired", total: "3610.00"),
        DiscountCase(requested: "0.01", max: "0.00", kind: "discountApprovalRequired", total: "3799.62"),
        DiscountCase(requested: "99.99", max: "3.00", kind: "discountApprovalRequired", total: "0.38"),
    ])
    func discount(_ c: DiscountCase) throws {
        let evaluation = OrderRules.evaluate(F.order(discount: c.requested),
                                             client: F.client(contract: F.contract(maxDiscount: c.max)), priceBook: F.book())
        #expect(evaluation.kind == c.kind)
        let priced = try #require(evaluation.priced)
        // Held or not, the order is priced at the requested discount.
        #expect(priced.total == F.money(c.total))
        #expect(priced.discountPercent == F.pct(c.requested ?? "0.00"))
        #expect(F.codes(evaluation.reasons) == (c.kind == "discountApprovalRequired" ? ["DISCOUNT_APPROVAL_REQUIRED"] : []))
    }

    @Test func discountHoldCarriesTheFullPricedOrder() {
        let evaluation = OrderRules.evaluate(F.order(discount: "5.00"), client: F.client(), priceBook: F.book())
        guard case let .discountApprovalRequired(priced, reasons) = evaluation else {
            Issue.record("expected a discount hold, got \(evaluation)")
            return
        }
        #expect(priced == PricedOrder(
            priceListId: "PL-2026-12", priceColumn: 2, discountPercent: F.pct("5.00"),
            lines: [PricedLine(lineNo: 1, sku: "MILK-1L", quantity: 40, unitPrice: F.money("95.00"),
                               lineTotal: F.money("3610.00"))],
            total: F.money("3610.00")))
        #expect(reasons.count == 1)
        #expect(reasons.first?.message.contains("5.00") == true)
        #expect(reasons.first?.message.contains("3.00") == true)
    }

    // MARK: size

    @Test("an order whose confirmation would not fit in one message is rejected with one reason")
    func tooLargeToConfirm() {
        let lines = (1...9_000).map { F.line($0, "MILK-1L", 1) }
        let evaluation = OrderRules.evaluate(F.order(lines), client: F.client(), priceBook: F.book())
        #expect(evaluation.kind == "rejected")
        #expect(evaluation.reasons.count == 1)
        #expect(evaluation.reasons.first?.message.hasPrefix("the order's 9000 lines would make a decision of about") == true)
        let fits = (1...5_000).map { F.line($0, "MILK-1L", 1) }
        #expect(OrderRules.evaluate(F.order(fits), client: F.client(), priceBook: F.book()).kind == "needsCreditCheck")
    }

    @Test("line problems are named up to 50, then counted")
    func manyBadLinesAreSummarised() {
        let lines = (1...120).map { F.line($0, "MILK-1L", 0) }
        let reasons = OrderRules.evaluate(F.order(lines), client: F.client(), priceBook: F.book()).reasons
        #expect(reasons.count == 51)
        #expect(reasons.last?.message == "and 70 more line problems")
    }
}
