import Contracts

public enum ContactKind: String, WireEnum {
    case visit, call
}

/// Why a client is in the plan. Declared in SPEC 5.4's overflow priority, highest first:
/// overdue > on hold > declining > A > B > prospect > C.
public enum ContactReason: String, WireEnum, Comparable {
    case overdue
    case onHold = "on_hold"
    case declining
    case tierA = "tier_a"
    case tierB = "tier_b"
    case prospect
    case tierC = "tier_c"

    public var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: ContactReason, rhs: ContactReason) -> Bool { lhs.rank < rhs.rank }
}

/// The plan's rules and limits (README "Configuration"; SPEC 5.4 gives the numbers).
public struct ContactPolicy: Sendable, Equatable {
    public var visitsPerDay = 4
    public var callsPerDay = 12
    /// A prospect is called when nobody logged a contact with it in this many days before the week.
    public var prospectQuietDays = 14
    /// A tier C client is called when nobody logged a contact with it in this many days before the week.
    public var tierCQuietDays = 28
    /// Declining: the turnover of the last `decliningWindowDays` before the week fell more than
    /// `decliningDropPct` below that of the same span before it.
    public var decliningWindowDays = 28
    public var decliningDropPct = Percent(hundredths: 3000)

    public init(visitsPerDay: Int = 4, callsPerDay: Int = 12) {
        self.visitsPerDay = visitsPerDay
        self.callsPerDay = callsPerDay
    }

    public func cap(_ kind: ContactKind) -> Int { kind == .visit ? visitsPerDay : callsPerDay }
}

/// One visit or call in the week, and why.
public struct PlanEntry: Codable, Sendable, Equatable {
    public var clientId: String
    public var kind: ContactKind
    public var reasons: [ContactReason]

    public init(clientId: String, kind: ContactKind, reasons: [ContactReason]) {
        self.clientId = clientId
        self.kind = kind
        self.reasons = reasons
    }
}

public struct DayPlan: Codable, Sendable, Equatable {
    public var date: BusinessDate
    public var entries: [PlanEntry]
}

/// A contact the week had no room for: every day's cap of its kind was taken by higher priorities.
public struct UnscheduledEntry: Codable, Sendable, Equatable {
    public var clientId: String
    public var kind: ContactKind
    public var reasons: [ContactReason]
    public var why: String
}

/// `GET /schedules/{kamId}/{YYYY-Www}` (SPEC 5.4), with what did not fit and the limits used.
public struct WeekPlan: Codable, Sendable, Equatable {
    public struct Limits: Codable, Sendable, Equatable {
        public var visitsPerDay: Int
        public var callsPerDay: Int
    }

    public var kamId: String
    public var week: IsoWeek
    /// The day the plan judges overdue debt and contact recency on: the week's first working day.
    public var asOf: BusinessDate
    public var days: [DayPlan]
    public var unscheduled: [UnscheduledEntry]
    public var limits: Limits

    /// Every scheduled entry with its date, day by day.
    public var scheduled: [(date: BusinessDate, entry: PlanEntry)] {
        days.flatMap { day in day.entries.map { (day.date, $0) } }
    }
}
