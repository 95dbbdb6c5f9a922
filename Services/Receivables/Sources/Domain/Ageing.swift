import Contracts

/// Ageing buckets by days overdue (SPEC 5.3): 30 days is "1-30", 31 is "31-60".
public struct AgeingBuckets: Sendable, Equatable, Codable {
    public var notDue = Money.zero
    public var d1to30 = Money.zero
    public var d31to60 = Money.zero
    public var d61to90 = Money.zero
    public var over90 = Money.zero

    public init() {}

    /// The buckets' last days overdue, in order: notDue ≤ 0, "1-30" ≤ 30, "31-60" ≤ 60,
    /// "61-90" ≤ 90; "90+" is the rest. The store sums by these bounds in SQL.
    public static let upperBounds = [0, 30, 60, 90]

    /// Sums per bucket, in bucket order (notDue, 1-30, 31-60, 61-90, 90+).
    public init(sums: [Money]) {
        precondition(sums.count == Self.upperBounds.count + 1, "one sum per bucket")
        (notDue, d1to30, d31to60, d61to90, over90) = (sums[0], sums[1], sums[2], sums[3], sums[4])
    }

    public var total: Money { notDue + d1to30 + d31to60 + d61to90 + over90 }

    public mutating func add(_ amount: Money, daysOverdue: Int) {
        switch Self.upperBounds.firstIndex(where: { daysOverdue <= $0 }) {
        case 0: notDue += amount
        case 1: d1to30 += amount
        case 2: d31to60 += amount
        case 3: d61to90 += amount
        default: over90 += amount
        }
    }

    public static func of(_ state: LedgerState, asOf: BusinessDate) -> AgeingBuckets {
        var b = AgeingBuckets()
        for invoice in state.openInvoices { b.add(invoice.outstanding, daysOverdue: invoice.daysOverdue(on: asOf)) }
        return b
    }

    public static func + (a: AgeingBuckets, b: AgeingBuckets) -> AgeingBuckets {
        var r = a
        r.notDue += b.notDue
        r.d1to30 += b.d1to30
        r.d31to60 += b.d31to60
        r.d61to90 += b.d61to90
        r.over90 += b.over90
        return r
    }

    enum CodingKeys: String, CodingKey {
        case notDue, d1to30 = "1-30", d31to60 = "31-60", d61to90 = "61-90", over90 = "90+", total
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(notDue, forKey: .notDue)
        try c.encode(d1to30, forKey: .d1to30)
        try c.encode(d31to60, forKey: .d31to60)
        try c.encode(d61to90, forKey: .d61to90)
        try c.encode(over90, forKey: .over90)
        try c.encode(total, forKey: .total)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        notDue = try c.decode(Money.self, forKey: .notDue)
        d1to30 = try c.decode(Money.self, forKey: .d1to30)
        d31to60 = try c.decode(Money.self, forKey: .d31to60)
        d61to90 = try c.decode(Money.self, forKey: .d61to90)
        over90 = try c.decode(Money.self, forKey: .over90)
    }
}
