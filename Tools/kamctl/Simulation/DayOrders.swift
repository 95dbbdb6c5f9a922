import Contracts
import ServiceKit
import Foundation

/// The day's OrderPlaced messages: mostly ordinary orders spread over the business day,
/// plus the cases the checks exist for.
enum DayOrders {
    enum Kind: String, CaseIterable {
        case ordinary, discountWithinContract, discountAboveContract, unknownSku, blockedClient, prospect, largeForTightLimit
    }

    struct Planned {
        let order: OrderPlaced
        let kind: Kind
        let client: Roster.Client
    }

    static func plan(count: Int, clients: [(spec: Roster.Client, id: String)], day: BusinessDate, calendar: TimeZone,
                     suffix: String, rng: inout SeededRandom) -> [Planned] {
        var kinds: [Kind] = []
        kinds += Array(repeating: .blockedClient, count: max(2, count / 100))
        kinds += Array(repeating: .prospect, count: max(2, count / 150))
        kinds += Array(repeating: .unknownSku, count: max(2, count / 100))
        kinds += Array(repeating: .discountAboveContract, count: max(3, count * 3 / 100))
        kinds += Array(repeating: .largeForTightLimit, count: max(2, count / 75))
        kinds = Array(kinds.prefix(count / 2))
        kinds += Array(repeating: .ordinary, count: count - kinds.count)
        kinds.shuffle(using: &rng)

        let ordinary = clients.filter { $0.spec.weight > 0 }
        let tight = clients.filter { $0.spec.profile == .tight }
        let blocked = clients.first { $0.spec.profile == .blocked }!
        let prospect = clients.first { $0.spec.profile == .prospect }!
        // Orders arrive between 08:00 and 19:00 company time.
        let opening = instant(day, hour: 8, in: calendar)
        let seconds = (0..<count).map { _ in rng.int(0...(11 * 3600 - 1)) }.sorted()

        return kinds.enumerated().map { index, kind in
            var kind = kind
            let client: (spec: Roster.Client, id: String)
            switch kind {
            case .blockedClient: client = blocked
            case .prospect: client = prospect
            case .largeForTightLimit: client = tight[index % tight.count]
            default: client = ordinary[rng.weighted(ordinary.map(\.spec.weight))]
            }
            var lines = makeLines(client.spec, rng: &rng, scale: kind == .largeForTightLimit ? 8 : 1)
            if kind == .unknownSku { lines[rng.int(0...(lines.count - 1))].sku = rng.pick(Catalog.discontinued) }
            var discount: Percent?
            if kind == .ordinary && client.spec.maxDiscount > 0 && rng.chance(0.12) { kind = .discountWithinContract }
            switch kind {
            case .discountWithinContract: discount = Percent(hundredths: Int64(rng.int(1...Int(client.spec.maxDiscount / 50))) * 50)
            case .discountAboveContract: discount = Percent(hundredths: client.spec.maxDiscount + Int64(rng.int(2...8)) * 50)
            default: break
            }
            let order = OrderPlaced(
                orderId: IdMaker.format("O", suffix, index + 1), clientId: client.id,
                placedAt: opening.addingTimeInterval(TimeInterval(seconds[index])),
                requestedDeliveryDate: day.adding(days: rng.chance(0.7) ? 1 : 2), lines: lines,
                requestedDiscountPercent: discount, comment: rng.chance(0.15) ? rng.pick(comments) : nil)
            return Planned(order: order, kind: kind, client: client.spec)
        }
    }

    static let comments = ["доставка до 10:00", "разгрузка с рампы", "звонить за час", "счёт-фактуру с грузом"]

    private static func makeLines(_ client: Roster.Client, rng: inout SeededRandom, scale: Int64) -> [OrderLine] {
        let count: Int
        switch client.segment {
        case .retailChain, .wholesale: count = rng.int(3...8)
        case .horeca: count = rng.int(2...6)
        case .institution: count = rng.int(2...5)
        case .other: count = rng.int(1...4)
        }
        let quantities: ClosedRange<Int64>
        switch client.tier {
        case .a: quantities = 10...120
        case .b: quantities = 5...60
        case .c: quantities = 2...25
        }
        return Catalog.items.shuffled(using: &rng).prefix(count).enumerated().map { n, item in
            OrderLine(lineNo: n + 1, sku: item.sku, quantity: rng.int64(quantities) * scale)
        }
    }

    /// `hour`:00 on `day` on the company's wall clock.
    static func instant(_ day: BusinessDate, hour: Int, minute: Int = 0, in zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: hour, minute: minute))!
    }
}
