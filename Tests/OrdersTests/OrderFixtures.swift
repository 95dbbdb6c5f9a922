import Contracts
import Foundation
@testable import Orders

/// Builders for the orders domain tests: values are written as the wire writes them.
enum F {
    static func money(_ text: String) -> Money { try! Money(parsing: text) }
    static func pct(_ text: String) -> Percent { try! Percent(parsing: text) }
    static func date(_ text: String) -> BusinessDate { try! BusinessDate(parsing: text) }
    static func prices(_ texts: [String]) -> [Money] { texts.map(money) }

    static let milkPrices = ["100.00", "95.00", "90.00", "85.00", "80.00"]
    static let t0 = Date(timeIntervalSince1970: 1_796_022_000) // 2026-11-30T07:00:00Z
    static let businessDate = date("2026-11-30")

    static func contract(priceColumn: Int = 2, maxDiscount: String = "3.00", creditLimit: String = "500000.00") -> Contract {
        Contract(contractId: "D-77", signedOn: date("2026-01-15"), paymentTermDays: 30, creditLimit: money(creditLimit),
                 priceColumn: priceColumn, maxDiscountPercent: pct(maxDiscount))
    }

    static func client(status: ClientStatus = .active, contract: Contract? = F.contract()) -> ClientTerms {
        ClientTerms(clientId: "C-1001", kamId: "kam-ivanova", status: status, contract: contract)
    }

    static func book(_ items: [String: [String]] = ["MILK-1L": milkPrices]) -> PriceBook {
        PriceBook(priceListId: "PL-2026-12", prices: items.mapValues(prices))
    }

    static func line(_ lineNo: Int, _ sku: String, _ quantity: Int64) -> OrderLine {
        OrderLine(lineNo: lineNo, sku: sku, quantity: quantity)
    }

    static func order(_ lines: [OrderLine] = [line(1, "MILK-1L", 40)], discount: String? = nil) -> OrderPlaced {
        OrderPlaced(orderId: "O-1", clientId: "C-1001", placedAt: t0, requestedDeliveryDate: date("2026-12-02"),
                    lines: lines, requestedDiscountPercent: discount.map(pct), comment: "к 9 утра")
    }

    static func codes(_ reasons: [Reason]) -> [String] { reasons.map(\.code) }
}

/// The evaluation reduced to what the tests compare: its kind and reason codes.
extension OrderEvaluation {
    var kind: String {
        switch self {
        case .missingMasterData: "missingMasterData"
        case .rejected: "rejected"
        case .discountApprovalRequired: "discountApprovalRequired"
        case .needsCreditCheck: "needsCreditCheck"
        }
    }

    var reasons: [Reason] {
        switch self {
        case .missingMasterData(let r), .rejected(let r), .discountApprovalRequired(_, let r): r
        case .needsCreditCheck: []
        }
    }

    var priced: PricedOrder? {
        switch self {
        case .discountApprovalRequired(let p, _), .needsCreditCheck(let p): p
        case .missingMasterData, .rejected: nil
        }
    }
}
