import Contracts

/// Gives every contact need a working day within the daily caps (SPEC 5.4), highest priority
/// first, so that what does not fit is always of lower priority than what does:
/// - a first-day call goes to the earliest day with a free call slot (Monday, unless more
///   urgent calls than one day's cap: then they move on to Tuesday, …);
/// - any other contact goes to the day with the fewest contacts of its kind (earliest on a
///   tie), so the week is spread evenly and higher priorities come earlier; a visit avoids a
///   day on which the client is already called;
/// - a visit the week has no room for gives its folded routine call back as a call;
/// - the rest is reported as unscheduled, with why.
public enum WeekScheduler {
    public static func schedule(_ needs: [ContactNeed], days: [BusinessDate],
                                policy: ContactPolicy) -> (days: [DayPlan], unscheduled: [UnscheduledEntry]) {
        // Visits and calls have caps of their own. Any day takes any visit, so the visits that
        // fit are simply the first week-capacity of them by priority.
        let visits = needs.filter { $0.kind == .visit }.sorted(by: ContactNeed.before)
        let visitRoom = max(0, days.count * policy.visitsPerDay)
        let fittingVisits = Array(visits.prefix(visitRoom))
        let tooManyVisits = Array(visits.dropFirst(visitRoom))
        let fallbacks = tooManyVisits.filter { !$0.fallback.isEmpty }.map {
            ContactNeed(clientId: $0.clientId, kind: .call, reasons: $0.fallback, overdue: $0.overdue)
        }
        var week = Week(days: days, policy: policy)
        var unscheduled: [(ContactNeed, UnscheduledEntry)] = []
        for call in (needs.filter { $0.kind == .call } + fallbacks).sorted(by: ContactNeed.before) where !week.place(call) {
            unscheduled.append((call, Self.unscheduled(call, reasons: call.reasons, policy: policy, days: days.count)))
        }
        for visit in fittingVisits { _ = week.place(visit) }
        for visit in tooManyVisits {
            let own = visit.reasons.filter { !visit.fallback.contains($0) }
            unscheduled.append((visit, Self.unscheduled(visit, reasons: own, policy: policy, days: days.count,
                                                        note: visit.fallback.isEmpty ? "" : "; a call is planned instead")))
        }
        return (week.plans, unscheduled.sorted { ContactNeed.before($0.0, $1.0) }.map(\.1))
    }

    static func unscheduled(_ need: ContactNeed, reasons: [ContactReason], policy: ContactPolicy, days: Int,
                            note: String = "") -> UnscheduledEntry {
        let cap = policy.cap(need.kind)
        return UnscheduledEntry(clientId: need.clientId, kind: need.kind, reasons: reasons,
                                why: "all \(days * cap) \(need.kind.rawValue)s of the week (\(cap) a day) went to higher priorities\(note)")
    }

    /// The days being filled.
    struct Week {
        let days: [BusinessDate]
        let policy: ContactPolicy
        var placed: [[ContactNeed]]

        init(days: [BusinessDate], policy: ContactPolicy) {
            self.days = days
            self.policy = policy
            placed = days.map { _ in [] }
        }

        func load(_ day: Int, _ kind: ContactKind) -> Int { placed[day].filter { $0.kind == kind }.count }

        /// False when no day has room.
        mutating func place(_ need: ContactNeed) -> Bool {
            let open = days.indices.filter { load($0, need.kind) < policy.cap(need.kind) }
            let chosen: Int?
            if need.firstDay {
                chosen = open.first
            } else {
                chosen = open.min { a, b in
                    (clash(a, need), load(a, need.kind), a) < (clash(b, need), load(b, need.kind), b)
                }
            }
            guard let chosen else { return false }
            placed[chosen].append(need)
            return true
        }

        /// 1 when a visit would land on a day the client is already called.
        func clash(_ day: Int, _ need: ContactNeed) -> Int {
            need.kind == .visit && placed[day].contains { $0.clientId == need.clientId } ? 1 : 0
        }

        /// Each day's entries, highest priority first.
        var plans: [DayPlan] {
            days.indices.map { i in
                DayPlan(date: days[i], entries: placed[i].sorted(by: ContactNeed.before).map {
                    PlanEntry(clientId: $0.clientId, kind: $0.kind, reasons: $0.reasons)
                })
            }
        }
    }
}

/// The weekly contact plan of one KAM (SPEC 5.4), from its clients' facts.
public enum ContactPlanner {
    public static func plan(kamId: String, week: IsoWeek, clients: [PlanClient], policy: ContactPolicy) -> WeekPlan {
        let day = week.monday
        let needs = clients.flatMap { ContactRules.needs($0, on: day, policy: policy) }
        let (days, unscheduled) = WeekScheduler.schedule(needs, days: week.workingDays, policy: policy)
        return WeekPlan(kamId: kamId, week: week, asOf: day, days: days, unscheduled: unscheduled,
                        limits: .init(visitsPerDay: policy.visitsPerDay, callsPerDay: policy.callsPerDay))
    }
}
