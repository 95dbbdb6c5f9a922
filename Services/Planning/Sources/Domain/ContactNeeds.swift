import Contracts

/// What the plan knows about one client of the KAM, judged on the week's first working day.
public struct PlanClient: Sendable, Equatable {
    public var clientId: String
    public var tier: ClientTier
    public var status: ClientStatus
    /// Outstanding past its due date on the plan's day; zero when nothing is overdue.
    public var overdue: Money
    public var openHolds: Int
    /// The latest logged contact (any kind, by anyone) before the week.
    public var lastContact: BusinessDate?
    /// Turnover (invoices − credit notes) of the window just before the week and of the one before it.
    public var recentTurnover: Money
    public var earlierTurnover: Money

    public init(clientId: String, tier: ClientTier, status: ClientStatus = .active, overdue: Money = .zero,
                openHolds: Int = 0, lastContact: BusinessDate? = nil, recentTurnover: Money = .zero,
                earlierTurnover: Money = .zero) {
        self.clientId = clientId
        self.tier = tier
        self.status = status
        self.overdue = overdue
        self.openHolds = openHolds
        self.lastContact = lastContact
        self.recentTurnover = recentTurnover
        self.earlierTurnover = earlierTurnover
    }

    /// The client's facts as the plan judges them on `day` (the week's first working day).
    /// - Parameters:
    ///   - snapshot: receivables' latest open items of the client (what is known now).
    ///   - trails: the client's orders.
    ///   - documents: the client's invoices and credit notes (those outside the two windows are ignored).
    public static func judged(_ card: ClientCard, on day: BusinessDate, snapshot: OpenItemsSnapshot?, trails: [OrderTrail],
                              lastContact: BusinessDate?, documents: [SalesDocument], policy: ContactPolicy) -> PlanClient {
        let window = policy.decliningWindowDays
        func turnover(from: Int, to: Int) -> Money {
            let range = day.adding(days: -from)...day.adding(days: -to)
            return Money.sum(documents.filter { range.contains($0.date) }.map(\.turnover))
        }
        return PlanClient(clientId: card.clientId, tier: card.tier, status: card.status,
                          overdue: snapshot?.overdue(on: day) ?? .zero,
                          openHolds: trails.filter(\.isOpenHold).count,
                          lastContact: lastContact.flatMap { $0 < day ? $0 : nil },
                          recentTurnover: turnover(from: window, to: 1),
                          earlierTurnover: turnover(from: 2 * window, to: window + 1))
    }
}

/// A contact the client needs this week, before it is given a day.
public struct ContactNeed: Sendable, Equatable {
    public var clientId: String
    public var kind: ContactKind
    /// Highest priority first.
    public var reasons: [ContactReason]
    /// Overdue debt and holds are called on the week's first working day.
    public var firstDay: Bool
    /// Orders equal priorities: the larger debt is called first.
    public var overdue: Money
    /// Routine call reasons a visit covers; when no visit fits they become a call of their own.
    public var fallback: [ContactReason]

    public init(clientId: String, kind: ContactKind, reasons: [ContactReason], firstDay: Bool = false,
                overdue: Money = .zero, fallback: [ContactReason] = []) {
        self.clientId = clientId
        self.kind = kind
        self.reasons = reasons
        self.firstDay = firstDay
        self.overdue = overdue
        self.fallback = fallback
    }

    var priority: ContactReason { reasons[0] }

    /// Overflow order (SPEC 5.4): the highest reason; then the larger overdue debt, the more
    /// reasons, the client id — so a plan is the same for the same facts.
    static func before(_ a: ContactNeed, _ b: ContactNeed) -> Bool {
        if a.priority != b.priority { return a.priority < b.priority }
        let debtA = a.reasons.contains(.overdue) ? a.overdue : .zero
        let debtB = b.reasons.contains(.overdue) ? b.overdue : .zero
        if debtA != debtB { return debtA > debtB }
        if a.reasons.count != b.reasons.count { return a.reasons.count > b.reasons.count }
        return (a.clientId, a.kind.rawValue) < (b.clientId, b.kind.rawValue)
    }
}

/// SPEC 5.4's reasons for a contact, turned into at most one call and one visit per client.
public enum ContactRules {
    /// - Overdue debt or an open hold: a call on the first working day.
    /// - Declining turnover, tier A: a visit.
    /// - Tier B; a prospect quiet for 14 days; a tier C client quiet for 28: a routine call,
    ///   folded into the first-day call or into the visit when there is one (a KAM does not
    ///   call a client it visits the same week), else a call of its own.
    /// Tiers and decline apply to active clients; a prospect is called as a prospect; a blocked
    /// client only about its debt and holds.
    public static func needs(_ client: PlanClient, on day: BusinessDate, policy: ContactPolicy) -> [ContactNeed] {
        var urgent: [ContactReason] = []
        if client.overdue > .zero { urgent.append(.overdue) }
        if client.openHolds > 0 { urgent.append(.onHold) }

        var visit: [ContactReason] = []
        var routine: [ContactReason] = []
        switch client.status {
        case .active:
            if isDeclining(client, policy: policy) { visit.append(.declining) }
            switch client.tier {
            case .a: visit.append(.tierA)
            case .b: routine.append(.tierB)
            case .c: if isQuiet(client, days: policy.tierCQuietDays, on: day) { routine.append(.tierC) }
            }
        case .prospect:
            if isQuiet(client, days: policy.prospectQuietDays, on: day) { routine.append(.prospect) }
        case .blocked:
            break
        }

        var needs: [ContactNeed] = []
        if !urgent.isEmpty {
            needs.append(ContactNeed(clientId: client.clientId, kind: .call, reasons: urgent + routine, firstDay: true,
                                     overdue: client.overdue))
            routine = []
        }
        if !visit.isEmpty {
            needs.append(ContactNeed(clientId: client.clientId, kind: .visit, reasons: visit + routine,
                                     overdue: client.overdue, fallback: routine))
        } else if !routine.isEmpty {
            needs.append(ContactNeed(clientId: client.clientId, kind: .call, reasons: routine, overdue: client.overdue))
        }
        return needs
    }

    /// No logged contact in the `days` days before `day`.
    static func isQuiet(_ client: PlanClient, days: Int, on day: BusinessDate) -> Bool {
        guard let last = client.lastContact else { return true }
        return day.days(since: last) > days
    }

    /// recent < earlier × (100 − drop) ÷ 100, for an earlier turnover above zero.
    static func isDeclining(_ client: PlanClient, policy: ContactPolicy) -> Bool {
        let earlier = client.earlierTurnover.kopecks
        guard earlier > 0 else { return false }
        let keep = Percent.hundred.hundredths - policy.decliningDropPct.hundredths
        // recent × 100.00 % < earlier × keep, exact in 128 bits (high word signed, low unsigned).
        let recent = client.recentTurnover.kopecks.multipliedFullWidth(by: Percent.hundred.hundredths)
        let threshold = earlier.multipliedFullWidth(by: keep)
        return (recent.high, recent.low) < (threshold.high, threshold.low)
    }
}
