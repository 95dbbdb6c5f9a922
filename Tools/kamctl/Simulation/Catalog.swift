import Contracts

/// A food wholesaler's catalogue: 30 SKUs, list price (column 1) and four wholesale
/// columns at 97, 94, 91 and 88 % of it.
enum Catalog {
    struct Item {
        let sku: String
        let name: String
        let category: String
        /// Column 1 in kopecks.
        let listPrice: Int64
    }

    static let columnPercents: [Int64] = [100, 97, 94, 91, 88]

    static let items: [Item] = [
        Item(sku: "MILK-32-1L", name: "Молоко 3,2% 1 л", category: "dairy", listPrice: 8_990),
        Item(sku: "KEFIR-25-1L", name: "Кефир 2,5% 1 л", category: "dairy", listPrice: 8_450),
        Item(sku: "SMETANA-20-400G", name: "Сметана 20% 400 г", category: "dairy", listPrice: 13_900),
        Item(sku: "TVOROG-9-500G", name: "Творог 9% 500 г", category: "dairy", listPrice: 21_900),
        Item(sku: "BUTTER-82-180G", name: "Масло сливочное 82,5% 180 г", category: "dairy", listPrice: 19_900),
        Item(sku: "YOGURT-NAT-350G", name: "Йогурт натуральный 350 г", category: "dairy", listPrice: 7_490),
        Item(sku: "CHEESE-ROS-1KG", name: "Сыр Российский 1 кг", category: "dairy", listPrice: 74_900),
        Item(sku: "BREAD-BORO-400G", name: "Хлеб Бородинский 400 г", category: "bakery", listPrice: 5_990),
        Item(sku: "BATON-400G", name: "Батон нарезной 400 г", category: "bakery", listPrice: 4_990),
        Item(sku: "CROISSANT-6PC", name: "Круассаны 6 шт", category: "bakery", listPrice: 22_900),
        Item(sku: "LAVASH-200G", name: "Лаваш армянский 200 г", category: "bakery", listPrice: 4_500),
        Item(sku: "BUCKWHEAT-900G", name: "Гречка ядрица 900 г", category: "grocery", listPrice: 11_900),
        Item(sku: "RICE-LONG-900G", name: "Рис длиннозёрный 900 г", category: "grocery", listPrice: 10_900),
        Item(sku: "PASTA-PENNE-450G", name: "Макароны пенне 450 г", category: "grocery", listPrice: 8_900),
        Item(sku: "SUGAR-1KG", name: "Сахар 1 кг", category: "grocery", listPrice: 7_900),
        Item(sku: "FLOUR-2KG", name: "Мука пшеничная 2 кг", category: "grocery", listPrice: 10_900),
        Item(sku: "OIL-SUNFL-1L", name: "Масло подсолнечное 1 л", category: "grocery", listPrice: 13_900),
        Item(sku: "TEA-BLACK-100", name: "Чай чёрный 100 пак.", category: "grocery", listPrice: 24_900),
        Item(sku: "COFFEE-BEANS-1KG", name: "Кофе в зёрнах 1 кг", category: "grocery", listPrice: 149_000),
        Item(sku: "PELMENI-1KG", name: "Пельмени 1 кг", category: "frozen", listPrice: 44_900),
        Item(sku: "VARENIKI-CHERRY-900G", name: "Вареники с вишней 900 г", category: "frozen", listPrice: 32_900),
        Item(sku: "VEG-MIX-400G", name: "Овощная смесь 400 г", category: "frozen", listPrice: 14_900),
        Item(sku: "ICECREAM-PLOMBIR-80G", name: "Пломбир 80 г", category: "frozen", listPrice: 5_900),
        Item(sku: "POLLOCK-FILLET-1KG", name: "Минтай филе 1 кг", category: "frozen", listPrice: 38_900),
        Item(sku: "CHICKEN-FILLET-1KG", name: "Филе куриное 1 кг", category: "meat", listPrice: 42_900),
        Item(sku: "SAUSAGE-DOC-500G", name: "Колбаса Докторская 500 г", category: "meat", listPrice: 34_900),
        Item(sku: "JUICE-APPLE-1L", name: "Сок яблочный 1 л", category: "beverages", listPrice: 11_900),
        Item(sku: "WATER-MIN-15L", name: "Вода минеральная 1,5 л", category: "beverages", listPrice: 5_900),
        Item(sku: "CHOCOLATE-MILK-90G", name: "Шоколад молочный 90 г", category: "confectionery", listPrice: 8_900),
        Item(sku: "COOKIES-OAT-500G", name: "Печенье овсяное 500 г", category: "confectionery", listPrice: 12_900),
    ]

    /// SKUs the ERP still lets KAMs type in although they left the catalogue.
    static let discontinued = ["KEFIR-BIO-05L", "BAGUETTE-FR-250G", "CHEESE-GOUDA-5KG"]

    /// Price in kopecks of `item` in 1-based `column`, rounded half up.
    static func price(_ item: Item, column: Int) -> Int64 {
        (item.listPrice * columnPercents[column - 1] + 50) / 100
    }

    static func priceList(id: String, effectiveFrom: BusinessDate) -> PriceListPublished {
        PriceListPublished(priceListId: id, effectiveFrom: effectiveFrom, items: items.map { item in
            PriceListItem(sku: item.sku, name: item.name, category: item.category,
                          prices: (1...columnPercents.count).map { Money(kopecks: price(item, column: $0)) })
        })
    }
}
