/// `erp.pricelists.v1` — a whole catalogue with prices per column (SPEC §3).
public struct PriceListPublished: MessagePayload, Equatable {
    public static let messageType = "PriceListPublished"

    public var priceListId: String
    public var effectiveFrom: BusinessDate
    public var items: [PriceListItem]

    public init(priceListId: String, effectiveFrom: BusinessDate, items: [PriceListItem]) {
        self.priceListId = priceListId
        self.effectiveFrom = effectiveFrom
        self.items = items
    }

    public func validate() throws(ContractError) {
        try Check.nonEmpty(priceListId, "priceListId")
        for (index, item) in items.enumerated() {
            try item.validate(at: "items[\(index)]")
        }
    }
}

public struct PriceListItem: Codable, Sendable, Equatable {
    public var sku: String
    public var name: String
    public var category: String
    /// `prices[i]` is price-list column `i + 1`.
    public var prices: [Money]

    public init(sku: String, name: String, category: String, prices: [Money]) {
        self.sku = sku
        self.name = name
        self.category = category
        self.prices = prices
    }

    /// The price in a 1-based column, nil when the list has no such column.
    public func price(column: Int) -> Money? {
        prices.indices.contains(column - 1) ? prices[column - 1] : nil
    }

    func validate(at path: String) throws(ContractError) {
        try Check.nonEmpty(sku, "\(path).sku")
        if prices.isEmpty { throw ContractError("\(path).prices: must not be empty") }
        for (index, price) in prices.enumerated() {
            try Check.nonNegative(price, "\(path).prices[\(index)]")
        }
    }
}
