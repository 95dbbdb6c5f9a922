import Contracts

/// The key clients of the simulated day: 24 clients of 4 KAMs, segments and tiers mixed.
enum Roster {
    static let kams = ["kam-ivanova", "kam-petrov", "kam-smirnova", "kam-kuznetsov"]

    /// The name of a client `kamctl simulate` created ("C-<run>-NN"), whichever run it was.
    static func name(ofClientId id: String) -> String? {
        let parts = id.split(separator: "-")
        guard parts.count == 3, parts[0] == "C", parts[2].count == 2, let number = Int(parts[2]) else { return nil }
        return clients.first { $0.number == number }?.name
    }

    /// What the client's past looks like, and what the day will test with it.
    enum Profile: Equatable {
        case regular
        /// One invoice left unpaid with days overdue in this range.
        case overdue(ClosedRange<Int>)
        /// A small limit the day's orders run into.
        case tight
        /// First invoice ever this month.
        case newClient
        case blocked
        case prospect
    }

    struct Client {
        let number: Int
        let name: String
        let segment: ClientSegment
        let tier: ClientTier
        let kamId: String
        let profile: Profile
        /// Contract terms; nil for the prospect without a contract.
        let limitRubles: Int64?
        let priceColumn: Int
        let maxDiscount: Int64
        let termDays: Int
        /// Share of the day's ordinary orders.
        let weight: Int

        var status: ClientStatus {
            switch profile {
            case .blocked: .blocked
            case .prospect: .prospect
            default: .active
            }
        }
    }

    private static func c(_ n: Int, _ name: String, _ segment: ClientSegment, _ tier: ClientTier, _ kam: Int,
                          _ profile: Profile, limit: Int64?, column: Int, maxDiscount: Int64, term: Int, weight: Int) -> Client {
        Client(number: n, name: name, segment: segment, tier: tier, kamId: kams[kam], profile: profile, limitRubles: limit,
               priceColumn: column, maxDiscount: maxDiscount, termDays: term, weight: weight)
    }

    static let clients: [Client] = [
        c(1, "ООО «Ромашка-Ритейл»", .retailChain, .a, 0, .regular, limit: 14_000_000, column: 3, maxDiscount: 500, term: 45, weight: 4),
        c(2, "АО «Продукты Подмосковья»", .retailChain, .a, 1, .regular, limit: 15_000_000, column: 4, maxDiscount: 500, term: 45, weight: 4),
        c(3, "ООО «Гастроном на Садовой»", .retailChain, .b, 2, .regular, limit: 1_600_000, column: 2, maxDiscount: 300, term: 30, weight: 2),
        c(4, "ООО «Свежий квартал»", .retailChain, .a, 3, .regular, limit: 13_000_000, column: 4, maxDiscount: 400, term: 45, weight: 4),
        c(5, "ИП Соколов А. В. (магазины у дома)", .other, .c, 0, .overdue(1...30), limit: 400_000, column: 1, maxDiscount: 200, term: 14, weight: 1),
        c(6, "ООО «Ресторанная группа Пряности»", .horeca, .a, 1, .regular, limit: 8_000_000, column: 3, maxDiscount: 300, term: 30, weight: 3),
        c(7, "ООО «Кафе Уют»", .horeca, .c, 2, .tight, limit: 30_000, column: 1, maxDiscount: 100, term: 14, weight: 1),
        c(8, "ГБУ «Комбинат питания Школьник»", .institution, .b, 3, .regular, limit: 1_400_000, column: 2, maxDiscount: 0, term: 30, weight: 2),
        c(9, "ООО «Столовая-Сервис»", .institution, .b, 0, .overdue(31...60), limit: 1_200_000, column: 2, maxDiscount: 100, term: 21, weight: 1),
        c(10, "ООО «Оптторг-Восток»", .wholesale, .a, 1, .regular, limit: 12_000_000, column: 5, maxDiscount: 500, term: 30, weight: 3),
        c(11, "ООО «Пекарня Хлебница»", .horeca, .b, 2, .regular, limit: 1_200_000, column: 2, maxDiscount: 300, term: 21, weight: 2),
        c(12, "ООО «Буфет-Плюс»", .institution, .b, 3, .tight, limit: 400_000, column: 2, maxDiscount: 100, term: 21, weight: 2),
        c(13, "ООО «Северный ветер» (кофейни)", .horeca, .b, 0, .newClient, limit: 1_000_000, column: 2, maxDiscount: 300, term: 30, weight: 2),
        c(14, "АО «Мега-Опт»", .wholesale, .a, 2, .regular, limit: 12_000_000, column: 5, maxDiscount: 500, term: 45, weight: 3),
        c(15, "ООО «Гриль-Хаус»", .horeca, .b, 3, .overdue(1...30), limit: 1_000_000, column: 2, maxDiscount: 200, term: 21, weight: 1),
        c(16, "ООО «Магнолия-Маркет»", .retailChain, .b, 0, .regular, limit: 1_600_000, column: 3, maxDiscount: 300, term: 30, weight: 2),
        c(17, "ООО «Санаторий Сосны»", .institution, .c, 1, .regular, limit: 500_000, column: 1, maxDiscount: 0, term: 30, weight: 1),
        c(18, "ООО «ФудОпт»", .wholesale, .b, 2, .newClient, limit: 1_800_000, column: 4, maxDiscount: 400, term: 30, weight: 2),
        c(19, "ООО «Домашняя кухня»", .horeca, .c, 3, .regular, limit: 400_000, column: 1, maxDiscount: 200, term: 14, weight: 1),
        c(20, "ООО «Старый склад»", .wholesale, .c, 1, .blocked, limit: 300_000, column: 1, maxDiscount: 0, term: 14, weight: 0),
        c(21, "ООО «Лавка у дома»", .other, .c, 0, .regular, limit: 350_000, column: 1, maxDiscount: 200, term: 14, weight: 1),
        c(22, "ООО «Семейный» (супермаркеты)", .retailChain, .b, 1, .regular, limit: 1_600_000, column: 3, maxDiscount: 300, term: 30, weight: 2),
        c(23, "ООО «Кейтеринг Про»", .horeca, .c, 3, .newClient, limit: 450_000, column: 2, maxDiscount: 200, term: 21, weight: 1),
        c(24, "ООО «Новый вкус»", .horeca, .b, 2, .prospect, limit: nil, column: 2, maxDiscount: 0, term: 0, weight: 0),
    ]

    /// Contract limits are sized for 300 orders a day; more orders get proportionally more
    /// room, except for the tight ones, which stay tight.
    static func upsert(_ client: Client, id: String, limitScale: Int64) -> ClientUpserted {
        let contract = client.limitRubles.map { limit in
            Contract(contractId: "D-\(id)", signedOn: try! BusinessDate(year: 2025, month: 3 + client.number % 9, day: 1 + client.number),
                     paymentTermDays: client.termDays,
                     creditLimit: Money(kopecks: limit * 100 * (client.profile == .tight ? 1 : limitScale)),
                     priceColumn: client.priceColumn, maxDiscountPercent: Percent(hundredths: client.maxDiscount))
        }
        return ClientUpserted(clientId: id, name: client.name, taxId: String(7_701_000_000 + client.number * 7_919),
                              kamId: client.kamId, segment: client.segment, tier: client.tier, status: client.status,
                              contract: contract)
    }
}
