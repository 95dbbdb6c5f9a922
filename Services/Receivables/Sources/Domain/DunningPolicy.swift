/// Dunning levels by days overdue (SPEC 5.3): level n is reached when the oldest overdue
/// invoice is at least `thresholds[n − 1]` days past its due date. Default 1, 15, 30.
public struct DunningPolicy: Sendable, Equatable {
    public let thresholds: [Int]

    public static let standard = DunningPolicy(unchecked: [1, 15, 30])
    /// More levels than this are not a collection process but a calendar.
    public static let maxLevels = 9

    init(unchecked thresholds: [Int]) { self.thresholds = thresholds }

    /// "1,15,30": 1 to 9 whole days (1…3650), strictly increasing. The error says what is wrong.
    public init(parsing text: String) throws(DunningPolicyError) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.filter { !$0.isWhitespace } }
        var days: [Int] = []
        for part in parts {
            guard let n = Int(part), (1...3650).contains(n) else {
                throw DunningPolicyError("\"\(part)\" is not a whole number of days in 1...3650")
            }
            days.append(n)
        }
        guard (1...Self.maxLevels).contains(days.count) else { throw DunningPolicyError("give 1 to \(Self.maxLevels) levels") }
        guard zip(days, days.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw DunningPolicyError("the days must rise from level to level")
        }
        thresholds = days
    }

    public var highestLevel: Int { thresholds.count }

    /// The level a client with its oldest overdue invoice `daysOverdue` days late is at (0: none).
    public func level(daysOverdue: Int) -> Int {
        thresholds.lastIndex { daysOverdue >= $0 }.map { $0 + 1 } ?? 0
    }

    public var description: String { thresholds.map(String.init).joined(separator: ",") }
}

public struct DunningPolicyError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
