import Contracts
import Foundation

/// ERP master data and orders used by the end-to-end scenarios.
enum Fixtures {
    static let placedAt = WireJSON.parseTimestamp("2026-11-30T07:15:00Z")!
    static let day = try! BusinessDate(parsing: "2026-11-30")

    static func client(_ id: String, kam: String, limit: String, column: Int = 2, maxDiscount: String = "3.00",
                       status: ClientStatus = .active, contract: Bool = true, tier: ClientTier = .a) -> ClientUpserted {
        ClientUpserted(clientId: id, name: "Client \(id)", taxId: "7701234567", kamId: kam, segment: .retailChain, tier: tier,
                       status: status,
                       contract: contract ? Contract(contractId: "D-\(id)", signedOn: try! BusinessDate(parsing: "2026-01-15"),
                                                     paymentTermDays: 30, creditLimit: try! Money(parsing: limit), priceColumn: column,
                                                     maxDiscountPercent: try! Percent(parsing: maxDiscount)) : nil)
    }

    static let priceList = PriceListPublished(
        priceListId: "PL-2026-11", effectiveFrom: try! BusinessDate(parsing: "2026-11-01"),
        items: [
            PriceListItem(sku: "MILK-1L", name: "Молоко 1 л", category: "dairy",
                          prices: ["100.00", "95.00", "90.00", "85.00", "80.00"].map { try! Money(parsing: $0) }),
            PriceListItem(sku: "BREAD", name: "Хлеб", category: "bakery",
                          prices: ["50.00", "48.00", "46.00", "44.00", "42.00"].map { try! Money(parsing: $0) }),
        ])

    static func order(_ id: String, client: String, _ lines: [(String, Int64)], discount: String? = nil,
                      placedAt: Date = Fixtures.placedAt) -> OrderPlaced {
        OrderPlaced(orderId: id, clientId: client, placedAt: placedAt, requestedDeliveryDate: try! BusinessDate(parsing: "2026-12-02"),
                    lines: lines.enumerated().map { OrderLine(lineNo: $0.offset + 1, sku: $0.element.0, quantity: $0.element.1) },
                    requestedDiscountPercent: discount.map { try! Percent(parsing: $0) })
    }
}
