import Contracts

/// A client's credit risk: A low, B medium, C high, D critical.
public enum RiskClass: String, Codable, Sendable, CaseIterable {
    case a = "A", b = "B", c = "C", d = "D"
}

/// Points per input; the class follows from the total (see `RiskScoring`).
public struct RiskPoints: Encodable, Sendable, Equatable {
    public let lateness: Int
    public let punctuality: Int
    public let overdueDays: Int
    public let overdueAmount: Int
    public let total: Int

    public init(lateness: Int, punctuality: Int, overdueDays: Int, overdueAmount: Int) {
        self.lateness = lateness
        self.punctuality = punctuality
        self.overdueDays = overdueDays
        self.overdueAmount = overdueAmount
        total = lateness + punctuality + overdueDays + overdueAmount
    }
}

/// What the class was computed from, so a person can see why.
public struct RiskInputs: Encodable, Sendable, Equatable {
    /// The day receivables computed the payment discipline; null until it published any.
    @NullWhenAbsent public var disciplineAsOf: BusinessDate?
    public var settledInvoices: Int
    @NullWhenAbsent public var averageDaysLate: Decimal2?
    @NullWhenAbsent public var shareOnTimePct: Percent?
    /// The day the open invoices were judged on (today).
    public var asOf: BusinessDate
    public var overdueAmount: Money
    public var oldestOverdueDays: Int
    public var creditLimit: Money
    public var points: RiskPoints
    /// One line per input: its value and the points it gave.
    public var explanation: [String]
}

public struct RiskAssessment: Sendable, Equatable {
    public var riskClass: RiskClass
    public var inputs: RiskInputs
}

/// Point-based risk scoring (docs/decisions.md "Risk class"). Four inputs, each worth more
/// points the worse it is; no history counts as no penalty:
///
/// | input | 0 | 1 | 2 | 3 | 4 |
/// | --- | --- | --- | --- | --- | --- |
/// | average days paid late | none or ≤ 5 | ≤ 15 | ≤ 30 | > 30 | |
/// | share paid on time | none or ≥ 90 % | ≥ 70 % | ≥ 50 % | < 50 % | |
/// | oldest overdue invoice today | nothing overdue | | 1–15 days | 16–30 days | > 30 days |
/// | overdue amount vs credit limit | ≤ 10 % | ≤ 50 % | > 50 % (or any with limit 0) | | |
///
/// Total 0–1 → A, 2–4 → B, 5–7 → C, 8 or more → D.
public enum RiskScoring {
    public static func assess(discipline: PaymentDiscipline?, openInvoices: [OpenInvoice], creditLimit: Money,
                              on date: BusinessDate) -> RiskAssessment {
        let overdue = openInvoices.filter { $0.daysOverdue(on: date) > 0 }
        let overdueAmount = Money.sum(overdue.map(\.outstanding))
        let oldest = overdue.map { $0.daysOverdue(on: date) }.max() ?? 0
        let points = RiskPoints(lateness: latenessPoints(discipline?.averageDaysLate),
                                punctuality: punctualityPoints(discipline?.shareOnTimePct),
                                overdueDays: overdueDaysPoints(oldest),
                                overdueAmount: overdueAmountPoints(overdueAmount, limit: creditLimit))
        func pts(_ n: Int) -> String { n == 1 ? "1 point" : "\(n) points" }
        let explanation = [
            "average days paid late \(discipline?.averageDaysLate.map(\.description) ?? "unknown"): \(pts(points.lateness))",
            "share paid on time \(discipline?.shareOnTimePct.map { "\($0) %" } ?? "unknown"): \(pts(points.punctuality))",
            "oldest overdue invoice \(oldest) days: \(pts(points.overdueDays))",
            "overdue \(overdueAmount) against the limit \(creditLimit): \(pts(points.overdueAmount))",
            "total \(pts(points.total)): class \(riskClass(points: points.total).rawValue)",
        ]
        let inputs = RiskInputs(disciplineAsOf: discipline?.asOf, settledInvoices: discipline?.settledInvoices ?? 0,
                                averageDaysLate: discipline?.averageDaysLate, shareOnTimePct: discipline?.shareOnTimePct,
                                asOf: date, overdueAmount: overdueAmount, oldestOverdueDays: oldest, creditLimit: creditLimit,
                                points: points, explanation: explanation)
        return RiskAssessment(riskClass: riskClass(points: points.total), inputs: inputs)
    }

    static func latenessPoints(_ averageDaysLate: Decimal2?) -> Int {
        guard let days = averageDaysLate?.hundredths else { return 0 }
        switch days {
        case ...500: return 0
        case ...1_500: return 1
        case ...3_000: return 2
        default: return 3
        }
    }

    static func punctualityPoints(_ shareOnTime: Percent?) -> Int {
        guard let share = shareOnTime?.hundredths else { return 0 }
        switch share {
        case 9_000...: return 0
        case 7_000...: return 1
        case 5_000...: return 2
        default: return 3
        }
    }

    static func overdueDaysPoints(_ oldestOverdueDays: Int) -> Int {
        switch oldestOverdueDays {
        case ...0: return 0
        case ...15: return 2
        case ...30: return 3
        default: return 4
        }
    }

    /// Compared in whole kopecks: overdue ≤ ⌊limit / 10⌋ is the same as 10 × overdue ≤ limit.
    static func overdueAmountPoints(_ overdue: Money, limit: Money) -> Int {
        if overdue <= .zero || overdue.kopecks <= limit.kopecks / 10 { return 0 }
        return overdue.kopecks <= limit.kopecks / 2 ? 1 : 2
    }

    static func riskClass(points: Int) -> RiskClass {
        switch points {
        case ...1: return .a
        case ...4: return .b
        case ...7: return .c
        default: return .d
        }
    }
}
